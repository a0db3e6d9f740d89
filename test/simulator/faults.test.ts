/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
import { TEST_NUMBERS } from '../../simulator';
import { contact, items, PATHS, simulatorPerFile, sleep, sortedValues, transfer } from './helpers';

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

	it('dropBeforeNextSend: the socket dies before processing, nothing is created', async () => {
		env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		await expect(
			env.client.send([transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'DB-1' })]),
		).rejects.toThrow();
		await env.sim.control.waitForApiIdle();
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect(env.sim.control.balance().inUsing).toBe(0);
		expect(env.sim.control.requests()[0]).toMatchObject({
			httpStatus: null,
			code: null,
			fault: 'dropBefore',
		});
		// The same ID goes through afterwards: nothing of the first call exists.
		const retry = await env.client.send([
			transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'DB-1' }),
		]);
		expect(items(retry)[0].code).toBe(0);
	});

	it('send faults strike only calls that would be processed (a 705 does not use one up)', async () => {
		env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		env.sim.control.expireTokens();
		const refused = await env.client.send([transfer(OK.prefix, OK.phone, 500)]);
		expect(refused.body.code).toBe('705');
		expect(env.sim.control.faults().dropBeforeNextSend).toBe(1);
	});

	describe.each([709, 710, 715, -1] as const)('ambiguousNextSend with code %s', (code) => {
		it.each([true, false])('committed %s: HTTP 200 {code, message: NAME}', async (committed) => {
			env.sim.control.injectFaults({ ambiguousNextSend: { count: 1, code, committed } });
			const answer = await env.client.send([
				transfer(OK.prefix, OK.phone, 500, { client_transaction_id: `AMB-${code}` }),
			]);
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({
				code: String(code),
				message:
					code === -1 ? 'OPERATION_ERROR' : code === 715 ? 'UNEXPECTED_ERROR' : 'EXECUTION_ERROR',
				data: [],
			});
			expect(env.sim.control.transfers().map((t) => t.clientTransactionId)).toEqual(
				committed ? [`AMB-${code}`] : [],
			);
			expect(env.sim.control.requests()[0].fault).toBe('ambiguous');
			expect(env.sim.control.faults().ambiguousNextSend.count).toBe(0);
		});
	});

	it.each([
		['json', true],
		['json', false],
		['html', true],
		['html', false],
	] as const)('serverErrorNextSend body %s, committed %s', async (body, committed) => {
		env.sim.control.injectFaults({
			serverErrorNextSend: { count: 1, status: 502, body, committed },
		});
		const answer = await env.client.send([transfer(OK.prefix, OK.phone, 500)]);
		expect(answer.status).toBe(502);
		if (body === 'json') {
			expect(answer.contentType).toMatch(/json/);
			expect(answer.body).toMatchObject({ code: '-1', message: 'OPERATION_ERROR' });
		} else {
			expect(answer.contentType).toMatch(/text\/html/);
			expect(answer.text).toMatch(/502 Bad Gateway/);
		}
		expect(env.sim.control.transfers()).toHaveLength(committed ? 1 : 0);
		expect(env.sim.control.requests()[0]).toMatchObject({ httpStatus: 502, fault: 'serverError' });
		// Status defaults to 500.
		env.sim.control.injectFaults({ serverErrorNextSend: { count: 1, body, committed } });
		expect((await env.client.send([transfer(OK.prefix, OK.phone, 500)])).status).toBe(500);
	});

	describe('itemCodesNextSend', () => {
		const three = () =>
			[1, 2, 3].map((n) =>
				transfer(OK.prefix, OK.phone, 500 + n, { client_transaction_id: `IC-${n}` }),
			);

		it('committed: chosen items are created but answered with the code (documented shape)', async () => {
			env.sim.control.injectFaults({
				itemCodesNextSend: { count: 1, code: 715, positions: [0, 2], committed: true },
			});
			const answer = await env.client.send(three());
			expect(answer.body.code).toBe(0);
			const [first, second, third] = items(answer);
			expect(first).toMatchObject({
				code: '715',
				status: 'UNEXPECTED_ERROR',
				client_transaction_id: 'IC-1',
			});
			expect(first.lot).toBe(second.lot);
			expect(first).not.toHaveProperty('transaction_id');
			expect(first).not.toHaveProperty('message');
			expect(second).toMatchObject({ code: 0, status: 'success' });
			expect(third).toMatchObject({ code: '715' });
			expect(sortedValues(env.sim.control.transfers(), (t) => t.clientTransactionId)).toEqual([
				'IC-1',
				'IC-2',
				'IC-3',
			]);
			expect(env.sim.control.requests()[0].fault).toBe('itemCodes');
		});

		it('not committed: chosen items are not created', async () => {
			env.sim.control.injectFaults({
				itemCodesNextSend: { count: 1, code: 709, positions: 'first', committed: false },
			});
			const answer = await env.client.send(three());
			expect(items(answer).map((i) => i.code)).toEqual(['709', 0, 0]);
			expect(sortedValues(env.sim.control.transfers(), (t) => t.clientTransactionId)).toEqual([
				'IC-2',
				'IC-3',
			]);
		});

		it.each([
			[722, 'OPERATOR_TIMEOUT'],
			[727, 'TRANSFER_IN_PROGRESS'],
			[728, 'OPERATOR_ERROR'],
			[-1, 'OPERATION_ERROR'],
		] as const)('unknown and ambiguous codes: %s carries status %s', async (code, name) => {
			env.sim.control.injectFaults({
				itemCodesNextSend: { count: 2, code, positions: 'all', committed: false },
			});
			const answer = await env.client.send(three());
			expect(items(answer).map((i) => [i.code, i.status])).toEqual([
				[String(code), name],
				[String(code), name],
				[String(code), name],
			]);
			expect(env.sim.control.transfers()).toHaveLength(0);
			env.sim.control.setVariants({ itemErrorShape: 'withMessage' });
			const second = items(await env.client.send(three(), { lang: 'en' }));
			expect(second[0]).toMatchObject({ status: 'error', message: name });
			expect(second[0].description).toEqual(expect.any(String));
		});
	});

	it('lateCommitNextSend: the transfers appear only after the delay, after the client gave up', async () => {
		env.sim.control.injectFaults({ lateCommitNextSend: { ms: 400, count: 1 } });
		const controller = new AbortController();
		const pending = fetch(
			`${env.sim.baseUrl}${PATHS.send}?token=${encodeURIComponent(env.client.token)}`,
			{
				method: 'POST',
				body: new URLSearchParams({
					data: JSON.stringify([
						transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'LATE-1' }),
					]),
				}),
				signal: controller.signal,
			},
		);
		await sleep(100);
		controller.abort();
		await expect(pending).rejects.toThrow();
		// The client has given up; nothing exists yet...
		expect(env.sim.control.transfers()).toHaveLength(0);
		const lookup = await env.client.check({ client_transaction_id: 'LATE-1' });
		expect(lookup.body.code).toBe(723);
		// ...and the transfer appears once the call is processed, late.
		await env.sim.control.waitForApiIdle(2000);
		expect(env.sim.control.transfers().map((t) => t.clientTransactionId)).toEqual(['LATE-1']);
		const sendLog = env.sim.control.requests().find((r) => r.path === PATHS.send);
		expect(sendLog).toMatchObject({ fault: 'lateCommit', httpStatus: null, code: '0' });
	});

	it('lateCommitNextSend: a token expiring during the delay does not refuse the call', async () => {
		env.sim.control.injectFaults({ lateCommitNextSend: { ms: 150, count: 1 } });
		const pending = env.client.send([transfer(OK.prefix, OK.phone, 500)]);
		await sleep(50);
		env.sim.control.expireTokens();
		expect(items(await pending)[0].code).toBe(0);
	});

	it('slowEndpointNext: only the chosen endpoint is slow (a lookup that hangs)', async () => {
		env.sim.control.injectFaults({ slowEndpointNext: { endpoint: 'check', ms: 300, count: 1 } });
		let t = Date.now();
		await env.client.send([transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'SL-1' })]);
		expect(Date.now() - t).toBeLessThan(250);
		t = Date.now();
		const found = await env.client.check({ client_transaction_id: 'SL-1' });
		expect(found.body.code).toBe(0);
		expect(Date.now() - t).toBeGreaterThanOrEqual(290);
		expect(env.sim.control.faults().slowEndpointNext.check.count).toBe(0);
		expect(env.sim.control.requests().map((r) => r.fault)).toEqual([undefined, 'slow']);
	});

	it('emptyLookupNext: lookups by client_transaction_id answer 723 although the transfer exists', async () => {
		const sent = await env.client.send([
			transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'EMPTY-1' }),
		]);
		env.sim.control.injectFaults({ emptyLookupNext: 1 });
		// Lookups by transaction_id do not consume it.
		const byId = await env.client.check({ transaction_id: items(sent)[0].transaction_id });
		expect(byId.body.code).toBe(0);
		const empty = await env.client.check({ client_transaction_id: 'EMPTY-1' });
		expect(empty.body).toMatchObject({ code: 723, message: 'NOT_FOUND' });
		const again = await env.client.check({ client_transaction_id: 'EMPTY-1' });
		expect(again.body.data[0].client_transaction_id).toBe('EMPTY-1');
		expect(env.sim.control.requests().map((r) => r.fault)).toEqual([
			undefined,
			undefined,
			'emptyLookup',
			undefined,
		]);
	});

	describe('readLagMs: check/money shows the state as of N ms ago', () => {
		it('a new transfer is 723 until it is older than the lag, by client ID, ID and lot', async () => {
			env.sim.control.setVariants({ readLagMs: 300 });
			const sent = items(
				await env.client.send([
					transfer(OK.prefix, OK.phone, 500, { client_transaction_id: 'LAG-1' }),
				]),
			)[0];
			const queries: Array<Record<string, string>> = [
				{ client_transaction_id: 'LAG-1' },
				{ transaction_id: sent.transaction_id },
				{ lot: sent.lot },
			];
			for (const query of queries) {
				expect((await env.client.check(query)).body.code).toBe(723);
			}
			await sleep(320);
			const found = await env.client.check({ client_transaction_id: 'LAG-1' });
			expect(found.body.data[0]).toMatchObject({
				transaction_id: sent.transaction_id,
				treatment_status: 'NEW',
			});
		});

		it('a status is shown once it was reached more than N ms ago', async () => {
			env.sim.control.setVariants({ readLagMs: 250, autoConfirm: true });
			const sent = items(await env.client.send([transfer(OK.prefix, OK.phone, 500)]))[0];
			await sleep(270);
			env.sim.control.advance(sent.transaction_id); // NEW → REC
			env.sim.control.advance(sent.transaction_id); // REC → VAL
			const lagging = await env.client.check({ transaction_id: sent.transaction_id });
			expect(lagging.body.data[0]).toMatchObject({ treatment_status: 'NEW', validated_at: null });
			await sleep(270);
			const current = await env.client.check({ transaction_id: sent.transaction_id });
			expect(current.body.data[0].treatment_status).toBe('VAL');
			expect(current.body.data[0].validated_at).toEqual(expect.any(String));
		});
	});

	it("receiverFormat 'legacy8': check/money shows a 225 receiver in its 8-digit pre-2021 form", async () => {
		const sent = items(await env.client.send([transfer(OK.prefix, OK.phone, 500)]))[0];
		env.sim.control.setVariants({ receiverFormat: 'legacy8' });
		const legacy = await env.client.check({ transaction_id: sent.transaction_id });
		expect(OK.phone).toBe('0700000001');
		expect(legacy.body.data[0]).toMatchObject({
			receiver: '00000001',
			receiver_e164: '+22500000001',
		});
		env.sim.control.setVariants({ receiverFormat: 'asSent' });
		const asSent = await env.client.check({ transaction_id: sent.transaction_id });
		expect(asSent.body.data[0]).toMatchObject({
			receiver: '0700000001',
			receiver_e164: '+2250700000001',
		});
		// The transfer itself is unchanged: only the lookup's view differs.
		expect(env.sim.control.transfers()[0].phone).toBe('0700000001');
	});

	it('the new faults are validated', () => {
		const c = env.sim.control;
		expect(() => c.injectFaults({ dropBeforeNextSend: 1.5 })).toThrow(/dropBeforeNextSend/);
		expect(() => c.injectFaults({ emptyLookupNext: -1 })).toThrow(/emptyLookupNext/);
		expect(() =>
			c.injectFaults({ ambiguousNextSend: { count: 1, code: 805 as never, committed: true } }),
		).toThrow(/ambiguousNextSend.code must be one of -1, 709, 710, 715/);
		expect(() => c.injectFaults({ ambiguousNextSend: { count: 1, code: 709 } as never })).toThrow(
			/committed/,
		);
		expect(() =>
			c.injectFaults({
				serverErrorNextSend: { count: 1, status: 404, body: 'json', committed: false },
			}),
		).toThrow(/status/);
		expect(() =>
			c.injectFaults({ serverErrorNextSend: { count: 1, body: 'xml' as never, committed: false } }),
		).toThrow(/body/);
		expect(() =>
			c.injectFaults({
				itemCodesNextSend: { count: 1, code: 724 as never, positions: 'all', committed: true },
			}),
		).toThrow(/code/);
		expect(() =>
			c.injectFaults({
				itemCodesNextSend: { count: 1, code: 722, positions: [-1], committed: true },
			}),
		).toThrow(/positions/);
		expect(() =>
			c.injectFaults({ slowEndpointNext: { endpoint: 'refund' as never, ms: 1, count: 1 } }),
		).toThrow(/endpoint/);
		expect(() => c.injectFaults({ lateCommitNextSend: { ms: 700_000, count: 1 } })).toThrow(
			/600000/,
		);
		expect(() => c.setVariants({ readLagMs: -5 })).toThrow(/readLagMs/);
		expect(() => c.setVariants({ receiverFormat: 'e164' as never })).toThrow(/receiverFormat/);
		expect(() => c.setVariants({ itemErrorShape: 'html' as never })).toThrow(/itemErrorShape/);
		// A refused injection changes nothing.
		expect(c.faults().itemCodesNextSend.count).toBe(0);
	});

	it('the control API takes the new faults over HTTP, and reset() clears them', async () => {
		const res = await fetch(`${env.sim.baseUrl}/__sim/faults`, {
			method: 'POST',
			body: JSON.stringify({
				dropBeforeNextSend: 2,
				ambiguousNextSend: { count: 1, code: -1, committed: false },
				slowEndpointNext: { endpoint: 'check', ms: 5, count: 3 },
			}),
		});
		expect(res.status).toBe(200);
		const pending = await res.json();
		expect(pending).toMatchObject({
			dropBeforeNextSend: 2,
			ambiguousNextSend: { count: 1, code: -1, committed: false },
			slowEndpointNext: { check: { ms: 5, count: 3 }, send: { ms: 0, count: 0 } },
		});
		const bad = await fetch(`${env.sim.baseUrl}/__sim/faults`, {
			method: 'POST',
			body: JSON.stringify({ itemCodesNextSend: { count: 1 } }),
		});
		expect(bad.status).toBe(400);
		const idle = await fetch(`${env.sim.baseUrl}/__sim/wait-for-api-idle`, { method: 'POST' });
		expect(await idle.json()).toEqual({ idle: true });
		env.sim.control.reset();
		expect(env.sim.control.faults().dropBeforeNextSend).toBe(0);
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
