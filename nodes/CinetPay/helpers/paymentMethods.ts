/**
 * Payment methods CinetPay is known to accept, per API and per country (ISO 3166 alpha-2, as in
 * helpers/countries.ts). Data, read by the parameter lists and by checks.
 *
 * v1 transfer API ([field], "What real clients saw" in the spec): `payment_method` is optional and
 * CinetPay picks the operator from the number. Production clients send it only for Wave; other
 * values (e.g. OMCM) were refused with 811.
 *
 * 2026 platform ([prod]): `payment_method` is required, operator and country (`OM_CI`, `WAVE_SN`,
 * …). Its list is the country table's (helpers/countries.ts, one row per country), with the
 * operators' names added here; a code missing there can still be typed (Custom…).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { COUNTRIES } from './countries';

export interface PaymentMethod {
	/** What CinetPay is sent as `payment_method`. */
	code: string;
	/** The operator's name, as users know it. */
	operator: string;
	/** ISO 3166 alpha-2. */
	country: string;
}

export type PaymentMethodApi = 'v1' | '2026';

/** The operator part of a 2026 code (`OM` of `OM_CI`), as users know it. */
const OPERATORS_2026: Record<string, string> = {
	AFRICELL: 'Africell',
	AIRTEL: 'Airtel Money',
	EXPRESSO: 'Expresso',
	FREE: 'Free Money',
	MOOV: 'Moov Money',
	MPESA: 'M-Pesa',
	MTN: 'MTN Mobile Money',
	OM: 'Orange Money',
	TMONEY: 'T-Money',
	WAVE: 'Wave',
	ZAMANI: 'Zamani',
};

export const PAYMENT_METHODS: Record<PaymentMethodApi, readonly PaymentMethod[]> = {
	v1: [
		{ code: 'WAVECI', operator: 'Wave', country: 'CI' },
		{ code: 'WAVESN', operator: 'Wave', country: 'SN' },
	],
	'2026': Object.values(COUNTRIES).flatMap(({ country, paymentMethods2026 }) =>
		paymentMethods2026.map((code) => {
			const operator = code.slice(0, code.lastIndexOf('_'));
			return { code, operator: OPERATORS_2026[operator] ?? operator, country };
		}),
	),
};

/**
 * The list's "type another" choice (n8n's Date & Time node does the same with its Format list and
 * "Custom Format"): the code then comes from a text field beside the list. Lowercase, so that it
 * can never be a CinetPay code; validatePaymentMethod refuses it if it ever reaches a payload.
 */
export const CUSTOM_PAYMENT_METHOD = 'custom';

/**
 * The choices of a Payment Method list, in alphabetical order as n8n's guidelines want:
 * "Automatic" (nothing sent, CinetPay picks the operator), "Custom…" and one per known method.
 */
export function paymentMethodOptions(api: 'v1'): INodePropertyOptions[] {
	return sortedByName([
		{
			name: 'Automatic',
			value: '',
			description: "Send no payment method: CinetPay picks the operator from the receiver's number",
		},
		customChoice,
		...knownChoices(PAYMENT_METHODS[api]),
	]);
}

/**
 * The 2026 Payment Method list (required there, so no "Automatic"): the codes of the credential's
 * country account — the only ones it can pay — or every known code when the country is not known
 * (no credential chosen yet), and "Custom…".
 */
export function paymentMethodOptions2026(country?: string): INodePropertyOptions[] {
	// A country of the table with no known code (e.g. TD) offers only Custom…: other countries'
	// codes cannot be paid from its account.
	const known = country !== undefined && Object.prototype.hasOwnProperty.call(COUNTRIES, country);
	const methods = PAYMENT_METHODS['2026'].filter((method) => !known || method.country === country);
	return sortedByName([customChoice, ...knownChoices(methods)]);
}

const customChoice: INodePropertyOptions = {
	name: 'Custom…',
	value: CUSTOM_PAYMENT_METHOD,
	description: 'Type a code CinetPay gave you in Custom Payment Method',
};

function knownChoices(methods: readonly PaymentMethod[]): INodePropertyOptions[] {
	return methods.map(({ code, operator, country }) => ({
		name: `${operator} – ${COUNTRIES[country]?.name ?? country} (${code})`,
		value: code,
	}));
}

function sortedByName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The code a Payment Method list and its Custom Payment Method field stand for: the list's value,
 * or the typed code when the list says Custom. Empty means "send none".
 */
export function selectedPaymentMethod(listValue: unknown, customValue: unknown): string {
	const chosen = String(listValue ?? '').trim();
	return chosen === CUSTOM_PAYMENT_METHOD ? String(customValue ?? '').trim() : chosen;
}
