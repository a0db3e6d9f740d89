/**
 * v1's session against the simulator over real HTTP: one login serves many calls and many
 * executions, a stale or rejected token is renewed exactly once, and a retry after a renewal uses
 * the new token.
 */
import { sleep, type IHttpRequestOptions } from 'n8n-workflow';

import { callCinetPay } from '../../nodes/CinetPay/transport/v1';
import { SESSION_REUSE_MS } from '../../nodes/CinetPay/transport/v1/session';
import { TEST_NUMBERS } from '../../simulator';
import { useSimulatorV1 } from './simulators';

const bed = useSimulatorV1();
const calls = () => bed.sim.control.requests().map((entry) => `${entry.path} ${entry.code}`);

describe('session reuse', () => {
	test('one login serves 50 requests', async () => {
		const ctx = bed.context();
		for (let i = 0; i < 50; i++) {
			expect((await callCinetPay.call(ctx, { endpoint: 'balance' })).code).toBe('0');
		}
		expect(bed.logins()).toBe(1);
		expect(bed.sim.control.requests()).toHaveLength(51);
		expect(bed.store.writes).toBe(1);
	});

	test('the stored token serves the next executions too', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		expect(bed.logins()).toBe(1);
	});

	test('calls that find no token at the same moment share one login (queue mode: a busy worker)', async () => {
		const burst = (n: number) =>
			Promise.all(
				Array.from({ length: n }, () => callCinetPay.call(bed.context(), { endpoint: 'balance' })),
			);
		expect((await burst(10)).map((envelope) => envelope.code)).toEqual(Array(10).fill('0'));
		expect(bed.logins()).toBe(1);
		// Nothing is kept once the login answered: the next renewal is a new login, shared the same way.
		bed.store.data.sessionIssuedAt = Date.now() - SESSION_REUSE_MS - 1000;
		await burst(5);
		expect(bed.logins()).toBe(2);
	});

	test('a call that read the credential before a renewal was stored uses the new token, no second login', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		const stale = { ...bed.store.data, sessionIssuedAt: Date.now() - SESSION_REUSE_MS - 1000 };
		bed.store.data = { ...stale };
		await callCinetPay.call(bed.context(), { endpoint: 'balance' }); // renews: the second login
		bed.store.data = { ...stale }; // what a request that read the database a moment earlier holds
		expect((await callCinetPay.call(bed.context(), { endpoint: 'balance' })).code).toBe('0');
		expect(bed.logins()).toBe(2);
	});

	test('a token older than the reuse window is renewed before the call, not after a 705', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		bed.store.data.sessionIssuedAt = Date.now() - SESSION_REUSE_MS - 1000;
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		expect(calls()).toEqual([
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
		]);
		// The new token was stored: the next execution logs in no more.
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		expect(bed.logins()).toBe(2);
	});

	test.each(['http200', 'http401'] as const)(
		'an expired token (705 with %s) costs exactly one login and one retry',
		async (expiredTokenStatus) => {
			bed.sim.control.setVariants({ expiredTokenStatus });
			await callCinetPay.call(bed.context(), { endpoint: 'balance' });
			bed.sim.control.expireTokens();
			const envelope = await callCinetPay.call(bed.context(), { endpoint: 'balance' });
			expect(envelope.code).toBe('0');
			expect(calls()).toEqual([
				'/v1/auth/login 0',
				'/v1/transfer/check/balance 0',
				'/v1/transfer/check/balance 705',
				'/v1/auth/login 0',
				'/v1/transfer/check/balance 0',
			]);
			const statuses = bed.sim.control.requests().map((entry) => entry.httpStatus);
			expect(statuses[2]).toBe(expiredTokenStatus === 'http401' ? 401 : 200);
		},
	);

	test('an unknown token (706) is renewed the same way', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		bed.sim.control.invalidateTokens();
		expect((await callCinetPay.call(bed.context(), { endpoint: 'balance' })).code).toBe('0');
		expect(calls().slice(2)).toEqual([
			'/v1/transfer/check/balance 706',
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
		]);
	});

	test('a token that is rejected again after the renewal ends in one clear error, not a loop', async () => {
		// Tokens die after 1 ms, and every request takes 20 ms: no token is ever good when used.
		bed.sim.control.setVariants({ tokenTtlSeconds: 0.001, latencyMs: 20 });
		const envelope = await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		expect(envelope.code).toBe('705');
		expect(bed.logins()).toBe(2);
		expect(bed.sim.control.requests()).toHaveLength(4);
	});

	test('every call carries lang, and the token only in the query string', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance', lang: 'fr' });
		await callCinetPay.call(bed.context(), {
			endpoint: 'addContacts',
			data: [
				{
					prefix: '225',
					phone: TEST_NUMBERS.CI.succeeds.phone,
					name: 'Kone',
					surname: 'Awa',
					email: 'awa@example.com',
				},
			],
		});
		for (const entry of bed.sim.control.requests()) {
			expect(entry.query.lang).toMatch(/^(en|fr)$/);
			expect(entry.body.token).toBeUndefined();
			if (entry.path !== '/v1/auth/login') expect(entry.query.token).toMatch(/^<redacted:\d+>$/);
		}
	});
});

describe('a retry after a renewal', () => {
	test('uses the new token, not the one CinetPay rejected', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		bed.sim.control.expireTokens();
		bed.sim.control.clearRequests();
		const ctx = bed.context();
		// The first attempt after the renewal fails before reaching CinetPay (connection refused),
		// so the read is retried: that retry must carry the token of the renewal.
		let calls = 0;
		const breakSecond = (options: IHttpRequestOptions) =>
			++calls === 2 ? { ...options, url: 'http://127.0.0.1:1/v1/transfer/check/balance' } : options;
		const plain = ctx.helpers.httpRequest;
		ctx.helpers.httpRequest = async (options) => await plain(breakSecond(options));
		const authenticated = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (
			this: unknown,
			type,
			options,
			extra,
		) {
			return await authenticated.call(this as never, type, breakSecond(options), extra);
		};
		const envelope = await callCinetPay.call(ctx, { endpoint: 'balance' });
		expect(envelope.code).toBe('0');
		// The 705, the renewal (its login through n8n's helper, its request broken), the retry.
		expect(calls).toBe(4);
		const log = bed.sim.control.requests();
		expect(log.map((entry) => `${entry.path} ${entry.code}`)).toEqual([
			'/v1/transfer/check/balance 705',
			'/v1/auth/login 0',
			'/v1/transfer/check/balance 0',
		]);
		expect(log[2].query.token).toBe('<redacted:2>');
	});
});

const LOGIN = '/v1/auth/login';
const LOOKUP = '/v1/transfer/check/money';

describe('one fresh login per run (calls in flight when the token expires)', () => {
	beforeEach(async () => {
		bed.sim.control.setVariants({ expiredTokenStatus: 'http401' });
		await callCinetPay.call(bed.context(), { endpoint: 'balance' }); // token 1, stored
		bed.sim.control.expireTokens();
		bed.sim.control.clearRequests();
	});

	const lookup = (ctx: ReturnType<typeof bed.context>, id: string) =>
		callCinetPay.call(ctx, { endpoint: 'transferInfo', qs: { client_transaction_id: id } });
	const tokensUsed = () =>
		bed.sim.control
			.requests()
			.map((entry) => (entry.path === LOGIN ? 'login' : `lookup ${entry.query.token}`));

	test('lookups that start while the login is held wait for it, and carry the new token', async () => {
		const ctx = bed.context();
		const login = bed.sim.control.holdAnswer('login');
		const first = lookup(ctx, 'A');
		await login.arrived;
		const others = [lookup(ctx, 'B'), lookup(ctx, 'C')];
		// Time for the others to reach CinetPay if they were to leave with the expired token (they
		// must not); the order of events is certain either way, this only lets a defect show.
		await sleep(150);
		login.release();
		const answers = await Promise.all([first, ...others]);
		expect(answers.map((envelope) => envelope.code)).toEqual(['723', '723', '723']);
		expect(bed.logins()).toBe(1);
		expect(tokensUsed()).toEqual([
			'lookup <redacted:1>',
			'login',
			...Array(3).fill('lookup <redacted:2>'),
		]);
	});

	test('a lookup whose 705 comes back after the fresh login answered repeats with the new token, no second login', async () => {
		const ctx = bed.context();
		// Both lookups leave with the expired token; the second one's refusal comes back only after
		// the first one's renewal has logged in (as on a busy machine).
		const second = bed.sim.control.holdAnswer('check', { nth: 2 });
		const both = Promise.all([lookup(ctx, 'A'), lookup(ctx, 'B')]);
		await second.arrived;
		await first(LOOKUP, '<redacted:2>');
		second.release();
		expect((await both).map((envelope) => envelope.code)).toEqual(['723', '723']);
		expect(bed.logins()).toBe(1);
		expect(tokensUsed()).toEqual([
			'lookup <redacted:1>',
			'login',
			'lookup <redacted:2>',
			'lookup <redacted:1>',
			'lookup <redacted:2>',
		]);
	});
});

/** Resolves once the simulator has answered a request to `path` carrying the given token. */
async function first(path: string, token: string): Promise<void> {
	for (;;) {
		const seen = bed.sim.control
			.requests()
			.some((entry) => entry.path === path && entry.query.token === token);
		if (seen) return;
		await sleep(5);
	}
}
