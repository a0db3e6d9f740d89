/**
 * The JSON envelope `{ code, message, description?, data }` and how variants shape it: the type
 * of codes, the HTTP status of errors, the nesting of per-item results, the language.
 */
import { CODE, codeInfo, http4xxFor, NUMBER_CODES_IN_SPEC, type ApiCodeNumber } from './codes';
import type { FaultKind, SimulatorVariants } from './types';

export type Lang = 'fr' | 'en';

/** `lang=en` selects English; anything else (or nothing) French, CinetPay's default. */
export function langOf(query: Record<string, string>): Lang {
	return (query.lang ?? '').trim().toLowerCase() === 'en' ? 'en' : 'fr';
}

export interface ApiResponse {
	status: number;
	body: unknown;
	/** Envelope code as a string, for the request log. */
	code: string;
	/** The injected fault that shaped this answer, for the request log. */
	fault?: FaultKind;
}

/** What the code looks like on the wire under a codeType. */
export function wireCode(code: number, codeType: SimulatorVariants['codeType']): number | string {
	switch (codeType) {
		case 'string':
			return String(code);
		case 'number':
			return code;
		case 'spec':
			return code === 0 || NUMBER_CODES_IN_SPEC.has(code) ? code : String(code);
	}
}

export function describe(code: ApiCodeNumber, lang: Lang): string {
	const info = codeInfo(code);
	return lang === 'en' ? info.en : info.fr;
}

/** Builds envelopes for one request (its variants snapshot and language). */
export class Envelope {
	constructor(
		private readonly v: SimulatorVariants,
		readonly lang: Lang,
	) {}

	ok(data: unknown): ApiResponse {
		return {
			status: 200,
			body: {
				code: wireCode(0, this.v.codeType),
				message: codeInfo(CODE.OPERATION_SUCCES).message,
				data,
			},
			code: '0',
		};
	}

	error(code: ApiCodeNumber, description?: string): ApiResponse {
		return {
			status: this.httpStatusOf(code),
			body: {
				code: wireCode(code, this.v.codeType),
				message: codeInfo(code).message,
				description: description ?? describe(code, this.lang),
				data: [],
			},
			code: String(code),
		};
	}

	/** Per-item results of contact-add and send calls: data:[[...]] (doc) or data:[...]. */
	items(results: unknown[]): ApiResponse {
		return this.ok(this.v.nesting === 'double' ? [results] : results);
	}

	/**
	 * A per-item error: the item echoed back with its own code. 'documented' (CinetPay's own
	 * pages): the error's NAME in `status`, the call's `lot`, no message/description.
	 */
	itemError(input: unknown, code: ApiCodeNumber, lot: string): Record<string, unknown> {
		const echoed = isPlainObject(input) ? input : {};
		if (this.v.itemErrorShape === 'documented') {
			return {
				...echoed,
				code: wireCode(code, this.v.codeType),
				status: codeInfo(code).message,
				lot,
			};
		}
		return {
			...echoed,
			code: wireCode(code, this.v.codeType),
			status: 'error',
			message: codeInfo(code).message,
			description: describe(code, this.lang),
		};
	}

	itemSuccess(
		input: Record<string, unknown>,
		extra: Record<string, unknown>,
	): Record<string, unknown> {
		return { ...input, code: wireCode(0, this.v.codeType), status: 'success', ...extra };
	}

	private httpStatusOf(code: number): number {
		// 705 has its own switch: some gateways answer it with 401 even when other errors are 200.
		if (code === CODE.EXPIRED_TOKEN) return this.v.expiredTokenStatus === 'http401' ? 401 : 200;
		return this.v.errorHttpStatus === 'http4xx' ? http4xxFor(code) : 200;
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "4 233,00" — the doc's 602 description formats amounts the French way. */
export function formatAmount(n: number, lang: Lang): string {
	const [int, dec] = Math.abs(n).toFixed(2).split('.');
	const sep = lang === 'fr' ? ' ' : ',';
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
	return `${n < 0 ? '-' : ''}${grouped}${lang === 'fr' ? ',' : '.'}${dec}`;
}

export function insufficientBalanceDescription(
	available: number,
	total: number,
	lang: Lang,
): string {
	return lang === 'fr'
		? `Fonds Insuffisant :disponible ${formatAmount(available, 'fr')}, Total de l'operation à effectuer : ${formatAmount(total, 'fr')}`
		: `Insufficient funds: available ${formatAmount(available, 'en')}, total of the operation: ${formatAmount(total, 'en')}`;
}
