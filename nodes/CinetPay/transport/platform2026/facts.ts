/**
 * What is known of CinetPay's 2026 platform, in one place (shared/spec/cinetpay-api-2026.md):
 * where a real answer disagrees, the fix is a one-line edit here. [sdk] = CinetPay's SDK,
 * [prod] = a production client, [guess] = inferred. The countries are in the one table both
 * platforms read: ../../helpers/countries.ts.
 */
import { COUNTRIES } from '../../helpers/countries';

/** [sdk] Production, for `sk_live_` keys; the sandbox, for `sk_test_` keys. */
export const BASE_URLS_2026 = {
	production: 'https://api.cinetpay.co',
	sandbox: 'https://api.cinetpay.net',
} as const;

export type Environment2026 = keyof typeof BASE_URLS_2026;

/** [sdk] The SDK picks the environment from the key's prefix. */
export const SANDBOX_KEY_PREFIX = 'sk_test_';
export const LIVE_KEY_PREFIX = 'sk_live_';

export const ENDPOINTS_2026 = {
	/** [prod] JSON { api_key, api_password } → { access_token, expires_in, … } */
	login: { method: 'POST', path: '/v1/oauth/login' },
	/** [prod] The balance of the token's country account. */
	balance: { method: 'GET', path: '/v1/balances' },
	/** [prod] One transfer per call. */
	send: { method: 'POST', path: '/v1/transfer' },
	/** [prod] GET /v1/transfer/{transaction_id}; 404 unknown, 422 another country's account. */
	transfer: { method: 'GET', path: '/v1/transfer/' },
} as const;

/**
 * [guess] Whether CinetPay can find a transfer by the merchant's own ID, and how. Nothing shows
 * that it can: 'none' until a real answer proves otherwise. Its 404 for an unknown route cannot be
 * told from its 404 for an unknown transfer, so the transport cannot find out by trying.
 * 'query' = GET /v1/transfer?merchant_transaction_id=…, 'path' = GET /v1/transfer/merchant/{id}.
 */
export type MerchantLookup2026 = 'none' | 'query' | 'path';
export const MERCHANT_LOOKUP_2026: MerchantLookup2026 = 'none';

/**
 * [guess] What a second send with the same merchant_transaction_id does. 'refused' (1200
 * TRANSACTION_EXIST, one third-party note) and 'returnsExisting' would make a resend after a lost
 * answer safe; 'unknown' (today) means it may create a second transfer, so a lost answer is never
 * resent (see payout/platform2026/strategy.ts).
 */
export type DuplicateGuard2026 = 'unknown' | 'refused' | 'returnsExisting';
export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'unknown';

/** [prod] The token lives `expires_in` seconds (86400); the production client renews 5 min early. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** [prod] No transfer below 500 in any country (the operators' table). The maximum is unknown. */
export const MIN_AMOUNT_2026 = 500;

/** [prod] merchant_transaction_id as the production client keeps it: ≤ 30 letters, digits, '-'. */
export const MERCHANT_ID_MAX_LENGTH = 30;
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9-]{1,30}$/;

export interface Country2026 {
	name: string;
	/** E.164 calling code, without '+'. */
	callingCode: string;
	currency: string;
	/** [prod][sdk] operator and country, e.g. OM_CI; the list is what is known, not all there is. */
	paymentMethods: readonly string[];
}

/**
 * One merchant account per country ([sdk][prod]): the countries of the one table
 * (helpers/countries.ts), as the 2026 platform needs them.
 */
export const COUNTRIES_2026: Readonly<Record<string, Country2026>> = Object.fromEntries(
	Object.values(COUNTRIES).map(({ country, name, callingCode, currency, paymentMethods2026 }) => [
		country,
		{ name, callingCode, currency, paymentMethods: paymentMethods2026 },
	]),
);
