/**
 * The CinetPay session, in one place: when a stored token may be used, when it is renewed, how
 * (by handing n8n the credential without a token, so that n8n runs the credential's
 * preAuthentication — a login — and stores the new token with the credential), and how one fresh
 * login is shared by everything this n8n instance runs at that moment.
 * Used by the credential's preAuthentication, so it may only use `helpers.httpRequest` and must
 * not depend on a node.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { TOKEN_REJECTED_CODES } from './codes';
import type { CinetPayEnvelope } from './envelope';
import { logIn, normalizeBaseUrl } from './login';

/**
 * CinetPay documents a 5-minute token. Renewing after 4 leaves a margin for clock skew and for a
 * long batch that started on an old token.
 */
export const SESSION_REUSE_MS = 4 * 60 * 1000;

/**
 * Logins in flight in this n8n process, by account. Executions, items and trigger calls that find
 * no token (or a stale one) at the same moment share one login instead of each logging in: at a
 * renewal, a busy worker or webhook processor would otherwise log in once per request in flight.
 */
const loginsInFlight = new Map<string, Promise<StoredSession>>();

/**
 * The last session this process obtained, by account. n8n stores a new token with the credential
 * only after the login answered, through the database; a request that read the credential just
 * before that (a busy webhook processor reads it for every notification) would log in again.
 * recentSession() lets it use the new token instead (see callCinetPay).
 */
const recentSessions = new Map<string, StoredSession>();

/** The session fields the credential stores beside the API key and password. */
export interface StoredSession {
	sessionToken: string;
	sessionIssuedAt: number;
	/** accountDigest() of the account that obtained the token. */
	sessionAccount: string;
}

/**
 * A digest of base URL + API key + password: which account a session belongs to, without the
 * secrets. A token is used only with the account that obtained it — after the key, password or
 * base URL is edited, the stored token (which n8n keeps through the edit) is never sent.
 */
export function accountDigest(credentials: ICredentialDataDecryptedObject): string {
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
	} catch {
		baseUrl = String(credentials.baseUrl ?? '');
	}
	const account = JSON.stringify([
		baseUrl,
		String(credentials.apiKey ?? ''),
		String(credentials.password ?? ''),
	]);
	return createHash('sha256').update(account).digest('hex').slice(0, 32);
}

/** Whether the credential's stored token was obtained with its current key, password and base URL. */
export function isSessionOfAccount(credentials: ICredentialDataDecryptedObject): boolean {
	return (
		typeof credentials.sessionAccount === 'string' &&
		credentials.sessionAccount !== '' &&
		credentials.sessionAccount === accountDigest(credentials)
	);
}

/**
 * Logs in and returns the credential fields that hold the session. n8n stores them with the
 * credential (encrypted), so the next requests, executions and workers reuse the token.
 */
export async function createSession(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	lang = 'en',
): Promise<IDataObject> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const account = accountDigest(credentials);
	let login = loginsInFlight.get(account);
	if (!login) {
		const started = logIn(helpers, baseUrl, credentials, lang).then((token) => {
			const session = { sessionToken: token, sessionIssuedAt: Date.now(), sessionAccount: account };
			recentSessions.set(account, session);
			return session;
		});
		login = started;
		loginsInFlight.set(account, started);
		const forget = () => {
			if (loginsInFlight.get(account) === started) loginsInFlight.delete(account);
		};
		started.then(forget, forget);
	}
	return { ...(await login) };
}

/**
 * A session this process obtained for the credential's account that is fresher than the one the
 * credential holds, if any; never the credential's own token (it may have just been rejected).
 */
export function recentSession(credentials: ICredentialDataDecryptedObject, now = Date.now()) {
	// Only to replace a stale token: a credential without one is new or was just cleared.
	if (typeof credentials.sessionToken !== 'string' || credentials.sessionToken === '')
		return undefined;
	const recent = recentSessions.get(accountDigest(credentials));
	if (!recent || recent.sessionToken === credentials.sessionToken) return undefined;
	if (!isSessionFresh({ ...credentials, ...recent }, now)) return undefined;
	// A token of this account that is older than the recent one is stale; one of another account
	// (the credential was edited) is never used, whatever its age.
	if (
		isSessionOfAccount(credentials) &&
		Number(credentials.sessionIssuedAt) >= recent.sessionIssuedAt
	)
		return undefined;
	return recent;
}

/**
 * Whether the credential's stored token can be used as it is: obtained by this very account
 * (see accountDigest) less than SESSION_REUSE_MS ago.
 */
export function isSessionFresh(credentials: ICredentialDataDecryptedObject, now = Date.now()) {
	const issuedAt = Number(credentials.sessionIssuedAt);
	return (
		isSessionOfAccount(credentials) &&
		typeof credentials.sessionToken === 'string' &&
		credentials.sessionToken !== '' &&
		Number.isFinite(issuedAt) &&
		issuedAt <= now &&
		now - issuedAt < SESSION_REUSE_MS
	);
}

/**
 * The credential to call CinetPay with, and whether to renew its session first: when its token
 * is missing, stale, or of another account (the credential was edited). Another call of this
 * process may have renewed the session moments ago without n8n having stored it yet (queue mode:
 * a busy worker or webhook processor): that token is used rather than logging in again.
 */
export function sessionForCall(credentials: ICredentialDataDecryptedObject): {
	credentials: ICredentialDataDecryptedObject;
	renewFirst: boolean;
} {
	let current = credentials;
	if (!isSessionFresh(current)) {
		const recent = recentSession(current);
		if (recent) current = { ...current, ...recent };
	}
	// With no token at all n8n logs in by itself (the session field is empty).
	return {
		credentials: current,
		renewFirst: !isSessionFresh(current) && current.sessionToken !== '',
	};
}

/**
 * CinetPay no longer takes the token (705/706/707, with HTTP 200 or 401): the call is repeated
 * once, after one fresh login.
 */
export function isSessionRejected(envelope: CinetPayEnvelope): boolean {
	return TOKEN_REJECTED_CODES.has(envelope.code) || envelope.httpStatus === 401;
}

/** The credential without its session: n8n runs preAuthentication (a login) before the request. */
export function withoutSession(
	credentials: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return { ...credentials, sessionToken: '', sessionIssuedAt: 0, sessionAccount: '' };
}

/**
 * A session n8n just created (written into `used`) is the one to use from now on in this call:
 * a retry after a renewal must not go back to the rejected token, and redaction must know it.
 */
export function adoptSession(
	credentials: ICredentialDataDecryptedObject,
	used: ICredentialDataDecryptedObject,
): void {
	if (used.sessionToken && used.sessionToken !== credentials.sessionToken) {
		credentials.sessionToken = used.sessionToken;
		credentials.sessionIssuedAt = used.sessionIssuedAt;
		credentials.sessionAccount = used.sessionAccount;
	}
}
