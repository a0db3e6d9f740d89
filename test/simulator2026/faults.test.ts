/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The 2026 simulator's notifications (JSON without status, off by default), faults on the send
 * endpoint (committed or not) and control API over HTTP.
 */
import { createHmac } from 'node:crypto';

import { DEMO_ACCOUNTS_2026 } from '../../simulator/platform2026';
import { ciTransfer, simulator2026PerFile, startReceiver } from './helpers';

describe('2026 simulator: notifications', () => {
	const env = simulator2026PerFile();
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(() => receiver.close());
	beforeEach(() => {
		receiver.received.length = 0;
	});

	test('off by default: no notification at all, even with a notify_url', async () => {
		await env.client.send(ciTransfer({ notify_url: receiver.url }));
		env.sim.control.advance();
		env.sim.control.advance();
		await env.sim.control.waitForIdle();
		expect(receiver.received).toHaveLength(0);
		expect(env.sim.control.stats().notificationsSent).toBe(0);
	});

	test('final: one JSON notification without status; everyChange: one per status', async () => {
		env.sim.control.setVariants({ notifications: 'final' });
		const body = ciTransfer({ notify_url: receiver.url });
		const id = (await env.client.send(body)).body.transaction_id;
		env.sim.control.advance();
		env.sim.control.advance();
		await env.sim.control.waitForIdle();
		expect(receiver.received).toHaveLength(1);
		const json = JSON.parse(receiver.received[0].body);
		expect(Object.keys(json).sort()).toEqual([
			'merchant_transaction_id',
			'notify_token',
			'transaction_id',
			'user',
		]);
		expect(json).toMatchObject({
			transaction_id: id,
			merchant_transaction_id: body.merchant_transaction_id,
		});
		expect(receiver.received[0].headers['content-type']).toBe('application/json');
		expect(receiver.received[0].headers['x-cinetpay-signature']).toBeUndefined();

		env.sim.control.setVariants({ notifications: 'everyChange' });
		await env.client.send(ciTransfer({ notify_url: receiver.url }));
		env.sim.control.advance();
		env.sim.control.advance();
		await env.sim.control.waitForIdle();
		expect(receiver.received).toHaveLength(1 + 3);
	});

	test('hmacSha256: a signature header over the raw body', async () => {
		env.sim.control.setVariants({
			notifications: 'everyChange',
			notificationSignature: 'hmacSha256',
		});
		await env.client.send(ciTransfer({ notify_url: receiver.url }));
		await env.sim.control.waitForIdle();
		const [{ headers, body }] = receiver.received;
		const expected = createHmac('sha256', DEMO_ACCOUNTS_2026[0].apiKey).update(body).digest('hex');
		expect(headers['x-cinetpay-signature']).toBe(expected);
	});

	test('only loopback receivers are contacted', async () => {
		env.sim.control.setVariants({ notifications: 'everyChange' });
		await env.client.send(ciTransfer({ notify_url: 'http://example.com/hook' }));
		await env.sim.control.waitForIdle();
		expect(env.sim.control.notifications()[0].error).toBe('skipped: not loopback');
		expect(env.sim.control.stats().notificationsSent).toBe(0);
	});
});

describe('2026 simulator: faults on sends', () => {
	const env = simulator2026PerFile();

	test('dropBeforeNextSend: no answer, nothing created', async () => {
		env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		await expect(env.client.send(ciTransfer())).rejects.toThrow();
		await env.sim.control.waitForApiIdle();
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect(env.sim.control.requests().at(-1)).toMatchObject({
			fault: 'dropBefore',
			httpStatus: null,
		});
	});

	test('dropAfterNextSend: no answer, but the transfer exists', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const body = ciTransfer();
		await expect(env.client.send(body)).rejects.toThrow();
		await env.sim.control.waitForApiIdle();
		expect(
			env.sim.control.transfersByMerchantId('CI', String(body.merchant_transaction_id)),
		).toHaveLength(1);
	});

	test.each([
		[true, 1],
		[false, 0],
	])(
		'serverErrorNextSend committed=%s: HTTP 502 JSON, %i transfer(s)',
		async (committed, count) => {
			env.sim.control.injectFaults({
				serverErrorNextSend: { count: 1, status: 502, body: 'json', committed },
			});
			const answer = await env.client.send(ciTransfer());
			expect(answer.status).toBe(502);
			expect(answer.body).toMatchObject({ code: 500 });
			expect(env.sim.control.transfers()).toHaveLength(count);
		},
	);

	test('an HTML 5xx page, and http5xxNext on any endpoint (not processed)', async () => {
		env.sim.control.injectFaults({
			serverErrorNextSend: { count: 1, body: 'html', committed: false },
		});
		const answer = await env.client.send(ciTransfer());
		expect(answer.status).toBe(500);
		expect(String(answer.body)).toContain('<html>');
		env.sim.control.injectFaults({ http5xxNext: 1 });
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(503);
		expect((await env.client.request('GET', '/v1/balances')).status).toBe(200);
	});

	test('lateCommitNextSend: a client that gave up never hears of the transfer, which appears later', async () => {
		env.sim.control.injectFaults({ lateCommitNextSend: { ms: 300, count: 1 } });
		const body = ciTransfer();
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), 50);
		await expect(
			fetch(`${env.sim.baseUrl}/v1/transfer`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${env.client.token}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(body),
				signal: controller.signal,
			}),
		).rejects.toThrow();
		clearTimeout(timer);
		expect(env.sim.control.transfers()).toHaveLength(0);
		await env.sim.control.waitForApiIdle();
		expect(env.sim.control.transfers()).toHaveLength(1);
	});

	test('a send refused for its token does not use up a fault', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		env.client.token = 'not-a-token';
		expect((await env.client.send(ciTransfer())).status).toBe(401);
		expect(env.sim.control.faults().dropAfterNextSend).toBe(1);
	});
});

describe('2026 simulator: control over HTTP', () => {
	const env = simulator2026PerFile();

	test('GET /__sim lists the routes; variants, faults and balances are set over HTTP', async () => {
		const index = (await (await fetch(`${env.sim.baseUrl}/__sim`)).json()) as {
			platform: string;
			routes: unknown[];
		};
		expect(index.platform).toBe('2026');
		expect(index.routes.length).toBeGreaterThan(10);
		const post = (path: string, body: unknown) =>
			fetch(`${env.sim.baseUrl}/__sim${path}`, { method: 'POST', body: JSON.stringify(body) }).then(
				(r) => r.json(),
			);
		expect(await post('/variants', { merchantLookup: 'path' })).toMatchObject({
			merchantLookup: 'path',
		});
		expect(await post('/faults', { http5xxNext: 2 })).toMatchObject({ http5xxNext: 2 });
		expect(await post('/balances', { country: 'SN', available: 1234 })).toMatchObject({
			country: 'SN',
			available_balance: 1234,
		});
		const unknown = await fetch(`${env.sim.baseUrl}/__sim/variants`, {
			method: 'POST',
			body: '{"nope":1}',
		});
		expect(unknown.status).toBe(400);
	});
});
