/**
 * How calls to one CinetPay account slow down when CinetPay throttles them (HTTP 429), on both
 * platforms. A 429 proves the call was not carried out, so the transport waits as CinetPay asks
 * (Retry-After) and repeats it, a bounded number of times; meanwhile every call of the same
 * account in this process waits too, and fewer may be in flight at once until calls pass again.
 */
import { sleep } from 'n8n-workflow';

/** Repeats of one call answered 429, after which it is "not sent" (nothing was created). */
export const THROTTLED_REPEATS = 3;

/** The wait without a Retry-After header, and the longest wait honoured (a longer one is cut). */
export const DEFAULT_RETRY_AFTER_MS = 1_000;
export const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After as milliseconds from `now`: seconds, or an HTTP date; bounded, 1 s without it. */
export function retryAfterMs(header: unknown, now = Date.now()): number {
	const text = String(Array.isArray(header) ? header[0] : (header ?? '')).trim();
	let ms = DEFAULT_RETRY_AFTER_MS;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else if (text !== '' && Number.isFinite(Date.parse(text))) ms = Date.parse(text) - now;
	return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The calls of one CinetPay account in this process (the transport admits each call through it):
 *
 * - a shared "not before" time: after a 429, no call of the account leaves before Retry-After;
 * - a limit of calls in flight, for a protocol that plans how many to start (the payout loop's
 *   "N in flight"): none until the first 429, then half of those in flight at that moment (at
 *   least 1), halved again on each 429, one more after each `limit` calls that passed. The gate
 *   does not queue calls beyond it: the protocol asks `limitFor(wanted)` before starting more.
 */
export class CallGate {
	private notBefore = 0;
	private ceiling = Number.POSITIVE_INFINITY;
	private passedSinceChange = 0;
	private inFlight = 0;

	/** How many calls may be in flight now: Infinity until CinetPay throttles this account. */
	get inFlightLimit(): number {
		return this.ceiling;
	}

	/** The calls a protocol that wants `wanted` in flight may start now (at least 1). */
	limitFor(wanted: number): number {
		return Math.max(1, Math.min(Math.trunc(wanted) || 1, this.ceiling));
	}

	/** Milliseconds before the next call may leave (0 when none is asked). */
	waitMs(now = Date.now()): number {
		return Math.max(0, this.notBefore - now);
	}

	/** Waits until the "not before" time; then the call is in flight until `leave()`. */
	async enter(): Promise<void> {
		for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await sleep(wait);
		this.inFlight++;
	}

	/** The call is over, whatever its answer. */
	leave(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	/** CinetPay answered 429: every call of the account waits `waitMs`, and fewer go at once. */
	throttled(waitMs: number, now = Date.now()): void {
		this.notBefore = Math.max(this.notBefore, now + waitMs);
		this.ceiling = Math.max(1, Math.floor(Math.min(this.ceiling, this.inFlight) / 2));
		this.passedSinceChange = 0;
	}

	/** A call was carried out: after `limit` such calls, one more may be in flight. */
	passed(): void {
		if (!Number.isFinite(this.ceiling) || ++this.passedSinceChange < this.ceiling) return;
		this.passedSinceChange = 0;
		this.ceiling++;
	}
}

/** One gate per account (the session's account digest), shared by everything this process runs. */
const gates = new Map<string, CallGate>();

export function callGateOf(account: string): CallGate {
	let gate = gates.get(account);
	if (!gate) {
		gate = new CallGate();
		gates.set(account, gate);
	}
	return gate;
}
