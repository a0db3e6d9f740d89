/**
 * Reading CinetPay's reply to one send call, transfer by transfer: accepted, refused (nothing was
 * created), or unclear (looked up before anything is said about it). Only codes the code table
 * marks `refusesSend` are refusals; an answer with HTTP 5xx, an ambiguous or unknown code, a
 * missing result or an "accepted" result without its transaction ID is unclear.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TransferRequest } from '../../helpers/interfaces';
import { codeInfo, sendCodeMeaning } from '../../transport/codes';
import { itemAnswer, resultItems, type CinetPayEnvelope } from '../../transport/envelope';
import { callOutcome, cinetPayError, type ItemError } from '../../transport/errors';
import type { PayoutRun } from './payoutRun';

/** What one call said about one transfer. */
export type SendAnswer =
	| { kind: 'accepted'; result: IDataObject }
	| { kind: 'refused'; error: ItemError }
	/** No clear answer. `exists`: CinetPay said the ID exists (805), so never send it again. */
	| { kind: 'unclear'; cause: ItemError; exists: boolean };

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
	run: PayoutRun,
	requests: TransferRequest[],
	reply: SendReply,
): SendAnswer[] {
	if ('error' in reply) {
		// No CinetPay answer. Only an error that proves the call never left (no connection, failed
		// login) means nothing was sent.
		const cause = reply.error;
		return requests.map(() =>
			callOutcome(cause) === 'not-sent'
				? { kind: 'refused', error: cause }
				: { kind: 'unclear', cause, exists: false },
		);
	}
	const { envelope } = reply;
	const meaning = sendCodeMeaning(envelope.code, envelope.httpStatus);
	if (meaning === 'accepted') return answersPerItem(run, requests, envelope);
	const error = cinetPayError(run.context, envelope);
	return requests.map(() =>
		meaning === 'refused'
			? { kind: 'refused', error }
			: { kind: 'unclear', cause: error, exists: meaning === 'exists' },
	);
}

/** A successful envelope: each item's own answer, found by client transaction ID. */
function answersPerItem(
	run: PayoutRun,
	requests: TransferRequest[],
	envelope: CinetPayEnvelope,
): SendAnswer[] {
	const results = resultItems(envelope.data);
	const byClientId = new Map<string, IDataObject>();
	for (const result of results) {
		if (result.client_transaction_id !== undefined)
			byClientId.set(String(result.client_transaction_id), result);
	}
	// Results without IDs can only be matched by position, and only when none has an ID.
	const byPosition = byClientId.size === 0 && results.length === requests.length;
	return requests.map((request, position): SendAnswer => {
		const result =
			byClientId.get(request.payload.client_transaction_id) ??
			(byPosition ? results[position] : undefined);
		if (!result) {
			return { kind: 'unclear', cause: run.noResultError(request), exists: false };
		}
		const answer = itemAnswer(result);
		const meaning = sendCodeMeaning(answer.code);
		const error = () => cinetPayError(run.context, answer);
		if (meaning === 'accepted') {
			// Without its transaction ID, an "accepted" item cannot be shown as paid: look it up.
			return result.transaction_id
				? { kind: 'accepted', result }
				: { kind: 'unclear', cause: run.noResultError(request), exists: false };
		}
		if (meaning === 'refused') return { kind: 'refused', error: error() };
		return { kind: 'unclear', cause: error(), exists: meaning === 'exists' };
	});
}
