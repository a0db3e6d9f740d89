/**
 * A CinetPay notification as it reaches the trigger. CinetPay posts form fields; the trigger also
 * takes a JSON object, and a body n8n left unparsed (a wrong or missing Content-Type) is read from
 * its text. What comes out is only a claim: verifyNotification decides what it is worth.
 */
import type { IDataObject } from 'n8n-workflow';

import { TREATMENT_STATUSES, type TreatmentStatus } from '../helpers/interfaces';
import { isObject } from '../transport/envelope';

/** CinetPay sends about a dozen fields of a few dozen characters; anything far bigger is not it. */
export const MAX_FIELDS = 40;
export const MAX_NAME_LENGTH = 64;
export const MAX_VALUE_LENGTH = 1_000;
export const MAX_TEXT_LENGTH = 64 * 1024;

/** Ids like EA180627.122753.M279245. The id also becomes a query parameter and a key. */
const TRANSACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const AMOUNT = /^\d{1,13}(\.\d{1,4})?$/;
const STATUSES = new Set<string>(TREATMENT_STATUSES.map(({ value }) => value));
/** Names that would reach an object's prototype if copied as keys. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export interface CinetPayNotification {
	transaction_id: string;
	treatment_status: TreatmentStatus;
	/** As sent (a decimal string); compared with the API's amount as a number. */
	amount: string;
	/** Every field received, as trimmed text: the raw notification kept beside the API's data. */
	fields: Record<string, string>;
}

export type UnreadableReason = 'empty' | 'not-fields' | 'too-large' | 'missing-field' | 'invalid-field';

export interface Unreadable {
	readable: false;
	reason: UnreadableReason;
	message: string;
}

export type NotificationReading = { readable: true; notification: CinetPayNotification } | Unreadable;

/**
 * Reads the notification from n8n's parsed body, or from the raw body when n8n did not parse it.
 * Refuses what CinetPay would not send: no fields, nested values, a repeated field, oversized
 * input, or a missing or malformed transaction_id, treatment_status or amount.
 */
export function readNotification(body: unknown, rawBody?: unknown): NotificationReading {
	const source = readNotificationBody(body, rawBody);
	if ('reason' in source) return source;

	const names = Object.keys(source.object);
	if (names.length === 0) return unreadable('empty', 'The notification has no fields');
	if (names.length > MAX_FIELDS) {
		return unreadable('too-large', `The notification has ${names.length} fields, more than ${MAX_FIELDS}`);
	}
	const fields: Record<string, string> = {};
	for (const name of names) {
		const value = source.object[name];
		if (name.length > MAX_NAME_LENGTH) return unreadable('too-large', 'A field name is too long');
		if (Array.isArray(value)) return unreadable('invalid-field', `The field "${safeName(name)}" is given more than once`);
		if (typeof value === 'object' && value !== null) {
			return unreadable('invalid-field', `The field "${safeName(name)}" is not a single value`);
		}
		const text = value === null || value === undefined ? '' : String(value).trim();
		if (text.length > MAX_VALUE_LENGTH) return unreadable('too-large', `The field "${safeName(name)}" is too long`);
		if (!UNSAFE_NAMES.has(name)) fields[name] = text;
	}

	const transactionId = fields.transaction_id ?? '';
	const status = (fields.treatment_status ?? '').toUpperCase();
	const amount = fields.amount ?? '';
	const missing = [
		['transaction_id', transactionId],
		['treatment_status', status],
		['amount', amount],
	].filter(([, value]) => value === '');
	if (missing.length > 0) {
		return unreadable('missing-field', `The notification lacks ${missing.map(([name]) => name).join(', ')}`);
	}
	if (!TRANSACTION_ID.test(transactionId)) return unreadable('invalid-field', 'transaction_id is not a CinetPay transaction ID');
	if (!STATUSES.has(status)) return unreadable('invalid-field', 'treatment_status is not one of NEW, REC, NOS, VAL, REJ');
	if (!AMOUNT.test(amount)) return unreadable('invalid-field', 'amount is not a number');

	return {
		readable: true,
		notification: {
			transaction_id: transactionId,
			treatment_status: status as TreatmentStatus,
			amount,
			fields,
		},
	};
}

/**
 * The body as an object: n8n's parsed body, or the raw text (JSON or form fields) when n8n did not
 * parse it, within the size limits. Both platforms' notifications are read from it.
 */
export function readNotificationBody(body: unknown, rawBody: unknown): { object: IDataObject } | Unreadable {
	if (isObject(body) && Object.keys(body).length > 0) return { object: body };
	if (typeof body === 'string' && body.trim() !== '') return parseText(body);
	const raw = rawText(rawBody);
	if (typeof raw === 'string') return parseText(raw);
	if (raw !== undefined) return raw;
	const empty = body === undefined || body === null || body === '' || isObject(body);
	return empty
		? unreadable('empty', 'The notification has no fields')
		: unreadable('not-fields', 'The body is not form fields or a JSON object');
}

/** The raw body as text, when n8n kept one but did not parse it (a wrong or missing Content-Type). */
function rawText(rawBody: unknown): string | Unreadable | undefined {
	let length: number;
	if (typeof rawBody === 'string') length = rawBody.length;
	else if (rawBody instanceof Uint8Array) length = rawBody.byteLength;
	else return undefined;
	if (length === 0) return undefined;
	if (length > MAX_TEXT_LENGTH) return unreadable('too-large', 'The body is too large for a notification');
	return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}

/** Text that is a JSON object or form fields (CinetPay's own encoding), nothing else. */
function parseText(text: string): { object: IDataObject } | Unreadable {
	if (text.length > MAX_TEXT_LENGTH) return unreadable('too-large', 'The body is too large for a notification');
	const trimmed = text.trim().replace(/^\uFEFF/, '');
	if (trimmed.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			return unreadable('not-fields', 'The body is not valid JSON');
		}
		return isObject(parsed) ? { object: parsed } : unreadable('not-fields', 'The body is not a JSON object');
	}
	if (!/^[^=&\s]+=[^\s]*$/.test(trimmed)) {
		return unreadable('not-fields', 'The body is not form fields or a JSON object');
	}
	const object: IDataObject = {};
	for (const [name, value] of new URLSearchParams(trimmed)) {
		if (UNSAFE_NAMES.has(name)) continue;
		const previous = object[name];
		// A repeated field stays visible as a list, which readNotification refuses.
		object[name] = previous === undefined ? value : ([] as string[]).concat(previous as string | string[], value);
	}
	return { object };
}

function safeName(name: string): string {
	return name.replace(/[^\w.-]/g, '?').slice(0, MAX_NAME_LENGTH);
}

function unreadable(reason: UnreadableReason, message: string): Unreadable {
	return { readable: false, reason, message };
}
