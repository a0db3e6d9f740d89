/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only test, never published: it waits on the simulator while the node runs */
/**
 * The money defects of the two copies the payout protocol replaced, one test each, as users meet
 * them: Transfer → Send on n8n-core against the simulators over HTTP, the simulators' ledgers as
 * the truth. Each failed on the two-copy code (7ce042c).
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunningSimulator } from '../../simulator';
import type { CredentialStore } from '../helpers/n8nCore';
import { runWorkflow } from '../helpers/n8nCore';
import {
	sendCalls2026,
	sendOn2026,
	simulator2026PerFile,
	succeedingItems2026,
} from '../helpers/node2026';
import { sendParameters, simulatorForNodeTests } from '../helpers/nodeTestSetup';
import { failureOf, outcomeOf, receivers, runNode } from '../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;
simulatorForNodeTests({ initialBalance: 1_000_000 }, (current) => ({ sim, store } = current));

const env = simulator2026PerFile({ variants: { latencyMs: 5 } });
const send2026 = sendOn2026;
const items2026 = succeedingItems2026;
const sends2026 = () => sendCalls2026(env);

describe('defect 1 (v1): a refusal after a lost send of the same run', () => {
	test('the first send commits late, the lookup finds nothing yet, the resend is refused (602): unknown, and the first send lands', async () => {
		// The first send is processed 3 s after it arrives; the node gives up after 1 s.
		sim.control.injectFaults({ lateCommitNextSend: { ms: 3000, count: 1 } });
		sim.control.setBalance(0); // the resend, processed at once, is refused: 602
		const run = runNode(sendParameters({ timeout: 1 }), receivers(1, 5000), {
			store,
			continueOnFail: true,
		});
		// Once the resend is answered, money comes in before the first send is processed.
		const sendsAnswered = () =>
			sim.control.requests().filter((r) => r.path === '/v1/transfer/money/send/contact').length;
		while (sendsAnswered() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		sim.control.setBalance(1_000_000);
		const [item] = await run;
		await sim.control.waitForApiIdle();
		const id = failureOf(item)?.client_transaction_id;
		const held = sim.control.transfers().filter((t) => t.clientTransactionId === id);
		expect(held).toHaveLength(1); // the late first send landed
		expect(outcomeOf(item)).toBe('unknown'); // was: not-sent, an invitation to pay again
	});
});

describe('defect 5 (2026): a circuit breaker when CinetPay stops answering', () => {
	test('16 transfers, every answer lost: at most Sends In Flight + 3 sends, the rest not sent', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 100 });
		const run = await runWorkflow(send2026({ sendsInFlight: 4, timeout: 2 }), items2026(16), {
			store: env.store,
			onError: 'continueErrorOutput',
		});
		await env.sim.control.waitForApiIdle();
		expect(sends2026().length).toBeLessThanOrEqual(4 + 3); // was: 16
		const outcomes = run.errorOutput.map(outcomeOf);
		expect(outcomes).toHaveLength(16);
		const notSent = run.errorOutput.filter((item) => outcomeOf(item) === 'not-sent');
		expect(notSent.length).toBeGreaterThanOrEqual(16 - 7);
		for (const item of notSent) {
			expect(failureOf(item)?.message).toMatch(/Not sent: CinetPay left 3 send calls in a row/);
			const id = String(failureOf(item)?.client_transaction_id);
			expect(env.sim.control.transfersByMerchantId('CI', id)).toHaveLength(0);
		}
	});
});

describe('defect 6: amounts read only where they cannot be misread', () => {
	const rows = [
		{ amount: '750.000', paid: null },
		{ amount: '1,5', paid: null },
		{ amount: '1e3', paid: null },
		{ amount: '0x3E8', paid: null },
		{ amount: -500, paid: null },
		{ amount: 1000.5, paid: null },
		{ amount: '1 000', paid: 1000 },
		{ amount: '2\u202f500', paid: 2500 },
		{ amount: 1_500_001, paid: null }, // above the Maximum Amount
	];

	test.each(['v1', '2026'])(
		'%s: ambiguous amounts refused before any call, naming the value',
		async (platform) => {
			const input = rows.map((row, i) =>
				platform === 'v1'
					? { ...receivers(1)[0], amount: row.amount, client_transaction_id: `AMT-${i}` }
					: { ...items2026(1)[0], amount: row.amount, client_transaction_id: `AMT-${i}` },
			);
			const run =
				platform === 'v1'
					? await runWorkflow(sendParameters(), input, { store, onError: 'continueErrorOutput' })
					: await runWorkflow(send2026(), input, {
							store: env.store,
							onError: 'continueErrorOutput',
						});
			const byItem = [...run.main, ...run.errorOutput].sort(
				(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
			);
			rows.forEach((row, i) => {
				if (row.paid === null) {
					expect(failureOf(byItem[i])).toMatchObject({ field: 'amount', outcome: 'not-sent' });
					if (typeof row.amount === 'string')
						expect(String(failureOf(byItem[i])?.message)).toContain(row.amount);
				} else {
					expect(byItem[i].json).toMatchObject({ outcome: 'sent', amount: row.paid });
				}
			});
			const sentAmounts =
				platform === 'v1'
					? sim.control.transfers().map((t) => t.amount)
					: env.sim.control.transfers().map((t) => t.amount);
			expect(sentAmounts.sort()).toEqual([1000, 2500]);
		},
	);
});

describe('defect 10 (2026): the Retry On Fail memory is written before a call leaves', () => {
	test('when the first send reaches CinetPay, the node context already names it', async () => {
		env.sim.control.setVariants({ latencyMs: 400 });
		const nodeContext: IDataObject = {};
		const run = runWorkflow(send2026({ sendsInFlight: 1 }), items2026(1), {
			store: env.store,
			nodeContext,
			onError: 'continueErrorOutput',
		});
		while (sends2026().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		const seenWhileInFlight = structuredClone(nodeContext);
		await run;
		expect(seenWhileInFlight).toMatchObject({ attemptedUpTo: { 0: 0 } });
	});
});

describe('Retry On Fail on 2026: nothing an earlier try put on the wire is sent again', () => {
	test('a try that died after its first send left (no outcome recorded): that item is unknown, not resent', async () => {
		// What the memory holds when a try dies mid-call: its key, and item 0 on the wire.
		const nodeContext: IDataObject = {
			clientTransactionIdKey: 'Crashed0Try1',
			attemptedUpTo: { 0: 0 },
		};
		const run = await runWorkflow(send2026(), items2026(2), {
			store: env.store,
			nodeContext,
			onError: 'continueErrorOutput',
		});
		await env.sim.control.waitForApiIdle();
		const sentIds = sends2026().map((e) => String((e.body as IDataObject).merchant_transaction_id));
		expect(sentIds).toEqual(['n8nCrashed0Try1-0-1']); // was: item 0 sent again
		expect(run.main.map(outcomeOf)).toEqual(['sent']);
		expect(failureOf(run.errorOutput[0])).toMatchObject({
			outcome: 'unknown',
			client_transaction_id: 'n8nCrashed0Try1-0-0',
		});
	});
});
