/**
 * What the 2026 platform's simulator knows of CinetPay's 2026 API, as data: the countries and
 * their accounts' currencies, the payment methods of each country, the status codes, the test
 * numbers. Each fact carries its source in a comment, as in shared/spec/cinetpay-api-2026.md:
 * [sdk] CinetPay's SDK, [prod] a production client, [guess] inferred (then it is a variant or
 * clearly invented). The node keeps its own copy of these facts (the simulator never imports from
 * nodes/): a change here is a change there.
 */

export interface Country2026 {
	iso: string;
	/** E.164 calling code, without '+'. */
	callingCode: string;
	currency: 'XOF' | 'XAF' | 'GNF' | 'CDF';
	/** Digits after the calling code. [guess] from the national numbering plans. */
	nationalLength: number;
	/** [prod] the production client's list of payment methods, per country. */
	paymentMethods: readonly string[];
	/** The national part of the test numbers without the last two digits (see TEST_NUMBERS_2026). */
	testNumberStem: string;
}

export const COUNTRIES_2026: readonly Country2026[] = [
	{
		iso: 'CI',
		callingCode: '225',
		currency: 'XOF',
		nationalLength: 10,
		paymentMethods: ['OM_CI', 'MTN_CI', 'MOOV_CI', 'WAVE_CI'],
		testNumberStem: '07000000',
	},
	{
		iso: 'SN',
		callingCode: '221',
		currency: 'XOF',
		nationalLength: 9,
		paymentMethods: ['OM_SN', 'FREE_SN', 'WAVE_SN', 'EXPRESSO_SN'],
		testNumberStem: '7700000',
	},
	{
		iso: 'CM',
		callingCode: '237',
		currency: 'XAF',
		nationalLength: 9,
		paymentMethods: ['MTN_CM', 'OM_CM'],
		testNumberStem: '6700000',
	},
	{
		iso: 'BJ',
		callingCode: '229',
		currency: 'XOF',
		nationalLength: 10,
		paymentMethods: ['MTN_BJ', 'MOOV_BJ'],
		testNumberStem: '01970000',
	},
	{
		iso: 'BF',
		callingCode: '226',
		currency: 'XOF',
		nationalLength: 8,
		paymentMethods: ['OM_BF', 'MOOV_BF', 'WAVE_BF'],
		testNumberStem: '700000',
	},
	{
		iso: 'ML',
		callingCode: '223',
		currency: 'XOF',
		nationalLength: 8,
		paymentMethods: ['OM_ML', 'MOOV_ML'],
		testNumberStem: '700000',
	},
	{
		iso: 'TG',
		callingCode: '228',
		currency: 'XOF',
		nationalLength: 8,
		paymentMethods: ['TMONEY_TG', 'MOOV_TG'],
		testNumberStem: '900000',
	},
	{
		iso: 'NE',
		callingCode: '227',
		currency: 'XOF',
		nationalLength: 8,
		paymentMethods: ['AIRTEL_NE', 'MOOV_NE', 'ZAMANI_NE'],
		testNumberStem: '900000',
	},
	{
		iso: 'CD',
		callingCode: '243',
		currency: 'CDF',
		nationalLength: 9,
		paymentMethods: ['MPESA_CD', 'AIRTEL_CD', 'OM_CD', 'AFRICELL_CD'],
		testNumberStem: '8100000',
	},
	// [sdk] GN pays in GNF; its operators are the SDKs' (EXPRESSO_SN, WAVE_BF, ZAMANI_NE and
	// AFRICELL_CD above too). TD, CG, CF, GA and GQ have no known payment method: no account here.
	{
		iso: 'GN',
		callingCode: '224',
		currency: 'GNF',
		nationalLength: 9,
		paymentMethods: ['OM_GN', 'MTN_GN'],
		testNumberStem: '6200000',
	},
];

export function country2026(iso: string): Country2026 | undefined {
	return COUNTRIES_2026.find((c) => c.iso === iso);
}

/** The status of a transfer on the 2026 platform, and its code. [prod]; EXPIRED is [guess]. */
export type Status2026 = 'INITIATED' | 'PENDING' | 'SUCCESS' | 'FAILED' | 'EXPIRED';

export const STATUS_CODES_2026: Record<Status2026, number> = {
	INITIATED: 2001,
	PENDING: 2002,
	SUCCESS: 100,
	FAILED: 2010,
	EXPIRED: 2003,
};

/** States a transfer never leaves. EXPIRED is not one: CinetPay's cinetpay-seamless calls it not final. */
export const FINAL_STATUSES_2026: ReadonlySet<Status2026> = new Set(['SUCCESS', 'FAILED']);

/** Where a transfer's life ends or pauses: what control.settle forces, when "final" notifications go. */
export const SETTLE_STATUSES_2026: ReadonlySet<Status2026> = new Set([
	'SUCCESS',
	'FAILED',
	'EXPIRED',
]);

/**
 * The answers that are not a transfer's status. 2005 is [prod]; 1200 is [guess] (one third-party
 * note). The others are the simulator's own invention where nothing is known — the HTTP status as
 * the code, with a name — and say so in `invented`.
 */
export const ERRORS_2026 = {
	INSUFFICIENT_BALANCE: {
		code: 2005,
		httpStatus: 200,
		status: 'INSUFFICIENT_BALANCE',
		invented: false,
	},
	TRANSACTION_EXIST: { code: 1200, httpStatus: 200, status: 'TRANSACTION_EXIST', invented: false },
	INVALID_PARAMS: { code: 400, httpStatus: 400, status: 'INVALID_PARAMS', invented: true },
	UNAUTHORIZED: { code: 401, httpStatus: 401, status: 'UNAUTHORIZED', invented: true },
	// [sdk] statuses the PHP SDK renews the token on; [guess] their codes.
	EXPIRED_TOKEN: { code: 1003, httpStatus: 401, status: 'EXPIRED_TOKEN', invented: false },
	INVALID_TOKEN: { code: 1004, httpStatus: 401, status: 'INVALID_TOKEN', invented: false },
	// [prod] a login from an address not on the account's allow-list (HTTP status [guess]).
	NOT_ALLOWED: { code: 2011, httpStatus: 403, status: 'NOT_ALLOWED', invented: false },
	FORBIDDEN: { code: 403, httpStatus: 403, status: 'FORBIDDEN', invented: true },
	TOO_MANY_REQUESTS: { code: 429, httpStatus: 429, status: 'TOO_MANY_REQUESTS', invented: true },
	NOT_FOUND: { code: 404, httpStatus: 404, status: 'NOT_FOUND', invented: false },
	OTHER_ACCOUNT: { code: 422, httpStatus: 422, status: 'UNPROCESSABLE_ENTITY', invented: false },
	SERVER_ERROR: { code: 500, httpStatus: 500, status: 'INTERNAL_SERVER_ERROR', invented: true },
} as const;

export type Error2026 = keyof typeof ERRORS_2026;

/** [prod] The operators' table: no transfer below 500 in any country. */
export const MIN_AMOUNT_2026 = 500;

/** [prod] merchant_transaction_id as the production client keeps it. */
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9-]{1,30}$/;

/**
 * The simulator's fee: 1 % rounded up. Invented: CinetPay's fees depend on the contract; only the
 * field `fee_amount` is [prod].
 */
export function feeOf(amount: number): number {
	return Math.ceil(amount / 100);
}

/** How a transfer ends, decided by its receiver (test numbers); every other number succeeds. */
export type Outcome2026 = 'succeeds' | 'fails' | 'pending' | 'expires' | 'expiresThenSucceeds';

/** The last two digits of a test number, per outcome. */
const OUTCOME_SUFFIX: Record<Outcome2026, string> = {
	succeeds: '01',
	fails: '02',
	pending: '03',
	expires: '04',
	/** EXPIRED (under the expiredStatus variant), then SUCCESS: EXPIRED is not final. */
	expiresThenSucceeds: '05',
};

export interface TestNumber2026 {
	country: string;
	/** E.164, with '+'. */
	phone: string;
	outcome: Outcome2026;
}

/** Per country: a number that ends SUCCESS, one FAILED, one that stays PENDING, one EXPIRED. */
export const TEST_NUMBERS_2026: Record<
	string,
	Record<Outcome2026, TestNumber2026>
> = Object.fromEntries(
	COUNTRIES_2026.map((c) => [
		c.iso,
		Object.fromEntries(
			(Object.keys(OUTCOME_SUFFIX) as Outcome2026[]).map((outcome) => [
				outcome,
				{
					country: c.iso,
					phone: `+${c.callingCode}${c.testNumberStem}${OUTCOME_SUFFIX[outcome]}`,
					outcome,
				},
			]),
		) as Record<Outcome2026, TestNumber2026>,
	]),
);

export function outcomeOfPhone(phone: string): Outcome2026 {
	for (const numbers of Object.values(TEST_NUMBERS_2026)) {
		for (const n of Object.values(numbers)) if (n.phone === phone) return n.outcome;
	}
	return 'succeeds';
}
