/**
 * CinetPay's response envelope `{ code, message, description?, data }`, read the way the field
 * sends it: codes as numbers or strings (`0`, `"701"`), errors with HTTP 200 or 4xx and the same
 * body, and result lists nested once (`[…]`) or twice (`[[…]]`).
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject, parseJsonObject } from '../shared/json';

export { isObject } from '../shared/json';

export interface CinetPayEnvelope {
	/** Always a string, whatever the wire type: compare with '0', '701', … */
	code: string;
	message: string;
	description?: string;
	data: unknown;
	httpStatus: number;
}

export const SUCCESS_CODE = '0';

export function isSuccess(envelope: CinetPayEnvelope): boolean {
	return envelope.code === SUCCESS_CODE;
}

/** The envelope in a response body, or undefined when the body is not one (HTML 5xx pages, …). */
export function parseEnvelope(httpStatus: number, body: unknown): CinetPayEnvelope | undefined {
	const parsed = parseJsonObject(body);
	if (!parsed || !('code' in parsed)) return undefined;
	const code = parsed.code;
	if (typeof code !== 'number' && typeof code !== 'string') return undefined;
	return {
		code: String(code).trim(),
		message: typeof parsed.message === 'string' ? parsed.message : '',
		description: typeof parsed.description === 'string' ? parsed.description : undefined,
		data: parsed.data,
		httpStatus,
	};
}

/** The per-item results of a contact or send call, whether nested once or twice. */
export function resultItems(data: unknown): IDataObject[] {
	if (!Array.isArray(data)) return [];
	const list = data.length > 0 && data.every(Array.isArray) ? (data as unknown[][]).flat() : data;
	return list.filter(isObject);
}

/** An item's own code, as a string; items without one are successes. */
export function itemCode(item: IDataObject): string {
	const code = item.code;
	return code === undefined || code === null || code === '' ? SUCCESS_CODE : String(code).trim();
}

/**
 * An item's own answer: its code and CinetPay's name for it. CinetPay's documented failed item
 * names its error in `status` and has no `message` (`{…, "code": 726, "status":
 * "ERROR_PHONE_ALREADY_MY_CONTACT", "lot": "…"}`); older answers use `message`.
 */
export function itemAnswer(item: IDataObject): {
	code: string;
	message?: string;
	description?: string;
} {
	return {
		code: itemCode(item),
		message: textOf(item.message) ?? textOf(item.status),
		description: textOf(item.description),
	};
}

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
