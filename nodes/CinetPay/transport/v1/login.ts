/**
 * CinetPay's login call (/v1/auth/login) and the base URL every call goes to. The session module
 * decides when to log in; this file only knows how.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { isSuccess, parseEnvelope } from './envelope';
import { describeCode } from './errors';
import { CinetPayLoginError } from '../shared/failedCalls';
import { isObject } from '../shared/json';
import { parseUrl, requestLogin } from '../shared/login';

export { parseUrl } from '../shared/login';

export const DEFAULT_BASE_URL = 'https://client.cinetpay.com';

export const LOGIN_PATH = '/v1/auth/login';

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
 * Logs in with the credential's API key and password and returns the session token. Throws a
 * CinetPayLoginError (no secret in it) when there is no token to return.
 */
export async function logIn(
	helpers: IHttpRequestHelper['helpers'],
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
	lang: string,
): Promise<string> {
	const response = await requestLogin(
		helpers,
		{
			url: `${baseUrl}${LOGIN_PATH}`,
			qs: { lang },
			body: new URLSearchParams({
				apikey: String(credentials.apiKey ?? ''),
				password: String(credentials.password ?? ''),
			}).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		},
		`Check the Base URL (${baseUrl}) and the network between n8n and CinetPay.`,
	);

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
	return token;
}
