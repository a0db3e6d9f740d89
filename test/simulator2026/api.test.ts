/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The 2026 simulator's API over real HTTP: login and Bearer tokens, per-country accounts and
 * balances, one transfer per call with its rules, status lookups and the life cycle.
 */
import { DEMO_ACCOUNTS_2026, TEST_NUMBERS_2026 } from '../../simulator/platform2026';
import { ciTransfer, Client2026, simulator2026PerFile } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('2026 simulator: login and tokens', () => {
	const env = simulator2026PerFile({}, false);

	test('logs in with JSON api_key/api_password and answers a Bearer token living 86400 s', async () => {
		const answer = await env.client.login();
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			code: 200,
			status: 'OK',
			access_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 86400,
		});
		expect(env.sim.control.stats().logins).toBe(1);
	});

	test('a wrong password is refused with HTTP 401 and no token', async () => {
		const answer = await env.client.login(undefined, 'wrong');
		expect(answer.status).toBe(401);
		expect(answer.body).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
		expect(answer.body.access_token).toBeUndefined();
	});

	test('the demo keys are sandbox keys', () => {
		for (const account of DEMO_ACCOUNTS_2026) expect(account.apiKey).toMatch(/^sk_test_/);
	});

	test('a call without a token, or with an expired one, gets 401 (or HTTP 200 with code 401 as a variant)', async () => {
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(401);
		await env.client.login();
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(200);
		env.sim.control.expireTokens();
		expect((await env.client.request('GET', '/v1/balances')).body).toMatchObject({ code: 401 });
		env.sim.control.setVariants({ expiredTokenStatus: 'http200' });
		const answer = await env.client.request('GET', '/v1/balances');
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ code: 401, status: 'UNAUTHORIZED' });
	});

	test('a short token lifetime ends the token on time', async () => {
		env.sim.control.setVariants({ tokenTtlSeconds: 0.3 });
		expect((await env.client.login()).body.expires_in).toBe(0.3);
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(401);
	});

	test('the request log never shows the key, the password or the token', async () => {
		await env.client.login();
		await env.client.request('GET', '/v1/balances');
		const log = JSON.stringify(env.sim.control.requests());
		const account = DEMO_ACCOUNTS_2026[0];
		expect(log).not.toContain(account.apiKey);
		expect(log).not.toContain(account.apiPassword);
		expect(log).not.toContain(env.client.token);
		expect(env.sim.control.requests()[1]).toMatchObject({ token: '<redacted:1>', account: 'CI' });
	});
});

describe('2026 simulator: balances, sends, lookups', () => {
	const env = simulator2026PerFile();

	test('each country account has its own balance and currency', async () => {
		expect((await env.client.request('GET', '/v1/balances')).body).toEqual({
			code: 200,
			status: 'OK',
			country: 'CI',
			currency: 'XOF',
			real_balance: 5_000_000,
			available_balance: 5_000_000,
		});
		const cm = new Client2026(env.sim.baseUrl, DEMO_ACCOUNTS_2026[2]);
		await cm.login();
		expect((await cm.request('GET', '/v1/balances')).body).toMatchObject({
			country: 'CM',
			currency: 'XAF',
		});
	});

	test('a send answers a UUID transaction_id, the fee, INITIATED 2001; money in flight leaves available', async () => {
		const body = ciTransfer({ amount: 10_000 });
		const answer = await env.client.send(body);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			code: 2001,
			status: 'INITIATED',
			merchant_transaction_id: body.merchant_transaction_id,
			amount: 10_000,
			fee_amount: 100,
			user: { name: expect.any(String) },
		});
		expect(answer.body.transaction_id).toMatch(UUID);
		const balance = (await env.client.request('GET', '/v1/balances')).body;
		expect(balance).toMatchObject({ real_balance: 5_000_000, available_balance: 4_989_900 });
	});

	test.each([
		['payment_method', { payment_method: 'WAVE_SN' }],
		['payment_method', { payment_method: undefined }],
		['phone_number', { phone_number: '0700000001' }],
		['phone_number', { phone_number: '+221770000001' }],
		['merchant_transaction_id', { merchant_transaction_id: 'x'.repeat(31) }],
		['merchant_transaction_id', { merchant_transaction_id: 'has_underscore' }],
		['amount', { amount: 499 }],
		['amount', { amount: '1000' }],
		['currency', { currency: 'XAF' }],
	])('refuses a bad %s with HTTP 400 and creates nothing', async (field, over) => {
		const answer = await env.client.send(ciTransfer(over));
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({
			code: 400,
			status: 'INVALID_PARAMS',
			errors: { [field]: expect.any(Array) },
		});
		expect(env.sim.control.transfers()).toHaveLength(0);
	});

	test('500 is the minimum amount, and a 30-character id with dashes is fine', async () => {
		const answer = await env.client.send(
			ciTransfer({ amount: 500, merchant_transaction_id: `A-${'9'.repeat(28)}` }),
		);
		expect(answer.body.code).toBe(2001);
	});

	test('insufficient balance: 2005, nothing created', async () => {
		env.sim.control.setBalance('CI', 1000);
		const answer = await env.client.send(ciTransfer({ amount: 1000 }));
		expect(answer.body).toMatchObject({ code: 2005, status: 'INSUFFICIENT_BALANCE' });
		expect(env.sim.control.transfers()).toHaveLength(0);
	});

	test('life cycle by test number: SUCCESS, FAILED (refunded), PENDING forever; EXPIRED as a variant', async () => {
		const numbers = TEST_NUMBERS_2026.CI;
		const ids: Record<string, string> = {};
		for (const outcome of ['succeeds', 'fails', 'pending', 'expires'] as const) {
			ids[outcome] = (
				await env.client.send(ciTransfer({ phone_number: numbers[outcome].phone }))
			).body.transaction_id;
		}
		env.sim.control.advance();
		expect((await env.client.get(ids.succeeds)).body).toMatchObject({
			code: 2002,
			status: 'PENDING',
		});
		env.sim.control.advance();
		const statuses = async () =>
			Object.fromEntries(
				await Promise.all(
					Object.entries(ids).map(async ([k, id]) => [k, (await env.client.get(id)).body.status]),
				),
			);
		expect(await statuses()).toEqual({
			succeeds: 'SUCCESS',
			fails: 'FAILED',
			pending: 'PENDING',
			expires: 'FAILED',
		});
		expect((await env.client.get(ids.succeeds)).body.code).toBe(100);
		expect((await env.client.get(ids.fails)).body.code).toBe(2010);
		// Two settled, one refunded; the pending and the (failed) expiring one: 3 × 1010 still out or spent.
		expect((await env.client.request('GET', '/v1/balances')).body).toMatchObject({
			real_balance: 5_000_000 - 1010,
			available_balance: 5_000_000 - 3 * 1010 + 1010,
		});

		env.sim.control.setVariants({ expiredStatus: true });
		const late = (await env.client.send(ciTransfer({ phone_number: numbers.expires.phone }))).body
			.transaction_id;
		env.sim.control.advance(late);
		env.sim.control.advance(late);
		expect((await env.client.get(late)).body).toMatchObject({ code: 2003, status: 'EXPIRED' });
	});

	test('auto-advance with stepMs', async () => {
		env.sim.control.setVariants({ stepMs: 40 });
		const id = (await env.client.send(ciTransfer())).body.transaction_id;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect((await env.client.get(id)).body.status).toBe('SUCCESS');
	});

	test('GET: 404 for an unknown transfer, 422 for another country account', async () => {
		expect((await env.client.get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
		const id = (await env.client.send(ciTransfer())).body.transaction_id;
		const sn = new Client2026(env.sim.baseUrl, DEMO_ACCOUNTS_2026[1]);
		await sn.login();
		const answer = await sn.get(id);
		expect(answer.status).toBe(422);
		expect(answer.body).toMatchObject({ code: 422 });
	});
});

describe('2026 simulator: the [guess] variants', () => {
	const env = simulator2026PerFile();

	test('duplicate merchant_transaction_id: refused with 1200 (default), nothing new', async () => {
		const body = ciTransfer();
		await env.client.send(body);
		const again = await env.client.send(body);
		expect(again.body).toMatchObject({ code: 1200, status: 'TRANSACTION_EXIST' });
		expect(again.body.transaction_id).toBeUndefined();
		expect(env.sim.control.transfers()).toHaveLength(1);
	});

	test('duplicate merchant_transaction_id: returnExisting answers the same transfer', async () => {
		env.sim.control.setVariants({ duplicateMerchantId: 'returnExisting' });
		const body = ciTransfer();
		const first = await env.client.send(body);
		env.sim.control.advance();
		const again = await env.client.send(body);
		expect(again.body).toMatchObject({
			transaction_id: first.body.transaction_id,
			status: 'PENDING',
		});
		expect(env.sim.control.transfers()).toHaveLength(1);
	});

	test('duplicate merchant_transaction_id: acceptNew pays a second time', async () => {
		env.sim.control.setVariants({ duplicateMerchantId: 'acceptNew' });
		const body = ciTransfer();
		const first = await env.client.send(body);
		const again = await env.client.send(body);
		expect(again.body.transaction_id).not.toBe(first.body.transaction_id);
		expect(
			env.sim.control.transfersByMerchantId('CI', String(body.merchant_transaction_id)),
		).toHaveLength(2);
	});

	test('lookup by merchant_transaction_id: none (404), query, or path', async () => {
		const body = ciTransfer();
		const id = (await env.client.send(body)).body.transaction_id;
		const mid = String(body.merchant_transaction_id);
		const byQuery = () => env.client.request('GET', `/v1/transfer?merchant_transaction_id=${mid}`);
		const byPath = () => env.client.request('GET', `/v1/transfer/merchant/${mid}`);
		expect([(await byQuery()).status, (await byPath()).status]).toEqual([404, 404]);
		env.sim.control.setVariants({ merchantLookup: 'query' });
		expect((await byQuery()).body).toMatchObject({
			transaction_id: id,
			merchant_transaction_id: mid,
		});
		expect((await byPath()).status).toBe(404);
		env.sim.control.setVariants({ merchantLookup: 'path' });
		expect((await byPath()).body).toMatchObject({ transaction_id: id });
		expect((await env.client.request('GET', '/v1/transfer/merchant/nope')).status).toBe(404);
	});
});
