/**
 * Adding contacts in as few calls as possible, shared by Contact → Add and by Transfer → Send's
 * "Add Contact" option. An existing contact (726) is a success: the receiver is there either way.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CONTACT_EXISTS_CODE, codeInfo } from '../transport/v1/codes';
import { itemAnswer, itemCode, resultItems, SUCCESS_CODE } from '../transport/v1/envelope';
import { callCinetPay, cinetPayError } from '../transport/v1';
import { chunk } from './batching';
import type { OperationOptions } from './options';
import type { ContactPayload, ItemRequest } from './interfaces';
import type { ItemError } from './results';

/**
 * A contact CinetPay made (or had already: 726), with its result, or why not. Only Contact → Add
 * shows the contact (`contactJson`): Transfer → Send needs no per-item copy of it.
 */
export type ContactOutcome = { added: IDataObject; existed: boolean } | { error: ItemError };

/**
 * Adds the contacts of the requests, one call per batch of distinct receivers. Returns each
 * request's outcome by item index.
 */
export async function addContacts(
	context: IExecuteFunctions,
	requests: Array<ItemRequest<ContactPayload>>,
	options: OperationOptions,
): Promise<Map<number, ContactOutcome>> {
	const outcomes = new Map<number, ContactOutcome>();
	const byReceiver = new Map<string, Array<ItemRequest<ContactPayload>>>();
	for (const request of requests) {
		const key = receiverKey(request.payload);
		const same = byReceiver.get(key);
		if (same) same.push(request);
		else byReceiver.set(key, [request]);
	}
	const receivers = [...byReceiver.values()];
	for (const batch of chunk(receivers, options.batchSize)) {
		const batchOutcomes = await addContactBatch(
			context,
			batch.map((same) => same[0]),
			options,
		);
		batch.forEach((same, position) => {
			for (const request of same) outcomes.set(request.itemIndex, batchOutcomes[position]);
		});
	}
	return outcomes;
}

async function addContactBatch(
	context: IExecuteFunctions,
	batch: Array<ItemRequest<ContactPayload>>,
	options: OperationOptions,
): Promise<ContactOutcome[]> {
	let envelope;
	try {
		envelope = await callCinetPay.call(context, {
			endpoint: 'addContacts',
			data: batch.map((request) => request.payload),
			lang: options.lang,
			timeoutMs: options.timeoutMs,
		});
	} catch (error) {
		return batch.map(() => ({ error: error as ItemError }));
	}

	if (envelope.code === SUCCESS_CODE) {
		const resultOf = resultMatcher(resultItems(envelope.data), batch.length);
		return batch.map((request, position) => contactOutcome(context, resultOf(request, position)));
	}
	if (envelope.code === CONTACT_EXISTS_CODE && batch.length === 1) {
		return [contactOutcome(context, { ...batch[0].payload, code: envelope.code })];
	}
	// CinetPay refused the whole call because of one contact: add them one by one, so each gets
	// its own answer. Adding a contact twice is harmless (726).
	if (codeInfo(envelope.code)?.perItem && batch.length > 1) {
		const outcomes: ContactOutcome[] = [];
		for (const request of batch)
			outcomes.push(...(await addContactBatch(context, [request], options)));
		return outcomes;
	}
	const error = cinetPayError(context, envelope);
	return batch.map(() => ({ error }));
}

/**
 * How each contact finds its own result, matched by receiver: CinetPay may leave results out or
 * reorder them. A result without a prefix is taken to carry the contact's (matched by phone
 * alone); the first matching result wins. Only results that carry no receiver at all are matched
 * by position, and only when there is one per contact sent. The results are indexed once per
 * call: a batch of 500 is not scanned 500 times.
 */
function resultMatcher(
	results: IDataObject[],
	sent: number,
): (request: ItemRequest<ContactPayload>, position: number) => IDataObject | undefined {
	const byReceiver = new Map<string, number>();
	const byPhoneAlone = new Map<string, number>();
	results.forEach((result, index) => {
		if (result.phone === undefined || result.phone === null) return;
		const phone = String(result.phone);
		if (result.prefix === undefined || result.prefix === null) {
			if (!byPhoneAlone.has(phone)) byPhoneAlone.set(phone, index);
		} else {
			const key = receiverKey({ prefix: String(result.prefix), phone });
			if (!byReceiver.has(key)) byReceiver.set(key, index);
		}
	});
	if (byReceiver.size === 0 && byPhoneAlone.size === 0)
		return (_request, position) => (results.length === sent ? results[position] : undefined);
	return (request) => {
		const withPrefix = byReceiver.get(receiverKey(request.payload)) ?? Infinity;
		const phoneAlone = byPhoneAlone.get(request.payload.phone) ?? Infinity;
		const first = Math.min(withPrefix, phoneAlone);
		return first === Infinity ? undefined : results[first];
	};
}

function contactOutcome(
	context: IExecuteFunctions,
	result: IDataObject | undefined,
): ContactOutcome {
	if (!result) {
		return {
			error: cinetPayError(context, {
				code: '-1',
				message: 'OPERATION_ERROR',
				description: 'CinetPay returned no result for this contact',
			}),
		};
	}
	const code = itemCode(result);
	if (code === SUCCESS_CODE || code === CONTACT_EXISTS_CODE) {
		return { added: result, existed: code === CONTACT_EXISTS_CODE };
	}
	return { error: cinetPayError(context, itemAnswer(result)) };
}

/** A contact as Contact → Add shows it: what was asked, what CinetPay answered. */
export function contactJson(
	payload: ContactPayload,
	outcome: { added: IDataObject; existed: boolean },
): IDataObject {
	return { ...payload, ...outcome.added, already_existed: outcome.existed };
}

/** The receiver's key: one contact per prefix and national number. */
export function receiverKey(payload: { prefix: string; phone: string }): string {
	return `${payload.prefix}:${payload.phone}`;
}
