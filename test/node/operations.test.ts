/**
 * Balance → Get, Contact → Add and Transfer → Get against the simulator, and the whole payout
 * flow once per [field] variant of CinetPay's answers.
 */
import type { IDataObject } from 'n8n-workflow';

import { normalizeBalance } from '../../nodes/CinetPay/actions/balance/get.operation';
import {
	startSimulator,
	TEST_NUMBERS,
	type RunningSimulator,
	type SimulatorVariants,
} from '../../simulator';
import type { CredentialStore } from '../helpers/n8nCore';
import {
	failureOf,
	NOTIFY_URL,
	receivers,
	runNode,
	simulatorCredentials,
} from '../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

beforeAll(async () => {
	sim = await startSimulator({ variants: { autoConfirm: true } });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.control.reset();
	store = simulatorCredentials(sim);
});

const addContacts = { resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' };
const send = {
	resource: 'transfer',
	operation: 'send',
	dataMode: 'autoMapInputData',
	notifyUrl: NOTIFY_URL,
	options: { addContact: true },
};
const getBy = (searchBy: string, value: string, options: IDataObject = {}) => ({
	resource: 'transfer',
	operation: 'get',
	searchBy,
	[searchBy]: value,
	options,
});

describe('Balance → Get', () => {
	test('one item with amount, inUsing and available, moving with sends', async () => {
		await runNode(send, receivers(1, 10_000), { store });
		const [balance] = await runNode(
			{ resource: 'balance', operation: 'get', options: { accountCountry: 'CI' } },
			[{}, {}],
			{ store },
		);
		expect(balance.json).toEqual({
			amount: 5_000_000,
			inUsing: 10_000,
			available: 4_990_000,
			currency: 'XOF',
		});
	});

	test('a per-country answer gives totals and the breakdown', async () => {
		sim.control.setVariants({ balanceShape: 'perCountry' });
		const [balance] = await runNode({ resource: 'balance', operation: 'get' }, [{}], { store });
		expect(balance.json).toMatchObject({ available: 5_000_000, currency: 'XOF' });
		expect(balance.json.countries).toMatchObject({ CI: { available: 5_000_000, currency: 'XOF' } });
	});

	test('mixed currencies are not passed off as one', () => {
		expect(
			normalizeBalance({
				countryBalance: {
					CI: { amount: 10, inUsing: 0, available: 10 },
					CM: { amount: '5', inUsing: '0', available: '5' },
				},
			}),
		).toMatchObject({
			amount: 15,
			currency: 'MIXED',
			countries: { CM: { amount: 5, currency: 'XAF' } },
		});
	});
});

describe('Contact → Add', () => {
	test('all contacts in one call, each result paired to its item; adding again is fine (726)', async () => {
		const input = receivers(4);
		const first = await runNode(addContacts, input, { store });
		expect(first.map((item) => item.json.already_existed)).toEqual([false, false, false, false]);
		const again = await runNode(addContacts, input, { store });
		expect(again.map((item) => item.json.already_existed)).toEqual([true, true, true, true]);
		expect(again.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(
			sim.control.requests().filter((entry) => entry.path === '/v1/transfer/contact'),
		).toHaveLength(2);
	});

	test('the same receiver twice in one run is sent once and answered for both items', async () => {
		const [one] = receivers(1);
		const output = await runNode(addContacts, [one, { ...one }], { store });
		expect(output).toHaveLength(2);
		const [call] = sim.control.requests().filter((entry) => entry.path === '/v1/transfer/contact');
		expect(call.body.data).toHaveLength(1);
	});

	test('Map Each Field Below, and per-item failures with "continue on fail"', async () => {
		const input = [
			{ ...receivers(1)[0] },
			{
				prefix: '225',
				phone: TEST_NUMBERS.CI.operatorUnavailable.phone,
				name: 'Kone',
				surname: 'Ali',
				email: 'ali@example.com',
			},
			{
				prefix: '225',
				phone: '0700000009',
				name: '<script>',
				surname: 'x',
				email: 'x@example.com',
			},
		];
		const output = await runNode(
			{
				resource: 'contact',
				operation: 'add',
				dataMode: 'defineBelow',
				prefix: '={{ $json.prefix }}',
				phone: '={{ $json.phone }}',
				name: '={{ $json.name }}',
				surname: '={{ $json.surname }}',
				email: '={{ $json.email }}',
			},
			input,
			{ store, continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({ phone: input[0].phone, already_existed: false });
		expect(failureOf(output[1])).toMatchObject({ code: '721' });
		expect(failureOf(output[2])).toMatchObject({ field: 'name' });
		const sent = sim.control
			.requests()
			.flatMap((entry) => (entry.body.data as IDataObject[] | undefined) ?? []);
		expect(sent.map((contact) => contact.phone)).toEqual([input[0].phone, input[1].phone]);
	});
});

describe('Transfer → Get', () => {
	test('by transaction ID, client transaction ID and lot (one item per transfer of the lot)', async () => {
		const sent = await runNode(send, receivers(3), { store });
		const { transaction_id, client_transaction_id, lot } = sent[1].json as Record<string, string>;

		const [byId] = await runNode(getBy('transactionId', transaction_id), [{}], { store });
		expect(byId.json).toMatchObject({ transaction_id, client_transaction_id, lot, amount: '1001' });

		const [byClientId] = await runNode(getBy('clientTransactionId', client_transaction_id), [{}], {
			store,
		});
		expect(byClientId.json.transaction_id).toBe(transaction_id);

		const byLot = await runNode(getBy('lot', lot), [{}], { store });
		expect(byLot).toHaveLength(3);
		expect(byLot.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('an unknown ID is an item error (723) with "continue on fail", and the others still answer', async () => {
		const sent = await runNode(send, receivers(1), { store });
		const output = await runNode(
			{ ...getBy('transactionId', '={{ $json.id }}') },
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
			getBy('transactionId', String(sent.json.transaction_id), {
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

	const checks = () => sim.control.requests().filter((entry) => entry.path === '/v1/transfer/check/money');

	test('200 items of a Send, by transaction ID: one call per lot (2), not one per item', async () => {
		const sent = await runNode(send, receivers(200), { store });
		expect(new Set(sent.map((item) => item.json.lot)).size).toBe(2);
		sim.control.clearRequests();
		const output = await runNode(getBy('transactionId', '={{ $json.transaction_id }}'), sent.map((item) => item.json), { store });
		expect(output.map((item) => item.json.transaction_id)).toEqual(sent.map((item) => item.json.transaction_id));
		expect(output.map((item) => item.pairedItem)).toEqual(sent.map((_, item) => ({ item })));
		expect(checks().map((entry) => Object.keys(entry.query).filter((key) => key !== 'token' && key !== 'lang'))).toEqual([['lot'], ['lot']]);
	});

	test('by client transaction ID too; an item its lot does not hold is asked for by ID', async () => {
		const sent = await runNode(send, receivers(3), { store });
		const input = sent.map((item) => ({ ...item.json }));
		input[2].lot = String(input[0].lot).replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
		input.push({ ...input[0], lot: input[2].lot });
		sim.control.clearRequests();
		const output = await runNode(getBy('clientTransactionId', '={{ $json.client_transaction_id }}'), input, { store, continueOnFail: true });
		expect(output.map((item) => item.json.client_transaction_id)).toEqual(input.map((item) => item.client_transaction_id));
		// One call for the first lot (items 0 and 1), one for the wrong lot (items 2 and 3), then by ID for those two.
		expect(checks()).toHaveLength(4);
	});

	test('items without a lot, by ID: one call each, 4 at a time', async () => {
		const sent = await runNode(send, receivers(12), { store });
		sim.control.setVariants({ latencyMs: 60 });
		sim.control.clearRequests();
		const output = await runNode(
			getBy('transactionId', '={{ $json.transaction_id }}'),
			sent.map((item) => ({ transaction_id: item.json.transaction_id })),
			{ store },
		);
		expect(output.map((item) => item.json.transaction_id)).toEqual(sent.map((item) => item.json.transaction_id));
		expect(checks()).toHaveLength(12);
		expect(sim.control.stats().maxInFlight).toBe(4);
	});

	test('Wait for Final Status asks only for what is pending, less and less often, until the deadline', async () => {
		const pendingReceiver = { prefix: '225', phone: TEST_NUMBERS.CI.pending.phone, amount: 1000, name: 'Kone', surname: 'Awa', email: 'a@example.com' };
		const sent = await runNode(send, [...receivers(3), pendingReceiver], { store });
		for (let step = 0; step < 3; step++) sim.control.advance();
		sim.control.clearRequests();
		const started = Date.now();
		const output = await runNode(
			getBy('transactionId', '={{ $json.transaction_id }}', { waitForFinalStatus: true, pollInterval: 1, waitTimeout: 6 }),
			sent.map((item) => ({ transaction_id: item.json.transaction_id })),
			{ store, continueOnFail: true },
		);
		const elapsed = Date.now() - started;
		expect(output.slice(0, 3).map((item) => item.json.treatment_status)).toEqual(['VAL', 'VAL', 'VAL']);
		expect(failureOf(output[3])?.message).toMatch(/Not final after 6 s: .*: REC/);
		expect(failureOf(output[3])?.transfers).toEqual([expect.objectContaining({ treatment_status: 'REC' })]);
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
		const [sent] = await runNode(
			send,
			[
				{
					prefix: '225',
					phone: TEST_NUMBERS.CI.pending.phone,
					amount: 1000,
					name: 'Kone',
					surname: 'Awa',
					email: 'a@example.com',
				},
			],
			{ store },
		);
		sim.control.advance();
		const output = await runNode(
			getBy('transactionId', String(sent.json.transaction_id), {
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

describe.each<[string, Partial<SimulatorVariants>]>([
	['as the 2018 document says', {}],
	['codes as strings', { codeType: 'string' }],
	['codes as numbers', { codeType: 'number' }],
	['errors as HTTP 4xx', { errorHttpStatus: 'http4xx' }],
	['single nesting', { nesting: 'single' }],
	['per-country balance', { balanceShape: 'perCountry' }],
	['no 726 on re-added contacts', { readdContact: 'success' }],
	['whole-call item errors', { itemErrors: 'wholeCall' }],
	['expired tokens as HTTP 401', { expiredTokenStatus: 'http401' }],
])('the whole payout flow, CinetPay answering %s', (_name, variants) => {
	test('balance, contacts, send with an existing contact and a refused item, get, duplicates', async () => {
		sim.control.setVariants(variants);
		const input = [
			...receivers(3),
			{
				prefix: '225',
				phone: TEST_NUMBERS.CI.notParticular.phone,
				amount: 1000,
				name: 'Kone',
				surname: 'Awa',
				email: 'a@example.com',
			},
		];
		await runNode(addContacts, input.slice(0, 1), { store });
		sim.control.expireTokens();

		const sent = await runNode(send, input, { store, continueOnFail: true, executionId: '1' });
		expect(sent.slice(0, 3).map((item) => item.json.duplicate)).toEqual([false, false, false]);
		expect(failureOf(sent[3])?.code).toBe('717');

		const retried = await runNode(send, input, { store, continueOnFail: true, executionId: '1' });
		expect(retried.slice(0, 3).map((item) => item.json.duplicate)).toEqual([true, true, true]);
		expect(sim.control.transfers()).toHaveLength(3);

		// One lot per send call: a whole-call refusal makes the node send item by item.
		const lots = [...new Set(sent.slice(0, 3).map((item) => String(item.json.lot)))];
		const byLot = await runNode(
			getBy('lot', '={{ $json.lot }}'),
			lots.map((lot) => ({ lot })),
			{ store },
		);
		expect(byLot.map((item) => item.json.transaction_id).sort()).toEqual(
			sent
				.slice(0, 3)
				.map((item) => item.json.transaction_id)
				.sort(),
		);
		const [balance] = await runNode({ resource: 'balance', operation: 'get' }, [{}], { store });
		expect(balance.json.available).toBe(5_000_000 - 1000 - 1001 - 1002);
	});
});
