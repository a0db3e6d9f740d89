/**
 * The session of one run — one execution of a node, one notification at the trigger, one option
 * list: the credential is read once, and every call of the run sends the token this object holds at
 * the moment the call leaves. n8n's credential path (a read and decryption per call, and in n8n 2.x
 * an expression isolate per read in a webhook) is taken only to renew the session: the renewing
 * call hands n8n the credential without a token, n8n runs its preAuthentication (one login, shared
 * by this process: session.ts) and stores the new token with the credential.
 *
 * The rules it keeps: a token is sent only to the account that obtained it; one fresh login serves
 * every call of the run that found the token refused, stale or missing, including calls that were
 * already out when it was made (they repeat with the new token, no second login); a call that
 * leaves after a renewal never carries the old token.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { isLoginRefusal } from './failedCalls';
import type { SessionSharing, StoredSessionFields } from './session';
import { callGateOf, type CallGate } from './throttle';

/** What a run session needs of a platform's session sharing (session.ts). */
export type RunSessions = Pick<
	SessionSharing<StoredSessionFields>,
	| 'baseUrlOf'
	| 'accountOf'
	| 'isFresh'
	| 'recentSession'
	| 'adopt'
	| 'without'
	| 'onLogin'
	| 'authorize'
>;

/** How one call leaves: with the run's token, or as the run's renewal through n8n's credential path. */
export interface Departure<T> {
	/** Sends with `token` (the run's, usable: of this account and timely). */
	withToken(token: string): Promise<T>;
	/** Sends with the credential without a session: n8n logs in first and writes it into `blank`. */
	renewing(blank: ICredentialDataDecryptedObject): Promise<T>;
}

/** A renewal in progress: its end, and a login CinetPay refused (it has a code). */
interface Renewal {
	done: Promise<void>;
	refusal?: unknown;
}

export class RunSession {
	private renewal: Renewal | undefined;

	private constructor(
		private readonly sessions: RunSessions,
		/** The credential as read, with the session the run uses now (updated on each renewal). */
		readonly credentials: ICredentialDataDecryptedObject,
		/** The account's calls in this process: the shared wait after a 429, and the in-flight limit. */
		readonly gate: CallGate,
	) {}

	static of(sessions: RunSessions, stored: ICredentialDataDecryptedObject): RunSession {
		const credentials = { ...stored };
		return new RunSession(sessions, credentials, callGateOf(sessions.accountOf(credentials)));
	}

	private checkedBaseUrl: string | undefined;

	/** The base URL the credential calls; throws a CinetPayLoginError when it is invalid. */
	baseUrl(): string {
		this.checkedBaseUrl ??= this.sessions.baseUrlOf(this.credentials);
		return this.checkedBaseUrl;
	}

	/** The token the next call leaves with. */
	get token(): string {
		return String(this.credentials.sessionToken ?? '');
	}

	/**
	 * Sends one call: after the renewal another call of the run is making, if any; then with the
	 * run's token when it is usable and is not `refused` (a token CinetPay just refused for this
	 * call), or else as the run's renewal. A login CinetPay refused is not tried again in this run:
	 * its error is thrown to every later call.
	 */
	async leave<T>(departure: Departure<T>, refused?: string): Promise<T> {
		for (;;) {
			// While the run renews, no call leaves with the token being replaced.
			const renewal = this.renewal;
			if (renewal) {
				if (renewal.refusal !== undefined) throw renewal.refusal;
				await renewal.done;
				continue;
			}
			// Another run of this process may have logged in since (its token is newer).
			const recent = this.sessions.recentSession(this.credentials);
			if (recent) this.sessions.adopt(this.credentials, recent);
			const token = this.token;
			if (token !== refused && this.sessions.isFresh(this.credentials))
				return await departure.withToken(token);
			return await this.renew(departure);
		}
	}

	/**
	 * This call is the renewal (claimed before any await, so two calls never both renew). The run's
	 * other calls wait for the login, not for this call's answer: the session sharing reports the
	 * login when it answers, before n8n sends this call's request.
	 */
	private async renew<T>(departure: Departure<T>): Promise<T> {
		let settle!: () => void;
		const renewal: Renewal = { done: new Promise<void>((resolve) => (settle = resolve)) };
		this.renewal = renewal;
		const ended = () => {
			if (this.renewal === renewal && renewal.refusal === undefined) this.renewal = undefined;
			settle();
		};
		const stopWatching = this.sessions.onLogin(this.credentials, (session) => {
			this.sessions.adopt(this.credentials, session);
			ended();
		});
		const blank = this.sessions.without(this.credentials);
		const answer = departure.renewing(blank);
		// Runs before the `finally` below ends the renewal: a refused login is kept for the run.
		answer.catch((error: unknown) => {
			if (isLoginRefusal(error)) renewal.refusal = error;
		});
		try {
			return await answer;
		} finally {
			this.sessions.adopt(this.credentials, blank);
			stopWatching();
			ended();
		}
	}
}

/** The run sessions of each context (one per credential type), while the context lives. */
const runSessions = new WeakMap<object, Map<string, Promise<RunSession>>>();

/**
 * The run session of `context` for `credentialType`: the first call of the run reads the
 * credential, the calls in flight meanwhile and later share that read.
 */
export async function runSessionOf(
	context: Pick<IExecuteFunctions, 'getCredentials'>,
	credentialType: string,
	sessions: RunSessions,
): Promise<RunSession> {
	let byType = runSessions.get(context);
	if (!byType) {
		byType = new Map();
		runSessions.set(context, byType);
	}
	let session = byType.get(credentialType);
	if (!session) {
		const reading = context
			.getCredentials<ICredentialDataDecryptedObject>(credentialType)
			.then((stored) => RunSession.of(sessions, stored));
		session = reading;
		byType.set(credentialType, reading);
		// A credential n8n could not give is asked for again by the next call (its own error).
		reading.catch(() => {
			if (byType.get(credentialType) === reading) byType.delete(credentialType);
		});
	}
	return await session;
}
