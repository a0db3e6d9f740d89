/**
 * Logging in to CinetPay, and the few facts about a session the rest of the transport needs.
 * Used by the credential's preAuthentication, so it may only use `helpers.httpRequest` and must
 * not depend on a node.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { codeInfo } from './codes';
import { isObject, isSuccess, parseEnvelope, type CinetPayEnvelope } from './envelope';

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

/** Readable "MESSAGE (code)" for an envelope, with CinetPay's own description kept. */
export function describeCode(envelope: Pick<CinetPayEnvelope, 'code' | 'message' | 'description'>) {
	const info = codeInfo(envelope.code);
	const name = envelope.message || info?.message || 'UNKNOWN_CODE';
	const title = `${name} (${envelope.code})`;
	const said = envelope.description ? `CinetPay says: "${envelope.description}"` : '';
	return {
		title,
		meaning: info?.meaning ?? 'CinetPay answered with an error code this node does not know',
		advice: [info?.advice, said].filter(Boolean).join('. '),
	};
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
	return { sessionToken: token, sessionIssuedAt: Date.now() };
}

export function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

export function isSessionFresh(credentials: ICredentialDataDecryptedObject, now = Date.now()) {
	const issuedAt = Number(credentials.sessionIssuedAt);
	return (
		typeof credentials.sessionToken === 'string' &&
		credentials.sessionToken !== '' &&
		Number.isFinite(issuedAt) &&
		issuedAt <= now &&
		now - issuedAt < SESSION_REUSE_MS
	);
}
