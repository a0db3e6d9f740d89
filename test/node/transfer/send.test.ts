/**
 * Transfer → Send against the simulator: batching and call counts, both input modes, per-item
 * results and errors, and no second payout for one item whatever goes wrong.
 */
import type { IDataObject } from 'n8n-workflow';

import { TEST_NUMBERS, type RunningSimulator } from '../../../simulator';
import { runWorkflow, type CredentialStore } from '../../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import {
	failureOf,
	NOTIFY_URL,
	outcomeOf,
	receivers,
	runNode,
	simulatorCredentials,
} from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ initialBalance: 1_000_000_000 }, (current) => ({ sim, store } = current));

const defineBelow = (options: IDataObject = {}) => ({
	resource: 'transfer',
	operation: 'send',
	dataMode: 'defineBelow',
	prefix: '={{ $json.prefix }}',
	phone: '={{ $json.phone }}',
	amount: '={{ $json.amount }}',
	clientTransactionId: '={{ $json.client_transaction_id }}',
	notifyUrl: NOTIFY_URL,
	options: {
		addContact: true,
		contactName: '={{ $json.name }}',
		contactSurname: '={{ $json.surname }}',
		contactEmail: '={{ $json.email }}',
		...options,
	},
});

const paths = () => sim.control.requests().map((entry) => entry.path.replace('/v1/', ''));
const sentData = () =>
	sim.control
		.requests()
		.filter((entry) => entry.path.endsWith('/send/contact'))
		.flatMap((entry) => entry.body.data as IDataObject[]);

describe('batching', () => {
	test.each([
		[1, 1],
		[7, 1],
		[250, 3],
	])(
		"%i items with batch size 100: one login, %i contact calls and as many send calls, each batch's contacts made before its send",
		async (count, calls) => {
			const output = await runNode(sendParameters({ batchSize: 100 }), receivers(count), { store });
			expect(output).toHaveLength(count);
			// In the order the calls arrived (the log is in the order they were answered).
			const arrived = sim.control
				.requests()
				.sort((a, b) => a.seq - b.seq)
				.map((entry) => ({
					seq: entry.seq,
					path: entry.path.replace('/v1/', ''),
					phones: ((entry.body.data as IDataObject[] | undefined) ?? []).map((d) => d.phone),
				}));
			expect(arrived[0].path).toBe('auth/login');
			const contacts = arrived.filter((call) => call.path === 'transfer/contact');
			const sends = arrived.filter((call) => call.path === 'transfer/money/send/contact');
			expect(arrived).toHaveLength(1 + 2 * calls);
			expect(sends).toHaveLength(calls);
			sends.forEach((send, batch) => {
				expect(contacts[batch].phones).toEqual(send.phones);
				expect(contacts[batch].seq).toBeLessThan(send.seq);
			});
			expect(sim.control.transfers()).toHaveLength(count);
			// At most one send, and the next batch's contact call beside it (send.overlap.test.ts).
			expect(sim.control.stats().maxInFlight).toBeLessThanOrEqual(calls > 1 ? 2 : 1);
		},
	);

	test('results come back in input order, each paired with its item', async () => {
		const input = receivers(12);
		const output = await runNode(sendParameters({ batchSize: 5 }), input, { store });
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				phone: input[index].phone,
				amount: input[index].amount,
				treatment_status: 'NEW',
				duplicate: false,
			});
			expect(item.json.transaction_id).toEqual(expect.any(String));
			expect(item.json.lot).toEqual(expect.any(String));
		});
	});

	test('a stored token is reused by the next execution: no login at all', async () => {
		await runNode(sendParameters(), receivers(2), { store, executionId: '1' });
		sim.control.clearRequests();
		await runNode(sendParameters(), receivers(2), { store, executionId: '2' });
		expect(paths()).not.toContain('auth/login');
	});
});

describe('input modes', () => {
	test('Map Automatically and Map Each Field Below send the same requests for the same data', async () => {
		const input = receivers(5).map((item, i) => ({ ...item, client_transaction_id: `same-${i}` }));
		await runNode(sendParameters(), input, { store });
		const auto = sim.control
			.requests()
			.map((entry) => ({ path: entry.path, data: entry.body.data }));
		sim.control.reset();
		store = simulatorCredentials(sim);
		await runNode(defineBelow(), input, { store });
		const below = sim.control
			.requests()
			.map((entry) => ({ path: entry.path, data: entry.body.data }));
		expect(below).toEqual(auto);
	});

	test('Map Automatically evaluates no expression per item', async () => {
		const auto = await runWorkflow(sendParameters(), receivers(20), { store });
		expect(auto.expressionEvaluations).toBe(0);
		// The counter sees n8n evaluate the expressions of Define Below: 7 per item.
		const below = await runWorkflow(defineBelow(), receivers(20), { store, executionId: 'below' });
		expect(below.expressionEvaluations).toBeGreaterThanOrEqual(20 * 7);
	});

	test('accepts camelCase field names and amounts as digit strings', async () => {
		const output = await runNode(
			sendParameters({ addContact: false }),
			[
				{
					prefix: '+225',
					phone: '07 00 00 00 01',
					amount: '2500',
					clientTransactionId: 'camel-1',
					paymentMethod: 'waveci',
				},
			],
			{ store, continueOnFail: true },
		);
		expect(failureOf(output[0])?.message).toMatch(/ERROR_PHONE_NOT_MY_CONTACT \(724\)/);
		expect(sentData()).toEqual([
			{
				prefix: '225',
				phone: '0700000001',
				amount: 2500,
				notify_url: NOTIFY_URL,
				client_transaction_id: 'camel-1',
				payment_method: 'WAVECI',
			},
		]);
	});
});

describe('validation before any call', () => {
	const bad = [
		{ prefix: '225', phone: '07000', amount: 1000 },
		{ prefix: '225', phone: '0700000001', amount: 10.5 },
		{ prefix: '225', phone: '0700000001', amount: 150 },
		{ prefix: 'CI', phone: '0700000001', amount: 1000 },
	];

	test('without "continue on fail", one bad item stops the run before any request', async () => {
		await expect(runNode(sendParameters(), [...receivers(3), bad[0]], { store })).rejects.toThrow(
			/Invalid phone/,
		);
		expect(sim.control.requests()).toHaveLength(0);
	});

	test('with "continue on fail", bad items fail alone and the good ones are sent', async () => {
		const input = [receivers(1)[0], ...bad, receivers(2)[1]];
		const output = await runNode(sendParameters(), input, { store, continueOnFail: true });
		expect(output).toHaveLength(input.length);
		expect(output.map((item) => failureOf(item)?.field ?? 'sent')).toEqual([
			'sent',
			'phone',
			'amount',
			'amount',
			'prefix',
			'sent',
		]);
		expect(failureOf(output[1])?.message).toMatch(
			/Invalid phone: a Côte d'Ivoire number \(prefix 225\) has 8 or 10 digits, this one has 5/,
		);
		expect(sentData().map((data) => data.phone)).toEqual([input[0].phone, input[5].phone]);
	});

	test('a notify URL that is not http(s) stops everything', async () => {
		await expect(
			runNode({ ...sendParameters(), notifyUrl: 'javascript:alert(1)' }, receivers(2), { store }),
		).rejects.toThrow(/Invalid notifyUrl: must be an absolute http\(s\) URL/);
		expect(sim.control.requests()).toHaveLength(0);
	});

	test('two items with the same client transaction ID: the second is refused before sending', async () => {
		const input = receivers(2).map((item) => ({ ...item, client_transaction_id: 'twice' }));
		const output = await runNode(sendParameters(), input, { store, continueOnFail: true });
		expect(output[0].json.transaction_id).toEqual(expect.any(String));
		expect(failureOf(output[1])?.message).toMatch(/also the ID of item 1/);
		expect(sim.control.transfers()).toHaveLength(1);
	});
});

describe('per-item answers', () => {
	const testNumber = (key: keyof typeof TEST_NUMBERS.CI, amount = 1000) => ({
		prefix: '225',
		phone: TEST_NUMBERS.CI[key].phone,
		amount,
		name: 'Test',
		surname: 'Number',
		email: 'test@example.com',
	});

	test.each(['perItem', 'wholeCall'] as const)(
		'items CinetPay refuses fail alone, the rest is sent (invalid items reported %s)',
		async (itemErrors) => {
			sim.control.setVariants({ itemErrors });
			const input = [
				testNumber('succeeds'),
				testNumber('notParticular'),
				testNumber('operatorUnavailable'),
				receivers(1)[0],
			];
			const output = await runNode(sendParameters(), input, { store, continueOnFail: true });
			expect(output).toHaveLength(4);
			expect(output[0].json.transaction_id).toEqual(expect.any(String));
			expect(failureOf(output[1])).toMatchObject({ code: '717', outcome: 'not-sent' });
			expect(failureOf(output[2])?.code).toMatch(/^(721|804)$/);
			expect(output[3].json.transaction_id).toEqual(expect.any(String));
			expect(sim.control.transfers()).toHaveLength(2);
		},
	);

	test('a receiver who is not a contact gets 724 with advice when Add Contact is off', async () => {
		const output = await runNode(sendParameters({ addContact: false }), receivers(1), {
			store,
			continueOnFail: true,
		});
		expect(failureOf(output[0])?.message).toContain('ERROR_PHONE_NOT_MY_CONTACT (724)');
		expect(failureOf(output[0])?.description).toMatch(/Add Contact/);
	});

	test('an insufficient balance (602) fails the whole batch: nothing sent, each item told', async () => {
		sim.control.setBalance(1000);
		const output = await runNode(sendParameters(), receivers(3), { store, continueOnFail: true });
		expect(output.map((item) => failureOf(item)?.code)).toEqual(['602', '602', '602']);
		expect(failureOf(output[0])?.description).toMatch(/Top up/);
		expect(sim.control.transfers()).toHaveLength(0);
	});

	test('without "continue on fail", a failure after sends says which transfers went out', async () => {
		const input = [receivers(1)[0], testNumber('notParticular')];
		await expect(runNode(sendParameters(), input, { store })).rejects.toMatchObject({
			message: expect.stringContaining('717'),
			description: expect.stringMatching(
				/1 transfer\(s\) of this execution WERE sent .*n8n-[A-Za-z0-9]{12}-0-0/s,
			),
		});
	});
});

test("each sent transfer says its currency, the receiver's country's (v1 answers carry none)", async () => {
	const input = [...receivers(1), { ...receivers(1, 3000)[0], prefix: '237', phone: '670000001' }];
	const output = await runNode(sendParameters(), input, { store, continueOnFail: true });
	expect(output.map((item) => [outcomeOf(item), item.json.currency])).toEqual([
		['sent', 'XOF'],
		['sent', 'XAF'],
	]);
});

test('Payment Method: a listed code, or "Custom…" with the code typed beside it, is what CinetPay receives', async () => {
	const sentMethods = () =>
		sim.control
			.requests()
			.filter((entry) => entry.path === '/v1/transfer/money/send/contact')
			.flatMap((entry) => (entry.body.data as IDataObject[]).map((data) => data.payment_method));
	// A Senegal code for an Ivorian number: CinetPay refuses it (811), but it is what was sent.
	await runNode(sendParameters({ paymentMethod: 'WAVESN' }), receivers(1), {
		store,
		executionId: 'pm1',
		continueOnFail: true,
	});
	await runNode(
		sendParameters({ paymentMethod: 'custom', customPaymentMethod: 'WAVECI' }),
		receivers(1, 4000),
		{
			store,
			executionId: 'pm2',
		},
	);
	await runNode(sendParameters({ paymentMethod: '' }), receivers(1, 7000), {
		store,
		executionId: 'pm3',
	});
	expect(sentMethods()).toEqual(['WAVESN', 'WAVECI', undefined]);
});

describe('no second payout for one item', () => {
	test('n8n "Retry On Fail" re-runs the node in the same execution: CinetPay refuses, the node reports the transfers', async () => {
		const input = receivers(6);
		const first = await runNode(sendParameters(), input, { store, executionId: '77' });
		const retry = await runNode(sendParameters(), input, { store, executionId: '77' });
		expect(sim.control.transfers()).toHaveLength(6);
		expect(retry.map((item) => item.json.duplicate)).toEqual(Array(6).fill(true));
		expect(retry.map((item) => item.json.transaction_id)).toEqual(
			first.map((item) => item.json.transaction_id),
		);
	});

	test('a new execution makes new IDs: paying the same people again next week works', async () => {
		await runNode(sendParameters(), receivers(3), { store, executionId: '1' });
		await runNode(sendParameters(), receivers(3), { store, executionId: '2' });
		expect(sim.control.transfers()).toHaveLength(6);
	});

	test('a loop running the node twice in one execution does not mistake its second batch for duplicates', async () => {
		await runNode(sendParameters(), receivers(2), { store, executionId: '9', runIndex: 0 });
		const second = await runNode(sendParameters(), receivers(2, 5000), {
			store,
			executionId: '9',
			runIndex: 1,
		});
		expect(second.map((item) => item.json.duplicate)).toEqual([false, false]);
		expect(sim.control.transfers()).toHaveLength(4);
	});

	test.each([
		['the connection drops after CinetPay took the send', { dropAfterNextSend: 1 }],
		['CinetPay answers with a 5xx page', { http5xxNext: 1 }],
		['CinetPay answers after the timeout', { slowNextMs: { ms: 2500, count: 1 } }],
	])('%s: each item ends with exactly one transfer', async (_name, faults) => {
		const input = receivers(5);
		// Contacts and session in place first, so the faults hit the send.
		await runNode({ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' }, input, {
			store,
		});
		sim.control.clearRequests();
		sim.control.injectFaults(faults);
		const output = await runNode(sendParameters({ addContact: false, timeout: 1 }), input, {
			store,
			executionId: '500',
		});
		expect(output).toHaveLength(5);
		for (const item of output) expect(item.json.transaction_id).toEqual(expect.any(String));
		const byClientId = new Map<string, number>();
		for (const transfer of sim.control.transfers()) {
			const id = String(transfer.clientTransactionId);
			byClientId.set(id, (byClientId.get(id) ?? 0) + 1);
		}
		expect([...byClientId.values()].every((n) => n === 1)).toBe(true);
		expect(sim.control.transfers()).toHaveLength(5);
	});

	test('a user ID reused for another receiver is refused, not reported as sent', async () => {
		await runNode(sendParameters(), [{ ...receivers(1)[0], client_transaction_id: 'mine-1' }], {
			store,
		});
		const output = await runNode(
			sendParameters(),
			[{ ...receivers(2)[1], client_transaction_id: 'mine-1' }],
			{ store, continueOnFail: true },
		);
		expect(failureOf(output[0])?.message).toMatch(/belongs to another transfer/);
		expect(sim.control.transfers()).toHaveLength(1);
	});
});
