/**
 * What the node says about each item is what CinetPay did (issue "Payout truth"): one test per
 * way the node used to break that promise, each against the simulator over HTTP. Every test here
 * failed on the node before the fix; the property suite (test/suite/payout-invariants.test.ts)
 * hunts for the cases these do not name.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	TEST_NUMBERS,
	type RunningSimulator,
} from '../../../simulator';
import { factsOf } from '../../../nodes/CinetPay/transport/shared/errors';
import { credentialStore, type CredentialStore } from '../../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import {
	failureOf,
	outcomeOf,
	receivers,
	runNode,
	simulatorCredentials,
} from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ initialBalance: 1_000_000_000 }, (current) => ({ sim, store } = current));

const send = (options: IDataObject = {}) => sendParameters({ timeout: 2, ...options });

const withIds = (rows: IDataObject[], tag: string) =>
	rows.map((row, index) => ({ ...row, client_transaction_id: `${tag}-${index}` }));

/** The transfers CinetPay holds for one client transaction ID. */
const transfersOf = (clientTransactionId: unknown) =>
	sim.control
		.transfers()
		.filter((transfer) => transfer.clientTransactionId === clientTransactionId);

/** Every item either sent with its real transaction, or failed with an honest outcome. */
function expectTruth(output: INodeExecutionData[]) {
	for (const item of output) {
		const held = transfersOf(
			item.json.client_transaction_id ?? failureOf(item)?.client_transaction_id,
		);
		if (outcomeOf(item) === 'sent') {
			expect(held).toHaveLength(1);
			expect(item.json.transaction_id).toBe(held[0].transactionId);
			expect(failureOf(item)).toBeUndefined();
		} else {
			// The one key n8n needs to send the item to the error output.
			expect(Object.keys(item.json)).toEqual(['error']);
			expect(outcomeOf(item)).toMatch(/^(not-sent|unknown)$/);
			if (outcomeOf(item) === 'not-sent') expect(held).toHaveLength(0);
			expect(held.length).toBeLessThanOrEqual(1);
		}
	}
}

describe("1. failed items reach n8n's error output", () => {
	test('a refused transfer and a bad row carry `error` on the item; paid ones do not', async () => {
		const person = { name: 'Kone', surname: 'Awa', email: 'awa@example.com' };
		const input = [
			receivers(1)[0],
			{ ...person, prefix: '225', phone: TEST_NUMBERS.CI.notParticular.phone, amount: 1000 },
			{ ...person, prefix: '225', phone: 'abc', amount: 1000 },
		];
		const output = await runNode(send(), input, { store, continueOnFail: true });
		expect(output.map(outcomeOf)).toEqual(['sent', 'not-sent', 'not-sent']);
		expect(output.map((item) => failureOf(item) !== undefined)).toEqual([false, true, true]);
		expect(failureOf(output[1])).toMatchObject({
			code: '717',
			status: 'ERROR_PHONE_NOT_PARTICULAR',
			phone: TEST_NUMBERS.CI.notParticular.phone,
		});
		expect(failureOf(output[2])).toMatchObject({ field: 'phone', outcome: 'not-sent' });
		expectTruth(output);
	});
});

describe('2. an ambiguous answer is looked up, never reported as not sent', () => {
	test.each([709, 710, 715, -1] as const)(
		'%s after CinetPay committed the batch: each item sent, once',
		async (code) => {
			const input = withIds(receivers(3), `amb${code}`);
			await runNode(send(), [input[0]], { store }); // contacts and a session first
			sim.control.reset();
			store = simulatorCredentials(sim);
			sim.control.injectFaults({ ambiguousNextSend: { count: 1, code, committed: true } });
			const output = await runNode(send(), input, { store, continueOnFail: true });
			expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent']);
			expect(sim.control.transfers()).toHaveLength(3);
			expectTruth(output);
		},
	);

	test('709 before any commit: the same IDs are sent once more, each item paid once', async () => {
		sim.control.injectFaults({ ambiguousNextSend: { count: 1, code: 709, committed: false } });
		const output = await runNode(send(), receivers(3), { store, continueOnFail: true });
		expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent']);
		expect(sim.control.transfers()).toHaveLength(3);
		expectTruth(output);
	});

	test.each([true, false])(
		'HTTP 500 with a CinetPay JSON body (committed: %s): sent once, never "not sent"',
		async (committed) => {
			sim.control.injectFaults({ serverErrorNextSend: { count: 1, body: 'json', committed } });
			const output = await runNode(send(), receivers(4), { store, continueOnFail: true });
			expect(output.map(outcomeOf)).toEqual(Array(4).fill('sent'));
			expect(sim.control.transfers()).toHaveLength(4);
			expectTruth(output);
		},
	);
});

describe('3. other answers that may hide a payout', () => {
	test('805 whose lookup finds nothing: unknown, with how to check, not "not sent"', async () => {
		const input = withIds(receivers(2), 'dup');
		await runNode(send(), input, { store });
		sim.control.injectFaults({ emptyLookupNext: 10 });
		const output = await runNode(send(), input, { store, continueOnFail: true });
		expect(output.map(outcomeOf)).toEqual(['unknown', 'unknown']);
		expect(failureOf(output[0])?.description).toMatch(
			/Transfer → Get by client transaction ID "dup-0"/,
		);
		expect(sim.control.transfers()).toHaveLength(2);
		expectTruth(output);
	});

	test("a found transfer whose receiver CinetPay shows in Côte d'Ivoire's old 8-digit form is this item's", async () => {
		sim.control.setVariants({ receiverFormat: 'legacy8' });
		sim.control.injectFaults({ dropAfterNextSend: 1 });
		const output = await runNode(send(), receivers(3), { store, continueOnFail: true });
		expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent']);
		expect(output.map((item) => item.json.recovered)).toEqual([true, true, true]);
		expect(sim.control.transfers()).toHaveLength(3);
	});

	test.each([715, 722, 727, 728] as const)(
		'a per-item %s inside a successful answer: looked up, and reported as CinetPay holds it',
		async (code) => {
			sim.control.injectFaults({
				itemCodesNextSend: { count: 1, code, positions: [1], committed: true },
			});
			const output = await runNode(send(), receivers(3), { store, continueOnFail: true });
			expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent']);
			expect(sim.control.transfers()).toHaveLength(3);
			expectTruth(output);
		},
	);

	test('a per-item unknown code on an item CinetPay did not create: sent once more, same ID', async () => {
		sim.control.injectFaults({
			itemCodesNextSend: { count: 1, code: 727, positions: 'first', committed: false },
		});
		const output = await runNode(send(), receivers(2), { store, continueOnFail: true });
		expect(output.map(outcomeOf)).toEqual(['sent', 'sent']);
		expect(sim.control.transfers()).toHaveLength(2);
		expectTruth(output);
	});
});

describe('4. an edited credential never uses the old session', () => {
	test('a new Base URL: the old token never reaches the new host; the node logs in there', async () => {
		const other = await startSimulator({ initialBalance: 1_000_000 });
		try {
			await runNode(send(), receivers(1), { store });
			const oldToken = String(store.data.sessionToken);
			expect(oldToken).not.toBe('');
			other.control.clearRequests();
			// The editor sends hidden fields back as placeholders and n8n restores them: the token,
			// its time and its account stay; only the base URL changes.
			store.data = { ...store.data, baseUrl: other.baseUrl };
			const output = await runNode(send(), receivers(1, 5000), { store, continueOnFail: true });
			expect(outcomeOf(output[0])).toBe('sent');
			// A token the new host did not issue shows in its log as <redacted:unknown>.
			const tokensSeen = other.control
				.requests()
				.map((request) => request.query.token)
				.filter(Boolean);
			expect(tokensSeen.length).toBeGreaterThan(0);
			expect(tokensSeen).not.toContain('<redacted:unknown>');
			expect(other.control.transfers()).toHaveLength(1);
			expect(store.data.sessionToken).not.toBe(oldToken);
		} finally {
			await other.close();
		}
	});

	test('a new API password: the next run logs in with it (and CinetPay refuses a wrong one)', async () => {
		await runNode(send(), receivers(1), { store, executionId: 'p1' });
		const tokenLabel = sim.control.requests().find((request) => request.query.token)?.query.token;
		sim.control.clearRequests();
		store.data = { ...store.data, password: 'a-wrong-password' };
		// A new execution: its default ID was never sent, so a refused login means nothing was.
		const output = await runNode(send(), receivers(1, 5000), {
			store,
			continueOnFail: true,
			executionId: 'p2',
		});
		expect(outcomeOf(output[0])).toBe('not-sent');
		expect(failureOf(output[0])?.message).toMatch(/INVALID_CREDENTIALS \(701\)/);
		expect(sim.control.transfers()).toHaveLength(1); // only the first run's
		expect(sim.control.requests().map((request) => request.query.token)).not.toContain(tokenLabel);
	});

	test('a session of the same account is still reused (one login for many runs)', async () => {
		await runNode(send(), receivers(2), { store, executionId: 's1' });
		await runNode(send(), receivers(2, 5000), { store, executionId: 's2' });
		expect(
			sim.control.requests().filter((request) => request.path === '/v1/auth/login'),
		).toHaveLength(1);
	});
});

describe('5. default client IDs never repeat across instances or reset databases', () => {
	test('two instances, both at execution 1: two payouts, not one "duplicate"', async () => {
		const input = receivers(1);
		const first = await runNode(send(), input, { store, executionId: '1', nodeContext: {} });
		const second = await runNode(send(), input, { store, executionId: '1', nodeContext: {} });
		expect(first[0].json.client_transaction_id).not.toBe(second[0].json.client_transaction_id);
		expect(second[0].json.duplicate).toBe(false);
		expect(sim.control.transfers()).toHaveLength(2);
	});

	test('the same execution (Retry On Fail) keeps its IDs: no second payout', async () => {
		const nodeContext = {};
		const first = await runNode(send(), receivers(2), { store, executionId: '9', nodeContext });
		const retry = await runNode(send(), receivers(2), { store, executionId: '9', nodeContext });
		expect(retry.map((item) => item.json.client_transaction_id)).toEqual(
			first.map((item) => item.json.client_transaction_id),
		);
		expect(String(first[0].json.client_transaction_id).length).toBeLessThanOrEqual(64);
		expect(sim.control.transfers()).toHaveLength(2);
	});
});

describe('6. recovery is bounded', () => {
	test('lookups that never answer: the run ends within the check deadline, everything unknown', async () => {
		const input = receivers(40);
		await runNode(send({ addContact: true }), [input[0]], { store });
		sim.control.reset();
		store = simulatorCredentials(sim);
		await runNode({ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' }, input, {
			store,
		});
		sim.control.injectFaults({
			dropAfterNextSend: 1,
			slowEndpointNext: { endpoint: 'check', ms: 600_000, count: 1000 },
		});
		const started = Date.now();
		const output = await runNode(send({ addContact: false, timeout: 1, checkDeadline: 3 }), input, {
			store,
			continueOnFail: true,
		});
		const seconds = (Date.now() - started) / 1000;
		expect(seconds).toBeLessThan(10);
		expect(new Set(output.map(outcomeOf))).toEqual(new Set(['unknown']));
		expect(output).toHaveLength(40);
		// At most one lookup per lookup slot before CinetPay was known to be silent.
		const lookups = sim.control
			.requests()
			.filter((request) => request.path === '/v1/transfer/check/money');
		expect(lookups.length).toBeLessThanOrEqual(4);
	}, 30_000);
});

describe('7. without Continue On Fail, the error names sent and unknown transfers', () => {
	test('unknown IDs are named beside the sent ones', async () => {
		const input = withIds(receivers(4), 'named');
		// Items 2 and 3 come back with an unknown code although CinetPay created them, and lookups
		// show nothing: the node cannot tell, so they are unknown; items 0 and 1 are sent.
		sim.control.injectFaults({
			itemCodesNextSend: { count: 1, code: 727, positions: [2, 3], committed: true },
			emptyLookupNext: 100,
		});
		const error = await runNode(send(), input, { store }).catch((caught) => caught);
		expect(error).toBeInstanceOf(Error);
		expect(factsOf(error).unknownClientTransactionIds).toEqual(['named-2', 'named-3']);
		expect(factsOf(error).sentClientTransactionIds).toEqual(['named-0', 'named-1']);
		expect(error.description).toMatch(/UNKNOWN outcome.*named-2, named-3/s);
		expect(error.description).toMatch(/WERE sent.*named-0, named-1/s);
		expect(sim.control.transfers()).toHaveLength(4);
	});
});

test('Retry On Fail: a later try that stops early still names what an earlier try sent', async () => {
	// Found by the property suite: try 1 sends items 0-1 and stops at item 2 (not a contact); try 2
	// meets 805 for item 0, cannot look it up (lookups hang) and stops there. Its error must still
	// name items 0 and 1 as sent, or a re-run of the execution pays them again.
	const input = [...receivers(2), { ...receivers(1, 9000)[0], phone: '0510000007' }];
	await runNode(
		{ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' },
		input.slice(0, 2),
		{ store },
	);
	const nodeContext = {};
	const parameters = send({ addContact: false, batchSize: 1, timeout: 1, checkDeadline: 2 });
	const first = await runNode(parameters, input, { store, executionId: 'r1', nodeContext }).catch(
		(e) => e,
	);
	expect(factsOf(first).sentClientTransactionIds).toHaveLength(2);
	sim.control.injectFaults({ slowEndpointNext: { endpoint: 'check', ms: 600_000, count: 100 } });
	const second = await runNode(parameters, input, { store, executionId: 'r1', nodeContext }).catch(
		(e) => e,
	);
	expect(factsOf(second).sentClientTransactionIds).toEqual(factsOf(first).sentClientTransactionIds);
	expect(second.description).toMatch(/2 transfer\(s\) of this execution WERE sent/);
	expect(sim.control.transfers()).toHaveLength(2);
}, 30_000);

describe('8. Contact → Add matches results by receiver', () => {
	test('results in another order than sent: each item gets its own contact', async () => {
		sim.control.setVariants({ resultOrder: 'reversed' });
		const input = receivers(3);
		const output = await runNode(
			{ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' },
			input,
			{ store },
		);
		expect(output.map((item) => item.json.phone)).toEqual(input.map((row) => row.phone));
	});

	test('Transfer → Send with reversed results: each item its own transaction', async () => {
		sim.control.setVariants({ resultOrder: 'reversed' });
		const output = await runNode(send(), receivers(3), { store, continueOnFail: true });
		expectTruth(output);
		for (const item of output)
			expect(transfersOf(item.json.client_transaction_id)[0].phone).toBe(item.json.phone);
	});
});

test('credentials of another account are never used by a store that still holds the old session', async () => {
	// The same check as point 4, through the credential's own authenticate: no token for an account
	// that did not obtain it.
	const other = credentialStore({
		apiKey: DEMO_API_KEY,
		password: DEMO_PASSWORD,
		baseUrl: sim.baseUrl,
	});
	await runNode(send(), receivers(1), { store: other });
	const tokenLabel = sim.control.requests().find((request) => request.query.token)?.query.token;
	expect(tokenLabel).toMatch(/^<redacted:\d+>$/);
	other.data = { ...other.data, apiKey: 'another-key' };
	sim.control.clearRequests();
	const output = await runNode(send(), receivers(1, 5000), { store: other, continueOnFail: true });
	expect(failureOf(output[0])?.message).toMatch(/INVALID_CREDENTIALS \(701\)/);
	expect(sim.control.requests().map((request) => request.query.token)).not.toContain(tokenLabel);
});
