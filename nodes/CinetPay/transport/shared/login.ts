/**
 * What the two platforms' logins share: the login request itself (through `helpers.httpRequest`,
 * as the credential's preAuthentication may not use a node's helpers), the failure when CinetPay
 * cannot be reached, and the reading of a base URL. Each platform's login.ts says what it sends
 * and how it reads the answer.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { CinetPayLoginError } from './failedCalls';

export function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

export interface LoginResponse {
	statusCode: number;
	body: unknown;
}

/**
 * Sends a login request and returns CinetPay's answer, whatever its HTTP status (the body is read
 * as text). Throws a CinetPayLoginError, with `unreachableAdvice`, when nothing answered.
 */
export async function requestLogin(
	helpers: IHttpRequestHelper['helpers'],
	request: Pick<IHttpRequestOptions, 'url' | 'qs' | 'body' | 'headers'>,
	unreachableAdvice: string,
): Promise<LoginResponse> {
	let networkErrorCode: unknown;
	try {
		return (await helpers.httpRequest({
			method: 'POST',
			...request,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as LoginResponse;
	} catch (error) {
		// Keep only the error code: the request error's config holds the API key and password.
		networkErrorCode = (error as { code?: unknown }).code ?? 'no answer';
	}
	throw new CinetPayLoginError(
		`Could not reach CinetPay to log in (${String(networkErrorCode)})`,
		unreachableAdvice,
	);
}
