/**
 * The countries CinetPay pays in, for both platforms: one table, one row per country. Adding a
 * country is adding its row here; every list and check of either platform reads it (v1's phone
 * checks by calling code, the 2026 credential's Country list and its payment methods, Balance's
 * Account Country, the currency of an output).
 *
 * Sources (shared/spec): the [field] table of the v1 transfer API; CinetPay's SDKs for the 2026
 * platform's countries and currencies ([sdk]: CI, BF, ML, SN, TG, NE, BJ in XOF; GN in GNF; CM, TD,
 * CG, CF, GA, GQ in XAF; CD in CDF), the production client's payment methods ([prod]) and the
 * SDKs' ([sdk]: EXPRESSO_SN, WAVE_BF, OM_GN, MTN_GN, AFRICELL_CD, ZAMANI_NE). The numbers are used
 * only to catch mistyped input before any call: CinetPay has the last word.
 */
export type CinetPayCurrency = 'XOF' | 'XAF' | 'GNF' | 'CDF';

export interface CinetPayCountry {
	/** ISO 3166 alpha-2, as in per-country balances and 2026 accounts. */
	country: string;
	name: string;
	/** E.164 calling code, without '+' (v1's `prefix`). */
	callingCode: string;
	currency: CinetPayCurrency;
	/** Accepted lengths of the national number, in digits. */
	nationalNumberLengths: number[];
	/**
	 * 2026 platform: `payment_method` codes known for this country (operator + country). Empty
	 * where none is known: the user types CinetPay's code (Custom…).
	 */
	paymentMethods2026: readonly string[];
}

/** Every country, by ISO code, in the order the 2026 credential's Country list shows them. */
export const COUNTRIES: Readonly<Record<string, CinetPayCountry>> = rows([
	// 10 digits since 2021; the 2018 document's examples still use 8.
	['CI', "Côte d'Ivoire", '225', 'XOF', [8, 10], ['OM_CI', 'MTN_CI', 'MOOV_CI', 'WAVE_CI']],
	['SN', 'Senegal', '221', 'XOF', [9], ['OM_SN', 'FREE_SN', 'WAVE_SN', 'EXPRESSO_SN']],
	['CM', 'Cameroon', '237', 'XAF', [9], ['MTN_CM', 'OM_CM']],
	// 10 digits (leading 01) since 2024; older numbers have 8.
	['BJ', 'Benin', '229', 'XOF', [8, 10], ['MTN_BJ', 'MOOV_BJ']],
	['BF', 'Burkina Faso', '226', 'XOF', [8], ['OM_BF', 'MOOV_BF', 'WAVE_BF']],
	['ML', 'Mali', '223', 'XOF', [8], ['OM_ML', 'MOOV_ML']],
	['TG', 'Togo', '228', 'XOF', [8], ['TMONEY_TG', 'MOOV_TG']],
	['NE', 'Niger', '227', 'XOF', [8], ['AIRTEL_NE', 'MOOV_NE', 'ZAMANI_NE']],
	['CD', 'DR Congo', '243', 'CDF', [9], ['MPESA_CD', 'AIRTEL_CD', 'OM_CD', 'AFRICELL_CD']],
	['GN', 'Guinea', '224', 'GNF', [9], ['OM_GN', 'MTN_GN']],
	// The v1 spec lists these lengths as "varies": accept the lengths in use there.
	['TD', 'Chad', '235', 'XAF', [8], []],
	['CG', 'Congo', '242', 'XAF', [9], []],
	['CF', 'Central African Republic', '236', 'XAF', [8], []],
	['GA', 'Gabon', '241', 'XAF', [7, 8, 9], []],
	['GQ', 'Equatorial Guinea', '240', 'XAF', [9], []],
]);

/** The same countries by calling code (`'225'`), as v1's `prefix` names them. */
export const COUNTRIES_BY_PREFIX: Readonly<Record<string, CinetPayCountry>> = Object.fromEntries(
	Object.values(COUNTRIES).map((country) => [country.callingCode, country]),
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
	const code = String(country ?? '')
		.trim()
		.toUpperCase();
	return Object.prototype.hasOwnProperty.call(COUNTRIES, code)
		? COUNTRIES[code].currency
		: undefined;
}

type Row = [string, string, string, CinetPayCurrency, number[], string[]];

function rows(list: Row[]): Record<string, CinetPayCountry> {
	return Object.fromEntries(
		list.map(([country, name, callingCode, currency, nationalNumberLengths, methods]) => [
			country,
			{ country, name, callingCode, currency, nationalNumberLengths, paymentMethods2026: methods },
		]),
	);
}
