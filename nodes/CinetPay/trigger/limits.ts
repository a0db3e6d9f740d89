/**
 * How many lookups the trigger may have at CinetPay at once. Per trigger (workflow + node + Test or
 * Production URL): a flood of forged notifications at one trigger is refused there, with 503, and
 * every other trigger keeps its lookups. Per account (credential): all its triggers together never
 * ask CinetPay more than LOOKUPS_PER_ACCOUNT at once, so that a flood cannot get the merchant
 * throttled by CinetPay, which would also stop real sends. Checked after the Secret.
 */
import { sleep } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT } from '../helpers/batching';

export const TIMED_OUT: unique symbol = Symbol('timed out');
/** Refused without a call: too many lookups of this trigger in flight and waiting. */
export const BUSY: unique symbol = Symbol('busy');

/** Lookups in flight (or waiting for the account) at once per trigger, in this n8n instance. */
export const LOOKUPS_PER_TRIGGER = 2;
/** Lookups waiting per trigger; past them, that trigger's notifications are refused with 503. */
export const LOOKUPS_WAITING_PER_TRIGGER = 16;
/** Lookups in flight at once per account (credential), all its triggers together. */
export const LOOKUPS_PER_ACCOUNT = DEFAULT_IN_FLIGHT;

interface Waiter {
	granted: boolean;
	/** Settles when release() hands this waiter the slot. */
	turn: Promise<void>;
	wake: () => void;
}

/**
 * A semaphore: `size` slots, granted first come, first served. A release hands the slot to the
 * next waiter and wakes it at once (no polling): waiting for a slot costs no more than the wait.
 */
class Slots {
	active = 0;
	readonly line: Waiter[] = [];

	constructor(readonly size: number) {}

	/** A slot now (true), or a place in line that release() grants. */
	take(): true | Waiter {
		if (this.active < this.size) {
			this.active++;
			return true;
		}
		let wake: () => void = () => undefined;
		const turn = new Promise<void>((resolve) => (wake = resolve));
		const waiter = { granted: false, turn, wake };
		this.line.push(waiter);
		return waiter;
	}

	/** Hands the slot to the first one waiting, or back to the pool. */
	release(): void {
		const next = this.line.shift();
		if (!next) {
			this.active--;
			return;
		}
		next.granted = true;
		next.wake();
	}

	/** A waiter that gave up leaves the line. */
	leave(waiter: Waiter): void {
		const at = this.line.indexOf(waiter);
		if (at >= 0) this.line.splice(at, 1);
	}

	get idle(): boolean {
		return this.active === 0 && this.line.length === 0;
	}
}

/**
 * Lookups at CinetPay, bounded twice: per trigger (workflow + node + URL), so that a flood at one
 * trigger refuses only that trigger's notifications, and per account (credential), so that all
 * triggers together never ask CinetPay more than LOOKUPS_PER_ACCOUNT at once. A trigger holds at
 * most LOOKUPS_PER_TRIGGER account slots or places in the account's line, so another trigger's
 * lookup waits behind at most that many per flooded trigger.
 */
export class LookupLimits {
	private readonly triggers = new Map<string, Slots>();
	private readonly accounts = new Map<string, Slots>();

	constructor(
		private readonly perTrigger = LOOKUPS_PER_TRIGGER,
		private readonly waitingPerTrigger = LOOKUPS_WAITING_PER_TRIGGER,
		private readonly perAccount = LOOKUPS_PER_ACCOUNT,
	) {}

	/**
	 * A slot for one call, to be released once; BUSY when this trigger's line is full, TIMED_OUT
	 * when no slot came before `until`.
	 */
	async acquire(
		account: string,
		trigger: string,
		until: number,
	): Promise<(() => void) | typeof BUSY | typeof TIMED_OUT> {
		const triggerSlots = slotsOf(this.triggers, trigger, this.perTrigger);
		if (triggerSlots.line.length >= this.waitingPerTrigger) return BUSY;
		if (!(await wait(triggerSlots, until))) {
			forgetIdle(this.triggers, trigger, triggerSlots);
			return TIMED_OUT;
		}
		const accountSlots = slotsOf(this.accounts, account, this.perAccount);
		const releaseTrigger = () => {
			triggerSlots.release();
			forgetIdle(this.triggers, trigger, triggerSlots);
		};
		if (!(await wait(accountSlots, until))) {
			forgetIdle(this.accounts, account, accountSlots);
			releaseTrigger();
			return TIMED_OUT;
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			accountSlots.release();
			forgetIdle(this.accounts, account, accountSlots);
			releaseTrigger();
		};
	}

	/** Lookups in flight for an account, and for one trigger (tests and the bench). */
	active(account: string, trigger?: string): number {
		const slots = trigger === undefined ? this.accounts.get(account) : this.triggers.get(trigger);
		return slots?.active ?? 0;
	}
}

function slotsOf(all: Map<string, Slots>, key: string, size: number): Slots {
	let slots = all.get(key);
	if (!slots) {
		slots = new Slots(size);
		all.set(key, slots);
	}
	return slots;
}

function forgetIdle(all: Map<string, Slots>, key: string, slots: Slots): void {
	if (slots.idle && all.get(key) === slots) all.delete(key);
}

/** Whether a slot came before `until`; a waiter that times out leaves the line. */
async function wait(slots: Slots, until: number): Promise<boolean> {
	const waiter = slots.take();
	if (waiter === true) return true;
	if ((await settlesBefore(waiter.turn, until)) || waiter.granted) return true;
	slots.leave(waiter);
	return false;
}

/**
 * Whether `promise` settles (either way) before `until`; it is not awaited past `until`. Ends as
 * soon as the promise settles. n8n-workflow's `sleep` cannot be cancelled (and node code may not
 * use timers directly), so the deadline is watched in short steps: no long timer is left behind.
 */
export async function settlesBefore(promise: Promise<unknown>, until: number): Promise<boolean> {
	let settled = false;
	const done = promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	while (!settled && Date.now() < until)
		await Promise.race([done, sleep(Math.min(DEADLINE_STEP_MS, until - Date.now()))]);
	return settled;
}

/** The deadline is checked this often: the most a step's timer outlives what it waits for. */
const DEADLINE_STEP_MS = 100;
