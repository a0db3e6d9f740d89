/**
 * The CinetPay v1 session: a token lives 5 minutes and is renewed after SESSION_REUSE_MS, by
 * handing n8n the credential without a token, so that n8n runs the credential's preAuthentication
 * — a login — and stores the new token with the credential. What both platforms share (the token
 * bound to its account, one fresh login shared by everything this n8n instance runs at that
 * moment): shared/session.ts. Used by the credential's preAuthentication, so it may only use
 * `helpers.httpRequest` and must not depend on a node.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { TOKEN_REJECTED_CODES } from './codes';
import type { CinetPayEnvelope } from './envelope';
import { logIn, normalizeBaseUrl } from './login';
import { SessionSharing, type StoredSessionFields } from '../shared/session';

/**
 * CinetPay documents a 5-minute token. Renewing after 4 leaves a margin for clock skew and for a
 * long batch that started on an old token.
 */
export const SESSION_REUSE_MS = 4 * 60 * 1000;

/** The session fields the credential stores beside the API key and password. */
export type StoredSession = StoredSessionFields;

export const v1Sessions = new SessionSharing<StoredSession>({
	baseUrlOf: (credentials) => normalizeBaseUrl(credentials.baseUrl),
	isTimely: (credentials, now) => {
		const issuedAt = Number(credentials.sessionIssuedAt);
		return Number.isFinite(issuedAt) && issuedAt <= now && now - issuedAt < SESSION_REUSE_MS;
	},
	blank: { sessionToken: '', sessionIssuedAt: 0, sessionAccount: '' },
	// CinetPay reads the token from the query string only (a token in a POST body gets 706).
	authorize: (request, token) => ({ ...request, qs: { ...request.qs, token } }),
});

/**
 * Logs in and returns the credential fields that hold the session. n8n stores them with the
 * credential (encrypted), so the next requests, executions and workers reuse the token.
 */
export async function createSession(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	lang = 'en',
): Promise<IDataObject> {
	return await v1Sessions.create(credentials, async (baseUrl) => {
		const token = await logIn(helpers, baseUrl, credentials, lang);
		return { sessionToken: token, sessionIssuedAt: Date.now() };
	});
}

/**
 * CinetPay no longer takes the token (705/706/707, with HTTP 200 or 401): the call is repeated
 * once, after one fresh login.
 */
export function isSessionRejected(envelope: CinetPayEnvelope): boolean {
	return TOKEN_REJECTED_CODES.has(envelope.code) || envelope.httpStatus === 401;
}
