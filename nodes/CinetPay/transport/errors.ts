/**
 * Where a CinetPay code becomes an n8n error, for both platforms: the message and advice for a v1
 * code (from the table in codes.ts; platform2026/errors.ts describes its own codes and builds the
 * error here), the facts those errors carry for the code that acts on them (typed, so the compiler
 * checks every reader), and the redaction that keeps the API key, password and token out of every
 * text. Calls that got no answer at all: shared/failedCalls.ts.
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
	const described = describeCode(answer);
	const afterRenewal = TOKEN_REJECTED_CODES.has(answer.code);
	return codeError(context, answer, {
		...described,
		advice:
			described.advice +
			(afterRenewal ? '. (The node had already logged in again once for this call.)' : ''),
		itemIndex,
	});
}

/**
 * The node error for a code of either platform, once described: "NAME (code): meaning", the
 * advice, the HTTP status when it is an error status, and the facts (code, CinetPay's name).
 */
export function codeError(
	context: NodeContext,
	answer: { code: string; httpStatus?: number },
	described: { name: string; title: string; meaning: string; advice: string; itemIndex?: number },
): NodeApiError {
	const { httpStatus } = answer;
	const error = new NodeApiError(
		context.getNode(),
		{ code: answer.code, message: described.name } as JsonObject,
		{
			message: `${described.title}: ${described.meaning}`,
			description: described.advice,
			httpCode: httpStatus !== undefined && httpStatus >= 400 ? String(httpStatus) : undefined,
			itemIndex: described.itemIndex,
		},
	);
	return addFacts(error, { code: answer.code, status: described.name });
}

/**
 * An item's own error when the node could not tell what happened to its transfer. The advice
 * says how to check it; by default v1's (a lookup by client transaction ID, and 805 on a resend).
 */
export function unknownOutcomeError(
	context: NodeContext,
	clientTransactionId: string,
	cause: string,
	advice = `Check it with Transfer → Get by client transaction ID "${clientTransactionId}" before doing anything else. Sending it again with the same client transaction ID is safe: CinetPay refuses a second transfer with it (805).`,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message: cause } as JsonObject, {
		message: `Outcome unknown for transfer "${clientTransactionId}": ${cause}`,
		description: `Money may have moved: CinetPay neither confirmed nor denied this transfer. ${advice}`,
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
