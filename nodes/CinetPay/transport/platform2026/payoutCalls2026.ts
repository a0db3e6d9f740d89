/**
 * The two calls of the 2026 payout protocol (payout2026.ts), each reduced to what it says about
 * the item's transfer: one send, and one lookup by the merchant's ID.
 */
import type { IDataObject } from 'n8n-workflow';

import { callOutcome, type ItemError } from '../errors';
import type { TransportContext } from '../shared/authenticatedCall';
import type { Answer2026 } from './call';
import { send2026Meaning } from './codes';
import { cinetPay2026Error } from './errors';
import type { MerchantLookup2026 } from './facts';
import type { Payout2026Request } from './payout2026';
import { findTransferByMerchantId2026, sendTransfer2026 } from './transfers';

/** What one send call said about its transfer. */
export type SendAnswer =
	| { kind: 'accepted'; body: IDataObject }
	| { kind: 'refused'; error: ItemError }
	| { kind: 'exists'; cause: ItemError }
	| { kind: 'unclear'; cause: ItemError };

/** One send call (rules 1, 2): only an error proving the call never left is a refusal. */
export async function sendOne(
	context: TransportContext,
	request: Payout2026Request,
	timeoutMs: number | undefined,
): Promise<SendAnswer> {
	let answer: Answer2026;
	try {
		answer = await sendTransfer2026.call(context, request.payload, { timeoutMs });
	} catch (error) {
		const cause = error as ItemError;
		// Only an error proving the call never left (no connection, failed login) is a refusal.
		return callOutcome(cause) === 'not-sent'
			? { kind: 'refused', error: cause }
			: { kind: 'unclear', cause };
	}
	const hasId = typeof answer.body.transaction_id === 'string' && answer.body.transaction_id !== '';
	const meaning = send2026Meaning(answer.code, answer.httpStatus, hasId);
	if (meaning === 'accepted') return { kind: 'accepted', body: answer.body as IDataObject };
	const error = cinetPay2026Error(context, answer, request.itemIndex);
	if (meaning === 'refused') return { kind: 'refused', error };
	if (meaning === 'exists') return { kind: 'exists', cause: error };
	return { kind: 'unclear', cause: error };
}

/** What a lookup by the merchant's ID found. */
export type LookupFinding =
	| { kind: 'found'; transfer: IDataObject }
	| { kind: 'missing' }
	| { kind: 'none' }
	| { kind: 'failed'; reason: string };

/** One lookup by the merchant's ID, never retried, within what is left of the check deadline. */
export async function lookUpByMerchantId(
	context: TransportContext,
	request: Payout2026Request,
	check: { lookup: MerchantLookup2026; budgetMs: number; timeoutMs?: number },
): Promise<LookupFinding> {
	const { budgetMs } = check;
	if (budgetMs <= 0)
		return {
			kind: 'failed',
			reason: 'CinetPay did not answer lookups within the check deadline',
		};
	try {
		const found = await findTransferByMerchantId2026.call(
			context,
			request.payload.merchant_transaction_id,
			{
				lookup: check.lookup,
				timeoutMs: Math.min(budgetMs, check.timeoutMs ?? budgetMs),
				retry: false,
			},
		);
		if (!found) return { kind: 'none' };
		return found.found ? { kind: 'found', transfer: found.transfer } : { kind: 'missing' };
	} catch (error) {
		return { kind: 'failed', reason: `the lookup failed: ${(error as Error).message}` };
	}
}
