/**
 * What Transfer → Send says about its items: one JSON shape for every sent transfer (whether
 * CinetPay answered the send or a lookup found it), what a failed item echoes, and the error that
 * stops a run without "Continue On Fail".
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyOfPrefix } from '../../helpers/countries';
import type { TransferPayload, TransferRequest } from '../../helpers/interfaces';
import type { ItemResults } from '../../helpers/results';
import { addFacts, type ItemError } from '../../transport/errors';
import { rememberOutcomes } from './executionMemory';

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

/**
 * A sent transfer's item, on both platforms: CinetPay's own fields, then the shared ones (which
 * win), then flags such as `duplicate`.
 */
export function sentItemJson(
	cinetPayFields: IDataObject,
	shared: SentTransferFields,
	flags: IDataObject = {},
): IDataObject {
	return { ...cinetPayFields, outcome: 'sent', ...shared, ...flags };
}

/** A sent v1 transfer: CinetPay's fields, then the item's own, then flags such as `duplicate`. */
export function sentTransferJson(
	payload: TransferPayload,
	source: IDataObject,
	flags: IDataObject,
): IDataObject {
	// The item's own code/status/message describe CinetPay's answer, not the transfer.
	const fields = { ...source };
	delete fields.code;
	delete fields.status;
	delete fields.message;
	return sentItemJson(
		fields,
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
	);
}

/** What a failed item repeats of its request, so the error branch can be acted on as it is. */
export function transferEcho(payload: TransferPayload): IDataObject {
	return { prefix: payload.prefix, phone: payload.phone, amount: payload.amount };
}

/**
 * Whether a transfer CinetPay holds is the one this item asks for: same amount and receiver.
 * Receivers are compared as national numbers, tolerant of the formats CinetPay shows them in
 * (with or without `+` and the country code; Côte d'Ivoire's 8-digit numbers from before 2021,
 * which are the last 8 digits of today's 10).
 */
export function isSameTransfer(found: IDataObject, payload: TransferPayload): boolean {
	if (found.amount !== undefined && found.amount !== null && found.amount !== '') {
		if (Number(found.amount) !== payload.amount) return false;
	}
	const theirs = nationalNumberOf(found, payload.prefix);
	return theirs === undefined || sameNationalNumber(theirs, payload.phone);
}

function nationalNumberOf(found: IDataObject, prefix: string): string | undefined {
	const e164 = digitsOf(found.receiver_e164);
	if (e164) return e164.startsWith(prefix) ? e164.slice(prefix.length) : `+${e164}`;
	return digitsOf(found.receiver);
}

function sameNationalNumber(theirs: string, ours: string): boolean {
	if (theirs === ours) return true;
	const [shorter, longer] = theirs.length <= ours.length ? [theirs, ours] : [ours, theirs];
	return shorter.length >= 8 && longer.endsWith(shorter);
}

function digitsOf(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const digits = String(value).replace(/\D/g, '');
	return digits === '' ? undefined : digits;
}

/** What the error that stops a run says to do, per platform. */
export interface AfterSendsAdvice {
	/** How to check transfers whose outcome is unknown. */
	check: string;
	/** Why and how not to pay them twice. */
	rerun: string;
}

const V1_ADVICE: AfterSendsAdvice = {
	check: 'Check each with Transfer → Get by client transaction ID.',
	rerun:
		'Do not re-run the whole execution: it would send them again under new IDs. Turn on "Continue On Fail" (or "Continue (using error output)") to get one result per item, or give items your own client transaction IDs so a re-run is refused by CinetPay (805).',
};

/**
 * Without "Continue On Fail" the node stops at the first failed item. Say which transfers of the
 * execution were sent and which have an unknown outcome — in this try or an earlier one of "Retry
 * On Fail" — so nobody re-runs the execution and pays them again under new IDs.
 */
export function failureAfterSends(
	context: IExecuteFunctions,
	results: ItemResults,
	requests: TransferRequest[],
): ItemError {
	const ids = requests.map(({ itemIndex, payload }) => ({
		itemIndex,
		id: payload.client_transaction_id,
	}));
	return failureNamingSends(context, results, ids, V1_ADVICE);
}

/** failureAfterSends for any platform: items by index and transfer ID, the platform's advice. */
export function failureNamingSends(
	context: IExecuteFunctions,
	results: ItemResults,
	requests: Array<{ itemIndex: number; id: string }>,
	advice: AfterSendsAdvice,
): ItemError {
	const first = results.firstFailure();
	const idsOf = (keep: (itemIndex: number) => boolean) =>
		requests.filter(({ itemIndex }) => keep(itemIndex)).map(({ id }) => id);
	const { sent, unknown } = rememberOutcomes(context, {
		sent: idsOf((itemIndex) => results.succeeded(itemIndex)),
		unknown: idsOf((itemIndex) => results.factsOf(itemIndex)?.outcome === 'unknown'),
	});
	if (sent.length === 0 && unknown.length === 0) return first;
	const parts = [first.description ?? ''];
	if (sent.length > 0) {
		parts.push(
			`${sent.length} transfer(s) of this execution WERE sent before this error (client transaction IDs: ${listed(sent)}).`,
		);
	}
	if (unknown.length > 0) {
		parts.push(
			`${unknown.length} transfer(s) of this execution have an UNKNOWN outcome: money may have moved (client transaction IDs: ${listed(unknown)}). ${advice.check}`,
		);
	}
	parts.push(advice.rerun);
	first.description = parts.filter(Boolean).join('\n\n');
	return addFacts(first, { sentClientTransactionIds: sent, unknownClientTransactionIds: unknown });
}

function listed(ids: string[]): string {
	return ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length - 20} more)` : '');
}
