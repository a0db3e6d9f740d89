import {
	COUNTRIES,
	COUNTRIES_BY_PREFIX,
	currencyOfCountry,
	currencyOfPrefix,
} from '../../../nodes/CinetPay/helpers/countries';
import {
	PAYMENT_METHODS,
	paymentMethodOptions2026,
} from '../../../nodes/CinetPay/helpers/paymentMethods';
import { COUNTRIES_2026 } from '../../../nodes/CinetPay/transport/platform2026';

describe('currencyOfPrefix', () => {
	test.each([
		['225', 'XOF'],
		['221', 'XOF'],
		['237', 'XAF'],
		['241', 'XAF'],
		['224', 'GNF'],
		['243', 'CDF'],
		['+237', 'XAF'],
		['00224', 'GNF'],
		[' 243 ', 'CDF'],
		[225, 'XOF'],
	])('%p → %s', (prefix, currency) => {
		expect(currencyOfPrefix(prefix)).toBe(currency);
	});

	test.each(['33', '', '2250', 'abc', undefined, null])(
		'%p is not a CinetPay country: undefined',
		(prefix) => {
			expect(currencyOfPrefix(prefix)).toBeUndefined();
		},
	);

	test('every country of the table has a currency by prefix and by ISO code', () => {
		for (const [prefix, { country, currency }] of Object.entries(COUNTRIES_BY_PREFIX)) {
			expect([prefix, currencyOfPrefix(prefix)]).toEqual([prefix, currency]);
			expect([country, currencyOfCountry(country.toLowerCase())]).toEqual([country, currency]);
		}
	});
});

describe('one table of countries for both platforms', () => {
	test("the 2026 platform's countries are the SDK's, each in its currency, with the SDKs' methods", () => {
		const currencies = Object.fromEntries(
			Object.entries(COUNTRIES_2026).map(([code, { currency }]) => [code, currency]),
		);
		expect(currencies).toEqual({
			CI: 'XOF',
			SN: 'XOF',
			CM: 'XAF',
			BJ: 'XOF',
			BF: 'XOF',
			ML: 'XOF',
			TG: 'XOF',
			NE: 'XOF',
			CD: 'CDF',
			GN: 'GNF',
			TD: 'XAF',
			CG: 'XAF',
			CF: 'XAF',
			GA: 'XAF',
			GQ: 'XAF',
		});
		const methods = Object.values(COUNTRIES_2026).flatMap((country) => country.paymentMethods);
		for (const code of ['EXPRESSO_SN', 'WAVE_BF', 'OM_GN', 'MTN_GN', 'AFRICELL_CD', 'ZAMANI_NE'])
			expect(methods).toContain(code);
	});

	test('a country is one row: its calling code, currency and methods reach every reader', () => {
		for (const [code, row] of Object.entries(COUNTRIES)) {
			expect(COUNTRIES_BY_PREFIX[row.callingCode]).toBe(row);
			expect(COUNTRIES_2026[code]).toEqual({
				name: row.name,
				callingCode: row.callingCode,
				currency: row.currency,
				paymentMethods: row.paymentMethods2026,
			});
			expect(PAYMENT_METHODS['2026'].filter((m) => m.country === code).map((m) => m.code)).toEqual(
				row.paymentMethods2026,
			);
		}
	});

	test('a country with no known 2026 code offers only Custom…, not the codes of other countries', () => {
		expect(paymentMethodOptions2026('TD').map((o) => o.value)).toEqual(['custom']);
		expect(
			paymentMethodOptions2026('GN')
				.map((o) => o.value)
				.sort(),
		).toEqual(['MTN_GN', 'OM_GN', 'custom'].sort());
	});
});
