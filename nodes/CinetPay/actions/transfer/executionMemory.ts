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

/**
 * What a default transfer ID is made of: this execution's key and n8n's run index of the node (a
 * loop runs it several times). Read from the data proxy, not with evaluateExpression('{{ $runIndex
 * }}'): n8n 2.x compiles and runs every expression in an isolate, about 30 ms for this one on each
 * run of the node.
 */
export function defaultIdParts(context: IExecuteFunctions): { key: string; runIndex: number } {
	const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
	return { key: executionKey(context), runIndex };
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

const SENT_TRANSFERS_FIELD = 'sentTransfers2026';

/**
 * 2026 platform: the outputs of the transfers a failed try sent, by merchant ID, so that the next
 * try of "Retry On Fail" reports them without sending them again (a resend may pay twice there:
 * see transport/platform2026's payout protocol).
 */
export function rememberSentTransfers(context: IExecuteFunctions, sent: Record<string, IDataObject>) {
	const store = context.getContext('node') as IDataObject;
	store[SENT_TRANSFERS_FIELD] = { ...((store[SENT_TRANSFERS_FIELD] as IDataObject) ?? {}), ...sent };
}

/** What earlier tries of this execution left: sent transfers (their outputs) and unknown IDs. */
export function earlierTries(context: IExecuteFunctions): {
	sent: Record<string, IDataObject>;
	unknown: Set<string>;
} {
	const store = context.getContext('node') as IDataObject;
	const sent = (store[SENT_TRANSFERS_FIELD] as Record<string, IDataObject> | undefined) ?? {};
	const unknown = new Set(idsIn(store[UNKNOWN_FIELD]).filter((id) => !(id in sent)));
	return { sent, unknown };
}
