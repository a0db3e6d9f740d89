/**
 * Where a CinetPay code or a failed call becomes an n8n error: the message and advice for a code
 * (from the table in codes.ts), the node errors the nodes raise, the facts those errors carry for
 * the code that acts on them (typed, so the compiler checks every reader), and the redaction that
 * keeps the API key, password and token out of every text.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { codeInfo, TOKEN_REJECTED_CODES } from './codes';

export type ItemError = NodeApiError | NodeOperationError;

/** Any n8n context: errors name the node they come from. */
export interface NodeContext {
	getNode(): INode;
}

/**
 * What is known of a transfer whose call failed. `not-sent`: CinetPay's answer (or the lack of
 * any connection) shows that nothing was created. `unknown`: money may have moved; check the
 * transfer by its client transaction ID before doing anything else.
 */
export type SendOutcome = 'not-sent' | 'unknown';

/** The facts an error carries for the code that acts on it. Stored under one context key. */
export interface CinetPayErrorFacts {
	/** For a call: did it possibly reach CinetPay? For an item: what happened to its transfer. */
	outcome?: SendOutcome;
	/** CinetPay's code, as a string. */
	code?: string;
	/** CinetPay's name for the code (`status` of a failed item, or `message`). */
	status?: string;
	/** The call got no answer within its timeout. */
	timedOut?: boolean;
	/** The input field that broke a rule. */
	field?: string;
	clientTransactionId?: string;
	/** Without "Continue On Fail": transfers of the run that were sent before the error. */
	sentClientTransactionIds?: string[];
	/** Without "Continue On Fail": transfers of the run whose outcome is unknown. */
	unknownClientTransactionIds?: string[];
}

const FACTS_KEY = 'cinetPay';

export function factsOf(error: unknown): CinetPayErrorFacts {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const facts = context?.[FACTS_KEY];
	return typeof facts === 'object' && facts !== null ? (facts as CinetPayErrorFacts) : {};
}

export function addFacts<E extends ItemError>(error: E, facts: CinetPayErrorFacts): E {
	error.context[FACTS_KEY] = { ...factsOf(error), ...facts } as IDataObject;
	return error;
}

/** The outcome a transport error records: is a send's money possibly on its way? */
export function callOutcome(error: unknown): SendOutcome | undefined {
	return factsOf(error).outcome;
}

/** What CinetPay answered, reduced to what an error needs. */
export interface CinetPayAnswer {
	code: string;
	/** CinetPay's name for the code: the envelope's `message`, or a failed item's `status`. */
	message?: string;
	description?: string;
	httpStatus?: number;
}

/** Readable "NAME (code)" for a CinetPay answer, its meaning, and what to do. */
export function describeCode(answer: CinetPayAnswer) {
	const info = codeInfo(answer.code);
	const name = answer.message || info?.message || 'UNKNOWN_CODE';
	const said = answer.description ? `CinetPay says: "${answer.description}"` : '';
	return {
		name,
		title: `${name} (${answer.code})`,
		meaning: info?.meaning ?? 'CinetPay answered with an error code this node does not know',
		advice: [info?.advice, said].filter(Boolean).join('. '),
	};
}

/** A node error naming CinetPay's code, saying what it means and what to do. */
export function cinetPayError(
	context: NodeContext,
	answer: CinetPayAnswer,
	itemIndex?: number,
): NodeApiError {
	const { name, title, meaning, advice } = describeCode(answer);
	const afterRenewal = TOKEN_REJECTED_CODES.has(answer.code);
	const error = new NodeApiError(
		context.getNode(),
		{ code: answer.code, message: name } as JsonObject,
		{
			message: `${title}: ${meaning}`,
			description:
				advice +
				(afterRenewal ? '. (The node had already logged in again once for this call.)' : ''),
			httpCode:
				answer.httpStatus && answer.httpStatus >= 400 ? String(answer.httpStatus) : undefined,
			itemIndex,
		},
	);
	return addFacts(error, { code: answer.code, status: name });
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

/**
 * A call that got no CinetPay answer: a failed login, or no connection, a timeout, a closed
 * connection. The request error itself is dropped: it holds the token in its URL (and a login's
 * holds the API key and password in its body).
 */
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

/** An answer that is not CinetPay's (an HTML error page, a proxy's reply). */
export function unreadableAnswerError(
	context: NodeContext,
	httpStatus: number,
	isSend: boolean,
): NodeApiError {
	return callError(context, {
		message: `CinetPay answered HTTP ${httpStatus} without a CinetPay response`,
		description: outcomeAdvice('unknown', isSend),
		httpCode: String(httpStatus),
		outcome: 'unknown',
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

/** An item's own error when the node could not tell what happened to its transfer. */
export function unknownOutcomeError(
	context: NodeContext,
	clientTransactionId: string,
	cause: string,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message: cause } as JsonObject, {
		message: `Outcome unknown for transfer "${clientTransactionId}": ${cause}`,
		description: `Money may have moved: CinetPay neither confirmed nor denied this transfer. Check it with Transfer → Get by client transaction ID "${clientTransactionId}" before doing anything else. Sending it again with the same client transaction ID is safe: CinetPay refuses a second transfer with it (805).`,
	});
	return addFacts(error, { outcome: 'unknown', clientTransactionId });
}

/** Removes the credential's secrets and any `token=` query value from a text. */
export function redact(text: string, credentials?: ICredentialDataDecryptedObject): string {
	let result = text.replace(/([?&]token=)[^&\s"']+/gi, '$1[redacted]');
	for (const key of ['apiKey', 'password', 'sessionToken']) {
		const secret = credentials?.[key];
		if (typeof secret === 'string' && secret.length >= 4)
			result = result.split(secret).join('[redacted]');
	}
	return result;
}
