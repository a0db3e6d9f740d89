/**
 * How the 2026 payout protocol (payout2026.ts) settles an item: a merchant ID CinetPay would not
 * take (never sent), a transfer CinetPay holds under the item's ID (sent, if it is this item's),
 * or an outcome nobody can tell (`unknown`, with what to check).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addFacts, factsOf, unknownOutcomeError, type ItemError } from '../errors';
import type { TransportContext } from '../shared/authenticatedCall';
import { MERCHANT_ID_PATTERN, type MerchantLookup2026 } from './facts';
import type { Payout2026Request, Payout2026Result } from './payout2026';

/** Rule 1: an ID that cannot serve as the idempotency key is never sent. */
export function invalidMerchantIdResult(
	context: TransportContext,
	request: Payout2026Request,
): Payout2026Result | undefined {
	const id = request.payload.merchant_transaction_id;
	if (typeof id === 'string' && MERCHANT_ID_PATTERN.test(id)) return undefined;
	return {
		outcome: 'not-sent',
		error: new NodeOperationError(
			context.getNode(),
			`Merchant transaction ID "${String(id)}" is not accepted by CinetPay`,
			{
				description:
					'Use 1 to 30 letters, digits or "-". It is what makes a transfer safe to retry: keep it unique and stable per payout.',
				itemIndex: request.itemIndex,
			},
		),
	};
}

/**
 * A transfer CinetPay holds under this item's ID: this item's if amount and receiver match.
 * If not, the ID belongs to another transfer — nothing of this item's was paid under it, but a
 * first send of this item may still land, so `unknown` unless nothing was ever unclear.
 */
export function sentIfSame(
	context: TransportContext,
	request: Payout2026Request,
	transfer: IDataObject,
	flags: IDataObject,
): Payout2026Result {
	const { payload } = request;
	const sameAmount = transfer.amount === null || Number(transfer.amount) === payload.amount;
	const samePhone =
		!transfer.phone_number || digits(transfer.phone_number) === digits(payload.phone_number);
	if (sameAmount && samePhone) {
		return {
			outcome: 'sent',
			json: {
				...transfer,
				client_transaction_id: payload.merchant_transaction_id,
				merchant_transaction_id: payload.merchant_transaction_id,
				amount: transfer.amount ?? payload.amount,
				currency: transfer.currency ?? payload.currency,
				payment_method: transfer.payment_method ?? payload.payment_method,
				phone_number: transfer.phone_number ?? payload.phone_number,
				outcome: 'sent',
				...flags,
			},
		};
	}
	const error = new NodeOperationError(
		context.getNode(),
		`Merchant transaction ID "${payload.merchant_transaction_id}" belongs to another transfer at CinetPay`,
		{
			description: `That transfer (${String(transfer.transaction_id)}) went to ${String(transfer.phone_number ?? '?')} for ${String(transfer.amount ?? '?')}; this item asks for ${payload.phone_number}, ${payload.amount}. Give this item a new, unique merchant transaction ID — after checking it was not paid.`,
			itemIndex: request.itemIndex,
		},
	);
	addFacts(error, { outcome: 'unknown', clientTransactionId: payload.merchant_transaction_id });
	return { outcome: 'unknown', error };
}

/** Rule 3, 4: nobody can tell whether the transfer was made; the error says what to check. */
export function unknownResult(
	context: TransportContext,
	request: Payout2026Request,
	details: { why: string; cause: ItemError; lookup: MerchantLookup2026 },
): Payout2026Result {
	const { why, cause } = details;
	const id = request.payload.merchant_transaction_id;
	const advice =
		details.lookup === 'none'
			? `CinetPay's 2026 platform cannot look a transfer up by your ID: check transfer "${id}" in your CinetPay dashboard (or by its transaction ID with Transfer → Get, if a notification brought it) before doing anything else. Do not send it again under another ID.`
			: `Check it with Transfer → Get by merchant transaction ID "${id}" before doing anything else. Do not send it again under another ID.`;
	const error = unknownOutcomeError(context, id, why, advice);
	addFacts(error, { code: factsOf(cause).code, status: factsOf(cause).status });
	return { outcome: 'unknown', error };
}

function digits(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}
