/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test, never published: it waits out a short token life, and tries a wrong password on the simulator */
/**
 * The 2026 session against the 2026 simulator over real HTTP: one login shared and renewed before
 * expiry, one fresh login and one repeat when the token is refused (HTTP 401 or code 401 with HTTP
 * 200), the session bound to the account that obtained it, and no secret in a login error.
 */
import { CinetPay2026Api } from '../../../credentials/CinetPay2026Api.credentials';
import {
	accountDigest2026,
	getBalance2026,
	sendTransfer2026,
} from '../../../nodes/CinetPay/transport/platform2026';
import { DEMO_ACCOUNTS_2026 } from '../../../simulator/platform2026';
import { payload2026, useSimulator2026 } from '../simulators';

const [CI, SN] = DEMO_ACCOUNTS_2026;
const bed = useSimulator2026();
const calls = () =>
	bed.sim.control.requests().map((e) => `${e.path} ${e.httpStatus} ${e.token ?? '-'}`);
const payload = payload2026;

describe('session', () => {
	test('one login serves 30 calls and the next executions; n8n stores the session once', async () => {
		for (let i = 0; i < 30; i++) await getBalance2026.call(bed.context());
		expect(bed.logins()).toBe(1);
		expect(bed.store.writes).toBe(1);
		expect(bed.store.data.sessionExpiresAt).toBeGreaterThan(Date.now() + 86_000_000);
	});

	test('calls that find no token at the same moment share one login', async () => {
		await Promise.all(Array.from({ length: 8 }, () => getBalance2026.call(bed.context())));
		expect(bed.logins()).toBe(1);
	});

	test('a token near its expiry is renewed before the call, not after a 401', async () => {
		bed.sim.control.setVariants({ tokenTtlSeconds: 1.2 });
		await getBalance2026.call(bed.context());
		await new Promise((resolve) => setTimeout(resolve, 950)); // within the last quarter of its life
		await getBalance2026.call(bed.context());
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
			bed.sim.control.setVariants({ expiredTokenStatus });
			await getBalance2026.call(bed.context());
			bed.sim.control.expireTokens();
			expect((await getBalance2026.call(bed.context())).available).toBe(5_000_000);
			expect(calls().slice(2)).toEqual([
				`/v1/balances ${expiredTokenStatus === 'http401' ? 401 : 200} -`,
				'/v1/oauth/login 200 <redacted:2>',
				'/v1/balances 200 <redacted:2>',
			]);
		},
	);

	test('a send refused for its token is repeated once after a fresh login: one transfer', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.invalidateTokens();
		const answer = await sendTransfer2026.call(bed.context(), payload());
		expect(answer.code).toBe('2001');
		expect(bed.sim.control.transfers()).toHaveLength(1);
		expect(bed.logins()).toBe(2);
	});

	test('still refused after the fresh login: an error naming 401, one login only', async () => {
		await getBalance2026.call(bed.context());
		// Every token the simulator gives is refused: tokens die as they are issued.
		bed.sim.control.setVariants({ tokenTtlSeconds: 0 });
		bed.sim.control.expireTokens();
		await expect(getBalance2026.call(bed.context())).rejects.toThrow(/UNAUTHORIZED \(401\)/);
		expect(bed.logins()).toBe(2);
	});

	test('an edited credential (another country account) never sends the old token', async () => {
		await getBalance2026.call(bed.context());
		bed.store.data.apiKey = SN.apiKey;
		bed.store.data.password = SN.apiPassword;
		const authenticated = await new CinetPay2026Api().authenticate(bed.store.data, {
			url: '/x',
			headers: {},
		});
		expect(authenticated.headers).toEqual({});
		expect((await getBalance2026.call(bed.context())).currency).toBe('XOF');
		expect(bed.sim.control.requests().at(-1)).toMatchObject({
			account: 'SN',
			token: '<redacted:2>',
		});
		expect(calls().filter((c) => c.startsWith('/v1/balances 401'))).toEqual([]);
	});

	test('a wrong password: the login error says what to check and holds no secret', async () => {
		bed.store.data.password = 'wrong-password-123';
		const error = await getBalance2026.call(bed.context()).catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(/CinetPay login failed: UNAUTHORIZED \(401\)/);
		const text = JSON.stringify(error) + String((error as { description?: string }).description);
		for (const secret of [CI.apiKey, 'wrong-password-123']) expect(text).not.toContain(secret);
	});
});

describe('credential', () => {
	const credential = new CinetPay2026Api();
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
			'GN',
			'TD',
			'CG',
			'CF',
			'GA',
			'GQ',
		]);
	});
});
