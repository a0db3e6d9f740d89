import {
	COUNTRIES_BY_PREFIX,
	currencyOfCountry,
	currencyOfPrefix,
} from '../../../nodes/CinetPay/helpers/countries';

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
