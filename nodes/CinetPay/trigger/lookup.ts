/**
 * The API calls a notification may cost: CinetPay's view of the transfer, fetched through the
 * shared transport, within the notification's deadline (CinetPay expects a fast answer).
 *
 * - Fresh: a notification is judged only by a lookup that began after it arrived. Requests that
 *   arrive together share one call; one that arrives while an older call is in flight makes its
 *   own, since the older answer may predate the status it reports.
 * - Bounded per trigger and per credential (LookupLimits, in this n8n instance): a flood at one
 *   trigger is refused there (503, nothing recorded) and leaves every other trigger its lookups;
 *   all triggers together cannot get the merchant throttled by CinetPay, which would also stop
 *   real sends.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { BUSY, settlesBefore, TIMED_OUT, type LookupLimits } from './limits';

export const DEFAULT_LOOKUP_TIMEOUT_SECONDS = 5;

/**
 * Counts arrivals and lookup starts on one clock, so that "began after it arrived" is exact even
 * within one millisecond.
 */
let clock = 0;

/** The moment a notification arrived, on the lookups' clock. */
export function arrival(): number {
	return ++clock;
}

/** Nothing to look up any more: while this notification waited, a copy of it was started. */
export const SETTLED: unique symbol = Symbol('settled');

type LookupResult = IDataObject[] | typeof BUSY | typeof TIMED_OUT | typeof SETTLED;

/** Lookups in flight, by scope and transaction_id; an entry lives only while its call does. */
export class SharedLookups {
	private readonly pending = new Map<string, { startedAt: number; call: Promise<LookupResult> }>();

	/**
	 * Joins the call in flight for `key` if it began after `arrivedAt`. A call that began before
	 * is waited for, not used: then SETTLED if `settled()` (a copy of this notification was
	 * decided by it), otherwise a fresh call (or one begun since by someone else).
	 */
	async run(
		key: string,
		arrivedAt: number,
		lookup: () => Promise<LookupResult>,
		settled: () => boolean = () => false,
	): Promise<LookupResult> {
		for (let current = this.pending.get(key); current; current = this.pending.get(key)) {
			if (current.startedAt > arrivedAt) return await current.call;
			await current.call.catch(() => undefined);
			// One turn of the event loop: the notification that made that call records its start.
			await sleep(0);
			if (settled()) return SETTLED;
		}
		const entry = { startedAt: ++clock, call: Promise.resolve<LookupResult>([]) };
		entry.call = lookup().finally(() => {
			if (this.pending.get(key) === entry) this.pending.delete(key);
		});
		this.pending.set(key, entry);
		return await entry.call;
	}

	get size(): number {
		return this.pending.size;
	}
}

export interface LookupScope {
	/** The credential whose calls are bounded together (never a secret: n8n's credential ID). */
	account: string;
	/** Separates workflows and trigger nodes: one node's lookup is not another's. */
	scope: string;
	arrivedAt: number;
	/** Date.now() past which the notification gets its 503. */
	until: number;
	/** Whether a copy of this notification has been started meanwhile (then no call is needed). */
	settled?: () => boolean;
}

/**
 * Asks one platform for the transfers it knows under a CinetPay transaction_id: an empty list when
 * it knows none. One call, no retry inside: the answer is due now.
 */
export type FindTransfers = (
	this: IWebhookFunctions,
	transactionId: string,
	timeoutMs: number,
) => Promise<IDataObject[]>;

/**
 * The transfers CinetPay knows for this transaction_id (empty when it knows none), TIMED_OUT,
 * BUSY or SETTLED. The transport's own timeout bounds each call; `until` bounds the whole, whatever the
 * transport does inside (a login) and however long the wait for a slot.
 */
export async function lookUpTransfer(
	this: IWebhookFunctions,
	lookups: SharedLookups,
	limits: LookupLimits,
	transactionId: string,
	{ account, scope, arrivedAt, until, settled }: LookupScope,
	find: FindTransfers,
): Promise<LookupResult> {
	const call = lookups.run(
		`${scope}\n${transactionId}`,
		arrivedAt,
		async () => {
			// One slot per call, not per notification waiting for it.
			const slot = await limits.acquire(account, scope, until);
			if (slot === BUSY || slot === TIMED_OUT) return slot;
			// No retry inside: the answer is due now, and CinetPay notifies again after a 503. The
			// transport's timeout ends the call by the deadline; the slot is held until it does, so
			// never more than LOOKUPS_PER_ACCOUNT calls are open at CinetPay.
			const timeoutMs = Math.max(until - Date.now(), 1);
			try {
				return await find.call(this, transactionId, timeoutMs);
			} finally {
				slot();
			}
		},
		settled,
	);
	return (await settlesBefore(call, until)) ? await call : TIMED_OUT;
}
