/**
 * One call to CinetPay's 2026 platform: JSON requests with the credential's Bearer session, and
 * the reading of its JSON answers. The session and the retries follow the rules both platforms
 * share (../shared/authenticatedCall.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	callWithSession,
	READ_RETRY_DELAYS_MS,
	type TransportContext,
} from '../shared/authenticatedCall';
import { parseJsonObject } from '../shared/json';
import { isSessionRejected2026 } from './codes';
import { sessions2026 } from './session';

export const CREDENTIAL_TYPE_2026 = 'cinetPayApi';

export const DEFAULT_TIMEOUT_MS_2026 = 60_000;

export interface Call2026 {
	method: 'GET' | 'POST';
	/** Path after the base URL, e.g. /v1/balances. */
	path: string;
	qs?: IDataObject;
	/** Sent as JSON. */
	body?: IDataObject;
	timeoutMs?: number;
	/** Retry a read after a transient failure (default for GET). */
	retry?: boolean;
}

/** CinetPay's answer, reduced to what the operations and errors need. */
export interface Answer2026 {
	httpStatus: number;
	/** `code` of the body as a string; the HTTP status when the body has none. */
	code: string;
	/** CinetPay's name for the code (`status` of the body). */
	status?: string;
	/** CinetPay's own words (`message`), and field errors when it gives them. */
	message?: string;
	body: Record<string, unknown>;
}

/**
 * Calls the 2026 platform and returns its answer whatever its code (what a code means depends on
 * the call: 404 on a lookup, 1200 on a send). Throws only when there is no CinetPay answer (no
 * connection, timeout, a page that is not CinetPay's JSON, a failed login).
 *
 * Session: a stored token is used until RENEW_BEFORE_EXPIRY_MS before its expiry, then renewed
 * before the call. If CinetPay still rejects it (HTTP 401, or a refused-token code or status in
 * the body — UNAUTHORIZED, EXPIRED_TOKEN, INVALID_TOKEN — with HTTP 200 too: codes.ts), the call
 * is repeated exactly once after exactly one fresh login — a send too: a rejected token means the
 * send was not processed.
 */
export async function callPlatform2026(
	this: TransportContext,
	call: Call2026,
): Promise<Answer2026> {
	const isSend = call.method === 'POST';
	return await callWithSession(this, {
		credentialType: CREDENTIAL_TYPE_2026,
		sessions: sessions2026,
		request: (baseUrl) => ({
			method: call.method,
			url: `${baseUrl}${call.path}`,
			...(call.qs && { qs: call.qs }),
			headers: {
				Accept: 'application/json',
				...(call.body !== undefined && { 'Content-Type': 'application/json' }),
			},
			...(call.body !== undefined && { body: JSON.stringify(call.body) }),
			timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS_2026,
		}),
		isSend,
		// Reads are retried on transient failures; a send never is (see payout/platform2026/strategy.ts).
		retryDelaysMs: call.method === 'GET' && call.retry !== false ? READ_RETRY_DELAYS_MS : [],
		readAnswer: readAnswer2026,
		isSessionRejected: (answer) =>
			isSessionRejected2026(answer.code, answer.httpStatus, answer.status),
		// A read answered 5xx is transient like a lost answer; a send's 5xx is the protocol's call.
		isTransient: (answer) => !isSend && answer.httpStatus >= 500,
	});
}

function readAnswer2026(httpStatus: number, rawBody: unknown): Answer2026 | undefined {
	const body = parseJsonObject(rawBody);
	if (!body) return undefined;
	return {
		httpStatus,
		code: body.code !== undefined && body.code !== null ? String(body.code) : String(httpStatus),
		status: typeof body.status === 'string' ? body.status : undefined,
		message: typeof body.message === 'string' ? body.message : undefined,
		body,
	};
}

/** A 2xx answer that is not a refused session. */
export function isOk2026(answer: Answer2026): boolean {
	return (
		answer.httpStatus >= 200 &&
		answer.httpStatus < 300 &&
		!isSessionRejected2026(answer.code, answer.httpStatus, answer.status)
	);
}
