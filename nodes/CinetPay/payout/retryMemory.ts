/**
 * The retry memory: what Transfer → Send keeps in n8n's execution context (`getContext('node')`),
 * which n8n keeps for the whole execution — every try of "Retry On Fail" — and carries into an
 * execution retried from the executions list. It holds:
 *   - the random key of this execution's default transfer IDs (the same on every try);
 *   - per run index, the highest item index a try put on the wire, written BEFORE each call leaves
 *     (a try that dies mid-call still leaves it);
 *   - what a failed try settled: its sent transfers (their outputs), the IDs whose outcome stayed
 *     unknown, and the IDs CinetPay refused (nothing created).
 * A later try reads it through `earlierTries`: the payout protocol reports what was sent without
 * sending it again, and never calls an ID an earlier try put on the wire `not-sent` on a refusal.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

const KEY_FIELD = 'clientTransactionIdKey';
const KEY_PATTERN = /^[A-Za-z0-9]{12}$/;
const ATTEMPTED_FIELD = 'attemptedUpTo';
const SENT_FIELD = 'sentTransfers';
const UNKNOWN_FIELD = 'unknownClientTransactionIds';
const NOT_SENT_FIELD = 'notSentClientTransactionIds';

function store(context: IExecuteFunctions): IDataObject {
	return context.getContext('node') as IDataObject;
}

/** The random part of this execution's default transfer IDs, made on first use. */
export function executionKey(context: IExecuteFunctions): string {
	const kept = store(context)[KEY_FIELD];
	if (typeof kept === 'string' && KEY_PATTERN.test(kept)) return kept;
	const key = randomString(12);
	store(context)[KEY_FIELD] = key;
	return key;
}

/**
 * What a default transfer ID is made of: this execution's key and n8n's run index of the node (a
 * loop runs it several times). Read from the data proxy, not with evaluateExpression('{{ $runIndex
 * }}'): n8n 2.x compiles and runs every expression in an isolate, about 30 ms for this one on each
 * run of the node.
 */
export function defaultIdParts(context: IExecuteFunctions): { key: string; runIndex: number } {
	return { key: executionKey(context), runIndex: runIndexOf(context) };
}

export function runIndexOf(context: IExecuteFunctions): number {
	return Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
}

/** What earlier tries of this execution (same run index) left. */
export interface EarlierTries {
	/** n8n's run index of the node, read once (the data proxy costs about a millisecond). */
	runIndex: number;
	/** Outputs of the transfers they sent, by transfer ID. */
	sent: Record<string, IDataObject>;
	/** IDs CinetPay refused (nothing created under them). */
	notSent: Set<string>;
	/** The highest item index they put on the wire (-1: none). Items are started in input order. */
	attemptedUpTo: number;
}

export function earlierTries(context: IExecuteFunctions): EarlierTries {
	const kept = store(context);
	const sent = (kept[SENT_FIELD] as Record<string, IDataObject> | undefined) ?? {};
	const runIndex = runIndexOf(context);
	const attempted = Number((kept[ATTEMPTED_FIELD] as IDataObject | undefined)?.[runIndex]);
	return {
		runIndex,
		sent,
		notSent: new Set(idsIn(kept[NOT_SENT_FIELD])),
		attemptedUpTo: Number.isInteger(attempted) ? attempted : -1,
	};
}

/** Records, before a call leaves, that items up to `itemIndex` were put on the wire. */
export function noteAttempted(
	context: IExecuteFunctions,
	runIndex: number,
	itemIndex: number,
): void {
	const kept = store(context);
	const byRun = { ...((kept[ATTEMPTED_FIELD] as IDataObject | undefined) ?? {}) };
	const before = Number(byRun[runIndex]);
	if (!Number.isInteger(before) || itemIndex > before) byRun[runIndex] = itemIndex;
	kept[ATTEMPTED_FIELD] = byRun;
}

/**
 * What a failed try settled, merged with what earlier tries settled, kept for the next try; returns
 * the merged IDs. A transfer one try confirmed is sent, whatever a later try could not see.
 */
export function rememberOutcomes(
	context: IExecuteFunctions,
	thisTry: { sent: Record<string, IDataObject>; unknown: string[]; notSent: string[] },
): { sent: string[]; unknown: string[] } {
	const kept = store(context);
	const sent = {
		...((kept[SENT_FIELD] as Record<string, IDataObject> | undefined) ?? {}),
		...thisTry.sent,
	};
	const unknown = [...new Set([...idsIn(kept[UNKNOWN_FIELD]), ...thisTry.unknown])].filter(
		(id) => !(id in sent),
	);
	// An ID refused now but unknown before stays unknown (the protocol never refuses it as not-sent).
	const stillUnknown = new Set(unknown);
	const notSent = [...new Set([...idsIn(kept[NOT_SENT_FIELD]), ...thisTry.notSent])].filter(
		(id) => !(id in sent) && !stillUnknown.has(id),
	);
	kept[SENT_FIELD] = sent;
	kept[UNKNOWN_FIELD] = unknown;
	kept[NOT_SENT_FIELD] = notSent;
	return { sent: Object.keys(sent), unknown };
}

function idsIn(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
