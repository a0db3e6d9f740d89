/** Transfer → Get against the simulator: by each key, in bulk, and waiting for a final status. */
import { TEST_NUMBERS, type RunningSimulator } from '../../../simulator';
import type { CredentialStore } from '../../helpers/n8nCore';
import { getParameters, sendParameters, simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import { failureOf, receivers, runNode } from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ variants: { autoConfirm: true } }, (current) => ({ sim, store } = current));

const send = sendParameters();

describe('Transfer → Get', () => {
	/** A receiver whose transfer the simulator keeps pending (REC). */
	const pendingReceiver = {
		prefix: '225',
		phone: TEST_NUMBERS.CI.pending.phone,
		amount: 1000,
		name: 'Kone',
		surname: 'Awa',
		email: 'a@example.com',
	};

	test('by transaction ID, client transaction ID and lot (one item per transfer of the lot)', async () => {
		const sent = await runNode(send, receivers(3), { store });
		const { transaction_id, client_transaction_id, lot } = sent[1].json as Record<string, string>;

		const [byId] = await runNode(getParameters('transactionId', transaction_id), [{}], { store });
		expect(byId.json).toMatchObject({ transaction_id, client_transaction_id, lot, amount: '1001' });

		const [byClientId] = await runNode(
			getParameters('clientTransactionId', client_transaction_id),
			[{}],
			{
				store,
			},
		);
		expect(byClientId.json.transaction_id).toBe(transaction_id);

		const byLot = await runNode(getParameters('lot', lot), [{}], { store });
		expect(byLot).toHaveLength(3);
		expect(byLot.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('an unknown ID is an item error (723) with "continue on fail", and the others still answer', async () => {
		const sent = await runNode(send, receivers(1), { store });
		const output = await runNode(
			{ ...getParameters('transactionId', '={{ $json.id }}') },
			[{ id: 'EA000000.000000.X000000' }, { id: sent[0].json.transaction_id }],
			{ store, continueOnFail: true },
		);
		expect(failureOf(output[0])?.message).toContain('NOT_FOUND (723)');
		expect(output[1].json.transaction_id).toBe(sent[0].json.transaction_id);
	});

	test('waits for a final status, polling', async () => {
		const [sent] = await runNode(send, receivers(1), { store });
		sim.control.setVariants({ stepMs: 300 });
		const [done] = await runNode(
			getParameters('transactionId', String(sent.json.transaction_id), {
				waitForFinalStatus: true,
				pollInterval: 1,
				waitTimeout: 20,
			}),
			[{}],
			{ store },
		);
		expect(done.json.treatment_status).toBe('VAL');
		expect(
			sim.control.requests().filter((entry) => entry.path === '/v1/transfer/check/money').length,
		).toBeGreaterThan(1);
	});

	const checks = () =>
		sim.control.requests().filter((entry) => entry.path === '/v1/transfer/check/money');

	test('200 items of a Send, by transaction ID: one call per lot (2), not one per item', async () => {
		const sent = await runNode(send, receivers(200), { store });
		expect(new Set(sent.map((item) => item.json.lot)).size).toBe(2);
		sim.control.clearRequests();
		const output = await runNode(
			getParameters('transactionId', '={{ $json.transaction_id }}'),
			sent.map((item) => item.json),
			{ store },
		);
		expect(output.map((item) => item.json.transaction_id)).toEqual(
			sent.map((item) => item.json.transaction_id),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(sent.map((_, item) => ({ item })));
		expect(
			checks().map((entry) =>
				Object.keys(entry.query).filter((key) => key !== 'token' && key !== 'lang'),
			),
		).toEqual([['lot'], ['lot']]);
	});

	test('by client transaction ID too; an item its lot does not hold is asked for by ID', async () => {
		const sent = await runNode(send, receivers(3), { store });
		const input = sent.map((item) => ({ ...item.json }));
		input[2].lot = String(input[0].lot).replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
		input.push({ ...input[0], lot: input[2].lot });
		sim.control.clearRequests();
		const output = await runNode(
			getParameters('clientTransactionId', '={{ $json.client_transaction_id }}'),
			input,
			{ store, continueOnFail: true },
		);
		expect(output.map((item) => item.json.client_transaction_id)).toEqual(
			input.map((item) => item.client_transaction_id),
		);
		// One call for the first lot (items 0 and 1), one for the wrong lot (items 2 and 3), then by ID for those two.
		expect(checks()).toHaveLength(4);
	});

	test('items without a lot, by ID: one call each, 4 at a time', async () => {
		const sent = await runNode(send, receivers(12), { store });
		sim.control.setVariants({ latencyMs: 60 });
		sim.control.clearRequests();
		const output = await runNode(
			getParameters('transactionId', '={{ $json.transaction_id }}'),
			sent.map((item) => ({ transaction_id: item.json.transaction_id })),
			{ store },
		);
		expect(output.map((item) => item.json.transaction_id)).toEqual(
			sent.map((item) => item.json.transaction_id),
		);
		expect(checks()).toHaveLength(12);
		expect(sim.control.stats().maxInFlight).toBe(4);
	});

	test('Wait for Final Status asks only for what is pending, less and less often, until the deadline', async () => {
		const sent = await runNode(send, [...receivers(3), pendingReceiver], { store });
		for (let step = 0; step < 3; step++) sim.control.advance();
		sim.control.clearRequests();
		const started = Date.now();
		const output = await runNode(
			getParameters('transactionId', '={{ $json.transaction_id }}', {
				waitForFinalStatus: true,
				pollInterval: 1,
				waitTimeout: 6,
			}),
			sent.map((item) => ({ transaction_id: item.json.transaction_id })),
			{ store, continueOnFail: true },
		);
		const elapsed = Date.now() - started;
		expect(output.slice(0, 3).map((item) => item.json.treatment_status)).toEqual([
			'VAL',
			'VAL',
			'VAL',
		]);
		expect(failureOf(output[3])?.message).toMatch(/Not final after 6 s: .*: REC/);
		expect(failureOf(output[3])?.transfers).toEqual([
			expect.objectContaining({ treatment_status: 'REC' }),
		]);
		const pendingId = String(sent[3].json.transaction_id);
		const asked = checks().map((entry) => entry.query.transaction_id);
		// Each settled transfer once; the pending one at 0, 1, 2.5, 4.75 s (pauses 1, 1.5, 2.25 s) and a
		// last time at the deadline: 5 calls where a fixed 1 s interval makes 7.
		expect(asked.filter((id) => id !== pendingId)).toHaveLength(3);
		expect(asked.filter((id) => id === pendingId)).toHaveLength(5);
		expect(elapsed).toBeGreaterThanOrEqual(6000);
		expect(elapsed).toBeLessThan(7500);
	}, 15_000);

	test('a wait that times out says so, with the last status', async () => {
		const [sent] = await runNode(send, [pendingReceiver], { store });
		sim.control.advance();
		const output = await runNode(
			getParameters('transactionId', String(sent.json.transaction_id), {
				waitForFinalStatus: true,
				pollInterval: 1,
				waitTimeout: 2,
			}),
			[{}],
			{ store, continueOnFail: true },
		);
		expect(failureOf(output[0])?.message).toMatch(/Not final after 2 s: .*: REC/);
	});
});
