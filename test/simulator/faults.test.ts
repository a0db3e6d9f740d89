/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
import { TEST_NUMBERS } from '../../simulator';
import { contact, PATHS, simulatorPerFile, transfer } from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;

describe('simulator: faults, latency, balance shapes', () => {
	const env = simulatorPerFile({ contacts: [contact(OK.prefix, OK.phone)], clearRequests: true });

	it('http5xxNext: the next N API requests get 503 with HTML and are not processed', async () => {
		env.sim.control.injectFaults({ http5xxNext: 2 });
		const first = await env.client.send([transfer(OK.prefix, OK.phone, 500)]);
		expect(first.status).toBe(503);
		expect(first.contentType).toMatch(/text\/html/);
		expect(first.text).toMatch(/<html>/);
		const second = await env.client.balance();
		expect(second.status).toBe(503);
		expect(env.sim.control.transfers()).toHaveLength(0);
		const third = await env.client.balance();
		expect(third.status).toBe(200);
		expect(env.sim.control.requests().map((r) => [r.httpStatus, r.code, r.fault])).toEqual([
			[503, null, 'http5xx'],
			[503, null, 'http5xx'],
			[200, '0', undefined],
		]);
	});

	it('dropAfterNextSend: the send is processed, then the socket dies without an answer', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		await expect(
			env.client.send([transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'DROP-1' })]),
		).rejects.toThrow();
		// The transfer exists and the money is reserved: the client must not blindly resend.
		expect(env.sim.control.transfers().map((t) => t.clientTransactionId)).toEqual(['DROP-1']);
		expect(env.sim.control.balance().inUsing).toBe(500);
		const found = await env.client.check({ client_transaction_id: 'DROP-1' });
		expect(found.body.data[0].treatment_status).toBe('NEW');
		const retry = await env.client.send([
			transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'DROP-1' }),
		]);
		expect(retry.body.data[0][0].code).toBe('805');
		const log = env.sim.control.requests().filter((r) => r.path === PATHS.send);
		expect(log[0]).toMatchObject({ httpStatus: null, code: '0', fault: 'drop' });
		// Only send calls consume the fault.
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		expect((await env.client.balance()).status).toBe(200);
		expect(env.sim.control.faults().dropAfterNextSend).toBe(1);
	});

	it('slowNextMs: delays the next answers after processing', async () => {
		env.sim.control.injectFaults({ slowNextMs: { ms: 300, count: 1 } });
		const started = Date.now();
		const pending = env.client.send([transfer(OK.prefix, OK.phone, 500)]);
		// Processing happened before the delay: the transfer already exists while we wait.
		await new Promise((r) => setTimeout(r, 100));
		expect(env.sim.control.transfers()).toHaveLength(1);
		const answer = await pending;
		expect(answer.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		const fast = Date.now();
		await env.client.balance();
		expect(Date.now() - fast).toBeLessThan(200);
		expect(env.sim.control.requests()[0].fault).toBe('slow');
	});

	it('latencyMs is added to every API request, but not to control requests', async () => {
		env.sim.control.setVariants({ latencyMs: 150 });
		let t = Date.now();
		await env.client.balance();
		expect(Date.now() - t).toBeGreaterThanOrEqual(145);
		t = Date.now();
		await fetch(`${env.sim.baseUrl}/__sim/stats`);
		expect(Date.now() - t).toBeLessThan(100);
		expect(env.sim.control.requests()[0].durationMs).toBeGreaterThanOrEqual(145);
	});

	it('counts concurrent in-flight requests (maxInFlight)', async () => {
		env.sim.control.setVariants({ latencyMs: 100 });
		await Promise.all(Array.from({ length: 6 }, () => env.client.balance()));
		const stats = env.sim.control.stats();
		expect(stats.maxInFlight).toBe(6);
		expect(stats.inFlight).toBe(0);
		expect(stats.requests).toBe(6);
		env.sim.control.clearRequests();
		expect(env.sim.control.stats().maxInFlight).toBe(0);
		expect(env.sim.control.requests()).toHaveLength(0);
	});

	it('rejects invalid fault and variant values', () => {
		expect(() => env.sim.control.injectFaults({ http5xxNext: -1 })).toThrow(/non-negative/);
		expect(() => env.sim.control.setVariants({ codeType: 'hex' as never })).toThrow(/codeType/);
		expect(() => env.sim.control.setVariants({ bogus: 1 } as never)).toThrow(/unknown variant/);
	});

	describe('balance shapes', () => {
		it('flat: {amount, inUsing, available} moving with sends', async () => {
			await env.client.send([transfer(OK.prefix, OK.phone, 1500)]);
			const answer = await env.client.balance();
			expect(answer.body).toEqual({
				code: 0,
				message: 'OPERATION_SUCCES',
				data: { amount: 5_000_000, inUsing: 1500, available: 4_998_500 },
			});
		});

		it('perCountry: countryBalance.CI holds the account, SN is empty', async () => {
			env.sim.control.setVariants({ balanceShape: 'perCountry' });
			env.sim.control.setBalance(10_000);
			await env.client.send([transfer(OK.prefix, OK.phone, 1000)]);
			const answer = await env.client.balance();
			expect(answer.body.data).toEqual({
				countryBalance: {
					CI: { amount: 10_000, inUsing: 1000, available: 9000 },
					SN: { amount: 0, inUsing: 0, available: 0 },
				},
			});
		});
	});
});
