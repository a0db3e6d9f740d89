/**
 * Where a 2026 code or a failed call becomes an n8n error: the message and advice from codes.ts,
 * the typed facts the payout protocol acts on (v1's CinetPayErrorFacts, same key), and no secret.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { addFacts, type NodeContext } from '../errors';
import { code2026Info } from './codes';

/** CinetPay's answer, reduced to what an error needs. */
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

export function describe2026(answer: Pick<Answer2026, 'code' | 'status' | 'message' | 'body'>) {
	const info = code2026Info(answer.code);
	const name = answer.status || info?.status || 'UNKNOWN_CODE';
	const fields = fieldErrors(answer.body);
	const said = [answer.message ? `CinetPay says: "${answer.message}"` : '', fields]
		.filter(Boolean)
		.join(' ');
	return {
		name,
		title: `${name} (${answer.code})`,
		meaning: info?.meaning ?? 'CinetPay answered with a code this node does not know',
		advice: [info?.advice, said].filter(Boolean).join('. '),
	};
}

/** `errors: { field: [messages] }`, as one line. */
function fieldErrors(body: Record<string, unknown>): string {
	const errors = body.errors;
	if (typeof errors !== 'object' || errors === null) return '';
	return Object.entries(errors as Record<string, unknown>)
		.map(
			([field, messages]) =>
				`${field}: ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`,
		)
		.join('; ');
}

/** A node error naming CinetPay's code, what it means and what to do. */
export function cinetPay2026Error(
	context: NodeContext,
	answer: Answer2026,
	itemIndex?: number,
): NodeApiError {
	const { name, title, meaning, advice } = describe2026(answer);
	const error = new NodeApiError(
		context.getNode(),
		{ code: answer.code, message: name } as JsonObject,
		{
			message: `${title}: ${meaning}`,
			description: advice,
			httpCode: answer.httpStatus >= 400 ? String(answer.httpStatus) : undefined,
			itemIndex,
		},
	);
	return addFacts(error, { code: answer.code, status: name });
}

/** An item's error when nobody can tell whether its transfer was made. */
export function unknownOutcome2026Error(
	context: NodeContext,
	merchantTransactionId: string,
	cause: string,
	advice: string,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message: cause } as JsonObject, {
		message: `Outcome unknown for transfer "${merchantTransactionId}": ${cause}`,
		description: `Money may have moved: CinetPay neither confirmed nor denied this transfer. ${advice}`,
	});
	return addFacts(error, { outcome: 'unknown', clientTransactionId: merchantTransactionId });
}
