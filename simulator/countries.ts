/**
 * Countries, number shapes, operators and payment methods, as data (spec: "Countries [field]").
 *
 * The simulator accepts a national number when it is all digits and has one of the country's
 * lengths. The operator of a number is detected from its leading digits where the numbering plan
 * is well known (CI, SN), otherwise it is the country's default operator.
 */

export interface OperatorRule {
	length: number;
	pattern: RegExp;
	operator: string;
}

export interface Country {
	iso: string;
	name: string;
	prefix: string;
	currency: 'XOF' | 'XAF' | 'GNF' | 'CDF';
	nationalLengths: readonly number[];
	operatorRules: readonly OperatorRule[];
	defaultOperator: string;
}

export const COUNTRIES: readonly Country[] = [
	{
		iso: 'CI',
		name: "Côte d'Ivoire",
		prefix: '225',
		currency: 'XOF',
		// 10 digits since 2021; the 2018 document's examples use the former 8-digit plan.
		nationalLengths: [10, 8],
		operatorRules: [
			{ length: 10, pattern: /^01/, operator: 'FLOOZ' },
			{ length: 10, pattern: /^05/, operator: 'MOMO' },
			{ length: 10, pattern: /^07/, operator: 'OM' },
			// Former 8-digit plan: the second digit told the operator.
			{ length: 8, pattern: /^\d[0-3]/, operator: 'FLOOZ' },
			{ length: 8, pattern: /^\d[4-6]/, operator: 'MOMO' },
			{ length: 8, pattern: /^\d[7-9]/, operator: 'OM' },
		],
		defaultOperator: 'OM',
	},
	{
		iso: 'SN',
		name: 'Senegal',
		prefix: '221',
		currency: 'XOF',
		nationalLengths: [9],
		operatorRules: [
			{ length: 9, pattern: /^7[78]/, operator: 'OM' },
			{ length: 9, pattern: /^76/, operator: 'FREE' },
			{ length: 9, pattern: /^70/, operator: 'EMONEY' },
		],
		defaultOperator: 'OM',
	},
	{
		iso: 'BF',
		name: 'Burkina Faso',
		prefix: '226',
		currency: 'XOF',
		nationalLengths: [8],
		operatorRules: [],
		defaultOperator: 'OM',
	},
	{
		iso: 'ML',
		name: 'Mali',
		prefix: '223',
		currency: 'XOF',
		nationalLengths: [8],
		operatorRules: [],
		defaultOperator: 'OM',
	},
	{
		iso: 'TG',
		name: 'Togo',
		prefix: '228',
		currency: 'XOF',
		nationalLengths: [8],
		operatorRules: [],
		defaultOperator: 'TMONEY',
	},
	{
		iso: 'BJ',
		name: 'Benin',
		prefix: '229',
		currency: 'XOF',
		nationalLengths: [8, 10],
		operatorRules: [],
		defaultOperator: 'MOMO',
	},
	{
		iso: 'NE',
		name: 'Niger',
		prefix: '227',
		currency: 'XOF',
		nationalLengths: [8],
		operatorRules: [],
		defaultOperator: 'AIRTEL',
	},
	{
		iso: 'GN',
		name: 'Guinea',
		prefix: '224',
		currency: 'GNF',
		nationalLengths: [9],
		operatorRules: [],
		defaultOperator: 'OM',
	},
	{
		iso: 'CM',
		name: 'Cameroon',
		prefix: '237',
		currency: 'XAF',
		nationalLengths: [9],
		operatorRules: [],
		defaultOperator: 'MOMO',
	},
	{
		iso: 'CD',
		name: 'DR Congo',
		prefix: '243',
		currency: 'CDF',
		nationalLengths: [9],
		operatorRules: [],
		defaultOperator: 'MPESA',
	},
];

const BY_PREFIX = new Map<string, Country>(COUNTRIES.map((c) => [c.prefix, c]));

export function countryByPrefix(prefix: string): Country | undefined {
	return BY_PREFIX.get(prefix);
}

/** A national number of the right shape for its country (all digits, a known length). */
export function isWellFormedNumber(country: Country, phone: string): boolean {
	return /^\d+$/.test(phone) && country.nationalLengths.includes(phone.length);
}

export function detectOperator(country: Country, phone: string): string {
	const rule = country.operatorRules.find(
		(r) => r.length === phone.length && r.pattern.test(phone),
	);
	return rule ? rule.operator : country.defaultOperator;
}

/**
 * Accepted `payment_method` values [field]. Wave is per country; the other operators' codes are
 * accepted everywhere (CinetPay detects them from the number anyway). Anything else → 811.
 */
export const PAYMENT_METHODS: ReadonlyArray<{ code: string; prefixes: readonly string[] | 'any' }> =
	[
		{ code: 'WAVECI', prefixes: ['225'] },
		{ code: 'WAVESN', prefixes: ['221'] },
		...['OM', 'MOMO', 'FLOOZ', 'FREE', 'EMONEY', 'TMONEY'].map((code) => ({
			code,
			prefixes: 'any' as const,
		})),
	];

export function isAcceptedPaymentMethod(method: string, prefix: string): boolean {
	const entry = PAYMENT_METHODS.find((m) => m.code === method);
	return !!entry && (entry.prefixes === 'any' || entry.prefixes.includes(prefix));
}
