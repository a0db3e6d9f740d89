/**
 * The transport against the simulator over real HTTP: one login serves many calls and many
 * executions, a stale or rejected token is renewed exactly once, and every [field] shape of
 * CinetPay's answers is read the same way.
 */
import { callCinetPay, findTransfers } from '../../nodes/CinetPay/transport';
import { resultItems } from '../../nodes/CinetPay/transport/envelope';
import { SESSION_REUSE_MS } from '../../nodes/CinetPay/transport/session';
import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	TEST_NUMBERS,
	type RunningSimulator,
	type SimulatorVariants,
} from '../../simulator';
import { credentialStore, executeContext, type CredentialStore } from '../helpers/n8nCore';

let sim: RunningSimulator;
let store: CredentialStore;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.control.reset();
	store = credentialStore({ apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl: sim.baseUrl });
});

const context = () => executeContext({ parameters: {}, store });
const calls = () => sim.control.requests().map((entry) => `${entry.path} ${entry.code}`);
const logins = () => sim.control.requests().filter((entry) => entry.path === '/v1/auth/login').length;

describe('session reuse', () => {
	test('one login serves 50 requests', async () => {
		const ctx = context();
		for (let i = 0; i < 50; i++) {
			expect((await callCinetPay.call(ctx, { endpoint: 'balance' })).code).toBe('0');
		}
		expect(logins()).toBe(1);
		expect(sim.control.requests()).toHaveLength(51);
		expect(store.writes).toBe(1);
	});

	test('the stored token serves the next executions too', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance' });
		await callCinetPay.call(context(), { endpoint: 'balance' });
		await callCinetPay.call(context(), { endpoint: 'balance' });
		expect(logins()).toBe(1);
	});

	test('calls that find no token at the same moment share one login (queue mode: a busy worker)', async () => {
		const burst = (n: number) =>
			Promise.all(Array.from({ length: n }, () => callCinetPay.call(context(), { endpoint: 'balance' })));
		expect((await burst(10)).map((envelope) => envelope.code)).toEqual(Array(10).fill('0'));
		expect(logins()).toBe(1);
		// Nothing is kept once the login answered: the next renewal is a new login, shared the same way.
		store.data.sessionIssuedAt = Date.now() - SESSION_REUSE_MS - 1000;
		await burst(5);
		expect(logins()).toBe(2);
	});

	test('a call that read the credential before a renewal was stored uses the new token, no second login', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance' });
		const stale = { ...store.data, sessionIssuedAt: Date.now() - SESSION_REUSE_MS - 1000 };
		store.data = { ...stale };
		await callCinetPay.call(context(), { endpoint: 'balance' }); // renews: the second login
		store.data = { ...stale }; // what a request that read the database a moment earlier holds
		expect((await callCinetPay.call(context(), { endpoint: 'balance' })).code).toBe('0');
		expect(logins()).toBe(2);
	});

	test('a token older than the reuse window is renewed before the call, not after a 705', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance' });
		store.data.sessionIssuedAt = Date.now() - SESSION_REUSE_MS - 1000;
		await callCinetPay.call(context(), { endpoint: 'balance' });
		expect(calls()).toEqual([
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
		]);
		// The new token was stored: the next execution logs in no more.
		await callCinetPay.call(context(), { endpoint: 'balance' });
		expect(logins()).toBe(2);
	});

	test.each(['http200', 'http401'] as const)(
		'an expired token (705 with %s) costs exactly one login and one retry',
		async (expiredTokenStatus) => {
			sim.control.setVariants({ expiredTokenStatus });
			await callCinetPay.call(context(), { endpoint: 'balance' });
			sim.control.expireTokens();
			const envelope = await callCinetPay.call(context(), { endpoint: 'balance' });
			expect(envelope.code).toBe('0');
			expect(calls()).toEqual([
				'/v1/auth/login 0',
				'/v1/transfer/check/balance 0',
				'/v1/transfer/check/balance 705',
				'/v1/auth/login 0',
				'/v1/transfer/check/balance 0',
			]);
			const statuses = sim.control.requests().map((entry) => entry.httpStatus);
			expect(statuses[2]).toBe(expiredTokenStatus === 'http401' ? 401 : 200);
		},
	);

	test('an unknown token (706) is renewed the same way', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance' });
		sim.control.invalidateTokens();
		expect((await callCinetPay.call(context(), { endpoint: 'balance' })).code).toBe('0');
		expect(calls().slice(2)).toEqual(['/v1/transfer/check/balance 706', '/v1/auth/login 0', '/v1/transfer/check/balance 0']);
	});

	test('a token that is rejected again after the renewal ends in one clear error, not a loop', async () => {
		// Tokens die after 1 ms, and every request takes 20 ms: no token is ever good when used.
		sim.control.setVariants({ tokenTtlSeconds: 0.001, latencyMs: 20 });
		const envelope = await callCinetPay.call(context(), { endpoint: 'balance' });
		expect(envelope.code).toBe('705');
		expect(logins()).toBe(2);
		expect(sim.control.requests()).toHaveLength(4);
	});

	test('every call carries lang, and the token only in the query string', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance', lang: 'fr' });
		await callCinetPay.call(context(), {
			endpoint: 'addContacts',
			data: [{ prefix: '225', phone: TEST_NUMBERS.CI.succeeds.phone, name: 'Kone', surname: 'Awa', email: 'awa@example.com' }],
		});
		for (const entry of sim.control.requests()) {
			expect(entry.query.lang).toMatch(/^(en|fr)$/);
			expect(entry.body.token).toBeUndefined();
			if (entry.path !== '/v1/auth/login') expect(entry.query.token).toMatch(/^<redacted:\d+>$/);
		}
	});
});

describe('envelope variants', () => {
	const contact = { prefix: '225', phone: TEST_NUMBERS.CI.succeeds.phone, name: 'Kone', surname: 'Awa', email: 'awa@example.com' };

	test.each<[string, Partial<SimulatorVariants>]>([
		['spec codes', {}],
		['codes as strings', { codeType: 'string' }],
		['codes as numbers', { codeType: 'number' }],
		['errors as HTTP 4xx', { errorHttpStatus: 'http4xx' }],
		['single nesting', { nesting: 'single' }],
	])('%s: contact results and errors read the same', async (_name, variants) => {
		sim.control.setVariants(variants);
		const added = await callCinetPay.call(context(), { endpoint: 'addContacts', data: [contact] });
		expect(added.code).toBe('0');
		expect(resultItems(added.data)).toEqual([expect.objectContaining({ phone: contact.phone })]);

		expect(await findTransfers.call(context(), 'transaction_id', 'EA000000.000000.X000000')).toEqual([]);

		sim.control.setBalance(100);
		const refused = await callCinetPay.call(context(), {
			endpoint: 'sendMoney',
			data: [{ prefix: '225', phone: contact.phone, amount: 5000, notify_url: 'http://127.0.0.1:9/notify', client_transaction_id: 'c1' }],
		});
		expect(refused.code).toBe('602');
		expect(refused.message).toBe('INSUFFICIENT_BALANCE');
	});
});

describe('base URL', () => {
	test('a trailing slash is tolerated', async () => {
		store.data.baseUrl = `${sim.baseUrl}///`;
		expect((await callCinetPay.call(context(), { endpoint: 'balance' })).code).toBe('0');
	});

	test('only http(s) is accepted, before any request', async () => {
		store.data.baseUrl = 'ftp://client.cinetpay.com';
		await expect(callCinetPay.call(context(), { endpoint: 'balance' })).rejects.toThrow(/Invalid Base URL/);
		expect(sim.control.requests()).toHaveLength(0);
	});
});

describe('a retry after a renewal', () => {
	test('uses the new token, not the one CinetPay rejected', async () => {
		await callCinetPay.call(context(), { endpoint: 'balance' });
		sim.control.expireTokens();
		sim.control.clearRequests();
		const ctx = context();
		// The first attempt after the renewal fails before reaching CinetPay (connection refused),
		// so the read is retried: that retry must carry the token of the renewal.
		const real = ctx.helpers.httpRequestWithAuthentication;
		let calls = 0;
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type, options, extra) {
			calls++;
			const broken = calls === 2 ? { ...options, url: 'http://127.0.0.1:1/v1/transfer/check/balance' } : options;
			return await real.call(this as never, type, broken, extra);
		};
		const envelope = await callCinetPay.call(ctx, { endpoint: 'balance' });
		expect(envelope.code).toBe('0');
		expect(calls).toBe(3);
		const log = sim.control.requests();
		expect(log.map((entry) => `${entry.path} ${entry.code}`)).toEqual([
			'/v1/transfer/check/balance 705',
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
		]);
		expect(log[2].query.token).toBe('<redacted:2>');
	});
});
