/**
 * The 2026 code table read from a table of cases: what a send's answer means, which answers end a
 * session, and that every transfer state maps to v1's status names.
 */
import { CinetPayApi } from '../../credentials/CinetPayApi.credentials';
import {
	CODES_2026,
	isSessionRejected2026,
	send2026Meaning,
} from '../../nodes/CinetPay/transport/platform2026/codes';
import {
	notificationAgrees2026,
	readNotification2026,
} from '../../nodes/CinetPay/transport/platform2026/notification';
import { accountDigest2026 } from '../../nodes/CinetPay/transport/platform2026/session';
import {
	defaultMerchantId2026,
	transferPayload2026,
} from '../../nodes/CinetPay/transport/platform2026/transferPayload';
import { STATUS_CODES_2026 } from '../../simulator/platform2026';

describe('send2026Meaning', () => {
	test.each([
		['2001', 200, true, 'accepted'],
		['2002', 200, true, 'accepted'],
		['100', 200, true, 'accepted'],
		['2010', 200, true, 'accepted'], // a transfer exists (and failed): not "not sent"
		['200', 200, true, 'accepted'],
		['2001', 200, false, 'unclear'], // no transaction_id: cannot be shown as sent
		['1200', 200, false, 'exists'],
		['2005', 200, false, 'refused'],
		['400', 400, false, 'refused'],
		['401', 401, false, 'refused'],
		['2005', 502, false, 'unclear'], // any 5xx: CinetPay may have made it
		['500', 500, false, 'unclear'],
		['9999', 200, false, 'unclear'], // unknown code: never "refused"
		['404', 404, false, 'unclear'],
	])('code %s with HTTP %i (transaction_id: %s) → %s', (code, status, hasId, meaning) => {
		expect(send2026Meaning(code, status, hasId)).toBe(meaning);
	});

	test('a session is rejected by HTTP 401, or code 401 with HTTP 200 — not by other codes', () => {
		expect(isSessionRejected2026('401', 200)).toBe(true);
		expect(isSessionRejected2026('whatever', 401)).toBe(true);
		expect(isSessionRejected2026('404', 404)).toBe(false);
	});

	test('every status the simulator knows is in the table with a v1 name; every entry has advice or is success', () => {
		for (const [status, code] of Object.entries(STATUS_CODES_2026)) {
			expect(CODES_2026[String(code)]).toMatchObject({ status, transferState: expect.any(Object) });
		}
		for (const info of Object.values(CODES_2026)) {
			expect(info.meaning).not.toBe('');
			if (!info.transferState || info.transferState.normalized === 'REJ') {
				if (info.status !== 'OK') expect(info.advice).not.toBe('');
			}
		}
	});
});

describe('credential', () => {
	const credential = new CinetPayApi();
	const base = { apiKey: 'sk_test_a', password: 'p', environment: 'auto', baseUrl: '' };

	test('adds the Bearer header only for the account that obtained the token', async () => {
		const own = { ...base, sessionToken: 'tok', sessionAccount: accountDigest2026(base) };
		expect((await credential.authenticate(own, { url: '/v1/balances' })).headers).toEqual({
			Authorization: 'Bearer tok',
		});
		for (const edit of [
			{ apiKey: 'sk_test_b' },
			{ password: 'q' },
			{ environment: 'production' },
			{ baseUrl: 'http://127.0.0.1:1' },
		]) {
			const edited = { ...own, ...edit };
			expect(
				(await credential.authenticate(edited, { url: '/v1/balances' })).headers,
			).toBeUndefined();
		}
	});

	test('the session field is expirable and hidden; country offers every known country', () => {
		const token = credential.properties.find((p) => p.name === 'sessionToken')!;
		expect(token).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
		});
		const country = credential.properties.find((p) => p.name === 'country')!;
		expect(country.options?.map((o) => (o as { value: string }).value)).toEqual([
			'CI',
			'SN',
			'CM',
			'BJ',
			'BF',
			'ML',
			'TG',
			'NE',
			'CD',
		]);
	});
});

describe('2026 notifications, read as hints', () => {
	const id = '3f2b8c1e-5d4a-4b6f-9e7d-0a1b2c3d4e5f';
	test.each([
		[
			{ transaction_id: id, merchant_transaction_id: 'PAY-1', notify_token: 'x', user: {} },
			{ transactionId: id, merchantTransactionId: 'PAY-1' },
		],
		[JSON.stringify({ transaction_id: id }), { transactionId: id }],
	])('reads %j', (body, notification) => {
		expect(readNotification2026(body)).toEqual({ notification });
	});

	test.each([
		['not JSON', 'transaction_id=1'],
		['an array', [{ transaction_id: id }]],
		['no transaction_id', { merchant_transaction_id: 'PAY-1' }],
		['a transaction_id with a path in it', { transaction_id: '../../v1/balances' }],
		[
			'a malformed merchant id',
			{ transaction_id: id, merchant_transaction_id: 'has spaces in it' },
		],
	])('ignores %s', (_name, body) => {
		expect(readNotification2026(body)).toEqual({ ignored: expect.any(String) });
	});

	test('agrees only with the transfer it names', () => {
		const n = { transactionId: id, merchantTransactionId: 'PAY-1' };
		expect(
			notificationAgrees2026(n, { transaction_id: id, merchant_transaction_id: 'PAY-1' }),
		).toBe(true);
		expect(
			notificationAgrees2026(n, { transaction_id: id, merchant_transaction_id: 'PAY-2' }),
		).toBe(false);
		expect(notificationAgrees2026({ transactionId: id }, { transaction_id: 'other' })).toBe(false);
	});
});

describe('transferPayload2026', () => {
	const input = {
		country: 'CI',
		phone: '+2250700000001',
		amount: 1000,
		merchantTransactionId: 'PAY-1',
		paymentMethod: 'om_ci',
	};

	test('builds the JSON body: E.164 phone, the country currency, the method upper-cased', () => {
		expect(transferPayload2026({ ...input, phone: '07 00 00 00 01', amount: '1000' })).toEqual({
			payload: {
				currency: 'XOF',
				payment_method: 'OM_CI',
				merchant_transaction_id: 'PAY-1',
				amount: 1000,
				phone_number: '+2250700000001',
				reason: 'Payout',
			},
		});
	});

	test.each([
		['phone', { phone: '+221770000001' }],
		['phone', { phone: 'abc' }],
		['amount', { amount: 499 }],
		['amount', { amount: 1000.5 }],
		['merchantTransactionId', { merchantTransactionId: 'x'.repeat(31) }],
		['merchantTransactionId', { merchantTransactionId: 'a_b' }],
		['paymentMethod', { paymentMethod: '' }],
		['notifyUrl', { notifyUrl: 'ftp://x' }],
		['country', { country: 'FR' }],
	])('refuses a bad %s before sending', (field, over) => {
		expect(transferPayload2026({ ...input, ...over })).toEqual({
			field,
			problem: expect.any(String),
		});
	});

	test('default merchant IDs fit 30 characters at their longest', () => {
		const id = defaultMerchantId2026('a1B2c3D4e5F6', 999_999, 9_999_999);
		expect(id).toHaveLength(30);
		expect(transferPayload2026({ ...input, merchantTransactionId: id })).toHaveProperty('payload');
	});
});
