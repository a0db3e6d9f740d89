/**
 * What both platforms' errors share: the node error built from a described code (v1/errors.ts and
 * platform2026/errors.ts describe their own codes from their tables and build it here), the facts
 * those errors carry for the code that acts on them (typed, so the compiler checks every reader),
 * the error of an unknown outcome, and the redaction that keeps the API key, password and token out
 * of every text. Calls that got no answer at all: failedCalls.ts.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
