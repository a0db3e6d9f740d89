/**
 * v1: reading CinetPay's reply to one send call, transfer by transfer (payout/platform.ts
 * SendAnswer). Only codes the code table marks `refusesSend` are refusals; an answer with HTTP
 * 5xx, an ambiguous or unknown code, a missing result or an "accepted" result without its
 * transaction ID is lost (looked up before anything is said about it).
 */
import type { IDataObject } from 'n8n-workflow';

import type { TransferPayload } from '../../helpers/interfaces';
import { codeInfo, sendCodeMeaning } from '../../transport/v1/codes';
import { itemAnswer, resultItems, type CinetPayEnvelope } from '../../transport/v1/envelope';
import { callOutcome, type ItemError, type NodeContext } from '../../transport/shared/errors';
import { cinetPayError } from '../../transport/v1/errors';
import type { PayoutItem, SendAnswer } from '../platform';

/** CinetPay's reply to one send call: its envelope, or the error of a call it did not answer. */
export type SendReply = { envelope: CinetPayEnvelope } | { error: ItemError };

/** A whole call refused with a code about one item (or 805): CinetPay refused it for one item. */
export function refusedForOneItem(envelope: CinetPayEnvelope): boolean {
	const meaning = sendCodeMeaning(envelope.code, envelope.httpStatus);
	return (
		meaning === 'exists' || (meaning === 'refused' && codeInfo(envelope.code)?.perItem === true)
	);
}

/** What a reply says about each transfer of its call. */
export function answersOf(
	context: NodeContext,
	items: Array<PayoutItem<TransferPayload>>,
	reply: SendReply,
): SendAnswer[] {
	if ('error' in reply) {
		// No CinetPay answer. Only an error that proves the call never left (no connection, failed
		// login) means nothing was sent.
		const cause = reply.error;
		return items.map(() =>
			callOutcome(cause) === 'not-sent'
				? { kind: 'refused', error: cause }
				: { kind: 'lost', cause },
		);
	}
	const { envelope } = reply;
	const meaning = sendCodeMeaning(envelope.code, envelope.httpStatus);
	if (meaning === 'accepted') return answersPerItem(context, items, envelope);
	const error = cinetPayError(context, envelope);
	return items.map(() => answerOfMeaning(meaning, error));
}

function answerOfMeaning(meaning: 'refused' | 'exists' | 'unclear', error: ItemError): SendAnswer {
	if (meaning === 'refused') return { kind: 'refused', error };
	if (meaning === 'exists') return { kind: 'exists', cause: error };
	return { kind: 'lost', cause: error };
}

/** A successful envelope: each item's own answer, found by client transaction ID. */
function answersPerItem(
	context: NodeContext,
	items: Array<PayoutItem<TransferPayload>>,
	envelope: CinetPayEnvelope,
): SendAnswer[] {
	const results = resultItems(envelope.data);
	const byClientId = new Map<string, IDataObject>();
	for (const result of results) {
		if (result.client_transaction_id !== undefined)
			byClientId.set(String(result.client_transaction_id), result);
	}
	// Results without IDs can only be matched by position, and only when none has an ID.
	const byPosition = byClientId.size === 0 && results.length === items.length;
	return items.map((item, position): SendAnswer => {
		const result = byClientId.get(item.id) ?? (byPosition ? results[position] : undefined);
		if (!result) return { kind: 'lost', cause: noResultError(context, item) };
		const answer = itemAnswer(result);
		const meaning = sendCodeMeaning(answer.code);
		if (meaning === 'accepted') {
			// Without its transaction ID, an "accepted" item cannot be shown as paid: look it up.
			return result.transaction_id
				? { kind: 'accepted', transfer: result }
				: { kind: 'lost', cause: noResultError(context, item) };
		}
		return answerOfMeaning(meaning, cinetPayError(context, answer));
	});
}

/** CinetPay's answer left this item out. */
export function noResultError(context: NodeContext, item: PayoutItem): ItemError {
	return cinetPayError(context, {
		code: '-1',
		message: 'OPERATION_ERROR',
		description: `CinetPay's answer had no result for "${item.id}"`,
	});
}
