/**
 * Where a v1 code becomes an n8n error: its name, meaning and advice from the code table
 * (codes.ts), built by the shared codeError (../shared/errors.ts).
 */
import type { NodeApiError } from 'n8n-workflow';

import { codeError, type NodeContext } from '../shared/errors';
import { codeInfo, TOKEN_REJECTED_CODES } from './codes';

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
