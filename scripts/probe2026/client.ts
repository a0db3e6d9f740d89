/**
 * The probe's HTTP: one call, one Exchange — what was asked and what came back (HTTP status and
 * body, or why nothing came). Secrets are never kept here: request bodies are recorded redacted,
 * and no header is recorded.
 */
import { redact } from './redact';

export interface Exchange {
	/** e.g. "POST /v1/transfer". */
	call: string;
	/** The request body, redacted. */
	sent?: unknown;
	/** Null: no answer (network error, timeout). */
	httpStatus: number | null;
	/** Parsed JSON, or the raw text when it is not JSON. */
	body: unknown;
	error?: string;
}

export type Fetch = typeof fetch;

export class ProbeClient {
	token = '';

	constructor(
		private readonly baseUrl: string,
		private readonly fetchImpl: Fetch,
		private readonly timeoutMs: number,
	) {}

	async call(
		method: 'GET' | 'POST',
		path: string,
		json?: Record<string, unknown>,
		token = this.token,
	): Promise<Exchange> {
		const exchange: Exchange = {
			call: `${method} ${path}`,
			...(json && { sent: redact(json) }),
			httpStatus: null,
			body: null,
		};
		try {
			const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
				method,
				headers: {
					accept: 'application/json',
					...(token && { authorization: `Bearer ${token}` }),
					...(json && { 'content-type': 'application/json' }),
				},
				body: json ? JSON.stringify(json) : undefined,
				redirect: 'manual',
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			exchange.httpStatus = response.status;
			const text = await response.text();
			try {
				exchange.body = text === '' ? null : JSON.parse(text);
			} catch {
				exchange.body = text.slice(0, 2000);
			}
		} catch (error) {
			exchange.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		}
		return exchange;
	}
}

/** A field of a JSON object answer, if the answer is one. */
export function fieldOf(exchange: Exchange, name: string): unknown {
	const body = exchange.body;
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as Record<string, unknown>)[name]
		: undefined;
}

/** The transfer ID an answer carries at its top level, if any. */
export function transactionIdOf(exchange: Exchange): string | undefined {
	const id = fieldOf(exchange, 'transaction_id');
	return typeof id === 'string' && id !== '' ? id : undefined;
}
