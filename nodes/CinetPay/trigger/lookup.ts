/**
 * The one API call a notification may cost: CinetPay's view of the transfer, fetched through the
 * shared transport. Requests of the same process that arrive together for the same transfer share
 * that call, and nobody waits for it longer than the deadline: CinetPay expects a fast answer.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { findTransfers } from '../transport';

export const DEFAULT_LOOKUP_TIMEOUT_SECONDS = 5;

export const TIMED_OUT: unique symbol = Symbol('timed out');

/** Lookups in flight, by scope and transaction_id; an entry lives only while its call does. */
export class SharedLookups {
	private readonly pending = new Map<string, Promise<IDataObject[]>>();

	run(key: string, lookup: () => Promise<IDataObject[]>): Promise<IDataObject[]> {
		let call = this.pending.get(key);
		if (!call) {
			call = lookup().finally(() => this.pending.delete(key));
			this.pending.set(key, call);
		}
		return call;
	}

	get size(): number {
		return this.pending.size;
	}
}

/**
 * The transfers CinetPay knows for this transaction_id (empty when it knows none), or TIMED_OUT.
 * The transport's own timeout bounds each attempt; the deadline bounds the whole, whatever the
 * transport does inside (a login, a retry).
 */
export async function lookUpTransfer(
	this: IWebhookFunctions,
	lookups: SharedLookups,
	scope: string,
	transactionId: string,
	timeoutMs: number,
): Promise<IDataObject[] | typeof TIMED_OUT> {
	let settled = false;
	const call = lookups
		.run(`${scope}\n${transactionId}`, async () => {
			// No retry inside: the answer is due now, and CinetPay notifies again after a 503.
			return await findTransfers.call(this, 'transaction_id', transactionId, { timeoutMs, retry: false });
		})
		.finally(() => (settled = true));
	return await Promise.race([call, deadline(() => settled, timeoutMs)]);
}

/** Checked this often: the most a deadline outlives the lookup it guards. */
const DEADLINE_STEP_MS = 100;

/**
 * TIMED_OUT after `ms`, unless the lookup settles first. n8n-workflow's `sleep` cannot be
 * cancelled (and node code may not use timers directly), so the wait goes in short steps and
 * stops soon after the lookup settles: no long timer is left behind per notification.
 */
async function deadline(settled: () => boolean, ms: number): Promise<typeof TIMED_OUT> {
	const end = Date.now() + ms;
	while (!settled() && Date.now() < end) {
		await sleep(Math.min(DEADLINE_STEP_MS, end - Date.now()));
	}
	return TIMED_OUT;
}
