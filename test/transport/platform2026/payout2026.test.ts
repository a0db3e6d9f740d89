/**
 * The 2026 send protocol (platform2026/payout2026.ts) against the 2026 simulator: bounded sends, clear answers,
 * and what a lost answer leads to under each [guess] answer to a reused merchant ID.
 */
import { factsOf } from '../../../nodes/CinetPay/transport/errors';
import {
	payTransfers2026,
	type Payout2026Options,
	type Payout2026Request,
} from '../../../nodes/CinetPay/transport/platform2026';

import { payload2026, useSimulator2026 } from '../simulators';

const bed = useSimulator2026();

function requests(
	n: number,
	over: Partial<Payout2026Request['payload']> = {},
): Payout2026Request[] {
	return Array.from({ length: n }, (_, itemIndex) => ({
		itemIndex,
		payload: payload2026({ amount: 1000 + itemIndex, reason: 'payout', ...over }, 'P'),
	}));
}

async function pay(list: Payout2026Request[], options: Payout2026Options = {}) {
	const results = await payTransfers2026(bed.context(), list, options);
	await bed.sim.control.waitForApiIdle();
	return results;
}

const sends = () =>
	bed.sim.control.requests().filter((e) => e.method === 'POST' && e.path === '/v1/transfer').length;
const transfersOf = (r: Payout2026Request) =>
	bed.sim.control.transfersByMerchantId('CI', r.payload.merchant_transaction_id);

describe('clear answers', () => {
	test('12 transfers, at most 4 in flight, each sent once with v1-shaped output', async () => {
		bed.sim.control.setVariants({ latencyMs: 40 });
		const list = requests(12);
		const results = await pay(list);
		expect(results.map((r) => r.outcome)).toEqual(Array(12).fill('sent'));
		expect(bed.sim.control.stats().maxInFlight).toBeLessThanOrEqual(5); // 4 sends + the login's tail
		expect(sends()).toBe(12);
		const first = results[0];
		if (first.outcome !== 'sent') throw new Error('not sent');
		expect(first.json).toMatchObject({
			outcome: 'sent',
			transaction_id: transfersOf(list[0])[0].transactionId,
			client_transaction_id: list[0].payload.merchant_transaction_id,
			status: 'NEW',
			cinetpay_code: '2001',
			amount: 1000,
			fee: 10,
			currency: 'XOF',
		});
	});

	test('the in-flight bound is an option', async () => {
		bed.sim.control.setVariants({ latencyMs: 30 });
		await pay(requests(8), { inFlight: 1 });
		expect(bed.sim.control.stats().maxInFlight).toBe(1);
	});

	test('refusals are not sent: a bad ID (no call), a bad payment method (400), insufficient balance (2005)', async () => {
		const [badId] = requests(1, { merchant_transaction_id: 'x'.repeat(31) });
		const [badMethod] = requests(1, { payment_method: 'WAVE_SN' });
		const [tooMuch] = requests(1, { amount: 9_000_000 });
		const results = await pay([badId, badMethod, tooMuch]);
		expect(results.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent', 'not-sent']);
		expect(sends()).toBe(2);
		expect(bed.sim.control.transfers()).toHaveLength(0);
		if (results[1].outcome !== 'not-sent' || results[2].outcome !== 'not-sent') throw new Error();
		expect(results[1].error.message).toMatch(/INVALID_PARAMS \(400\)/);
		expect(results[2].error.message).toMatch(/INSUFFICIENT_BALANCE \(2005\)/);
	});
});

describe('a lost answer', () => {
	test('with what is known today (no lookup, guard unknown): unknown, never resent', async () => {
		for (const variant of ['refuse1200', 'acceptNew', 'returnExisting'] as const) {
			bed.sim.control.reset();
			bed.store.data = { ...bed.store.data, sessionToken: '', sessionAccount: '' };
			bed.sim.control.setVariants({ duplicateMerchantId: variant });
			bed.sim.control.injectFaults({ dropAfterNextSend: 1 });
			const [item] = requests(1);
			const [result] = await pay([item]);
			expect(result.outcome).toBe('unknown');
			expect(sends()).toBe(1);
			expect(transfersOf(item)).toHaveLength(1);
			if (result.outcome !== 'unknown') throw new Error();
			expect(factsOf(result.error)).toMatchObject({
				outcome: 'unknown',
				clientTransactionId: item.payload.merchant_transaction_id,
			});
			expect(result.error.description).toMatch(/dashboard/);
		}
	});

	test('guard refused (1200): a send lost before commit is resent and sent', async () => {
		bed.sim.control.injectFaults({ dropBeforeNextSend: 1 });
		const [item] = requests(1);
		const [result] = await pay([item], { duplicateGuard: 'refused' });
		expect(result).toMatchObject({ outcome: 'sent', json: { recovered: true } });
		expect(transfersOf(item)).toHaveLength(1);
	});

	test('guard refused (1200): a send lost after commit is resent, refused, and unknown', async () => {
		bed.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const [item] = requests(1);
		const [result] = await pay([item], { duplicateGuard: 'refused' });
		expect(result.outcome).toBe('unknown');
		expect(sends()).toBe(2);
		expect(transfersOf(item)).toHaveLength(1);
	});

	test('guard returnsExisting: the resend recovers the transfer, its ID and status', async () => {
		bed.sim.control.setVariants({ duplicateMerchantId: 'returnExisting' });
		bed.sim.control.injectFaults({
			serverErrorNextSend: { count: 1, status: 502, body: 'html', committed: true },
		});
		const [item] = requests(1);
		const [result] = await pay([item], { duplicateGuard: 'returnsExisting' });
		expect(result).toMatchObject({
			outcome: 'sent',
			json: { recovered: true, transaction_id: transfersOf(item)[0].transactionId },
		});
		expect(transfersOf(item)).toHaveLength(1);
	});

	test('with a lookup by merchant ID: found after a late commit, not resent', async () => {
		bed.sim.control.setVariants({ merchantLookup: 'path', duplicateMerchantId: 'acceptNew' });
		bed.sim.control.injectFaults({ lateCommitNextSend: { ms: 250, count: 1 } });
		const [item] = requests(1);
		const [result] = await pay([item], { merchantLookup: 'path', timeoutMs: 400 });
		// The late commit lands before the lookup: found, and one transfer even under acceptNew.
		expect(result.outcome).toBe('sent');
		expect(transfersOf(item)).toHaveLength(1);
	});
});

describe('a merchant ID used before (1200)', () => {
	async function earlier(item: Payout2026Request, amount = item.payload.amount) {
		await pay([{ ...item, payload: { ...item.payload, amount } }]);
		bed.sim.control.clearRequests();
	}

	test('without a lookup: unknown (the earlier transfer may be this item’s), never "not sent"', async () => {
		const [item] = requests(1);
		await earlier(item);
		const [result] = await pay([item]);
		expect(result.outcome).toBe('unknown');
		expect(transfersOf(item)).toHaveLength(1);
	});

	test('with a lookup: the same transfer is sent (duplicate); another one is unknown', async () => {
		bed.sim.control.setVariants({ merchantLookup: 'query' });
		const [same, other] = requests(2);
		await earlier(same);
		await earlier(other, 7777);
		const results = await pay([same, other], { merchantLookup: 'query' });
		expect(results[0]).toMatchObject({ outcome: 'sent', json: { duplicate: true } });
		expect(results[1].outcome).toBe('unknown');
		if (results[1].outcome !== 'unknown') throw new Error();
		expect(results[1].error.message).toMatch(/belongs to another transfer/);
	});
});
