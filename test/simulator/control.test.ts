/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
import * as http from 'node:http';
import { DEMO_API_KEY, DEMO_PASSWORD, TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { contact, items, jsonOf, PATHS, simulatorPerFile, transfer } from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;

async function control(sim: RunningSimulator, method: string, path: string, body?: unknown) {
	const res = await fetch(`${sim.baseUrl}/__sim${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: await jsonOf(res) };
}

describe('simulator: HTTP control API, request log, routing', () => {
	const env = simulatorPerFile({ login: false });

	it('GET /__sim answers an index of the control API', async () => {
		const { status, body } = await control(env.sim, 'GET', '');
		expect(status).toBe(200);
		expect(body.api).toContain('POST /v1/transfer/money/send/contact');
		const paths = body.control.map(
			(r: { method: string; path: string }) => `${r.method} ${r.path}`,
		);
		expect(paths).toEqual(
			expect.arrayContaining(['GET /__sim/requests', 'POST /__sim/reset', 'POST /__sim/faults']),
		);
	});

	it('redacts tokens (with their issue number), apikey and password from the request log', async () => {
		await env.client.login();
		const first = env.client.token;
		await env.client.login();
		await env.client.addContacts([contact(OK.prefix, OK.phone)]);
		await env.client.request('GET', PATHS.balance, { token: first });
		await env.client.request(
			'POST',
			PATHS.contact,
			{ token: 'forged' },
			{ token: env.client.token, data: '[]' },
		);

		const log = env.sim.control.requests();
		const text =
			JSON.stringify(log) + JSON.stringify((await control(env.sim, 'GET', '/requests')).body);
		expect(text).not.toContain(DEMO_API_KEY);
		expect(text).not.toContain(DEMO_PASSWORD);
		expect(text).not.toContain(first);
		expect(text).not.toContain(env.client.token);

		expect(log[0].body).toEqual({ apikey: '<redacted>', password: '<redacted>' });
		expect(log[2].query.token).toBe('<redacted:2>');
		expect(log[2].body.data).toEqual([contact(OK.prefix, OK.phone)]); // parsed from JSON
		expect(log[3].query.token).toBe('<redacted:1>');
		expect(log[4].query.token).toBe('<redacted:unknown>');
		expect(log[4].body.token).toBe('<redacted:2>');
		expect(log.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(log[0]).toMatchObject({ method: 'POST', path: PATHS.login, httpStatus: 200, code: '0' });
		expect(log[4].code).toBe('706');
	});

	it('runs the same operations over HTTP: variants, balance, faults, transfers, advance, confirm, stats', async () => {
		expect((await control(env.sim, 'POST', '/variants', { nesting: 'single' })).body.nesting).toBe(
			'single',
		);
		expect((await control(env.sim, 'GET', '/variants')).body.nesting).toBe('single');
		expect((await control(env.sim, 'POST', '/variants', { nesting: 'triple' })).status).toBe(400);
		expect((await control(env.sim, 'POST', '/balance', { available: 9000 })).body).toEqual({
			amount: 9000,
			inUsing: 0,
			available: 9000,
		});

		await env.client.login();
		await env.client.addContacts([contact(OK.prefix, OK.phone)]);
		const sent = await env.client.send([transfer(OK.prefix, OK.phone, 1000)]);
		const id = items(sent)[0].transaction_id;

		const all = await control(env.sim, 'GET', '/transfers');
		expect(all.body).toHaveLength(1);
		expect(all.body[0]).toMatchObject({
			transactionId: id,
			treatmentStatus: 'NEW',
			outcome: 'succeeds',
		});
		expect((await control(env.sim, 'GET', '/contacts')).body[0].phone).toBe(OK.phone);

		expect(
			(await control(env.sim, 'POST', `/transfers/${id}/advance`)).body[0].treatmentStatus,
		).toBe('NOS');
		expect((await control(env.sim, 'POST', `/transfers/${id}/confirm`)).body.treatmentStatus).toBe(
			'REC',
		);
		expect((await control(env.sim, 'POST', `/transfers/${id}/confirm`)).status).toBe(409);
		expect((await control(env.sim, 'POST', '/advance')).body[0].treatmentStatus).toBe('VAL');
		expect((await control(env.sim, 'GET', `/transfers/${id}`)).body.treatmentStatus).toBe('VAL');
		expect((await control(env.sim, 'GET', '/transfers/nope')).status).toBe(404);
		expect(
			(await control(env.sim, 'POST', `/transfers/${id}/settle`, { status: 'REJ' })).status,
		).toBe(409);

		expect((await control(env.sim, 'POST', '/faults', { http5xxNext: 1 })).body.http5xxNext).toBe(
			1,
		);
		expect((await env.client.balance()).status).toBe(503);

		const stats = (await control(env.sim, 'GET', '/stats')).body;
		expect(stats).toMatchObject({ logins: 1, transfers: 1, inFlight: 0 });
		expect(stats.requests).toBe(4); // login, contact, send, balance (503)

		expect((await control(env.sim, 'POST', '/wait-for-idle')).body).toEqual({ idle: true });
		expect((await control(env.sim, 'GET', '/notifications')).body.length).toBeGreaterThan(0);
	});

	it('expires and invalidates tokens over HTTP', async () => {
		await env.client.login();
		expect((await control(env.sim, 'POST', '/tokens/expire')).body).toEqual({ expired: 1 });
		expect((await env.client.balance()).body.code).toBe('705');
		expect((await control(env.sim, 'POST', '/tokens/invalidate')).body).toEqual({ invalidated: 1 });
		expect((await env.client.balance()).body.code).toBe('706');
	});

	it('reset empties everything and restores the start variants and balance', async () => {
		await env.client.login();
		await env.client.addContacts([contact(OK.prefix, OK.phone)]);
		await env.client.send([transfer(OK.prefix, OK.phone, 1000)]);
		env.sim.control.setVariants({ codeType: 'number' });
		env.sim.control.injectFaults({ http5xxNext: 3 });

		expect((await control(env.sim, 'POST', '/reset')).body).toEqual({ ok: true });
		expect(env.sim.control.transfers()).toEqual([]);
		expect(env.sim.control.contacts()).toEqual([]);
		expect(env.sim.control.requests()).toEqual([]);
		expect(env.sim.control.notifications()).toEqual([]);
		expect(env.sim.control.faults().http5xxNext).toBe(0);
		expect(env.sim.control.variants().codeType).toBe('spec');
		expect(env.sim.control.balance()).toEqual({
			amount: 5_000_000,
			inUsing: 0,
			available: 5_000_000,
		});
		expect((await env.client.balance()).body.code).toBe('706'); // old token gone
	});

	it('answers unknown paths with 404 JSON and wrong methods with 405', async () => {
		const unknown = await env.client.request('GET', '/v1/transfer/nothing');
		expect(unknown.status).toBe(404);
		expect(unknown.contentType).toMatch(/application\/json/);
		expect(unknown.body.message).toBe('NOT_FOUND');
		const wrong = await env.client.request('GET', PATHS.login);
		expect(wrong.status).toBe(405);
		expect((await control(env.sim, 'GET', '/nothing')).status).toBe(404);
		expect((await control(env.sim, 'DELETE', '/stats')).status).toBe(405);
	});

	it('answers 417 to a request carrying Expect: 100-continue, and processes nothing', async () => {
		const body = new URLSearchParams({ apikey: DEMO_API_KEY, password: DEMO_PASSWORD }).toString();
		const status = await postExpecting100Continue(
			`${env.sim.baseUrl}${PATHS.login}`,
			'application/x-www-form-urlencoded',
			body,
		);
		expect(status).toBe(417);
		expect(env.sim.control.stats().logins).toBe(0);
		expect(env.sim.control.requests()[0]).toMatchObject({
			httpStatus: 417,
			code: null,
			path: PATHS.login,
		});
	});

	it('lets control requests through despite Expect: 100-continue', async () => {
		const body = JSON.stringify({ latencyMs: 5 });
		const status = await postExpecting100Continue(
			`${env.sim.baseUrl}/__sim/variants`,
			'application/json',
			body,
		);
		expect(status).toBe(200);
		expect(env.sim.control.variants().latencyMs).toBe(5);
	});
});

/** POSTs `body` the way a client asking for `Expect: 100-continue` does: the HTTP status answered. */
function postExpecting100Continue(url: string, contentType: string, body: string): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const req = http.request(url, {
			method: 'POST',
			headers: {
				expect: '100-continue',
				'content-type': contentType,
				'content-length': Buffer.byteLength(body),
			},
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('continue', () => req.end(body));
		req.on('error', reject);
		req.flushHeaders();
	});
}
