/**
 * What Transfer → Send keeps in n8n's execution context (`getContext('node')`), which n8n keeps
 * for the whole execution — every try of "Retry On Fail" — and carries into an execution retried
 * from the executions list.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

const KEY_FIELD = 'clientTransactionIdKey';
const KEY_PATTERN = /^[A-Za-z0-9]{12}$/;

/** The random part of this execution's default client transaction IDs, made on first use. */
export function executionKey(context: IExecuteFunctions): string {
	const store = context.getContext('node') as IDataObject;
	const kept = store[KEY_FIELD];
	if (typeof kept === 'string' && KEY_PATTERN.test(kept)) return kept;
	const key = randomString(12);
	store[KEY_FIELD] = key;
	return key;
}

const SENT_FIELD = 'sentClientTransactionIds';
const UNKNOWN_FIELD = 'unknownClientTransactionIds';

/**
 * The transfers a failed try of this execution reported as sent or unknown, merged with what
 * earlier tries reported, and kept for the next try. A later try that stops early (CinetPay
 * stops answering before it reaches them) must still name them: they were paid, or may have been.
 * A transfer one try confirmed is sent, whatever a later try could not see.
 */
export function rememberOutcomes(
	context: IExecuteFunctions,
	thisTry: { sent: string[]; unknown: string[] },
): { sent: string[]; unknown: string[] } {
	const store = context.getContext('node') as IDataObject;
	const sent = new Set([...idsIn(store[SENT_FIELD]), ...thisTry.sent]);
	const unknown = [...new Set([...idsIn(store[UNKNOWN_FIELD]), ...thisTry.unknown])].filter(
		(id) => !sent.has(id),
	);
	store[SENT_FIELD] = [...sent];
	store[UNKNOWN_FIELD] = unknown;
	return { sent: [...sent], unknown };
}

function idsIn(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

const ATTEMPTED_FIELD = 'attemptedUpTo';

/**
 * How far the tries of this execution got, per run index: the highest item index any try put on
 * the wire. Items are sent in input order, and every try of an execution gets the same items, so
 * an item at or below that index may have been sent by an earlier try under its default ID.
 */
export function attemptedUpTo(context: IExecuteFunctions, runIndex: number): number {
	const store = context.getContext('node') as IDataObject;
	const byRun = store[ATTEMPTED_FIELD] as IDataObject | undefined;
	const value = Number(byRun?.[runIndex]);
	return Number.isInteger(value) ? value : -1;
}

/** Records, before a call leaves, that items up to `itemIndex` were attempted. */
export function noteAttempted(
	context: IExecuteFunctions,
	runIndex: number,
	itemIndex: number,
): void {
	const store = context.getContext('node') as IDataObject;
	const byRun = { ...((store[ATTEMPTED_FIELD] as IDataObject | undefined) ?? {}) };
	if (itemIndex > attemptedUpTo(context, runIndex)) byRun[runIndex] = itemIndex;
	store[ATTEMPTED_FIELD] = byRun;
}
