/**
 * Faults drawn per API call (simulator/callFaults.ts), on both simulators over real HTTP: each
 * call gets its own fault from a script or a seeded draw, and the ledger holds what each one did
 * (a late commit lands after the client gave up; refusals and lost-before-commit create nothing).
 */
import type { CallFaultPlan } from '../../simulator/callFaults';
import { ciTransfer, Client2026, simulator2026PerFile } from '../simulator2026/helpers';
import { contact, simulatorPerFile, transfer } from './helpers';

const RECEIVER = contact('225', '0712345678');

describe('per-call faults, v1 simulator', () => {
	const env = simulatorPerFile({ contacts: [RECEIVER] });
	const send = (id: string) =>
		env.client.post(
			'/v1/transfer/money/send/contact',
			{
				data: JSON.stringify([transfer('225', '0712345678', 1000, { client_transaction_id: id })]),
			},
			{},
		);
	const clientIds = () => env.sim.control.transfers().map((t) => t.clientTransactionId);

	test('a script: refused, lost before and after commit, 5xx after commit, token refused, throttled', async () => {
		env.sim.control.setCallFaults({
			script: {
				send: [
					'refused',
					'lostBeforeCommit',
					'lostAfterCommit',
					'serverErrorAfterCommit',
					{ kind: 'tokenRefused', token: 'http401' },
					{ kind: 'throttled', retryAfter: 1 },
				],
			},
		});
		expect((await send('a')).body).toMatchObject({ code: 602 });
		await expect(send('b')).rejects.toThrow();
		await expect(send('c')).rejects.toThrow();
		expect((await send('d')).status).toBe(500);
		const refused = await send('e');
		expect([refused.status, String(refused.body.code)]).toEqual([401, '705']);
		const throttled = await send('f');
		expect(throttled.status).toBe(429);
		expect(throttled.body).toMatchObject({ message: 'TOO_MANY_REQUESTS' });
		expect((await send('g')).body).toMatchObject({ code: 0 });
		expect(clientIds().sort()).toEqual(['c', 'd', 'g']);
		expect(env.sim.control.callFaults()).toMatchObject({
			calls: { send: 7 },
			struck: { refused: 1, lostBeforeCommit: 1, lostAfterCommit: 1, throttled: 1 },
		});
	});

	test('a late commit lands after the client gave up; the ledger has it once the API is idle', async () => {
		env.sim.control.setCallFaults({ script: { send: [{ kind: 'lateCommit', ms: 300 }] } });
		const url = new URL('/v1/transfer/money/send/contact', env.sim.baseUrl);
		url.searchParams.set('token', env.client.token);
		const body = new URLSearchParams({
			data: JSON.stringify([
				transfer('225', '0712345678', 1000, { client_transaction_id: 'late' }),
			]),
		});
		await expect(
			fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(100) }),
		).rejects.toThrow();
		expect(clientIds()).toEqual([]);
		expect(env.sim.control.callFaults().pendingCommits).toBe(1);
		await env.sim.control.waitForApiIdle(5000);
		expect(clientIds()).toEqual(['late']);
		expect(env.sim.control.callFaults().pendingCommits).toBe(0);
	});

	test('a lookup that finds nothing yet; the lookup written differently (amount, receiver)', async () => {
		await send('x');
		env.sim.control.setCallFaults({ script: { lookup: ['notFound'] } });
		expect((await env.client.check({ client_transaction_id: 'x' })).body).toMatchObject({
			code: 723,
		});
		env.sim.control.setVariants({ amountFormat: 'spaced', receiverFormat: 'international' });
		const found = await env.client.check({ client_transaction_id: 'x' });
		expect(found.body.data[0]).toMatchObject({ amount: '1 000', receiver: '002250712345678' });
		env.sim.control.setVariants({ amountFormat: 'withCurrency' });
		expect((await env.client.check({ client_transaction_id: 'x' })).body.data[0].amount).toBe(
			'1000 XOF',
		);
	});

	test('a seeded draw gives the same faults for the same seed; an outage loses every call after it', async () => {
		const plan: CallFaultPlan = {
			draw: { seed: 7, weights: { send: { answered: 1, refused: 1, lostBeforeCommit: 1 } } },
		};
		const faultsOf = async () => {
			env.sim.control.setCallFaults(plan);
			const statuses: string[] = [];
			for (let i = 0; i < 8; i++)
				statuses.push(
					await send(`s${i}`).then(
						(a) => String(a.body?.code),
						() => 'lost',
					),
				);
			return statuses;
		};
		const first = await faultsOf();
		expect(new Set(first).size).toBeGreaterThan(1);
		expect(await faultsOf()).toEqual(first);
		env.sim.control.setCallFaults({ outageFromSend: 2 });
		expect((await send('o1')).body).toMatchObject({ code: 0 });
		await expect(send('o2')).rejects.toThrow();
		await expect(env.client.check({ client_transaction_id: 'o1' })).rejects.toThrow();
		env.sim.control.setCallFaults(null);
		expect((await env.client.check({ client_transaction_id: 'o1' })).body).toMatchObject({
			code: 0,
		});
	});
});

describe('per-call faults, 2026 simulator', () => {
	const env = simulator2026PerFile();

	test('refused (2005, HTTP 200), token refused in the body, throttled, forbidden, lost after commit', async () => {
		env.sim.control.setCallFaults({
			script: {
				send: [
					'refused',
					{ kind: 'tokenRefused', token: 'bodyExpired' },
					{ kind: 'tokenRefused', token: 'bodyInvalid' },
					{ kind: 'throttled', retryAfter: 0 },
					'forbidden',
					'lostAfterCommit',
				],
				lookup: ['notFound'],
			},
		});
		const refused = await env.client.send(ciTransfer({ merchant_transaction_id: 'r' }));
		expect([refused.status, refused.body.code]).toEqual([200, 2005]);
		const expired = await env.client.send(ciTransfer());
		expect([expired.status, expired.body.status]).toEqual([200, 'EXPIRED_TOKEN']);
		expect((await env.client.send(ciTransfer())).body.status).toBe('INVALID_TOKEN');
		expect((await env.client.send(ciTransfer())).status).toBe(429);
		expect((await env.client.send(ciTransfer())).status).toBe(403);
		await expect(
			env.client.send(ciTransfer({ merchant_transaction_id: 'kept' })),
		).rejects.toThrow();
		const held = env.sim.control.transfers();
		expect(held.map((t) => t.merchantTransactionId)).toEqual(['kept']);
		expect((await env.client.get(held[0].transactionId)).status).toBe(404);
		expect((await env.client.get(held[0].transactionId)).status).toBe(200);
	});

	test('a late commit lands after the client gave up', async () => {
		env.sim.control.setCallFaults({ script: { send: [{ kind: 'lateCommit', ms: 300 }] } });
		const client = new Client2026(env.sim.baseUrl);
		await client.login();
		await expect(
			fetch(`${env.sim.baseUrl}/v1/transfer`, {
				method: 'POST',
				headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(ciTransfer({ merchant_transaction_id: 'late' })),
				signal: AbortSignal.timeout(100),
			}),
		).rejects.toThrow();
		expect(env.sim.control.callFaults().pendingCommits).toBe(1);
		await env.sim.control.waitForApiIdle(5000);
		expect(env.sim.control.transfers().map((t) => t.merchantTransactionId)).toEqual(['late']);
	});
});
