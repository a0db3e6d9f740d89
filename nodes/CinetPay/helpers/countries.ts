/**
 * Countries CinetPay transfers reach ([field] table of the spec), keyed by calling-code prefix.
 * Used only to catch mistyped numbers before any call: CinetPay has the last word, and a prefix
 * missing from this table is passed through unchecked.
 */
export interface CinetPayCountry {
	/** ISO 3166 alpha-2, as in per-country balances. */
	country: string;
	name: string;
	currency: 'XOF' | 'XAF' | 'GNF' | 'CDF';
	/** Accepted lengths of the national number, in digits. */
	nationalNumberLengths: number[];
}

export const COUNTRIES_BY_PREFIX: Record<string, CinetPayCountry> = {
	// 10 digits since 2021; the 2018 document's examples still use 8.
	'225': { country: 'CI', name: "Côte d'Ivoire", currency: 'XOF', nationalNumberLengths: [8, 10] },
	'221': { country: 'SN', name: 'Senegal', currency: 'XOF', nationalNumberLengths: [9] },
	'226': { country: 'BF', name: 'Burkina Faso', currency: 'XOF', nationalNumberLengths: [8] },
	'223': { country: 'ML', name: 'Mali', currency: 'XOF', nationalNumberLengths: [8] },
	'228': { country: 'TG', name: 'Togo', currency: 'XOF', nationalNumberLengths: [8] },
	// 10 digits (leading 01) since 2024; older numbers have 8.
	'229': { country: 'BJ', name: 'Benin', currency: 'XOF', nationalNumberLengths: [8, 10] },
	'227': { country: 'NE', name: 'Niger', currency: 'XOF', nationalNumberLengths: [8] },
	'224': { country: 'GN', name: 'Guinea', currency: 'GNF', nationalNumberLengths: [9] },
	'237': { country: 'CM', name: 'Cameroon', currency: 'XAF', nationalNumberLengths: [9] },
	// The spec lists these as "varies": accept the lengths in use there.
	'235': { country: 'TD', name: 'Chad', currency: 'XAF', nationalNumberLengths: [8] },
	'242': { country: 'CG', name: 'Congo', currency: 'XAF', nationalNumberLengths: [9] },
	'236': {
		country: 'CF',
		name: 'Central African Republic',
		currency: 'XAF',
		nationalNumberLengths: [8],
	},
	'241': { country: 'GA', name: 'Gabon', currency: 'XAF', nationalNumberLengths: [7, 8, 9] },
	'240': { country: 'GQ', name: 'Equatorial Guinea', currency: 'XAF', nationalNumberLengths: [9] },
	'243': { country: 'CD', name: 'DR Congo', currency: 'CDF', nationalNumberLengths: [9] },
};

export type CinetPayCurrency = CinetPayCountry['currency'];

const CURRENCY_BY_COUNTRY: Record<string, CinetPayCurrency> = Object.fromEntries(
	Object.values(COUNTRIES_BY_PREFIX).map(({ country, currency }) => [country, currency]),
);

/** The currency CinetPay pays in for a receiver's country prefix (`'225'` → `'XOF'`), if known. */
export function currencyOfPrefix(prefix: unknown): CinetPayCurrency | undefined {
	const digits = String(prefix ?? '')
		.trim()
		.replace(/^\+|^00/, '');
	return COUNTRIES_BY_PREFIX[digits]?.currency;
}

/** The currency of a country by its ISO 3166 alpha-2 code (`'CM'` → `'XAF'`), if known. */
export function currencyOfCountry(country: unknown): CinetPayCurrency | undefined {
	return CURRENCY_BY_COUNTRY[
		String(country ?? '')
			.trim()
			.toUpperCase()
	];
}
