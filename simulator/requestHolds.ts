/**
 * Requests a test holds on arrival, before the simulator processes them (in-process control only):
 * to make an order of events certain — a login that answers only once other calls have started, a
 * refusal that comes back only after a fresh login — without timing.
 */

/** A held request: `arrived` resolves when it comes in; it is processed once released. */
export interface RequestHold {
	arrived: Promise<void>;
	release(): void;
}

interface Pending {
	path: string;
	/** Requests to `path` still to let through before the one held. */
	skip: number;
	arrive(): void;
	released: Promise<void>;
	release(): void;
}

export class RequestHolds {
	private pending: Pending[] = [];

	/** Holds the `nth` request (1 = the next) that arrives for `path` from now on. */
	hold(path: string, nth = 1): RequestHold {
		let arrive!: () => void;
		const arrived = new Promise<void>((resolve) => (arrive = resolve));
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		this.pending.push({ path, skip: nth - 1, arrive, released, release });
		return { arrived, release };
	}

	/** Called by the server for each API request: waits while a hold applies to it. */
	async wait(path: string): Promise<void> {
		for (const hold of this.pending.filter((pending) => pending.path === path)) {
			if (hold.skip-- > 0) continue;
			this.pending = this.pending.filter((pending) => pending !== hold);
			hold.arrive();
			await hold.released;
			return;
		}
	}

	/** Lets every held request go and forgets the holds not yet met. */
	reset(): void {
		for (const hold of this.pending) hold.release();
		this.pending = [];
	}
}
