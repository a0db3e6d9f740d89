/**
 * The 2026 platform's session: when a stored token may be used (obtained by this very account and
 * not within RENEW_BEFORE_EXPIRY_MS of its expiry), how one fresh login is shared by everything
 * this process runs at that moment, and which account a token belongs to. Used by the
 * credential's preAuthentication, so it only uses `helpers.httpRequest`.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { RENEW_BEFORE_EXPIRY_MS } from './facts';
import { baseUrl2026, logIn2026 } from './login';

/** The session fields the credential stores beside the key and password. */
export interface StoredSession2026 {
	sessionToken: string;
	sessionIssuedAt: number;
	sessionExpiresAt: number;
	/** accountDigest2026() of the account that obtained the token. */
	sessionAccount: string;
}

const loginsInFlight = new Map<string, Promise<StoredSession2026>>();
const recentSessions = new Map<string, StoredSession2026>();

/**
 * Base URL + API key + password, as a digest: a token is sent only with the account that obtained
 * it. n8n keeps hidden fields when a credential is edited; without this, a token of the old
 * account (or country) would be used, or sent to another base URL.
 */
export function accountDigest2026(credentials: ICredentialDataDecryptedObject): string {
	let baseUrl: string;
	try {
		baseUrl = baseUrl2026(credentials);
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

export function isSessionOfAccount2026(credentials: ICredentialDataDecryptedObject): boolean {
	return (
		typeof credentials.sessionAccount === 'string' &&
		credentials.sessionAccount !== '' &&
		credentials.sessionAccount === accountDigest2026(credentials)
	);
}

/**
 * How long before its expiry a token is renewed: 5 minutes as the production client does, or a
 * quarter of its life for tokens shorter than 20 minutes (tests, or a platform that changes it).
 */
export function renewMarginMs(issuedAt: number, expiresAt: number): number {
	return Math.min(RENEW_BEFORE_EXPIRY_MS, Math.max(0, expiresAt - issuedAt) / 4);
}

export function isSession2026Fresh(
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): boolean {
	const issuedAt = Number(credentials.sessionIssuedAt);
	const expiresAt = Number(credentials.sessionExpiresAt);
	return (
		isSessionOfAccount2026(credentials) &&
		typeof credentials.sessionToken === 'string' &&
		credentials.sessionToken !== '' &&
		Number.isFinite(issuedAt) &&
		Number.isFinite(expiresAt) &&
		issuedAt <= now &&
		now < expiresAt - renewMarginMs(issuedAt, expiresAt)
	);
}

/** Logs in (one login per account in flight in this process) and returns the session fields. */
export async function createSession2026(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const baseUrl = baseUrl2026(credentials);
	const account = accountDigest2026(credentials);
	let login = loginsInFlight.get(account);
	if (!login) {
		const started = logIn2026(helpers, baseUrl, credentials).then(({ token, expiresIn }) => {
			const issuedAt = Date.now();
			const session = {
				sessionToken: token,
				sessionIssuedAt: issuedAt,
				sessionExpiresAt: issuedAt + expiresIn * 1000,
				sessionAccount: account,
			};
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
 * The credential to call with, and whether to renew first: a token that is missing, near its
 * expiry or of another account is replaced — by a session this process obtained moments ago for
 * the same account if there is a fresh one (n8n may not have stored it yet), else by a login.
 */
export function session2026ForCall(credentials: ICredentialDataDecryptedObject): {
	credentials: ICredentialDataDecryptedObject;
	renewFirst: boolean;
} {
	let current = credentials;
	// Only to replace a stale token: a credential without one is new or was just cleared.
	const hasToken = typeof current.sessionToken === 'string' && current.sessionToken !== '';
	if (hasToken && !isSession2026Fresh(current)) {
		const recent = recentSessions.get(accountDigest2026(current));
		if (
			recent &&
			recent.sessionToken !== current.sessionToken &&
			isSession2026Fresh({ ...current, ...recent })
		)
			current = { ...current, ...recent };
	}
	return {
		credentials: current,
		renewFirst: !isSession2026Fresh(current) && current.sessionToken !== '',
	};
}

/** The credential without its session: n8n runs preAuthentication (a login) before the request. */
export function withoutSession2026(
	credentials: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return {
		...credentials,
		sessionToken: '',
		sessionIssuedAt: 0,
		sessionExpiresAt: 0,
		sessionAccount: '',
	};
}

/** A session n8n just created (written into `used`) is the one this call uses from now on. */
export function adoptSession2026(
	credentials: ICredentialDataDecryptedObject,
	used: ICredentialDataDecryptedObject,
): void {
	if (used.sessionToken && used.sessionToken !== credentials.sessionToken) {
		credentials.sessionToken = used.sessionToken;
		credentials.sessionIssuedAt = used.sessionIssuedAt;
		credentials.sessionExpiresAt = used.sessionExpiresAt;
		credentials.sessionAccount = used.sessionAccount;
	}
}
