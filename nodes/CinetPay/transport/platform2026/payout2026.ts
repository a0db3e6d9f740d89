/**
 * How transfers are paid on the 2026 platform, one call per transfer, and how each is settled.
 * The invariant is v1's: never two payouts for one item, and `not-sent` only when CinetPay (or the
 * lack of any connection) says nothing was created. The rules, in the order they act:
 *
 *   1. Each transfer is one POST /v1/transfer, a bounded number in flight (default 4), under the
 *      item's merchant_transaction_id (≤ 30 letters, digits, '-'; checked before anything is sent).
 *   2. A clear answer settles the item: a transfer state with its transaction_id → sent;
 *      a refusal (400, 2005, a session refused after one fresh login) → not sent.
 *   3. 1200 (the ID exists) is never "not sent": the earlier transfer may be this very item's from
 *      an earlier run. Where CinetPay can find it by merchant ID, it is looked up and compared;
 *      otherwise the item is `unknown`, with what to check.
 *   4. No clear answer (no answer, a timeout, HTTP 5xx, an unknown code, an answer without
 *      transaction_id): the send may have been carried out, perhaps later (a late commit).
 *      - Where a lookup by merchant ID exists, it is asked first (bounded by the check deadline).
 *        Found → sent (recovered). Not found → as without a lookup.
 *      - A resend with the same ID happens only where CinetPay is known to guard the ID — it
 *        refuses a second transfer (1200) or answers the existing one (DUPLICATE_GUARD_2026). Then
 *        a first send that lands late cannot become a second payout. An accepted resend → sent;
 *        1200 → the first send landed: `unknown` without a lookup (no ID or status to show).
 *      - Where the guard is not known (today's facts.ts), a lost answer is `unknown` and is never
 *        resent: if CinetPay accepted a reused ID as a new transfer, a resend would pay twice.
 *
 * Why not always resend (as v1 does after a lookup came back empty)? v1's 805 is documented; 1200
 * on the 2026 platform is one third-party note. Under the three [guess] answers to a reused ID:
 *   - refused with 1200 → a resend is safe, and says the first landed;
 *   - the existing transfer returned → a resend is safe, and recovers its ID and status;
 *   - accepted as a new transfer → a resend after a lost-but-committed send pays twice.
 * Only `unknown` is safe under all three, so it is the default until CinetPay's answer is known;
 * the payout invariant suite runs this protocol against all three (test/transport2026).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapBounded } from '../../helpers/batching';
import { addFacts, callOutcome, factsOf, type ItemError } from '../errors';
import type { TransportContext } from '../index';
import { send2026Meaning } from './codes';
import { cinetPay2026Error, unknownOutcome2026Error, type Answer2026 } from './errors';
import {
	DUPLICATE_GUARD_2026,
	MERCHANT_ID_PATTERN,
	type DuplicateGuard2026,
	type MerchantLookup2026,
} from './facts';
import {
	findTransferByMerchantId2026,
	merchantLookupOf,
	normalizeTransfer2026,
	sendTransfer2026,
	type Send2026Payload,
} from './index';

/** Sends in flight at once, unless the operation says otherwise. */
export const DEFAULT_SENDS_IN_FLIGHT_2026 = 4;

/** How long the checks after unclear answers may take, from the first unclear answer. */
export const DEFAULT_CHECK_DEADLINE_MS_2026 = 60_000;

export interface Payout2026Request {
	itemIndex: number;
	payload: Send2026Payload;
}

export interface Payout2026Options {
	inFlight?: number;
	timeoutMs?: number;
	checkDeadlineMs?: number;
	/** What CinetPay is known to do; default facts.ts. Tests pass the simulator's variant. */
	merchantLookup?: MerchantLookup2026;
	duplicateGuard?: DuplicateGuard2026;
}

export type Payout2026Result =
	| { outcome: 'sent'; json: IDataObject }
	| { outcome: 'not-sent'; error: ItemError }
	| { outcome: 'unknown'; error: ItemError };

/** What one send call said about its transfer. */
type SendAnswer =
	| { kind: 'accepted'; body: IDataObject }
	| { kind: 'refused'; error: ItemError }
	| { kind: 'exists'; cause: ItemError }
	| { kind: 'unclear'; cause: ItemError };

/** Pays every request (rules 1–4); results in input order. */
export async function payTransfers2026(
	context: TransportContext,
	requests: Payout2026Request[],
	options: Payout2026Options = {},
): Promise<Payout2026Result[]> {
	const run = new Run(context, options);
	return await mapBounded(requests, options.inFlight ?? DEFAULT_SENDS_IN_FLIGHT_2026, (request) =>
		run.pay(request),
	);
}

class Run {
	readonly lookup: MerchantLookup2026;
	readonly guard: DuplicateGuard2026;
	private checkDeadline: number | undefined;

	constructor(
		readonly context: TransportContext,
		readonly options: Payout2026Options,
	) {
		this.lookup = merchantLookupOf(options.merchantLookup);
		this.guard = options.duplicateGuard ?? DUPLICATE_GUARD_2026;
	}

	async pay(request: Payout2026Request): Promise<Payout2026Result> {
		const id = request.payload.merchant_transaction_id;
		if (typeof id !== 'string' || !MERCHANT_ID_PATTERN.test(id)) {
			return {
				outcome: 'not-sent',
				error: new NodeOperationError(
					this.context.getNode(),
					`Merchant transaction ID "${String(id)}" is not accepted by CinetPay`,
					{
						description:
							'Use 1 to 30 letters, digits or "-". It is what makes a transfer safe to retry: keep it unique and stable per payout.',
						itemIndex: request.itemIndex,
					},
				),
			};
		}
		const first = await this.send(request);
		if (first.kind === 'accepted') return this.sent(request, first.body, {});
		if (first.kind === 'refused') return { outcome: 'not-sent', error: first.error };
		if (first.kind === 'exists') return await this.afterExists(request, first.cause, {});
		return await this.recover(request, first.cause);
	}

	/** Rule 4. */
	private async recover(request: Payout2026Request, cause: ItemError): Promise<Payout2026Result> {
		const found = await this.lookUp(request);
		if (found.kind === 'found')
			return this.sentIfSame(request, found.transfer, { recovered: true });
		const why =
			found.kind === 'failed'
				? `${cause.message}; ${found.reason}`
				: found.kind === 'missing'
					? `${cause.message}; CinetPay does not show the transfer (yet)`
					: cause.message;
		if (this.guard === 'unknown') return this.unknown(request, why, cause);

		// CinetPay guards the ID: a first send that lands late cannot become a second transfer.
		const again = await this.send(request);
		if (again.kind === 'accepted') return this.sent(request, again.body, { recovered: true });
		if (again.kind === 'exists')
			return await this.afterExists(request, again.cause, { recovered: true });
		// A refusal now does not undo the first send, which may still land: not "not sent".
		const second = again.kind === 'refused' ? again.error : again.cause;
		return this.unknown(request, `${why}; sent again with the same ID: ${second.message}`, second);
	}

	/** Rule 3: CinetPay holds a transfer under this ID (1200). */
	private async afterExists(
		request: Payout2026Request,
		cause: ItemError,
		flags: IDataObject,
	): Promise<Payout2026Result> {
		const found = await this.lookUp(request);
		if (found.kind === 'found')
			return this.sentIfSame(request, found.transfer, { duplicate: true, ...flags });
		return this.unknown(
			request,
			`${cause.message}${found.kind === 'failed' ? `; ${found.reason}` : ''}`,
			cause,
		);
	}

	private async send(request: Payout2026Request): Promise<SendAnswer> {
		let answer: Answer2026;
		try {
			answer = await sendTransfer2026.call(this.context, request.payload, {
				timeoutMs: this.options.timeoutMs,
			});
		} catch (error) {
			const cause = error as ItemError;
			// Only an error proving the call never left (no connection, failed login) is a refusal.
			return callOutcome(cause) === 'not-sent'
				? { kind: 'refused', error: cause }
				: { kind: 'unclear', cause };
		}
		const hasId =
			typeof answer.body.transaction_id === 'string' && answer.body.transaction_id !== '';
		const meaning = send2026Meaning(answer.code, answer.httpStatus, hasId);
		if (meaning === 'accepted') return { kind: 'accepted', body: answer.body as IDataObject };
		const error = cinetPay2026Error(this.context, answer, request.itemIndex);
		if (meaning === 'refused') return { kind: 'refused', error };
		if (meaning === 'exists') return { kind: 'exists', cause: error };
		return { kind: 'unclear', cause: error };
	}

	private async lookUp(
		request: Payout2026Request,
	): Promise<
		| { kind: 'found'; transfer: IDataObject }
		| { kind: 'missing' }
		| { kind: 'none' }
		| { kind: 'failed'; reason: string }
	> {
		if (this.lookup === 'none') return { kind: 'none' };
		this.checkDeadline ??=
			Date.now() + (this.options.checkDeadlineMs ?? DEFAULT_CHECK_DEADLINE_MS_2026);
		const budgetMs = this.checkDeadline - Date.now();
		if (budgetMs <= 0)
			return {
				kind: 'failed',
				reason: 'CinetPay did not answer lookups within the check deadline',
			};
		try {
			const found = await findTransferByMerchantId2026.call(
				this.context,
				request.payload.merchant_transaction_id,
				{
					lookup: this.lookup,
					timeoutMs: Math.min(budgetMs, this.options.timeoutMs ?? budgetMs),
					retry: false,
				},
			);
			if (!found) return { kind: 'none' };
			return found.found ? { kind: 'found', transfer: found.transfer } : { kind: 'missing' };
		} catch (error) {
			return { kind: 'failed', reason: `the lookup failed: ${(error as Error).message}` };
		}
	}

	/** A transfer CinetPay answered for this item's send. */
	private sent(
		request: Payout2026Request,
		body: IDataObject,
		flags: IDataObject,
	): Payout2026Result {
		return this.sentIfSame(request, normalizeTransfer2026(body), flags);
	}

	/**
	 * A transfer CinetPay holds under this item's ID: this item's if amount and receiver match.
	 * If not, the ID belongs to another transfer — nothing of this item's was paid under it, but a
	 * first send of this item may still land, so `unknown` unless nothing was ever unclear.
	 */
	private sentIfSame(
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
			this.context.getNode(),
			`Merchant transaction ID "${payload.merchant_transaction_id}" belongs to another transfer at CinetPay`,
			{
				description: `That transfer (${String(transfer.transaction_id)}) went to ${String(transfer.phone_number ?? '?')} for ${String(transfer.amount ?? '?')}; this item asks for ${payload.phone_number}, ${payload.amount}. Give this item a new, unique merchant transaction ID — after checking it was not paid.`,
				itemIndex: request.itemIndex,
			},
		);
		addFacts(error, { outcome: 'unknown', clientTransactionId: payload.merchant_transaction_id });
		return { outcome: 'unknown', error };
	}

	private unknown(request: Payout2026Request, why: string, cause: ItemError): Payout2026Result {
		const id = request.payload.merchant_transaction_id;
		const advice =
			this.lookup === 'none'
				? `CinetPay's 2026 platform cannot look a transfer up by your ID: check transfer "${id}" in your CinetPay dashboard (or by its transaction ID with Transfer → Get, if a notification brought it) before doing anything else. Do not send it again under another ID.`
				: `Check it with Transfer → Get by merchant transaction ID "${id}" before doing anything else. Do not send it again under another ID.`;
		const error = unknownOutcome2026Error(this.context, id, why, advice);
		addFacts(error, { code: factsOf(cause).code, status: factsOf(cause).status });
		return { outcome: 'unknown', error };
	}
}

function digits(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}
