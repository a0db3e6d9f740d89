/**
 * The 2026 platform's session: a token is used until shortly before the expiry CinetPay gave it
 * (`expires_in`), then renewed. What both platforms share (the token bound to its account, one
 * fresh login shared by everything this process runs at that moment): ../shared/session.ts. Used
 * by the credential's preAuthentication, so it only uses `helpers.httpRequest`.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { SessionSharing, type StoredSessionFields } from '../shared/session';
import { RENEW_BEFORE_EXPIRY_MS } from './facts';
import { baseUrl2026, logIn2026 } from './login';

/** The session fields the credential stores beside the key and password. */
export type StoredSession2026 = StoredSessionFields & { sessionExpiresAt: number };

/**
 * How long before its expiry a token is renewed: 5 minutes as the production client does, or a
 * quarter of its life for tokens shorter than 20 minutes (tests, or a platform that changes it).
 */
export function renewMarginMs(issuedAt: number, expiresAt: number): number {
	return Math.min(RENEW_BEFORE_EXPIRY_MS, Math.max(0, expiresAt - issuedAt) / 4);
}

export const sessions2026 = new SessionSharing<StoredSession2026>({
	baseUrlOf: baseUrl2026,
	isTimely: (credentials, now) => {
		const issuedAt = Number(credentials.sessionIssuedAt);
		const expiresAt = Number(credentials.sessionExpiresAt);
		return (
			Number.isFinite(issuedAt) &&
			Number.isFinite(expiresAt) &&
			issuedAt <= now &&
			now < expiresAt - renewMarginMs(issuedAt, expiresAt)
		);
	},
	blank: { sessionToken: '', sessionIssuedAt: 0, sessionExpiresAt: 0, sessionAccount: '' },
	authorize: (request, token) => ({
		...request,
		headers: { ...request.headers, Authorization: `Bearer ${token}` },
	}),
});

/** Which account a token belongs to: a digest of base URL + API key + password. */
export function accountDigest2026(credentials: ICredentialDataDecryptedObject): string {
	return sessions2026.accountOf(credentials);
}

/** Logs in (one login per account in flight in this process) and returns the session fields. */
export async function createSession2026(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	return await sessions2026.create(credentials, async (baseUrl) => {
		const { token, expiresIn } = await logIn2026(helpers, baseUrl, credentials);
		const issuedAt = Date.now();
		return {
			sessionToken: token,
			sessionIssuedAt: issuedAt,
			sessionExpiresAt: issuedAt + expiresIn * 1000,
		};
	});
}
