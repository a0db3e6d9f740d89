/**
 * Errors of calls that got no CinetPay answer to show, on both platforms: a failed login, no
 * connection, a timeout, a closed connection, a page that is not CinetPay's. Each says what it
 * means for money (`not-sent` or `unknown`), and none carries the request error itself: it holds
 * the token in its URL or headers (and a login's holds the API key and password in its body).
 */
import type { ICredentialDataDecryptedObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { addFacts, redact, type NodeContext, type SendOutcome } from './errors';

/** Thrown by a login; the transport turns it into a node error. Carries no secret. */
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

/** A login CinetPay refused with a code: the same key and password would be refused again. */
export function isLoginRefusal(error: unknown): boolean {
	return findCause(error, isCinetPayLoginError)?.cinetPayCode !== undefined;
}

/** An error of the call itself (no CinetPay answer to show), with what it means for money. */
export function callError(
	context: NodeContext,
	details: {
		message: string;
		description: string;
		outcome: SendOutcome;
		httpCode?: string;
		code?: string;
		timedOut?: boolean;
	},
): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message: details.message } as JsonObject, {
		message: details.message,
		description: details.description,
		httpCode: details.httpCode,
	});
	return addFacts(error, {
		outcome: details.outcome,
		code: details.code,
		timedOut: details.timedOut,
	});
}

/** Connection errors that prove the request never reached CinetPay. */
const NOT_SENT_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
	'ERR_INVALID_URL',
]);

/** A call that got no CinetPay answer: a failed login, or no connection, a timeout, a closed connection. */
export function failedCallError(
	context: NodeContext,
	error: unknown,
	call: { credentials: ICredentialDataDecryptedObject; isSend: boolean; timeoutMs: number },
): NodeApiError {
	const loginError = findCause(error, isCinetPayLoginError);
	if (loginError) {
		return callError(context, {
			message: loginError.message,
			description: loginError.description,
			outcome: 'not-sent',
			code: loginError.cinetPayCode,
		});
	}
	const code = findCause(error, (cause): cause is { code: string } => {
		const value = (cause as { code?: unknown }).code;
		return typeof value === 'string' && /^E[A-Z_]+$/.test(value);
	})?.code;
	const timedOut =
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout/i.test(String((error as Error)?.message));
	const outcome: SendOutcome = code && NOT_SENT_ERROR_CODES.has(code) ? 'not-sent' : 'unknown';
	const what = timedOut
		? `CinetPay did not answer within ${Math.round(call.timeoutMs / 1000)} s`
		: outcome === 'not-sent'
			? 'Could not connect to CinetPay'
			: 'The connection to CinetPay closed before its answer';
	// The error code goes to the description: n8n replaces a message naming ECONNRESET & co. by a
	// generic text that would hide whether the call may have gone through.
	return callError(context, {
		message: what,
		description: redact(
			`${outcomeAdvice(outcome, call.isSend)}${code ? ` (network error: ${code})` : ''}`,
			call.credentials,
		),
		outcome,
		timedOut,
	});
}

/**
 * HTTP 403 without CinetPay's own answer: CinetPay, or a firewall before it, refused to carry out
 * the call — a refusal answered before any processing, so nothing was created.
 */
const FORBIDDEN_ADVICE =
	"Nothing was sent. Add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard.";

/** An answer that is not CinetPay's (an HTML error page, a proxy's reply). */
export function unreadableAnswerError(
	context: NodeContext,
	httpStatus: number,
	isSend: boolean,
): NodeApiError {
	if (httpStatus === 403) {
		return callError(context, {
			message: 'FORBIDDEN (403): CinetPay refused to carry out the call',
			description: FORBIDDEN_ADVICE,
			httpCode: '403',
			code: '403',
			outcome: 'not-sent',
		});
	}
	return callError(context, {
		message: `CinetPay answered HTTP ${httpStatus} without a CinetPay response`,
		description: outcomeAdvice('unknown', isSend),
		httpCode: String(httpStatus),
		outcome: 'unknown',
	});
}

/**
 * CinetPay answered HTTP 429 to every try of a call: it throttled them, so none was carried out
 * (the transport already waited as asked between them: throttle.ts).
 */
export function throttledCallError(context: NodeContext, tries: number): NodeApiError {
	return callError(context, {
		message: `TOO_MANY_REQUESTS (429): CinetPay throttled this call ${tries} times`,
		description: 'Nothing was sent. Run again in a minute, with fewer items per execution.',
		httpCode: '429',
		code: '429',
		outcome: 'not-sent',
	});
}

function outcomeAdvice(outcome: SendOutcome, isSend: boolean): string {
	if (outcome === 'not-sent') {
		return 'Nothing reached CinetPay. Check the Base URL and the network, then run again.';
	}
	return isSend
		? 'CinetPay may have received this send. Check each transfer by its client transaction ID (Transfer → Get) before sending it again.'
		: 'Nothing was changed by this call. Try again in a moment, or turn on "Retry On Fail" in the node settings.';
}

/** The error, or one of the causes n8n wrapped it in, that passes the test. */
function findCause<T>(error: unknown, test: (cause: unknown) => cause is T): T | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		if (test(current)) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
