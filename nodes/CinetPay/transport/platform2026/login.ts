/**
 * The 2026 platform's base URL (from the key's prefix, an environment override, or a base URL
 * override for the simulator) and its login call. The session module decides when to log in.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { redact } from '../shared/errors';
import { CinetPayLoginError } from '../shared/failedCalls';
import { parseJsonObject } from '../shared/json';
import { parseUrl, requestLogin } from '../shared/login';
import { code2026Info } from './codes';
import { BASE_URLS_2026, ENDPOINTS_2026, SANDBOX_KEY_PREFIX, type Environment2026 } from './facts';

export { parseJsonObject } from '../shared/json';

export const CREDENTIAL_NAME_2026 = 'CinetPay 2026 Platform API credential';

/**
 * 'auto' follows the key: `sk_test_` is the sandbox, any other key production ([sdk]). Production
 * for unknown prefixes: a key that is not a sandbox key is refused there rather than silently
 * "paid" in a sandbox.
 */
export function environmentOf(credentials: ICredentialDataDecryptedObject): Environment2026 {
	const chosen = String(credentials.environment ?? 'auto');
	if (chosen === 'sandbox' || chosen === 'production') return chosen;
	return String(credentials.apiKey ?? '').startsWith(SANDBOX_KEY_PREFIX) ? 'sandbox' : 'production';
}

/** The base URL every call goes to, without trailing slashes; http(s) only. */
export function baseUrl2026(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override === '') return BASE_URLS_2026[environmentOf(credentials)];
	const url = parseUrl(override);
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new CinetPayLoginError(
			`Invalid Base URL in the ${CREDENTIAL_NAME_2026}`,
			`"${override}" is not an http(s) URL. Leave it empty to use CinetPay (${BASE_URLS_2026.production}, or ${BASE_URLS_2026.sandbox} for sk_test_ keys), or set the simulator's URL during development.`,
		);
	}
	return override.replace(/\/+$/, '');
}

export interface Login2026 {
	token: string;
	/** Seconds, as CinetPay said (`expires_in`). */
	expiresIn: number;
}

/** [prod] Without `expires_in`, the token is taken to live the documented 24 h. */
const DEFAULT_EXPIRES_IN_S = 86_400;

/** Logs in; throws a CinetPayLoginError (never carrying a secret) when there is no token. */
export async function logIn2026(
	helpers: IHttpRequestHelper['helpers'],
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<Login2026> {
	const response = await requestLogin(
		helpers,
		{
			url: `${baseUrl}${ENDPOINTS_2026.login.path}`,
			body: JSON.stringify({
				api_key: String(credentials.apiKey ?? ''),
				api_password: String(credentials.password ?? ''),
			}),
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		},
		`Check the Base URL (${baseUrl}) and the network between n8n and CinetPay. CinetPay allow-lists caller IPv4 addresses: ask CinetPay to add n8n's.`,
	);
	const body = parseJsonObject(response.body);
	const token = body?.access_token;
	if (response.statusCode >= 300 || typeof token !== 'string' || token === '') {
		const code = body?.code !== undefined ? String(body.code) : String(response.statusCode);
		const info = code2026Info(code);
		const name =
			typeof body?.status === 'string'
				? body.status
				: (info?.status ?? `HTTP ${response.statusCode}`);
		const said = typeof body?.message === 'string' ? ` CinetPay says: "${body.message}".` : '';
		const advice =
			info?.onLogin ??
			`${body ? '' : `The answer was not CinetPay's JSON: check the Base URL (${baseUrl}). `}Check the API key and API password of this country account, and that the environment matches the key (sk_test_ keys are for the sandbox, ${BASE_URLS_2026.sandbox}).`;
		// CinetPay's own words are passed on, but never a secret it might echo.
		throw new CinetPayLoginError(
			`CinetPay login failed: ${name} (${code})${info?.onLogin ? `: ${info.onLogin}` : ''}`,
			redact(`${advice}${said}`, credentials),
			code,
		);
	}
	const expiresIn = Number(body?.expires_in);
	return {
		token,
		expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S,
	};
}
