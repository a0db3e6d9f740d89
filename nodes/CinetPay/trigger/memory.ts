/**
 * What the trigger remembers, per trigger (workflow + node + Test or Production URL), in this
 * process: the notifications it started, and the transaction IDs CinetPay keeps not knowing. One
 * trigger's flood fills only its own memory, never another's. Plain Maps: a check is a lookup.
 *
 * Nothing here survives a restart of n8n, and nothing is shared between the processes of queue
 * mode. n8n 2.x keeps only the first write of a production webhook's static data
 * (docs/n8n-findings.md §1), so it cannot hold this either: durable exactly-once is n8n's Remove
 * Duplicates node right after the trigger, keyed on `idempotency_key` (README, examples/).
 */

/** Started (transaction_id, status) keys kept per trigger; the oldest are forgotten first. */
export const STARTED_KEYS_PER_TRIGGER = 10_000;
/** Transaction IDs followed for not-founds per trigger; the oldest are forgotten first. */
export const NOT_FOUND_IDS_PER_TRIGGER = 10_000;
/** Triggers remembered in this process; past it, the least recently used is forgotten. */
export const TRIGGERS_REMEMBERED = 1_000;

/**
 * Not-found lookups of one ID before the trigger stops asking for a while: as many as one delivery
 * makes within the default deadline (steps.ts RELOOK_DELAYS_MS), so that a read lagging a few
 * seconds, or one transient 723, never silences a true notification.
 */
export const NOT_FOUNDS_BEFORE_SILENCE = 5;
/** The first silence; each further not-found doubles it, up to SILENCE_MAX_MS. */
export const SILENCE_BASE_MS = 5_000;
export const SILENCE_MAX_MS = 5 * 60 * 1000;

/** Stable across deliveries, processes and n8n instances: `${transaction_id}:${status}`. */
export function idempotencyKey(transactionId: string, status: string): string {
	return `${transactionId}:${status}`;
}

/** A Map that forgets its oldest entries beyond `capacity`. */
class BoundedMap<V> extends Map<string, V> {
	constructor(private readonly capacity: number) {
		super();
	}

	/** Sets the entry as the newest one. */
	put(key: string, value: V): void {
		this.delete(key);
		this.set(key, value);
		if (this.size > this.capacity) this.delete(this.keys().next().value as string);
	}
}

/** The (transaction_id, status) keys one trigger started. */
export class StartedKeys {
	private readonly keys: BoundedMap<true>;

	constructor(capacity = STARTED_KEYS_PER_TRIGGER) {
		this.keys = new BoundedMap(capacity);
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** Records a key for one start; false when it was started already (the check and the record are one step). */
	claim(key: string): boolean {
		if (this.keys.has(key)) return false;
		this.keys.put(key, true);
		return true;
	}

	get size(): number {
		return this.keys.size;
	}
}

/**
 * How often CinetPay did not know an ID, and until when the trigger stops asking: only after
 * NOT_FOUNDS_BEFORE_SILENCE not-founds, for a time that doubles with each further one. While
 * silent the trigger answers 503, so that CinetPay delivers again later: "unknown" is never an
 * answer that loses a true notification.
 */
export class NotFoundIds {
	private readonly ids: BoundedMap<{ count: number; silentUntil: number }>;

	constructor(capacity = NOT_FOUND_IDS_PER_TRIGGER) {
		this.ids = new BoundedMap(capacity);
	}

	/** Counts one not-found lookup of `id`. */
	notFound(id: string, now = Date.now()): void {
		const count = (this.ids.get(id)?.count ?? 0) + 1;
		const silences = count - NOT_FOUNDS_BEFORE_SILENCE;
		const silentUntil =
			silences < 0 ? 0 : now + Math.min(SILENCE_BASE_MS * 2 ** silences, SILENCE_MAX_MS);
		this.ids.put(id, { count, silentUntil });
	}

	found(id: string): void {
		this.ids.delete(id);
	}

	/** Not-founds counted so far when the trigger is not to ask now; undefined when it may ask. */
	silenced(id: string, now = Date.now()): number | undefined {
		const entry = this.ids.get(id);
		return entry !== undefined && entry.silentUntil > now ? entry.count : undefined;
	}

	get size(): number {
		return this.ids.size;
	}
}

/** One trigger's memory. */
export interface TriggerMemory {
	started: StartedKeys;
	notFound: NotFoundIds;
}

/** Every trigger's memory in this process, by trigger. */
export class TriggerMemories {
	private readonly triggers: BoundedMap<TriggerMemory>;

	constructor(capacity = TRIGGERS_REMEMBERED) {
		this.triggers = new BoundedMap(capacity);
	}

	of(trigger: string): TriggerMemory {
		const memory = this.triggers.get(trigger) ?? {
			started: new StartedKeys(),
			notFound: new NotFoundIds(),
		};
		this.triggers.put(trigger, memory);
		return memory;
	}
}
