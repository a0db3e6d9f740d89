/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published */
/**
 * Answers held on purpose, for tests that must see what a client does while a call is out —
 * without timing: a held call is processed as usual, then its answer waits until the test
 * releases it (or a safety valve does, so a client that never moves on cannot hang a test).
 * In-process only (SimulatorControl.holdAnswer): a hold is a live handle, not a fault plan.
 */
import type { ApiEndpoint } from './types';

/** One held answer, as the test sees it. */
export interface AnswerHold {
	/** Resolves when the held call has arrived (it is being processed, then held). */
	arrived: Promise<void>;
	/** Resolves when its answer is let go: by `release()`, the valve, or reset/close. */
	released: Promise<'released' | 'valve'>;
	release(): void;
}

interface PendingHold {
	endpoint: ApiEndpoint;
	/** Calls to the endpoint still to arrive before the held one. */
	before: number;
	arrive: () => void;
	/** The held call's wait, once it arrived. */
	wait: Promise<void>;
	release: (how: 'released' | 'valve') => void;
	valveMs: number;
}

export class AnswerHolds {
	private pending: PendingHold[] = [];
	/** Answers held now: their release by the valve, to let go on reset/close. */
	private readonly held = new Map<PendingHold, ReturnType<typeof setTimeout>>();

	/**
	 * Holds the answer of the `nth` call to `endpoint` from now (1 = the next one). The valve lets
	 * it go after `valveMs` once it has arrived, if the test has not.
	 */
	hold(endpoint: ApiEndpoint, nth = 1, valveMs = 10_000): AnswerHold {
		let arrive!: () => void;
		const arrived = new Promise<void>((resolve) => (arrive = resolve));
		let release!: (how: 'released' | 'valve') => void;
		const released = new Promise<'released' | 'valve'>((resolve) => (release = resolve));
		const entry: PendingHold = {
			endpoint,
			before: nth - 1,
			arrive,
			wait: released.then(() => undefined),
			release,
			valveMs,
		};
		this.pending.push(entry);
		return { arrived, released, release: () => release('released') };
	}

	/** A call to `endpoint` arrived: what its answer must wait for, if it is held. */
	arrive(endpoint: ApiEndpoint | undefined): Promise<void> | undefined {
		if (endpoint === undefined) return undefined;
		let held: PendingHold | undefined;
		for (const entry of this.pending) {
			if (entry.endpoint !== endpoint) continue;
			if (entry.before > 0) entry.before--;
			else held ??= entry;
		}
		if (!held) return undefined;
		const entry = held;
		this.pending = this.pending.filter((other) => other !== entry);
		this.held.set(
			entry,
			setTimeout(() => entry.release('valve'), entry.valveMs),
		);
		void entry.wait.then(() => {
			clearTimeout(this.held.get(entry));
			this.held.delete(entry);
		});
		entry.arrive();
		return entry.wait;
	}

	/** Lets every held answer go and forgets holds not yet struck (reset, close). */
	clear(): void {
		for (const entry of [...this.pending, ...this.held.keys()]) entry.release('released');
		this.pending = [];
		for (const valve of this.held.values()) clearTimeout(valve);
		this.held.clear();
	}
}
