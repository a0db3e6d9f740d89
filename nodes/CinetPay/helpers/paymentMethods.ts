/**
 * Payment methods CinetPay is known to accept, per API and per country (ISO 3166 alpha-2, as in
 * helpers/countries.ts). Data, read by the parameter lists and by checks.
 *
 * v1 transfer API ([field], "What real clients saw" in the spec): `payment_method` is optional and
 * CinetPay picks the operator from the number. Production clients send it only for Wave; other
 * values (e.g. OMCM) were refused with 811. The 2026 platform will get its own list beside this
 * one (`OM_CI`, `WAVE_SN`, …), where the field is required.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { COUNTRIES_BY_PREFIX } from './countries';

export interface PaymentMethod {
	/** What CinetPay is sent as `payment_method`. */
	code: string;
	/** The operator's name, as users know it. */
	operator: string;
	/** ISO 3166 alpha-2. */
	country: string;
}

export type PaymentMethodApi = 'v1';

export const PAYMENT_METHODS: Record<PaymentMethodApi, readonly PaymentMethod[]> = {
	v1: [
		{ code: 'WAVECI', operator: 'Wave', country: 'CI' },
		{ code: 'WAVESN', operator: 'Wave', country: 'SN' },
	],
};

/**
 * The list's "type another" choice (n8n's Date & Time node does the same with its Format list and
 * "Custom Format"): the code then comes from a text field beside the list. Lowercase, so that it
 * can never be a CinetPay code; validatePaymentMethod refuses it if it ever reaches a payload.
 */
export const CUSTOM_PAYMENT_METHOD = 'custom';

const COUNTRY_NAMES: Record<string, string> = Object.fromEntries(
	Object.values(COUNTRIES_BY_PREFIX).map(({ country, name }) => [country, name]),
);

/**
 * The choices of a Payment Method list, in alphabetical order as n8n's guidelines want:
 * "Automatic" (nothing sent, CinetPay picks the operator), "Custom…" and one per known method.
 */
export function paymentMethodOptions(api: PaymentMethodApi): INodePropertyOptions[] {
	const known = PAYMENT_METHODS[api].map(({ code, operator, country }) => ({
		name: `${operator} – ${COUNTRY_NAMES[country] ?? country} (${code})`,
		value: code,
	}));
	return [
		{
			name: 'Automatic',
			value: '',
			description: "Send no payment method: CinetPay picks the operator from the receiver's number",
		},
		{
			name: 'Custom…',
			value: CUSTOM_PAYMENT_METHOD,
			description: 'Type a code CinetPay gave you in Custom Payment Method',
		},
		...known,
	].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The code a Payment Method list and its Custom Payment Method field stand for: the list's value,
 * or the typed code when the list says Custom. Empty means "send none".
 */
export function selectedPaymentMethod(listValue: unknown, customValue: unknown): string {
	const chosen = String(listValue ?? '').trim();
	return chosen === CUSTOM_PAYMENT_METHOD ? String(customValue ?? '').trim() : chosen;
}
