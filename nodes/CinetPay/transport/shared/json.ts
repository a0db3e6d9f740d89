/**
 * Reading CinetPay's answers on both platforms: bodies arrive as text (the transport asks for
 * text, so that 4xx bodies and HTML 5xx pages reach it too) and are parsed here.
 */
import type { IDataObject } from 'n8n-workflow';

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object from a text (or already parsed) body, or undefined. */
export function parseJsonObject(body: unknown): Record<string, unknown> | undefined {
	let value = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return isObject(value) ? value : undefined;
}
