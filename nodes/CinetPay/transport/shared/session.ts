/**
 * The session rules both platforms share; each platform's session.ts says when its token is fresh
 * and how it logs in. A token is bound to the account that obtained it (a digest of base URL, API
 * key and password, never the secrets): n8n keeps hidden fields when a credential is edited, and a
 * token of the old account must never be used, or sent to a new base URL. One fresh login is shared
 * by everything this n8n process runs at that moment, and the latest one is remembered for calls
 * that read the credential before n8n stored it. Used by the credentials' preAuthentication, so it
 * may only use `helpers.httpRequest` and must not depend on a node.
 */
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

/** The session fields a credential stores beside the API key and password. */
export type StoredSessionFields = {
	sessionToken: string;
	sessionIssuedAt: number;
	/** The digest of the account that obtained the token (see SessionSharing.accountOf). */
	sessionAccount: string;
};

export interface SessionRules<S extends StoredSessionFields> {
	/** The base URL the credential calls; throws when it is invalid. */
	baseUrlOf(credentials: ICredentialDataDecryptedObject): string;
	/** Whether the stored token is young enough to use at `now` (the account is checked apart). */
	isTimely(credentials: ICredentialDataDecryptedObject, now: number): boolean;
	/** The session fields, blank: n8n then runs preAuthentication (a login) before the request. */
	blank: S;
	/** The request carrying `token` where the platform reads it (v1: the query string; 2026: Bearer). */
	authorize(request: IHttpRequestOptions, token: string): IHttpRequestOptions;
}

export class SessionSharing<S extends StoredSessionFields> {
	/**
	 * Logins in flight in this process, by account. Executions, items and trigger calls that find
	 * no token (or a stale one) at the same moment share one login instead of each logging in: at
	 * a renewal, a busy worker or webhook processor would otherwise log in once per request.
	 */
	private readonly loginsInFlight = new Map<string, Promise<S>>();

	/**
	 * The last session this process obtained, by account. n8n stores a new token with the
	 * credential only after the login answered, through the database; a request that read the
	 * credential just before that would log in again (see recentSession).
	 */
	private readonly recentSessions = new Map<string, S>();

	/** Who waits for the next login of an account (a run session's other calls, during its renewal). */
	private readonly loginListeners = new Map<string, Set<(session: S) => void>>();

	constructor(private readonly rules: SessionRules<S>) {}

	/** The base URL the credential calls; throws a CinetPayLoginError when it is invalid. */
	baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
		return this.rules.baseUrlOf(credentials);
	}

	/**
	 * The digest of each credential object this process computed, with what it was computed from: a
	 * run's calls ask for it about three times per call with the same object (its key, password and
	 * base URL do not change during the run). Kept only while the object lives.
	 */
	private readonly digests = new WeakMap<
		ICredentialDataDecryptedObject,
		{ from: [unknown, unknown, unknown]; digest: string }
	>();

	/** A digest of base URL + API key + password: which account a session belongs to. */
	accountOf(credentials: ICredentialDataDecryptedObject): string {
		const from: [unknown, unknown, unknown] = [
			credentials.baseUrl,
			credentials.apiKey,
			credentials.password,
		];
		const known = this.digests.get(credentials);
		if (known && known.from.every((value, index) => value === from[index])) return known.digest;
		let baseUrl: string;
		try {
			baseUrl = this.baseUrlOf(credentials);
		} catch {
			baseUrl = String(credentials.baseUrl ?? '');
		}
		const account = JSON.stringify([
			baseUrl,
			String(credentials.apiKey ?? ''),
			String(credentials.password ?? ''),
		]);
		const digest = createHash('sha256').update(account).digest('hex').slice(0, 32);
		this.digests.set(credentials, { from, digest });
		return digest;
	}

	/** Whether the stored token was obtained with the credential's current key, password and URL. */
	isOfAccount(credentials: ICredentialDataDecryptedObject): boolean {
		return (
			typeof credentials.sessionAccount === 'string' &&
			credentials.sessionAccount !== '' &&
			credentials.sessionAccount === this.accountOf(credentials)
		);
	}

	/** Whether the stored token can be used as it is: of this very account, and timely. */
	isFresh(credentials: ICredentialDataDecryptedObject, now = Date.now()): boolean {
		return (
			this.isOfAccount(credentials) &&
			typeof credentials.sessionToken === 'string' &&
			credentials.sessionToken !== '' &&
			this.rules.isTimely(credentials, now)
		);
	}

	/**
	 * Logs in through `logIn` — unless a login of this account is already in flight, then its
	 * result is shared — and returns the session fields. n8n stores them with the credential.
	 */
	async create(
		credentials: ICredentialDataDecryptedObject,
		logIn: (baseUrl: string) => Promise<Omit<S, 'sessionAccount'>>,
	): Promise<IDataObject> {
		const baseUrl = this.baseUrlOf(credentials);
		const account = this.accountOf(credentials);
		let login = this.loginsInFlight.get(account);
		if (!login) {
			const started = logIn(baseUrl).then((fields) => {
				const session = { ...fields, sessionAccount: account } as S;
				this.recentSessions.set(account, session);
				for (const listener of [...(this.loginListeners.get(account) ?? [])]) listener(session);
				return session;
			});
			login = started;
			this.loginsInFlight.set(account, started);
			const forget = () => {
				if (this.loginsInFlight.get(account) === started) this.loginsInFlight.delete(account);
			};
			started.then(forget, forget);
		}
		const session: IDataObject = { ...(await login) };
		return session;
	}

	/**
	 * A session this process obtained for the credential's account that is fresher than the one
	 * the credential holds, if any; never the credential's own token (it may have just been
	 * rejected).
	 */
	recentSession(credentials: ICredentialDataDecryptedObject, now = Date.now()): S | undefined {
		// Only to replace a stale token: a credential without one is new or was just cleared.
		if (typeof credentials.sessionToken !== 'string' || credentials.sessionToken === '')
			return undefined;
		const recent = this.recentSessions.get(this.accountOf(credentials));
		if (!recent || recent.sessionToken === credentials.sessionToken) return undefined;
		if (!this.isFresh({ ...credentials, ...recent }, now)) return undefined;
		// A token of this account that is older than the recent one is stale; one of another
		// account (the credential was edited) is never used, whatever its age.
		if (
			this.isOfAccount(credentials) &&
			Number(credentials.sessionIssuedAt) >= recent.sessionIssuedAt
		)
			return undefined;
		return recent;
	}

	/** Calls `listener` with the session of each login of the credential's account until stopped. */
	onLogin(credentials: ICredentialDataDecryptedObject, listener: (session: S) => void): () => void {
		const account = this.accountOf(credentials);
		let listeners = this.loginListeners.get(account);
		if (!listeners) {
			listeners = new Set();
			this.loginListeners.set(account, listeners);
		}
		listeners.add(listener);
		return () => {
			listeners.delete(listener);
			if (listeners.size === 0 && this.loginListeners.get(account) === listeners)
				this.loginListeners.delete(account);
		};
	}

	/**
	 * The request with the credential's token, only when the token was obtained by this very account
	 * (the credentials' `authenticate` and the run session's calls both go through here).
	 */
	authorize(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): IHttpRequestOptions {
		if (!this.isOfAccount(credentials)) return request;
		return this.rules.authorize(request, String(credentials.sessionToken ?? ''));
	}

	/** The credential without its session: n8n runs preAuthentication (a login) before the request. */
	without(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		return { ...credentials, ...this.rules.blank };
	}

	/**
	 * A session n8n just created (written into `used`) is the one to use from now on in this call:
	 * a retry after a renewal must not go back to the rejected token, and redaction must know it.
	 */
	adopt(credentials: ICredentialDataDecryptedObject, used: ICredentialDataDecryptedObject): void {
		if (used.sessionToken && used.sessionToken !== credentials.sessionToken) {
			for (const field of Object.keys(this.rules.blank)) credentials[field] = used[field];
		}
	}
}
