/**
 * The answer shapes of CinetPay's 2026 platform a client must survive, each produced on demand:
 * a refused token named in the body (EXPIRED_TOKEN, INVALID_TOKEN) with HTTP 401 or 200, a login
 * refused for the caller's address (2011 NOT_ALLOWED), HTTP 403, HTTP 429 with Retry-After, a
 * transfer that goes EXPIRED and then SUCCESS, `amount: null`, the receiver only in
 * `user.phone_number`.
 */
import { TEST_NUMBERS_2026 } from '../../simulator/platform2026';
import { ciTransfer, simulator2026PerFile } from './helpers';

describe('2026 simulator: answer shapes', () => {
	const env = simulator2026PerFile();

	test.each([
		['expiredToken', 'http401', 401, 1003, 'EXPIRED_TOKEN'],
		['invalidToken', 'http200', 200, 1004, 'INVALID_TOKEN'],
		['unauthorized', 'http401', 401, 401, 'UNAUTHORIZED'],
	] as const)(
		'a refused token with tokenRefusalBody %s and %s: HTTP %i, code %i %s; nothing created',
		async (tokenRefusalBody, expiredTokenStatus, status, code, name) => {
			env.sim.control.setVariants({ tokenRefusalBody, expiredTokenStatus });
			env.sim.control.expireTokens();
			const answer = await env.client.send(ciTransfer());
			expect(answer).toMatchObject({ status, body: { code, status: name } });
			expect(env.sim.control.transfers()).toHaveLength(0);
		},
	);

	test.each([
		['http403', 403],
		['http200', 200],
	] as const)(
		'ipNotAllowed %s: a right key and password get 2011 NOT_ALLOWED, no token',
		async (ipNotAllowed, status) => {
			env.sim.control.setVariants({ ipNotAllowed });
			env.client.token = '';
			const answer = await env.client.login();
			expect(answer).toMatchObject({ status, body: { code: 2011, status: 'NOT_ALLOWED' } });
			expect(answer.body.access_token).toBeUndefined();
			// A wrong password is still told as such.
			expect((await env.client.login(env.client.account.apiKey, 'wrong')).status).toBe(401);
		},
	);

	test('forbiddenNext: HTTP 403 FORBIDDEN for the next calls, not processed; logins pass', async () => {
		env.sim.control.clearRequests();
		env.sim.control.injectFaults({ forbiddenNext: 1 });
		expect((await env.client.login()).status).toBe(200);
		expect(await env.client.send(ciTransfer())).toMatchObject({
			status: 403,
			body: { code: 403, status: 'FORBIDDEN' },
		});
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect((await env.client.send(ciTransfer())).status).toBe(200);
		expect(env.sim.control.requests().map((e) => e.fault ?? '-')).toEqual(['-', 'forbidden', '-']);
	});

	test('throttleNext: HTTP 429 with Retry-After, not processed, then the calls pass', async () => {
		env.sim.control.injectFaults({ throttleNext: { count: 2, retryAfter: '1' } });
		const response = await fetch(`${env.sim.baseUrl}/v1/balances`, {
			headers: { authorization: `Bearer ${env.client.token}` },
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('1');
		expect(await response.json()).toMatchObject({ code: 429, status: 'TOO_MANY_REQUESTS' });
		expect(await env.client.send(ciTransfer())).toMatchObject({ status: 429 });
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect((await env.client.send(ciTransfer())).status).toBe(200);

		env.sim.control.injectFaults({ throttleNext: { count: 1 } });
		const bare = await fetch(`${env.sim.baseUrl}/v1/balances`, {
			headers: { authorization: `Bearer ${env.client.token}` },
		});
		expect([bare.status, bare.headers.get('retry-after')]).toEqual([429, null]);
	});

	test('EXPIRED is not final: an expiresThenSucceeds number goes EXPIRED, then SUCCESS, and is paid once', async () => {
		env.sim.control.setVariants({ expiredStatus: true });
		const sent = await env.client.send(
			ciTransfer({ phone_number: TEST_NUMBERS_2026.CI.expiresThenSucceeds.phone }),
		);
		const id = sent.body.transaction_id as string;
		const balance = async () => (await env.client.request('GET', '/v1/balances')).body;
		env.sim.control.advance(id);
		env.sim.control.advance(id);
		expect((await env.client.get(id)).body).toMatchObject({ code: 2003, status: 'EXPIRED' });
		expect(await balance()).toMatchObject({
			real_balance: 5_000_000,
			available_balance: 5_000_000,
		});
		env.sim.control.advance(id);
		expect((await env.client.get(id)).body).toMatchObject({ code: 100, status: 'SUCCESS' });
		expect(await balance()).toMatchObject({
			real_balance: 5_000_000 - 1010,
			available_balance: 5_000_000 - 1010,
		});
		expect(env.sim.control.advance(id)).toEqual([]);
		// An "expires" number stays EXPIRED; control.settle can still end it.
		const other = (
			await env.client.send(ciTransfer({ phone_number: TEST_NUMBERS_2026.CI.expires.phone }))
		).body.transaction_id as string;
		env.sim.control.advance(other);
		env.sim.control.advance(other);
		expect(env.sim.control.advance(other)).toEqual([]);
		expect(env.sim.control.settle(other, 'FAILED').status).toBe('FAILED');
		expect((await balance()).available_balance).toBe(5_000_000 - 1010);
	});

	test('answerAmount null and receiverField user: the shapes of the spec and of other clients', async () => {
		env.sim.control.setVariants({ answerAmount: 'null', receiverField: 'user' });
		const answer = await env.client.send(ciTransfer({ phone_number: '+2250700000001' }));
		expect(answer.body.amount).toBeNull();
		expect(answer.body).not.toHaveProperty('phone_number');
		expect(answer.body.user).toMatchObject({ phone_number: '+2250700000001' });
		expect((await env.client.get(answer.body.transaction_id)).body).toMatchObject({
			amount: null,
			user: { phone_number: '+2250700000001' },
		});
		// The ledger keeps the real amount.
		expect(env.sim.control.transfers()[0].amount).toBe(1000);
	});
});
