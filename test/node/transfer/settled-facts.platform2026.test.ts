/**
 * Send and Get on the 2026 platform once a [guess] of facts.ts is settled — the one-line edits the
 * sandbox probe (npm run probe:2026) implies — on n8n-core against the 2026 simulator answering
 * the same way. A lookup by merchant ID turns a lost answer into a checked one and lets Get search
 * by your own ID; a duplicate guard makes a resend with the same ID safe. Each case is judged by
 * what the node outputs and by what CinetPay (the simulator) holds: never two transfers for one ID.
 */
import type { IDataObject } from 'n8n-workflow';

import { facts2026Override } from '../../helpers/facts2026Override';
import { runWorkflow } from '../../helpers/n8nCore';
import { on2026, secretsIn, simulator2026PerFile, TEST_NUMBERS_2026 } from '../../helpers/node2026';
import { failureOf, outcomeOf, runNode } from '../../helpers/runNode';


const env = simulator2026PerFile();
afterEach(() => {
	facts2026Override.merchantLookup = undefined;
	facts2026Override.duplicateGuard = undefined;
});

const ID = 'INV-2026-SETTLED-1';
const item: IDataObject = {
	prefix: '225',
	phone: TEST_NUMBERS_2026.CI.succeeds.phone.replace('+225', ''),
	amount: 1500,
	client_transaction_id: ID,
};
const send = on2026('transfer', 'send', {
	dataMode: 'autoMapInputData',
	paymentMethod: 'OM_CI',
	options: { timeout: 5 },
});
// Each run its own execution, as in n8n: runs that shared one would be tries of one execution.
let executions = 0;
const sendRun = (label = 'settled') =>
	runWorkflow(send, [item], {
		store: env.store,
		executionId: `${label}-${++executions}`,
		onError: 'continueErrorOutput',
	});
const sends = () =>
	env.sim.control.requests().filter((e) => e.method === 'POST' && e.path === '/v1/transfer');
const held = () => env.sim.control.transfersByMerchantId('CI', ID);

describe.each(['query', 'path'] as const)('MERCHANT_LOOKUP_2026 = %s', (lookup) => {
	beforeEach(() => {
		facts2026Override.merchantLookup = lookup;
		env.sim.control.setVariants({ merchantLookup: lookup });
	});

	test('an answer lost after CinetPay committed: looked up by merchant ID, reported sent, not sent again', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const run = await sendRun();
		expect(run.errorOutput).toEqual([]);
		expect(run.main.map(outcomeOf)).toEqual(['sent']);
		expect(run.main[0].json).toMatchObject({
			transaction_id: held()[0].transactionId,
			client_transaction_id: ID,
			amount: 1500,
		});
		expect(sends()).toHaveLength(1);
		expect(held()).toHaveLength(1);
		expect(secretsIn(run, env.store)).toEqual([]);
	});

	test('an answer lost before CinetPay processed it: the lookup finds nothing, unknown (no guard known: never resent)', async () => {
		env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		const run = await sendRun();
		expect(failureOf(run.errorOutput[0])).toMatchObject({
			outcome: 'unknown',
			client_transaction_id: ID,
		});
		expect(sends()).toHaveLength(1);
		expect(held()).toHaveLength(0);
	});

	test('a run again with the same own IDs reports the earlier transfer, and CinetPay holds one', async () => {
		const [first] = (await sendRun('first')).main;
		const run = await sendRun('again');
		expect(run.main.map(outcomeOf)).toEqual(['sent']);
		expect(run.main[0].json.transaction_id).toBe(first.json.transaction_id);
		expect(held()).toHaveLength(1);
	});

	test('Get by client transaction ID finds the transfer', async () => {
		const [sent] = (await sendRun()).main;
		env.sim.control.settle(String(sent.json.transaction_id), 'SUCCESS');
		const [found, ...more] = await runNode(
			on2026('transfer', 'get', { searchBy: 'clientTransactionId', clientTransactionId: ID }),
			[{}],
			{ store: env.store },
		);
		expect(more).toEqual([]);
		expect(found.json).toMatchObject({
			transaction_id: sent.json.transaction_id,
			client_transaction_id: ID,
			status: 'VAL',
			cinetpay_status: 'SUCCESS',
		});
		const asked = env.sim.control.requests().filter((e) => e.method === 'GET');
		expect(asked.map((e) => e.path)).toEqual([
			lookup === 'query' ? '/v1/transfer' : `/v1/transfer/merchant/${ID}`,
		]);
	});

	test('Get by client transaction ID of a transfer CinetPay does not have: not found, on the error output', async () => {
		const run = await runWorkflow(
			on2026('transfer', 'get', {
				searchBy: 'clientTransactionId',
				clientTransactionId: 'NEVER-SENT-1',
			}),
			[{}],
			{ store: env.store, onError: 'continueErrorOutput' },
		);
		expect(run.main).toEqual([]);
		expect(String(failureOf(run.errorOutput[0])?.message)).toMatch(/NEVER-SENT-1/);
	});
});

describe.each([
	['refused', 'refuse1200', 'unknown'],
	['returnsExisting', 'returnExisting', 'sent'],
] as const)(
	'DUPLICATE_GUARD_2026 = %s (no lookup by merchant ID)',
	(guard, duplicateMerchantId, afterCommit) => {
		beforeEach(() => {
			facts2026Override.duplicateGuard = guard;
			env.sim.control.setVariants({ duplicateMerchantId });
		});

		test('an answer lost before CinetPay processed it: sent again with the same ID, reported sent', async () => {
			env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
			const run = await sendRun();
			expect(run.main.map(outcomeOf)).toEqual(['sent']);
			expect(run.main[0].json.transaction_id).toBe(held()[0].transactionId);
			expect(sends().map((e) => (e.body as IDataObject).merchant_transaction_id)).toEqual([ID, ID]);
			expect(held()).toHaveLength(1);
		});

		test(`an answer lost after CinetPay committed: sent again with the same ID, ${afterCommit}; one transfer`, async () => {
			env.sim.control.injectFaults({ dropAfterNextSend: 1 });
			const run = await sendRun();
			expect(sends()).toHaveLength(2);
			expect(held()).toHaveLength(1);
			if (afterCommit === 'sent') {
				expect(run.main.map(outcomeOf)).toEqual(['sent']);
				expect(run.main[0].json.transaction_id).toBe(held()[0].transactionId);
			} else {
				// 1200 says the first send landed, but without a lookup its ID and status are unknown.
				expect(run.main).toEqual([]);
				expect(failureOf(run.errorOutput[0])).toMatchObject({
					outcome: 'unknown',
					client_transaction_id: ID,
				});
			}
		});
	},
);
