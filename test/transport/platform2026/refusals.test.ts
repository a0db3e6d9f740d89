/**
 * How the 2026 transport reads CinetPay's refusals, against the 2026 simulator over real HTTP: a
 * token refused in the body (EXPIRED_TOKEN, INVALID_TOKEN, with HTTP 200 or 401) is one fresh login
 * and one repeat, as HTTP 401 is; a login refused for the caller's address (2011 NOT_ALLOWED) says
 * to allow-list the server's IPv4 address; HTTP 403 is named; HTTP 429 waits as asked and repeats,
 * and is "not sent" when it persists.
 */
import { callOutcome, factsOf } from '../../../nodes/CinetPay/transport/shared/errors';
import { callGateOf } from '../../../nodes/CinetPay/transport/shared/throttle';
import {
	accountDigest2026,
	getBalance2026,
	sendTransfer2026,
	send2026Meaning,
} from '../../../nodes/CinetPay/transport/platform2026';
import { payload2026, useSimulator2026 } from '../simulators';

const bed = useSimulator2026();
const calls = () =>
	bed.sim.control.requests().map((e) => `${e.path} ${e.httpStatus} ${e.code ?? '-'}`);
const description = (error: unknown) => String((error as { description?: string }).description);

describe('a token refused in the body', () => {
	test.each([
		['expiredToken', 'http200', '200 1003'],
		['expiredToken', 'http401', '401 1003'],
		['invalidToken', 'http200', '200 1004'],
		['invalidToken', 'http401', '401 1004'],
	] as const)(
		'%s with %s: one fresh login and one repeat of a send; one transfer',
		async (tokenRefusalBody, expiredTokenStatus, refused) => {
			await getBalance2026.call(bed.context());
			bed.sim.control.setVariants({ tokenRefusalBody, expiredTokenStatus });
			bed.sim.control.invalidateTokens();
			const answer = await sendTransfer2026.call(bed.context(), payload2026());
			expect(answer.code).toBe('2001');
			expect(bed.sim.control.transfers()).toHaveLength(1);
			expect(calls().slice(2)).toEqual([
				`/v1/transfer ${refused}`,
				'/v1/oauth/login 200 200',
				'/v1/transfer 200 2001',
			]);
		},
	);

	test('refused again after the fresh login: "not sent", an error naming EXPIRED_TOKEN, one login', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.setVariants({
			tokenRefusalBody: 'expiredToken',
			expiredTokenStatus: 'http200',
			tokenTtlSeconds: 0,
		});
		bed.sim.control.expireTokens();
		const answer = await sendTransfer2026.call(bed.context(), payload2026());
		expect([answer.code, answer.status]).toEqual(['1003', 'EXPIRED_TOKEN']);
		expect(send2026Meaning(answer.code, answer.httpStatus, false)).toBe('refused');
		expect(bed.logins()).toBe(2);
		expect(bed.sim.control.transfers()).toHaveLength(0);
		await expect(getBalance2026.call(bed.context())).rejects.toThrow(/EXPIRED_TOKEN \(1003\)/);
	});
});

describe('a login refused for the caller address (2011 NOT_ALLOWED)', () => {
	test.each(['http403', 'http200'] as const)(
		'with %s: the error says to allow-list the server IPv4 address, not to check the key',
		async (ipNotAllowed) => {
			bed.sim.control.setVariants({ ipNotAllowed });
			const error = await getBalance2026.call(bed.context()).catch((e: unknown) => e);
			expect(String((error as Error).message)).toMatch(/NOT_ALLOWED \(2011\)/);
			expect(description(error)).toMatch(
				/add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard/i,
			);
			expect(description(error)).not.toMatch(/Check the API key/);
			expect(callOutcome(error)).toBe('not-sent');
		},
	);
});

describe('HTTP 403 and 429', () => {
	test('403 on a send: named FORBIDDEN, a refusal (nothing created), with what to do', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.injectFaults({ forbiddenNext: 2 });
		const answer = await sendTransfer2026.call(bed.context(), payload2026());
		expect([answer.httpStatus, answer.status]).toEqual([403, 'FORBIDDEN']);
		expect(send2026Meaning(answer.code, answer.httpStatus, false)).toBe('refused');
		const error = await getBalance2026.call(bed.context()).catch((e: unknown) => e);
		expect(String((error as Error).message)).toMatch(/FORBIDDEN \(403\)/);
		expect(description(error)).toMatch(/allow-list/);
	});

	test('429 with Retry-After: the call waits, is repeated, and passes; nothing twice', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.injectFaults({ throttleNext: { count: 2, retryAfter: '1' } });
		const answer = await sendTransfer2026.call(bed.context(), payload2026());
		expect(answer.code).toBe('2001');
		expect(calls().slice(2)).toEqual([
			'/v1/transfer 429 429',
			'/v1/transfer 429 429',
			'/v1/transfer 200 2001',
		]);
		expect(bed.sim.control.transfers()).toHaveLength(1);
	});

	test('429 that persists: "not sent" (nothing created), an error naming TOO_MANY_REQUESTS', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.injectFaults({ throttleNext: { count: 10, retryAfter: '0' } });
		const error = await sendTransfer2026
			.call(bed.context(), payload2026())
			.catch((e: unknown) => e);
		expect(String((error as Error).message)).toMatch(/TOO_MANY_REQUESTS \(429\)/);
		expect(factsOf(error)).toMatchObject({ outcome: 'not-sent', code: '429' });
		// The first try and three repeats.
		expect(calls().slice(2)).toEqual(Array(4).fill('/v1/transfer 429 429'));
		expect(bed.sim.control.transfers()).toHaveLength(0);
	});

	test('a throttled login: "not sent", named TOO_MANY_REQUESTS', async () => {
		bed.sim.control.injectFaults({ throttleNext: { count: 1, retryAfter: '0' } });
		const error = await getBalance2026.call(bed.context()).catch((e: unknown) => e);
		expect(String((error as Error).message)).toMatch(/TOO_MANY_REQUESTS \(429\)/);
		expect(callOutcome(error)).toBe('not-sent');
	});
});

test("the payout loop can ask how many calls may be in flight for the node's account", async () => {
	await getBalance2026.call(bed.context());
	// What the payout loop asks: the gate of the credential's account.
	const gate = callGateOf(accountDigest2026(bed.store.data));
	bed.sim.control.injectFaults({ throttleNext: { count: 1, retryAfter: '0' } });
	await Promise.all([1, 2, 3, 4].map(() => getBalance2026.call(bed.context())));
	// Half of the four calls in flight when the 429 came (or less: the gate is the process's, and
	// earlier tests of this file throttled it too), then one more after every `limit` that passed.
	expect(gate.limitFor(8)).toBeLessThan(4);
});
