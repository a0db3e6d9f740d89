/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
import { jsonOf, PATHS, simulatorPerFile, sleep } from './helpers';

describe('simulator: login and tokens', () => {
	const env = simulatorPerFile({ login: false });

	it('logs in with the demo credentials and returns a JWT-looking token with iat/exp', async () => {
		const answer = await env.client.login();
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			code: 0,
			message: 'OPERATION_SUCCES',
			data: { token: expect.any(String) },
		});
		const parts = env.client.token.split('.');
		expect(parts).toHaveLength(3);
		for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		expect(payload.exp - payload.iat).toBeGreaterThanOrEqual(300);
		expect(payload.exp - payload.iat).toBeLessThanOrEqual(301);
		expect(env.sim.control.stats().logins).toBe(1);
	});

	it('issues a different random token on each login', async () => {
		await env.client.login();
		const first = env.client.token;
		await env.client.login();
		expect(env.client.token).not.toBe(first);
	});

	it('answers 701 INVALID_CREDENTIALS (string code, HTTP 200, French) on a wrong password', async () => {
		const answer = await env.client.login(undefined, 'wrong');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			code: '701',
			message: 'INVALID_CREDENTIALS',
			description: 'Identifiant de connexion incorrect',
			data: [],
		});
		expect(env.sim.control.stats().logins).toBe(0);
	});

	it('describes errors in English with lang=en', async () => {
		const answer = await env.client.login('nope', 'wrong', 'en');
		expect(answer.body.code).toBe('701');
		expect(answer.body.description).toBe('Incorrect login credentials');
	});

	it('answers 704 INVALID_PARAM when apikey or password is missing', async () => {
		const answer = await env.client.request('POST', PATHS.login, {}, { apikey: 'x' });
		expect(answer.body.code).toBe('704');
		expect(answer.body.message).toBe('INVALID_PARAM');
	});

	it('reads only form bodies, like PHP: a JSON body has no fields (704)', async () => {
		const res = await fetch(`${env.sim.baseUrl}${PATHS.login}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ apikey: 'sim_demo_apikey_0123456789', password: 'sim-demo-password' }),
		});
		expect((await jsonOf(res)).code).toBe('704');
	});

	it('accepts multipart/form-data bodies too', async () => {
		const body = new FormData();
		body.set('apikey', 'sim_demo_apikey_0123456789');
		body.set('password', 'sim-demo-password');
		const res = await fetch(`${env.sim.baseUrl}${PATHS.login}`, { method: 'POST', body });
		expect((await jsonOf(res)).code).toBe(0);
	});

	it('answers 706 INVALID_TOKEN without a token, with an unknown token, and with the token in the body', async () => {
		await env.client.login();
		const missing = await env.client.request('GET', PATHS.balance);
		expect(missing.body).toMatchObject({
			code: '706',
			message: 'INVALID_TOKEN',
			description: 'Votre token est invalide',
		});

		const unknown = await env.client.request('GET', PATHS.balance, { token: 'a.b.c' });
		expect(unknown.body.code).toBe('706');

		const inBody = await env.client.request(
			'POST',
			PATHS.contact,
			{},
			{
				token: env.client.token,
				data: JSON.stringify([
					{ prefix: '225', phone: '0700000001', name: 'a', surname: 'b', email: 'e@x.y' },
				]),
			},
		);
		expect(inBody.body.code).toBe('706');
		expect(env.sim.control.contacts()).toHaveLength(0);

		const good = await env.client.balance();
		expect(good.body.code).toBe(0);
	});

	it('answers 705 EXPIRED_TOKEN with HTTP 200 by default after expireTokens()', async () => {
		await env.client.login();
		expect(env.sim.control.expireTokens()).toBe(1);
		const answer = await env.client.balance();
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ code: '705', message: 'EXPIRED_TOKEN', data: [] });
		// A fresh login works again.
		await env.client.login();
		expect((await env.client.balance()).body.code).toBe(0);
	});

	it('answers 705 with HTTP 401 under expiredTokenStatus=http401, even when other errors are HTTP 200', async () => {
		env.sim.control.setVariants({ expiredTokenStatus: 'http401' });
		await env.client.login();
		env.sim.control.expireTokens();
		const expired = await env.client.balance();
		expect(expired.status).toBe(401);
		expect(expired.body.code).toBe('705');
		const invalid = await env.client.request('GET', PATHS.balance, { token: 'nope' });
		expect(invalid.status).toBe(200);
	});

	it('expires tokens after tokenTtlSeconds', async () => {
		env.sim.control.setVariants({ tokenTtlSeconds: 0.3 });
		await env.client.login();
		expect((await env.client.balance()).body.code).toBe(0);
		await sleep(350);
		expect((await env.client.balance()).body.code).toBe('705');
	});

	it('invalidateTokens() makes every issued token unknown (706)', async () => {
		await env.client.login();
		expect(env.sim.control.invalidateTokens()).toBe(1);
		expect((await env.client.balance()).body.code).toBe('706');
	});

	it('answers 4xx with the same body under errorHttpStatus=http4xx', async () => {
		env.sim.control.setVariants({ errorHttpStatus: 'http4xx' });
		const bad = await env.client.login(undefined, 'wrong');
		expect(bad.status).toBe(401);
		expect(bad.body.code).toBe('701');
		const missing = await env.client.request('POST', PATHS.login, {}, {});
		expect(missing.status).toBe(400);
		expect(missing.body.code).toBe('704');
		const noToken = await env.client.request('GET', PATHS.balance);
		expect(noToken.status).toBe(401);
		// 705 follows expiredTokenStatus (http200 by default), not errorHttpStatus.
		await env.client.login();
		env.sim.control.expireTokens();
		expect((await env.client.balance()).status).toBe(200);
	});
});
