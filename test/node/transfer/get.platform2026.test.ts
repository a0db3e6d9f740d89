/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only test, never published: it settles a transfer in the simulator while the node waits */
/**
 * Transfer → Get on the 2026 platform, on n8n-core against the 2026 simulator over real HTTP: by
 * CinetPay's transaction ID in v1's output shape, waiting for a final status, not found and
 * another country's transfer per item, the merchant's ID only where a lookup exists, no lot.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../../helpers/n8nCore';
import {
	credential2026,
	on2026,
	secretsIn,
	shownProperties,
	simulator2026PerFile,
	TEST_NUMBERS_2026,
} from '../../helpers/node2026';
import { failureOf, runNode } from '../../helpers/runNode';

const env = simulator2026PerFile();
const get = (rest: IDataObject = {}) =>
	on2026('transfer', 'get', {
		searchBy: 'transactionId',
		transactionId: '={{ $json.id }}',
		...rest,
	});

/** Sends one CI transfer through the node; its output item. */
async function sendOne(outcome: 'succeeds' | 'fails' | 'pending' = 'succeeds', id?: string) {
	const phone = TEST_NUMBERS_2026.CI[outcome].phone.replace('+225', '');
	const [item] = await runNode(
		on2026('transfer', 'send', { dataMode: 'autoMapInputData', paymentMethod: 'OM_CI' }),
		[{ prefix: '225', phone, amount: 1500, ...(id && { client_transaction_id: id }) }],
		{ store: env.store, executionId: `send-${Math.random()}` },
	);
	expect(item.json.outcome).toBe('sent');
	return item.json;
}

test("by transaction ID: v1's shape — status in v1's names, CinetPay's code and status beside", async () => {
	const sent = await sendOne();
	env.sim.control.settle(String(sent.transaction_id), 'SUCCESS');
	const [item, ...more] = await runNode(get(), [{ id: sent.transaction_id }], { store: env.store });
	expect(more).toEqual([]);
	expect(item.json).toMatchObject({
		transaction_id: sent.transaction_id,
		client_transaction_id: sent.client_transaction_id,
		merchant_transaction_id: sent.client_transaction_id,
		status: 'VAL',
		treatment_status: 'VAL',
		final: true,
		cinetpay_code: '100',
		cinetpay_status: 'SUCCESS',
		amount: 1500,
		platform: '2026',
	});
	expect(item.json).toHaveProperty('fee');
});

test('Wait for Final Status asks again until the transfer is final', async () => {
	const sent = await sendOne('pending');
	const id = String(sent.transaction_id);
	// Settled only once the node has asked once (not after a fixed time: a loaded machine may be
	// slower to ask than any delay).
	const asked = () =>
		env.sim.control.requests().some((e) => e.method === 'GET' && e.path.endsWith(id));
	void (async () => {
		while (!asked()) await new Promise((resolve) => setTimeout(resolve, 20));
		env.sim.control.settle(id, 'FAILED');
	})();
	const [item] = await runNode(
		get({ options: { waitForFinalStatus: true, pollInterval: 1, waitTimeout: 10 } }),
		[{ id }],
		{ store: env.store },
	);
	expect(item.json).toMatchObject({
		treatment_status: 'REJ',
		cinetpay_status: 'FAILED',
		final: true,
	});
	const lookups = env.sim.control.requests().filter((e) => e.path === `/v1/transfer/${id}`);
	expect(lookups.length).toBeGreaterThanOrEqual(2);
});

/** Transfer → Get waiting for a final status, asking every second, for `waitTimeout` seconds. */
const waitingGet = (waitTimeout: number) =>
	get({ options: { waitForFinalStatus: true, pollInterval: 1, waitTimeout } });
const lookupsOf = (id: string) =>
	env.sim.control.requests().filter((e) => e.path === `/v1/transfer/${id}`).length;

/** A CI transfer sent through the node, then EXPIRED; its transaction ID. */
async function expiredTransfer(): Promise<string> {
	const id = String((await sendOne('pending')).transaction_id);
	env.sim.control.settle(id, 'EXPIRED');
	return id;
}

test("EXPIRED (2003) is not final: shown as REC with CinetPay's status beside, and Wait for Final Status keeps waiting", async () => {
	const id = await expiredTransfer();
	const [now] = await runNode(get(), [{ id }], { store: env.store });
	expect(now.json).toMatchObject({
		treatment_status: 'REC',
		final: false,
		cinetpay_code: '2003',
		cinetpay_status: 'EXPIRED',
	});
	setTimeout(() => env.sim.control.settle(id, 'SUCCESS'), 300);
	const [item] = await runNode(waitingGet(10), [{ id }], { store: env.store });
	expect(item.json).toMatchObject({ treatment_status: 'VAL', cinetpay_status: 'SUCCESS' });
	expect(lookupsOf(id)).toBeGreaterThanOrEqual(3);
});

test('a transfer still EXPIRED when the wait ends is "not final", naming EXPIRED', async () => {
	const id = await expiredTransfer();
	const run = await runWorkflow(waitingGet(1), [{ id }], {
		store: env.store,
		onError: 'continueErrorOutput',
	});
	expect(run.main).toEqual([]);
	expect(failureOf(run.errorOutput[0])).toMatchObject({
		message: `Not final after 1 s: ${id}: REC (EXPIRED)`,
	});
});

test("per item: an unknown ID (404) and another country's transfer (422) fail on the error output; the rest succeed", async () => {
	const ours = await sendOne();
	const snStore = credential2026(env.sim, 'SN');
	const [snSent] = await runNode(
		on2026('transfer', 'send', { dataMode: 'autoMapInputData', paymentMethod: 'OM_SN' }),
		[
			{
				prefix: '221',
				phone: TEST_NUMBERS_2026.SN.succeeds.phone.replace('+221', ''),
				amount: 1500,
			},
		],
		{ store: snStore, executionId: 'sn-send' },
	);
	const run = await runWorkflow(
		get(),
		[
			{ id: ours.transaction_id },
			{ id: '00000000-0000-4000-8000-000000000000' },
			{ id: snSent.json.transaction_id },
		],
		{ store: env.store, onError: 'continueErrorOutput' },
	);
	expect(run.main.map((item) => item.json.transaction_id)).toEqual([ours.transaction_id]);
	expect(run.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
	const [unknown, otherCountry] = run.errorOutput.map(failureOf);
	expect(unknown).toMatchObject({ code: '404', message: expect.stringMatching(/NOT_FOUND/) });
	expect(String(unknown?.description)).toMatch(/country/);
	expect(otherCountry?.code).toBe('422');
	expect(secretsIn(run, env.store)).toEqual([]);
});

test("by client transaction ID: a clear per-item error — the 2026 platform cannot (MERCHANT_LOOKUP_2026 is 'none')", async () => {
	const sent = await sendOne('succeeds', 'INV-2026-7');
	env.sim.control.setVariants({ merchantLookup: 'query' });
	const run = await runWorkflow(
		get({ searchBy: 'clientTransactionId', clientTransactionId: '={{ $json.id }}' }),
		[{ id: sent.client_transaction_id }],
		{ store: env.store, onError: 'continueErrorOutput' },
	);
	expect(run.main).toEqual([]);
	expect(failureOf(run.errorOutput[0])?.message).toMatch(
		/Cannot look up "INV-2026-7".*2026 platform/,
	);
	expect(String(failureOf(run.errorOutput[0])?.description)).toMatch(/Transaction ID/);
	const lookups = env.sim.control.requests().filter((e) => e.method === 'GET');
	expect(lookups).toEqual([]);
});

test('a missing ID fails that item before any call', async () => {
	const run = await runWorkflow(get(), [{ id: '' }], {
		store: env.store,
		onError: 'continueErrorOutput',
	});
	expect(failureOf(run.errorOutput[0])).toMatchObject({ field: 'transactionId' });
	expect(env.sim.control.requests()).toEqual([]);
});

describe('what the editor shows', () => {
	const searchByOptions = (values: INodeParameters) => {
		const shown = shownProperties(values).filter((property) => property.name === 'searchBy');
		expect(shown).toHaveLength(1);
		return (shown[0].options as Array<{ value: string }>).map((option) => option.value);
	};

	test('lot is v1 only', () => {
		expect(searchByOptions({ platform: '2026', resource: 'transfer', operation: 'get' })).toEqual([
			'clientTransactionId',
			'transactionId',
		]);
		expect(searchByOptions({ resource: 'transfer', operation: 'get' })).toContain('lot');
	});
});
