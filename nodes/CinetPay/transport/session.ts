/**
 * Logging in to CinetPay, and the few facts about a session the rest of the transport needs.
 * Used by the credential's preAuthentication, so it may only use `helpers.httpRequest` and must
 * not depend on a node.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { isObject, isSuccess, parseEnvelope } from './envelope';
import { describeCode } from './errors';

export const DEFAULT_BASE_URL = 'https://client.cinetpay.com';

/**
 * CinetPay documents a 5-minute token. Renewing after 4 leaves a margin for clock skew and for a
 * long batch that started on an old token.
 */
export const SESSION_REUSE_MS = 4 * 60 * 1000;

export const LOGIN_PATH = '/v1/auth/login';

/** Thrown by login; the transport turns it into a node error. Carries no secret. */
export class CinetPayLoginError extends Error {
	readonly isCinetPayLoginError = true;

	constructor(
		message: string,
		readonly description: string,
		readonly cinetPayCode?: string,
	) {
		super(message);
		this.name = 'CinetPayLoginError';
	}
}

export function isCinetPayLoginError(error: unknown): error is CinetPayLoginError {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { isCinetPayLoginError?: unknown }).isCinetPayLoginError === true
	);
}

/** The credential's base URL without trailing slashes; http(s) only. */
export function normalizeBaseUrl(raw: unknown): string {
	const value = String(raw ?? '').trim() || DEFAULT_BASE_URL;
	const url = parseUrl(value);
	if (!url) {
		throw new CinetPayLoginError(
			'Invalid Base URL in the CinetPay Transfer API credential',
			`"${value}" is not a URL. Use ${DEFAULT_BASE_URL}, or the simulator's URL during development.`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CinetPayLoginError(
			'Invalid Base URL in the CinetPay Transfer API credential',
			`The Base URL must start with https:// (or http:// for a local simulator), not ${url.protocol}`,
		);
	}
	return value.replace(/\/+$/, '');
}

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
		const started = logIn(helpers, baseUrl, credentials, lang).then((session) => {
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

async function logIn(
	helpers: IHttpRequestHelper['helpers'],
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
	lang: string,
): Promise<StoredSession> {
	let response: { statusCode: number; body: unknown } | undefined;
	let networkErrorCode: unknown;
	try {
		response = (await helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}${LOGIN_PATH}`,
			qs: { lang },
			body: new URLSearchParams({
				apikey: String(credentials.apiKey ?? ''),
				password: String(credentials.password ?? ''),
			}).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		// Keep only the error code: the request error's config holds the API key and password.
		networkErrorCode = (error as { code?: unknown }).code ?? 'no answer';
	}
	if (!response) {
		throw new CinetPayLoginError(
			`Could not reach CinetPay to log in (${String(networkErrorCode)})`,
			`Check the Base URL (${baseUrl}) and the network between n8n and CinetPay.`,
		);
	}

	const envelope = parseEnvelope(response.statusCode, response.body);
	if (!envelope) {
		throw new CinetPayLoginError(
			`CinetPay's login answered HTTP ${response.statusCode} without a CinetPay response`,
			`Check the Base URL (${baseUrl}): it should be CinetPay's transfer API.`,
		);
	}
	const token = isObject(envelope.data) ? envelope.data.token : undefined;
	if (!isSuccess(envelope) || typeof token !== 'string' || token === '') {
		const { title, meaning, advice } = describeCode(envelope);
		throw new CinetPayLoginError(
			`CinetPay login failed: ${title}: ${meaning}`,
			advice,
			envelope.code,
		);
	}
	return {
		sessionToken: token,
		sessionIssuedAt: Date.now(),
		sessionAccount: accountDigest(credentials),
	};
}

export function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
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
