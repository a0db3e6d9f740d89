/** The types the trigger's parts share. */
import type { IDataObject } from 'n8n-workflow';

import type { ApiChecks } from './checkWithApi';
import type { RecentKeys } from './deduplication';

export type Platform = 'v1' | '2026';

export interface TriggerOptions {
	verify?: boolean;
	secret?: string;
	timeout?: number;
}

/** Process-wide, bounded memories (deduplication.ts, lookup.ts), one per trigger class. */
export interface TriggerMemory {
	startedKeys: RecentKeys;
	apiChecks: ApiChecks;
}

/** One call to the trigger, as it arrived. */
export interface Arrival {
	/** On the lookups' clock (lookup.ts `arrival()`): no lookup begun before may judge it. */
	arrivedAt: number;
	/** Date.now() on arrival: the lookup's deadline counts from it. */
	receivedAt: number;
	options: TriggerOptions;
	body: IDataObject;
	rawBody: unknown;
}
