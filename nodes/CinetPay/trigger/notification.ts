/**
 * A CinetPay notification as it reaches the trigger, on both platforms: form fields (v1), JSON
 * (2026), multipart form data, or a body n8n left unparsed (a wrong or missing Content-Type), read
 * from its text. What comes out is only a pointer to a transfer: the trigger looks it up and
 * decides on what CinetPay's API says (decide.ts), so a field's shape is never a reason to refuse.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../transport/v1/envelope';

/** CinetPay sends about a dozen fields of a few dozen characters; anything far bigger is not it. */
export const MAX_FIELDS = 40;
export const MAX_NAME_LENGTH = 64;
export const MAX_VALUE_LENGTH = 1_000;
export const MAX_TEXT_LENGTH = 64 * 1024;
/** How deep the echo of a JSON body goes (2026's `user` is an object). */
export const MAX_ECHO_DEPTH = 4;

/**
 * A transaction ID as either platform might write it (v1 `EA180627.122753.M279245`, 2026 UUIDs):
 * printable, no spaces. It becomes a query parameter or an encoded path segment.
 */
const TRANSACTION_ID = /^[!-~]{1,128}$/;
/** Names that would reach an object's prototype if copied as keys. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export type UnreadableReason =
	| 'empty'
	| 'not-fields'
	| 'too-large'
	| 'missing-field'
	| 'invalid-field';

export interface Unreadable {
	reason: UnreadableReason;
	message: string;
}

/**
 * The body as an object: n8n's parsed body (form, JSON, or multipart's `data`), or the raw text
 * (JSON or form fields) when n8n did not parse it, within the size limits.
 */
export function readNotificationBody(
	body: unknown,
	rawBody: unknown,
	contentType = '',
): { object: IDataObject } | Unreadable {
	// n8n parses multipart/form-data itself, into `{ data, files }`.
	if (/^multipart\/form-data/i.test(contentType) && isObject(body) && isObject(body.data))
		return { object: singleValues(body.data) };
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

/** Multipart parsers give each field as a list of its values: one value is that value. */
function singleValues(fields: IDataObject): IDataObject {
	const object: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		object[name] = Array.isArray(value) && value.length === 1 ? (value[0] as string) : value;
	}
	return object;
}

/** The transfer a notification points at, or why there is none. */
export function transactionIdOf(fields: IDataObject): string | Unreadable {
	const value = fields.transaction_id;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') return unreadable('missing-field', 'The notification lacks transaction_id');
	if (!TRANSACTION_ID.test(id))
		return unreadable('invalid-field', 'transaction_id is not a CinetPay transaction ID');
	return id;
}

/**
 * Form fields as trimmed text, for v1's notification echo and its unverified start. Refuses what no
 * sender would post: too many fields, nested values, a repeated field, oversized input.
 */
export function textFields(object: IDataObject): { fields: Record<string, string> } | Unreadable {
	const names = Object.keys(object);
	if (names.length === 0) return unreadable('empty', 'The notification has no fields');
	if (names.length > MAX_FIELDS) {
		return unreadable(
			'too-large',
			`The notification has ${names.length} fields, more than ${MAX_FIELDS}`,
		);
	}
	const fields: Record<string, string> = {};
	for (const name of names) {
		const value = object[name];
		if (name.length > MAX_NAME_LENGTH) return unreadable('too-large', 'A field name is too long');
		if (Array.isArray(value))
			return unreadable('invalid-field', `The field "${safeName(name)}" is given more than once`);
		if (typeof value === 'object' && value !== null) {
			return unreadable('invalid-field', `The field "${safeName(name)}" is not a single value`);
		}
		const text = value === null || value === undefined ? '' : String(value).trim();
		if (text.length > MAX_VALUE_LENGTH)
			return unreadable('too-large', `The field "${safeName(name)}" is too long`);
		if (!UNSAFE_NAMES.has(name)) fields[name] = text;
	}
	return { fields };
}

/**
 * A copy of a JSON body for the output, bounded as v1's fields are: at most MAX_FIELDS entries per
 * object or list, MAX_ECHO_DEPTH levels, MAX_VALUE_LENGTH characters per text, MAX_TEXT_LENGTH in
 * all. What is cut is marked, never thrown on. `leaveOut` names top-level fields kept out.
 */
export function boundedEcho(
	object: IDataObject,
	leaveOut: ReadonlySet<string> = new Set(),
): IDataObject {
	let budget = MAX_TEXT_LENGTH;
	const copy = (value: unknown, depth: number): unknown => {
		if (value === null || typeof value === 'boolean' || typeof value === 'number') {
			budget -= 8;
			return value;
		}
		if (typeof value === 'string') {
			const text = value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
			budget -= text.length;
			return text;
		}
		if (typeof value !== 'object' || depth >= MAX_ECHO_DEPTH) return OMITTED;
		const entries: Array<[string, unknown]> = [];
		// for…in stops after MAX_FIELDS: a body with a million keys costs no more than one with 40.
		for (const name in value) {
			if (entries.length >= MAX_FIELDS) break;
			if (Object.prototype.hasOwnProperty.call(value, name))
				entries.push([name, (value as IDataObject)[name]]);
		}
		const result: IDataObject = {};
		const list: unknown[] = [];
		for (const [name, item] of entries) {
			if (budget <= 0) break;
			if (UNSAFE_NAMES.has(name) || (depth === 0 && leaveOut.has(name))) continue;
			budget -= Math.min(name.length, MAX_NAME_LENGTH);
			const kept = copy(item, depth + 1);
			if (Array.isArray(value)) list.push(kept);
			else result[name.slice(0, MAX_NAME_LENGTH)] = kept as IDataObject;
		}
		return Array.isArray(value) ? list : result;
	};
	return copy(object, 0) as IDataObject;
}

/** What stands in for a part of the body too deep to echo. */
export const OMITTED = '[omitted: too deep]';

/** The raw body as text, when n8n kept one but did not parse it (a wrong or missing Content-Type). */
function rawText(rawBody: unknown): string | Unreadable | undefined {
	let length: number;
	if (typeof rawBody === 'string') length = rawBody.length;
	else if (rawBody instanceof Uint8Array) length = rawBody.byteLength;
	else return undefined;
	if (length === 0) return undefined;
	if (length > MAX_TEXT_LENGTH)
		return unreadable('too-large', 'The body is too large for a notification');
	return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}

/** Text that is a JSON object or form fields (CinetPay's own encoding), nothing else. */
function parseText(text: string): { object: IDataObject } | Unreadable {
	if (text.length > MAX_TEXT_LENGTH)
		return unreadable('too-large', 'The body is too large for a notification');
	const trimmed = text.trim().replace(/^\uFEFF/, '');
	if (trimmed.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			return unreadable('not-fields', 'The body is not valid JSON');
		}
		return isObject(parsed)
			? { object: parsed }
			: unreadable('not-fields', 'The body is not a JSON object');
	}
	if (!/^[^=&\s]+=[^\s]*$/.test(trimmed)) {
		return unreadable('not-fields', 'The body is not form fields or a JSON object');
	}
	const object: IDataObject = {};
	for (const [name, value] of new URLSearchParams(trimmed)) {
		if (UNSAFE_NAMES.has(name)) continue;
		const previous = object[name];
		// A repeated field stays visible as a list, which textFields refuses.
		object[name] =
			previous === undefined
				? value
				: ([] as string[]).concat(previous as string | string[], value);
	}
	return { object };
}

function safeName(name: string): string {
	return name.replace(/[^\w.-]/g, '?').slice(0, MAX_NAME_LENGTH);
}

export function unreadable(reason: UnreadableReason, message: string): Unreadable {
	return { reason, message };
}
