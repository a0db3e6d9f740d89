/**
 * Where a 2026 code becomes an n8n error: the message and advice from codes.ts, built by the
 * errors module both platforms share (../errors.ts: the typed facts the payout protocol acts on,
 * no secret). Calls that got no answer: ../shared/failedCalls.ts.
 */
import type { NodeApiError } from 'n8n-workflow';

import { codeError, type NodeContext } from '../shared/errors';
import type { Answer2026 } from './call';
import { code2026Info } from './codes';

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
	return codeError(context, answer, { ...describe2026(answer), itemIndex });
}
