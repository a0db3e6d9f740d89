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
 * the payout invariant suite runs this protocol against all three
 * (test/transport/platform2026/payout2026.invariants.test.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { mapBounded } from '../../helpers/batching';
import type { ItemError } from '../errors';
import type { TransportContext } from '../shared/authenticatedCall';
import { DUPLICATE_GUARD_2026, type DuplicateGuard2026, type MerchantLookup2026 } from './facts';
import { lookUpByMerchantId, sendOne, type LookupFinding } from './payoutCalls2026';
import { invalidMerchantIdResult, sentIfSame, unknownResult } from './payoutResults2026';
import { merchantLookupOf, normalizeTransfer2026 } from './transfers';
import type { Send2026Payload } from './transferPayload';

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

/** One run of the protocol: what CinetPay is known to do, and the deadline of its checks. */
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
		const invalid = invalidMerchantIdResult(this.context, request);
		if (invalid) return invalid;
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
			return sentIfSame(this.context, request, found.transfer, { recovered: true });
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
			return sentIfSame(this.context, request, found.transfer, { duplicate: true, ...flags });
		return this.unknown(
			request,
			`${cause.message}${found.kind === 'failed' ? `; ${found.reason}` : ''}`,
			cause,
		);
	}

	private async send(request: Payout2026Request) {
		return await sendOne(this.context, request, this.options.timeoutMs);
	}

	/** A lookup by merchant ID, within the run's check deadline (set by the first one). */
	private async lookUp(request: Payout2026Request): Promise<LookupFinding> {
		if (this.lookup === 'none') return { kind: 'none' };
		this.checkDeadline ??=
			Date.now() + (this.options.checkDeadlineMs ?? DEFAULT_CHECK_DEADLINE_MS_2026);
		return await lookUpByMerchantId(this.context, request, {
			lookup: this.lookup,
			budgetMs: this.checkDeadline - Date.now(),
			timeoutMs: this.options.timeoutMs,
		});
	}

	/** A transfer CinetPay answered for this item's send. */
	private sent(
		request: Payout2026Request,
		body: IDataObject,
		flags: IDataObject,
	): Payout2026Result {
		return sentIfSame(this.context, request, normalizeTransfer2026(body), flags);
	}

	private unknown(request: Payout2026Request, why: string, cause: ItemError): Payout2026Result {
		return unknownResult(this.context, request, { why, cause, lookup: this.lookup });
	}
}
