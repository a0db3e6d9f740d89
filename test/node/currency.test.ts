import { normalizeBalance } from '../../nodes/CinetPay/actions/balance/get.operation';
import {
	COUNTRIES_BY_PREFIX,
	currencyOfCountry,
	currencyOfPrefix,
} from '../../nodes/CinetPay/helpers/countries';

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

describe('Balance → Get currency', () => {
	const flat = { amount: 663, inUsing: 0, available: 663 };

	test('a flat answer is not called XOF when nothing says so', () => {
		expect(normalizeBalance(flat)).toEqual({ ...flat, currency: null });
	});

	test.each([
		['CI', 'XOF'],
		['CM', 'XAF'],
		['GN', 'GNF'],
		['CD', 'CDF'],
	])("a flat answer of a %s account is in that country's currency, %s", (country, currency) => {
		expect(normalizeBalance(flat, country)).toEqual({ ...flat, currency });
	});

	test("CinetPay's own currency wins over the account country", () => {
		expect(normalizeBalance({ ...flat, currency: 'XAF' }, 'CI')).toEqual({
			...flat,
			currency: 'XAF',
		});
	});

	test('per-country answers keep each country its currency, whatever the option says', () => {
		const balance = normalizeBalance(
			{ countryBalance: { GN: { amount: 1000, inUsing: 0, available: 1000 } } },
			'CI',
		);
		expect(balance).toMatchObject({
			amount: 1000,
			currency: 'GNF',
			countries: { GN: { currency: 'GNF' } },
		});
	});
});
