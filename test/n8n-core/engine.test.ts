/**
 * What n8n itself does around the CinetPay Transfer node, run on n8n-core's own engine
 * (WorkflowExecute, ExecuteContext, n8n's request helpers) against the simulator: pairedItem,
 * Continue On Fail, the error output, Retry On Fail, and the credential's preAuthentication with
 * n8n storing its result.
 */
import { DEMO_API_KEY, DEMO_PASSWORD, TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { capturedLogLines, runWorkflow, type CredentialStore } from '../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../helpers/nodeTestSetup';
import { failureOf, receivers, simulatorCredentials } from '../helpers/runNode';
import { findSecrets } from '../helpers/secrets';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ initialBalance: 1_000_000_000 }, (current) => ({ sim, store } = current));

const balance = { resource: 'balance', operation: 'get' };
const person = { name: 'Kone', surname: 'Awa', email: 'awa@example.com' };
/** Two good receivers, then a row whose phone fails validation (never sent). */
const twoGoodOneBad = () => [
	...receivers(2),
	{ ...person, prefix: '225', phone: 'abc', amount: 1000 },
];
const paths = () => sim.control.requests().map((entry) => entry.path.replace('/v1/', ''));

describe('pairedItem', () => {
	test("every result is paired with its input item, and n8n records the node's source", async () => {
		const input = receivers(12);
		const { main, task } = await runWorkflow(sendParameters({ batchSize: 5 }), input, { store });
		expect(main.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		main.forEach((item, index) => expect(item.json.phone).toBe(input[index].phone));
		expect(task?.executionStatus).toBe('success');
		expect(task?.source).toEqual([
			{ previousNode: 'Input', previousNodeOutput: 0, previousNodeRun: 0 },
		]);
	});
});

describe('Continue On Fail', () => {
	test('on: the execution succeeds with one result per item, the bad row paired with its input', async () => {
		const { main, error, task } = await runWorkflow(sendParameters(), twoGoodOneBad(), {
			store,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(task?.executionStatus).toBe('success');
		expect(main).toHaveLength(3);
		expect(main.slice(0, 2).map((item) => item.json.outcome)).toEqual(['sent', 'sent']);
		expect(failureOf(main[2])?.message).toMatch(/Invalid phone/);
		expect(main[2].pairedItem).toEqual({ item: 2 });
		expect(sim.control.transfers()).toHaveLength(2);
	});

	test('off: a bad row stops the execution before anything is sent, with the error n8n shows', async () => {
		const { main, error, task } = await runWorkflow(sendParameters(), twoGoodOneBad(), { store });
		expect(main).toEqual([]);
		expect(task?.executionStatus).toBe('error');
		expect(error?.message).toMatch(/Invalid phone/);
		expect(error?.node).toMatchObject({ name: 'CinetPay Transfer' });
		expect(sim.control.transfers()).toHaveLength(0);
	});
});

describe("the error output (On Error: 'Continue (using error output)')", () => {
	test('paid items leave by the success output, the failed ones by the error output, each paired', async () => {
		const input = [
			receivers(1)[0],
			{ ...person, prefix: '225', phone: TEST_NUMBERS.CI.notParticular.phone, amount: 1000 },
			{ ...person, prefix: '225', phone: 'abc', amount: 1000 },
		];
		const { main, errorOutput, error } = await runWorkflow(sendParameters(), input, {
			store,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(main.map((item) => [item.pairedItem, item.json.outcome])).toEqual([
			[{ item: 0 }, 'sent'],
		]);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(failureOf(errorOutput[0])?.message).toMatch(/ERROR_PHONE_NOT_PARTICULAR \(717\)/);
		expect(failureOf(errorOutput[1])?.message).toMatch(/Invalid phone/);
		expect(sim.control.transfers()).toHaveLength(1);
	});

	// n8n-core's normalizeNodeErrors replaces the json of an item carrying `INodeExecutionData.error`
	// by { error: message }: a failed item is `{ error: { message, outcome, … } }` instead, which n8n
	// routes to the error output with its facts (its ID, whether money may have moved) kept.
	test('a failed item in the error output still says which transfer it was and that nothing was sent', async () => {
		const input = [
			receivers(1)[0],
			{
				...person,
				prefix: '225',
				phone: 'abc',
				amount: 1000,
				client_transaction_id: 'bad-row-1',
			},
		];
		const { errorOutput } = await runWorkflow(sendParameters(), input, {
			store,
			onError: 'continueErrorOutput',
		});
		expect(errorOutput).toHaveLength(1);
		// n8n puts the paired input item's json in front of the node's: the row is recognisable.
		expect(errorOutput[0].json.client_transaction_id).toBe('bad-row-1');
		expect(failureOf(errorOutput[0])).toMatchObject({ outcome: 'not-sent', field: 'phone' });
	});
});

describe('Retry On Fail', () => {
	/** A balance read with Retry On Fail after a session is in place, so the 5xx answers hit the read. */
	async function balanceReadWith5xx(http5xxNext: number, maxTries: number) {
		await runWorkflow(balance, [{}], { store });
		sim.control.clearRequests();
		sim.control.injectFaults({ http5xxNext });
		return await runWorkflow(balance, [{}], { store, retryOnFail: true, maxTries });
	}

	test('n8n runs the node again after a failed try: a balance read survives three 5xx answers', async () => {
		const { main, error } = await balanceReadWith5xx(3, 3);
		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ amount: 1_000_000_000, available: 1_000_000_000 });
		// The transport tries a read 3 times; n8n's second try is the 4th request.
		expect(paths().filter((path) => path === 'transfer/check/balance')).toHaveLength(4);
	});

	test('n8n gives up after Max Tries and the execution fails with the last error', async () => {
		const { error, task } = await balanceReadWith5xx(100, 2);
		expect(task?.executionStatus).toBe('error');
		expect(error?.message).toMatch(/CinetPay answered HTTP 5\d\d/);
		expect(paths().filter((path) => path === 'transfer/check/balance')).toHaveLength(6);
	});

	test('a send with Retry On Fail and a dropped connection pays each item once', async () => {
		const input = receivers(3);
		await runWorkflow(
			{ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' },
			input,
			{ store },
		);
		sim.control.injectFaults({ dropAfterNextSend: 1 });
		const { main, error } = await runWorkflow(
			sendParameters({ addContact: false, timeout: 1 }),
			input,
			{
				store,
				executionId: 'retry-1',
				retryOnFail: true,
				maxTries: 3,
			},
		);
		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.outcome)).toEqual(['sent', 'sent', 'sent']);
		expect(sim.control.transfers()).toHaveLength(3);
	});
});

describe('preAuthentication, and n8n storing its result', () => {
	test('the first call logs in through the credential; n8n stores the session and the next execution reuses it', async () => {
		const first = await runWorkflow(balance, [{}], { store, executionId: '1' });
		expect(first.error).toBeUndefined();
		expect(store.writes).toBe(1);
		expect(store.data.sessionToken).toEqual(expect.any(String));
		expect(Number(store.data.sessionIssuedAt)).toBeGreaterThan(0);
		const token = store.data.sessionToken;

		await runWorkflow(balance, [{}], { store, executionId: '2' });
		expect(store.writes).toBe(1);
		expect(store.data.sessionToken).toBe(token);
		expect(paths()).toEqual(['auth/login', 'transfer/check/balance', 'transfer/check/balance']);
	});

	test.each(['http200', 'http401'] as const)(
		'a token CinetPay rejects (%s): one new login, stored by n8n, and the call repeated once',
		async (expiredTokenStatus) => {
			await runWorkflow(balance, [{}], { store });
			const oldToken = store.data.sessionToken;
			sim.control.setVariants({ expiredTokenStatus });
			sim.control.expireTokens();
			sim.control.clearRequests();

			const { main, error } = await runWorkflow(balance, [{}], { store });
			expect(error).toBeUndefined();
			expect(main[0].json.available).toBe(1_000_000_000);
			expect(paths()).toEqual(['transfer/check/balance', 'auth/login', 'transfer/check/balance']);
			expect(store.writes).toBe(2);
			expect(store.data.sessionToken).not.toBe(oldToken);
		},
	);

	test('a wrong password: the execution fails with CinetPay’s verdict, nothing is stored', async () => {
		store = simulatorCredentials(sim);
		store.data.password = 'wrong-password';
		const { error } = await runWorkflow(balance, [{}], { store });
		expect(error?.message).toMatch(/INVALID_CREDENTIALS \(701\)/);
		expect(store.writes).toBe(0);
		expect(store.data.sessionToken).toBe('');
	});

	test('no secret in the outputs, the errors or anything n8n logged', async () => {
		const tokens: string[] = [];
		const ok = await runWorkflow(sendParameters(), twoGoodOneBad(), {
			store,
			continueOnFail: true,
		});
		tokens.push(String(store.data.sessionToken));
		sim.control.injectFaults({ dropAfterNextSend: 1 });
		const failed = await runWorkflow(sendParameters({ timeout: 1 }), receivers(2, 7000), { store });
		const leaked = findSecrets(
			[ok.main, ok.run, failed.error, failed.run, capturedLogLines],
			[DEMO_API_KEY, DEMO_PASSWORD, ...tokens],
		);
		expect(capturedLogLines.length).toBeGreaterThan(0);
		expect(leaked).toEqual([]);
	});
});
