/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The 2026 credential and transport against the 2026 simulator over real HTTP: the environment
 * from the key, one login shared and renewed before expiry, one fresh login and one repeat when
 * the token is refused (HTTP 401 or code 401 with HTTP 200), the session bound to its account,
 * v1's output shapes, and no secret in any error.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CinetPayApi } from '../../credentials/CinetPayApi.credentials';
import {
	callPlatform2026,
	findTransferByMerchantId2026,
	getBalance2026,
	getTransfer2026,
	sendTransfer2026,
	type Send2026Payload,
} from '../../nodes/CinetPay/transport/platform2026';
import { baseUrl2026 } from '../../nodes/CinetPay/transport/platform2026/login';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import { credentialStore, executeContext, type CredentialStore } from '../helpers/n8nHarness';

const [CI, SN] = DEMO_ACCOUNTS_2026;

let sim: RunningSimulator2026;
let store: CredentialStore;

beforeAll(async () => {
	sim = await startSimulator2026();
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.control.reset();
	store = credentialStore({
		apiKey: CI.apiKey,
		password: CI.apiPassword,
		country: 'CI',
		environment: 'auto',
		baseUrl: sim.baseUrl,
		sessionExpiresAt: 0,
		sessionAccount: '',
	});
});

const context = () => executeContext({ parameters: {}, store });
const logins = () => sim.control.requests().filter((e) => e.path === '/v1/oauth/login').length;
const calls = () =>
	sim.control.requests().map((e) => `${e.path} ${e.httpStatus} ${e.token ?? '-'}`);
let nextId = 0;
const payload = (over: Partial<Send2026Payload> = {}): Send2026Payload => ({
	currency: 'XOF',
	payment_method: 'OM_CI',
	merchant_transaction_id: `TR-${Date.now().toString(36)}-${++nextId}`,
	amount: 1000,
	phone_number: TEST_NUMBERS_2026.CI.succeeds.phone,
	reason: 'test',
	...over,
});

describe('environment and base URL', () => {
	const cases: Array<[string, ICredentialDataDecryptedObject, string]> = [
		[
			'an sk_test_ key selects the sandbox with no other setting',
			{ apiKey: 'sk_test_abc' },
			'https://api.cinetpay.net',
		],
		['an sk_live_ key selects production', { apiKey: 'sk_live_abc' }, 'https://api.cinetpay.co'],
		[
			'environment overrides the key',
			{ apiKey: 'sk_test_abc', environment: 'production' },
			'https://api.cinetpay.co',
		],
		[
			'sandbox override',
			{ apiKey: 'sk_live_abc', environment: 'sandbox' },
			'https://api.cinetpay.net',
		],
		[
			'a base URL override wins (simulator)',
			{ apiKey: 'sk_live_abc', baseUrl: 'http://127.0.0.1:4020/' },
			'http://127.0.0.1:4020',
		],
	];

	test.each(cases)('%s (transport)', (_name, credentials, expected) => {
		expect(baseUrl2026({ environment: 'auto', baseUrl: '', ...credentials })).toBe(expected);
	});

	test.each(cases)('%s (the credential test request)', (_name, credentials, expected) => {
		const expression = String(new CinetPayApi().test.request.baseURL);
		const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)![1];
		const evaluate = new Function('$credentials', `return (${body});`) as (c: unknown) => string;
		expect(evaluate({ environment: 'auto', baseUrl: '', password: 'x', ...credentials })).toBe(
			expected,
		);
	});

	test('a base URL that is not http(s) is refused before any call', async () => {
		store.data.baseUrl = 'ftp://example.invalid';
		await expect(getBalance2026.call(context())).rejects.toThrow(/Invalid Base URL/);
		expect(sim.control.requests()).toHaveLength(0);
	});
});

describe('session', () => {
	test('one login serves 30 calls and the next executions; n8n stores the session once', async () => {
		for (let i = 0; i < 30; i++) await getBalance2026.call(context());
		expect(logins()).toBe(1);
		expect(store.writes).toBe(1);
		expect(store.data.sessionExpiresAt).toBeGreaterThan(Date.now() + 86_000_000);
	});

	test('calls that find no token at the same moment share one login', async () => {
		await Promise.all(Array.from({ length: 8 }, () => getBalance2026.call(context())));
		expect(logins()).toBe(1);
	});

	test('a token near its expiry is renewed before the call, not after a 401', async () => {
		sim.control.setVariants({ tokenTtlSeconds: 1.2 });
		await getBalance2026.call(context());
		await new Promise((resolve) => setTimeout(resolve, 950)); // within the last quarter of its life
		await getBalance2026.call(context());
		expect(calls()).toEqual([
			'/v1/oauth/login 200 <redacted:1>',
			'/v1/balances 200 <redacted:1>',
			'/v1/oauth/login 200 <redacted:2>',
			'/v1/balances 200 <redacted:2>',
		]);
	});

	test.each(['http401', 'http200'] as const)(
		'a refused token (%s): one fresh login and one repeat',
		async (expiredTokenStatus) => {
			sim.control.setVariants({ expiredTokenStatus });
			await getBalance2026.call(context());
			sim.control.expireTokens();
			expect((await getBalance2026.call(context())).available).toBe(5_000_000);
			expect(calls().slice(2)).toEqual([
				`/v1/balances ${expiredTokenStatus === 'http401' ? 401 : 200} -`,
				'/v1/oauth/login 200 <redacted:2>',
				'/v1/balances 200 <redacted:2>',
			]);
		},
	);

	test('a send refused for its token is repeated once after a fresh login: one transfer', async () => {
		await getBalance2026.call(context());
		sim.control.invalidateTokens();
		const answer = await sendTransfer2026.call(context(), payload());
		expect(answer.code).toBe('2001');
		expect(sim.control.transfers()).toHaveLength(1);
		expect(logins()).toBe(2);
	});

	test('still refused after the fresh login: an error naming 401, one login only', async () => {
		await getBalance2026.call(context());
		// Every token the simulator gives is refused: tokens die as they are issued.
		sim.control.setVariants({ tokenTtlSeconds: 0 });
		sim.control.expireTokens();
		await expect(getBalance2026.call(context())).rejects.toThrow(/UNAUTHORIZED \(401\)/);
		expect(logins()).toBe(2);
	});

	test('an edited credential (another country account) never sends the old token', async () => {
		await getBalance2026.call(context());
		store.data.apiKey = SN.apiKey;
		store.data.password = SN.apiPassword;
		const authenticated = await new CinetPayApi().authenticate(store.data, {
			url: '/x',
			headers: {},
		});
		expect(authenticated.headers).toEqual({});
		expect((await getBalance2026.call(context())).currency).toBe('XOF');
		expect(sim.control.requests().at(-1)).toMatchObject({ account: 'SN', token: '<redacted:2>' });
		expect(calls().filter((c) => c.startsWith('/v1/balances 401'))).toEqual([]);
	});

	test('a wrong password: the login error says what to check and holds no secret', async () => {
		store.data.password = 'wrong-password-123';
		const error = await getBalance2026.call(context()).catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(/CinetPay login failed: UNAUTHORIZED \(401\)/);
		const text = JSON.stringify(error) + String((error as { description?: string }).description);
		for (const secret of [CI.apiKey, 'wrong-password-123']) expect(text).not.toContain(secret);
	});
});

describe('calls and output shapes', () => {
	test('balance in v1 shape for the country account', async () => {
		await sendTransfer2026.call(context(), payload({ amount: 10_000 }));
		expect(await getBalance2026.call(context())).toEqual({
			amount: 5_000_000,
			inUsing: 10_100,
			available: 4_989_900,
			currency: 'XOF',
			real_balance: 5_000_000,
			available_balance: 4_989_900,
			platform: '2026',
		});
	});

	test('Transfer → Get by CinetPay ID follows the life cycle in v1 names, raw code and status beside', async () => {
		const sent = payload({ phone_number: TEST_NUMBERS_2026.CI.fails.phone });
		const id = String((await sendTransfer2026.call(context(), sent)).body.transaction_id);
		const statuses = [];
		for (let step = 0; step < 3; step++) {
			const found = await getTransfer2026.call(context(), id);
			if (!found.found) throw new Error('not found');
			statuses.push([
				found.transfer.status,
				found.transfer.cinetpay_code,
				found.transfer.cinetpay_status,
				found.transfer.final,
			]);
			sim.control.advance();
		}
		expect(statuses).toEqual([
			['NEW', '2001', 'INITIATED', false],
			['REC', '2002', 'PENDING', false],
			['REJ', '2010', 'FAILED', true],
		]);
		const found = await getTransfer2026.call(context(), id);
		expect(found).toEqual({
			found: true,
			transfer: expect.objectContaining({
				transaction_id: id,
				client_transaction_id: sent.merchant_transaction_id,
				amount: 1000,
				currency: 'XOF',
				fee: 10,
			}),
		});
	});

	test('unknown transfer: not found; another country account: an error saying which credential', async () => {
		expect(await getTransfer2026.call(context(), '00000000-0000-4000-8000-000000000000')).toEqual({
			found: false,
		});
		const id = String((await sendTransfer2026.call(context(), payload())).body.transaction_id);
		store.data.apiKey = SN.apiKey;
		store.data.password = SN.apiPassword;
		await expect(getTransfer2026.call(context(), id)).rejects.toThrow(/another country/);
	});

	test('lookup by merchant ID: no call where CinetPay has none; found where it has one', async () => {
		const sent = payload();
		await sendTransfer2026.call(context(), sent);
		sim.control.clearRequests();
		expect(
			await findTransferByMerchantId2026.call(context(), sent.merchant_transaction_id),
		).toBeUndefined();
		expect(sim.control.requests()).toHaveLength(0);
		for (const lookup of ['query', 'path'] as const) {
			sim.control.setVariants({ merchantLookup: lookup });
			const found = await findTransferByMerchantId2026.call(
				context(),
				sent.merchant_transaction_id,
				{ lookup },
			);
			expect(found).toMatchObject({
				found: true,
				transfer: { client_transaction_id: sent.merchant_transaction_id },
			});
			expect(await findTransferByMerchantId2026.call(context(), 'nope', { lookup })).toEqual({
				found: false,
			});
		}
	});

	test('reads are retried after a 503 page; nothing leaks the token into errors', async () => {
		await getBalance2026.call(context());
		sim.control.injectFaults({ http5xxNext: 1 });
		expect((await getBalance2026.call(context())).available).toBe(5_000_000);
		sim.control.injectFaults({ http5xxNext: 3 });
		const error = await getBalance2026.call(context()).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/HTTP 503/);
		expect(JSON.stringify(error)).not.toContain(String(store.data.sessionToken));
	});

	test('callPlatform2026 sends JSON and the Bearer header only', async () => {
		const answer = await callPlatform2026.call(context(), {
			method: 'POST',
			path: '/v1/transfer',
			body: payload(),
		});
		expect(answer.httpStatus).toBe(200);
		const entry = sim.control.requests().at(-1)!;
		expect(entry.query).toEqual({});
		expect(entry.body).toMatchObject({ currency: 'XOF', amount: 1000 });
	});
});
