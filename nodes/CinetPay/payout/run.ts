/**
 * One run of Transfer → Send, on either platform: where its items' results go, what may already
 * be held under an item's ID, its check deadline and its circuit breaker.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemResults } from '../helpers/results';
import { earlierTries, noteAttempted, type EarlierTries } from './retryMemory';
import type { PayoutItem } from './platform';

export interface PayoutSettings {
	/** One call's timeout. */
	timeoutMs: number;
	/** How long, from the first unclear answer, the run may spend looking transfers up. */
	checkDeadlineMs: number;
}

/**
 * The circuit breaker: after this many send calls in a row without any answer (lost, timed out,
 * HTTP 5xx), CinetPay is taken as not answering and the run starts no further send.
 */
export const LOST_CALLS_BEFORE_STOPPING = 3;

export class PayoutRun {
	readonly earlier: EarlierTries;

	/** IDs that left in a call of this run without a clear answer: CinetPay may hold them. */
	private readonly leftUnclear = new Set<string>();

	private lostInARow = 0;

	private lookupsStopped = false;

	/** An item this try sent (or meant to) failed. */
	private itemFailed = false;

	/** Why the run sends nothing more, once it does not. */
	private stopReason: string | undefined;

	/** When lookups must stop; set at the first unclear answer. */
	private checkDeadline: number | undefined;

	constructor(
		readonly context: IExecuteFunctions,
		readonly results: ItemResults,
		readonly settings: PayoutSettings,
	) {
		this.earlier = earlierTries(context);
	}

	/**
	 * Whether CinetPay may hold a transfer under this item's ID from before the call at hand: the
	 * ID is the user's own (an earlier execution may have used it), an earlier try of this
	 * execution put it on the wire and did not see it refused, or a call of this run left with it
	 * and got no clear answer. A refusal, or a lookup that finds nothing (yet), then proves nothing.
	 */
	mayBeHeld(item: PayoutItem): boolean {
		return item.ownId || this.leftUnclear.has(item.id) || this.earlierTryMayHold(item);
	}

	/**
	 * An earlier try of this execution put the item on the wire and did not see it refused: it left
	 * the item unknown, or died before saying (the memory is written before each call leaves).
	 */
	earlierTryMayHold(item: PayoutItem): boolean {
		return item.itemIndex <= this.earlier.attemptedUpTo && !this.earlier.notSent.has(item.id);
	}

	/** Before a call leaves: the retry memory learns that these items were put on the wire. */
	noteLeaving(items: PayoutItem[]): void {
		noteAttempted(
			this.context,
			this.earlier.runIndex,
			Math.max(...items.map((item) => item.itemIndex)),
		);
	}

	/** A call about this item got no clear answer. */
	noteUnclear(item: PayoutItem): void {
		this.leftUnclear.add(item.id);
	}

	/** After each send call: whether it got any answer at all (the circuit breaker counts). */
	noteSendCall(answered: boolean): void {
		this.lostInARow = answered ? 0 : this.lostInARow + 1;
		if (this.lostInARow >= LOST_CALLS_BEFORE_STOPPING)
			this.stop(`CinetPay left ${this.lostInARow} send calls in a row without an answer`);
	}

	/** Without "Continue On Fail" the run ends in an error: no money moves after a failed item. */
	noteItemFailed(): void {
		this.itemFailed = true;
	}

	stop(reason: string): void {
		this.stopReason ??= reason;
	}

	/** A lookup timed out: CinetPay is not answering, later lookups (and sends) would not fare better. */
	stopLookups(): void {
		this.lookupsStopped = true;
		this.stop('CinetPay stopped answering the checks of unclear transfers');
	}

	/** Why no further send may start, or undefined while one may. */
	get stoppedBecause(): string | undefined {
		if (this.stopReason) return this.stopReason;
		if (this.checkDeadline !== undefined && Date.now() >= this.checkDeadline)
			return 'the check deadline passed while transfers of this run were still unclear';
		if (this.itemFailed && !this.context.continueOnFail())
			return 'an item of this run failed and "Continue On Fail" is off';
		return undefined;
	}

	startCheckClock(): void {
		this.checkDeadline ??= Date.now() + this.settings.checkDeadlineMs;
	}

	/** Milliseconds a lookup may still take, or 0 when lookups must stop. */
	lookupBudgetMs(): number {
		if (this.lookupsStopped || this.checkDeadline === undefined) return 0;
		return Math.min(this.settings.timeoutMs, Math.max(this.checkDeadline - Date.now(), 0));
	}
}
