/**
 * The payout protocol (payout/protocol.ts) with the 2026 platform's strategy (payout/platform2026/strategy.ts),
 * run as users meet it — Transfer → Send on n8n-core — against the 2026 simulator over HTTP: bounded
 * sends, clear answers, and what a lost answer leads to under each [guess] answer to a reused
 * merchant ID (facts.ts switched per test with facts2026Override, set up for every test file).
 */
import type { IDataObject } from 'n8n-workflow';

import { facts2026Override } from '../helpers/facts2026Override';
import { runWorkflow } from '../helpers/n8nCore';
import {
	sendCalls2026,
	sendOn2026,
	simulator2026PerFile,
	succeedingItems2026,
} from '../helpers/node2026';
import { failureOf, outcomeOf } from '../helpers/runNode';

const env = simulator2026PerFile({ variants: { latencyMs: 5 } });
const send = sendOn2026;
const items = succeedingItems2026;
const sends = () => sendCalls2026(env).length;
const ledgerOf = (id: string) => env.sim.control.transfersByMerchantId('CI', id);

async function pay(input: IDataObject[], options: IDataObject = {}) {
	const run = await runWorkflow(send(options), input, {
		store: env.store,
		onError: 'continueErrorOutput',
	});
	await env.sim.control.waitForApiIdle();
	const outcomes: string[] = [];
	const byItem = [...run.main, ...run.errorOutput].sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);
	for (const item of byItem) outcomes.push(String(outcomeOf(item)));
	return { run, outcomes, byItem };
}

beforeEach(() => {
	facts2026Override.merchantLookup = undefined;
	facts2026Override.duplicateGuard = undefined;
});

describe('clear answers', () => {
	test('12 transfers, at most 4 in flight by default, each sent once', async () => {
		env.sim.control.setVariants({ latencyMs: 40 });
		const { outcomes } = await pay(items(12));
		expect(outcomes).toEqual(Array(12).fill('sent'));
		expect(env.sim.control.stats().maxInFlight).toBeLessThanOrEqual(5); // 4 sends + the login's tail
		expect(sends()).toBe(12);
	});

	test('Sends In Flight bounds the calls under way', async () => {
		env.sim.control.setVariants({ latencyMs: 30 });
		await pay(items(8), { sendsInFlight: 1 });
		expect(env.sim.control.stats().maxInFlight).toBe(1);
	});
});

describe('a lost answer', () => {
	test('with what is known today (no lookup, guard unknown): unknown, never resent, under each variant', async () => {
		for (const variant of ['refuse1200', 'acceptNew', 'returnExisting'] as const) {
			env.sim.control.reset();
			env.store.data = { ...env.store.data, sessionToken: '', sessionAccount: '' };
			env.sim.control.setVariants({ duplicateMerchantId: variant });
			env.sim.control.injectFaults({ dropAfterNextSend: 1 });
			const { outcomes, byItem } = await pay(items(1));
			expect(outcomes).toEqual(['unknown']);
			expect(sends()).toBe(1);
			const id = String(failureOf(byItem[0])?.client_transaction_id);
			expect(ledgerOf(id)).toHaveLength(1);
			expect(String(failureOf(byItem[0])?.description)).toMatch(/dashboard/);
		}
	});

	test('guard refused (1200): a send lost before commit is resent and sent', async () => {
		facts2026Override.duplicateGuard = 'refused';
		env.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		const { outcomes, byItem } = await pay(items(1));
		expect(outcomes).toEqual(['sent']);
		expect(byItem[0].json).toMatchObject({ recovered: true });
		expect(ledgerOf(String(byItem[0].json.client_transaction_id))).toHaveLength(1);
	});

	test('guard refused (1200): a send lost after commit is resent, refused, and unknown', async () => {
		facts2026Override.duplicateGuard = 'refused';
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const { outcomes, byItem } = await pay(items(1));
		expect(outcomes).toEqual(['unknown']);
		expect(sends()).toBe(2);
		expect(ledgerOf(String(failureOf(byItem[0])?.client_transaction_id))).toHaveLength(1);
	});

	test('guard returnsExisting: the resend recovers the transfer, its ID and status', async () => {
		facts2026Override.duplicateGuard = 'returnsExisting';
		env.sim.control.setVariants({ duplicateMerchantId: 'returnExisting' });
		env.sim.control.injectFaults({
			serverErrorNextSend: { count: 1, status: 502, body: 'html', committed: true },
		});
		const { outcomes, byItem } = await pay(items(1));
		expect(outcomes).toEqual(['sent']);
		const ledger = ledgerOf(String(byItem[0].json.client_transaction_id));
		expect(ledger).toHaveLength(1);
		expect(byItem[0].json).toMatchObject({
			recovered: true,
			transaction_id: ledger[0].transactionId,
		});
	});

	test('with a lookup by merchant ID: found after a late commit, not resent', async () => {
		facts2026Override.merchantLookup = 'path';
		env.sim.control.setVariants({ merchantLookup: 'path', duplicateMerchantId: 'acceptNew' });
		env.sim.control.injectFaults({ lateCommitNextSend: { ms: 250, count: 1 } });
		const { outcomes, byItem } = await pay(items(1), { timeout: 0.4 });
		// The late commit lands before the lookup: found, and one transfer even under acceptNew.
		expect(outcomes).toEqual(['sent']);
		expect(sends()).toBe(1);
		expect(ledgerOf(String(byItem[0].json.client_transaction_id))).toHaveLength(1);
	});
});

describe('a merchant ID used before (1200)', () => {
	test('without a lookup: unknown (the earlier transfer may be this item’s), never "not sent"', async () => {
		const own = items(1, { client_transaction_id: 'INV-used-1' });
		await pay(own);
		env.sim.control.clearRequests();
		const { outcomes } = await pay(own);
		expect(outcomes).toEqual(['unknown']);
		expect(ledgerOf('INV-used-1')).toHaveLength(1);
	});

	test('with a lookup: the same transfer is sent (duplicate); another one is unknown', async () => {
		facts2026Override.merchantLookup = 'query';
		env.sim.control.setVariants({ merchantLookup: 'query' });
		await pay([{ ...items(1)[0], client_transaction_id: 'INV-same' }]);
		await pay([{ ...items(1)[0], amount: 7777, client_transaction_id: 'INV-other' }]);
		const { outcomes, byItem } = await pay([
			{ ...items(1)[0], client_transaction_id: 'INV-same' },
			{ ...items(1)[0], client_transaction_id: 'INV-other' },
		]);
		expect(outcomes).toEqual(['sent', 'unknown']);
		expect(byItem[0].json).toMatchObject({ duplicate: true });
		expect(failureOf(byItem[1])?.message).toMatch(/belongs to another transfer/);
	});
});
