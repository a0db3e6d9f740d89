/**
 * What Transfer → Send says about its items, on both platforms: one JSON shape for every sent
 * transfer (whether CinetPay answered the send or a lookup found it), and the error that stops a
 * run without "Continue On Fail".
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyOfPrefix } from '../helpers/countries';
import type { TransferPayload } from '../helpers/interfaces';
import type { ItemResults } from '../helpers/results';
import { addFacts, type ItemError } from '../transport/shared/errors';
import type { PayoutItem, PlatformTexts } from './platform';
import { rememberOutcomes } from './retryMemory';

/** What every sent transfer's item says, on both platforms (v1's names). */
export interface SentTransferFields extends IDataObject {
	transaction_id: IDataObject[string];
	/** The merchant's own ID (v1's client_transaction_id, 2026's merchant_transaction_id). */
	client_transaction_id: string;
	/** v1's names: NEW, REC, VAL, REJ (2026 codes mapped by the transport). */
	treatment_status: IDataObject[string];
	prefix: string;
	phone: string;
	amount: number;
	currency: string | null;
	notify_url: string | null;
}

/** Fields of CinetPay's item that describe its answer, not the transfer. */
const ANSWER_FIELDS: ReadonlySet<string> = new Set(['code', 'status', 'message']);

/**
 * A sent transfer's item, on both platforms: CinetPay's own fields (but those `leftOut`), then the
 * shared ones (which win), then flags such as `duplicate`. Built in one pass, once per item:
 * spreading and deleting on CinetPay's parsed objects cost several µs an item at 10,000.
 */
export function sentItemJson(
	cinetPayFields: IDataObject,
	shared: SentTransferFields,
	flags: IDataObject = {},
	leftOut?: ReadonlySet<string>,
): IDataObject {
	const json: IDataObject = {};
	// `__proto__` from a parsed answer would set the output's prototype: never copied.
	for (const key of Object.keys(cinetPayFields))
		if (key !== '__proto__' && !leftOut?.has(key)) json[key] = cinetPayFields[key];
	json.outcome = 'sent';
	for (const key of Object.keys(shared)) json[key] = shared[key];
	for (const key of Object.keys(flags)) json[key] = flags[key];
	return json;
}

/** A sent v1 transfer: CinetPay's fields, then the item's own, then flags such as `duplicate`. */
export function sentTransferJson(
	payload: TransferPayload,
	source: IDataObject,
	flags: IDataObject,
): IDataObject {
	return sentItemJson(
		source,
		{
			transaction_id: source.transaction_id,
			client_transaction_id: payload.client_transaction_id,
			lot: source.lot,
			treatment_status: source.treatment_status ?? 'NEW',
			prefix: payload.prefix,
			phone: payload.phone,
			amount: payload.amount,
			// v1 answers carry no currency: it is the receiver's country's (null when not known).
			currency: currencyOfPrefix(payload.prefix) ?? null,
			notify_url: payload.notify_url,
		},
		flags,
		// The item's own code/status/message describe CinetPay's answer, not the transfer.
		ANSWER_FIELDS,
	);
}

/**
 * Without "Continue On Fail" the node stops at the first failed item. Say which transfers of the
 * execution were sent and which have an unknown outcome — in this try or an earlier one of "Retry
 * On Fail" — so nobody re-runs the execution and pays them again under new IDs. What this try
 * settled is kept for the next try (retryMemory.ts).
 */
export function failureNamingSends(
	context: IExecuteFunctions,
	results: ItemResults,
	items: PayoutItem[],
	texts: PlatformTexts,
): ItemError {
	const first = results.firstFailure();
	const sent: Record<string, IDataObject> = {};
	const unknown: string[] = [];
	const notSent: string[] = [];
	const outputs = results.outputsByItem();
	for (const item of items) {
		const output = outputs[item.itemIndex];
		if (output) sent[item.id] = output;
		else if (results.factsOf(item.itemIndex)?.outcome === 'unknown') unknown.push(item.id);
		else if (results.factsOf(item.itemIndex)?.outcome === 'not-sent') notSent.push(item.id);
	}
	const all = rememberOutcomes(context, { sent, unknown, notSent });
	if (all.sent.length === 0 && all.unknown.length === 0) return first;
	const parts = [first.description ?? ''];
	if (all.sent.length > 0) {
		parts.push(
			`${all.sent.length} transfer(s) of this execution WERE sent before this error (client transaction IDs: ${listed(all.sent)}).`,
		);
	}
	if (all.unknown.length > 0) {
		parts.push(
			`${all.unknown.length} transfer(s) of this execution have an UNKNOWN outcome: money may have moved (client transaction IDs: ${listed(all.unknown)}). ${texts.checkAll}`,
		);
	}
	parts.push(texts.rerun);
	first.description = parts.filter(Boolean).join('\n\n');
	return addFacts(first, {
		sentClientTransactionIds: all.sent,
		unknownClientTransactionIds: all.unknown,
	});
}

function listed(ids: string[]): string {
	return ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length - 20} more)` : '');
}
