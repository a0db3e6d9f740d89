/**
 * One (transaction_id, treatment_status) starts the workflow at most once.
 *
 * Two memories, both bounded:
 * - the node's workflow static data (n8n saves it after each production webhook call, so it
 *   survives a restart): the last DEDUPLICATION_CAPACITY keys, oldest dropped first;
 * - a process-wide set of recent keys: n8n loads static data per request and saves it whole, so
 *   two requests in flight at once each see the other's key missing, and the last save wins.
 *
 * n8n's own deduplication service (`helpers.checkProcessedAndRecord`) is not given to webhook
 * functions in n8n 1.x or 2.x, only to executing nodes. Across processes (queue mode with several
 * webhook processors) neither memory is shared: downstream steps de-duplicate on
 * `idempotency_key`.
 */
import type { IDataObject } from 'n8n-workflow';

/** About 30 characters a key: some 300 KB of static data when full. */
export const DEDUPLICATION_CAPACITY = 10_000;

/** The static-data field holding the processed keys, oldest first. */
export const PROCESSED_KEYS_FIELD = 'processedKeys';

/** Stable across deliveries, processes and n8n instances: `${transaction_id}:${treatment_status}`. */
export function idempotencyKey(transactionId: string, treatmentStatus: string): string {
	return `${transactionId}:${treatmentStatus}`;
}

export function processedKeys(staticData: IDataObject): readonly string[] {
	const keys = staticData[PROCESSED_KEYS_FIELD];
	return Array.isArray(keys) ? (keys as unknown[]).filter((key): key is string => typeof key === 'string') : [];
}

export function wasProcessed(staticData: IDataObject, key: string): boolean {
	return processedKeys(staticData).includes(key);
}

/**
 * Records a key; false when it was there already. The field is assigned, not mutated: n8n saves
 * static data only when its observer saw a property set.
 */
export function recordProcessed(staticData: IDataObject, key: string, capacity = DEDUPLICATION_CAPACITY): boolean {
	const keys = processedKeys(staticData);
	if (keys.includes(key)) return false;
	staticData[PROCESSED_KEYS_FIELD] = [...keys.slice(Math.max(0, keys.length - capacity + 1)), key];
	return true;
}

/** A bounded set that forgets its oldest entries first. */
export class RecentKeys {
	private readonly keys = new Set<string>();

	constructor(private readonly capacity = DEDUPLICATION_CAPACITY) {}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	add(key: string): void {
		this.keys.delete(key);
		this.keys.add(key);
		while (this.keys.size > this.capacity) {
			const oldest = this.keys.values().next().value as string;
			this.keys.delete(oldest);
		}
	}

	get size(): number {
		return this.keys.size;
	}
}

/**
 * Claims a key for one start, checking and recording both memories in one synchronous step, so
 * two requests of the same process cannot both claim it. `scope` separates workflows and nodes
 * in the process-wide set.
 */
export function claimKey(recent: RecentKeys, scope: string, staticData: IDataObject, key: string): boolean {
	const scoped = `${scope}\n${key}`;
	if (recent.has(scoped) || wasProcessed(staticData, key)) return false;
	recent.add(scoped);
	recordProcessed(staticData, key);
	return true;
}

export function isClaimed(recent: RecentKeys, scope: string, staticData: IDataObject, key: string): boolean {
	return recent.has(`${scope}\n${key}`) || wasProcessed(staticData, key);
}
