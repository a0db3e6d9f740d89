/* eslint-disable @n8n/community-nodes/no-restricted-globals -- e2e test: drives a real n8n and the simulator on 127.0.0.1, never published */
/**
 * The three examples/*.json workflows, imported as they are (node types mapped to CUSTOM.*, the
 * credential placeholder pointed at a real credential), run in a real n8n against the simulator:
 *
 * - Manual-trigger workflows (bulk payout, reconcile) run the way the editor's "Execute workflow"
 *   button runs them: POST /rest/workflows/{id}/run with the session cookie and
 *   `triggerToStartFrom: { name: <the Manual Trigger> }` (2.41.1: ManualRunDto, the stored
 *   workflow; 1.123: the body's `workflowData`; both are sent). The execution is then read through
 *   the public API with includeData. No node of the examples is swapped.
 * - The notifications workflow is activated; the bulk payout's Notify URL is set to that trigger's
 *   production URL (/webhook/<webhookId>/webhook), so the simulator notifies the real trigger.
 *
 * Runs on n8n 2.41.1 and then on 1.123.81 (E2E_COMPAT=0 drops the 1.123 pass; E2E_N8N=1 runs
 * 1.123 only). The simulator moves transfers only when told (stepMs 0), so every step is awaited.
 */
import { startSimulator } from '../../simulator';
import type { RunningSimulator } from '../../simulator';
import { compatTargets } from '../global-setup';
import { sleep, type Execution, type N8nInstance } from '../n8n';
import type { N8nTarget } from '../runtime';
import {
	CREDENTIAL_TYPE,
	createExample,
	describeExecution,
	EXAMPLES,
	node,
	nodeOutput,
	wiredExample,
} from './examples';
import {
	chain,
	demoCredentialData,
	eventually,
	MANUAL_TRIGGER,
	manualTriggerNode,
	payDirectly,
	postForm,
	receiversNode,
	sendNode,
	startN8nWithOwner,
} from './support';

const TARGETS: N8nTarget[] = compatTargets();

const TRIGGER = 'CinetPay status change';

/**
 * What the bulk example's CSV holds, row by row (see examples/bulk-payout-from-csv.json), and the
 * branch of "Pay each row" (On Error: Continue (using error output)) each row must leave by.
 */
const CSV_ROWS = [
	{
		id: 'payout-2026-11-0001',
		phone: '225 0700000001',
		amount: 5000,
		result: /^SENT$/,
		final: 'VAL',
	},
	{
		id: 'payout-2026-11-0002',
		phone: '225 0700000002',
		amount: 2500,
		result: /^SENT$/,
		final: 'REJ',
	},
	{
		id: 'payout-2026-11-0003',
		phone: '221 770000001',
		amount: 10000,
		result: /^SENT$/,
		final: 'VAL',
	},
	// Refused (717), but under the row's own ID, which an earlier run may have paid: check first.
	{ id: 'payout-2026-11-0004', phone: '225 0700000004', amount: 1500, result: /^CHECK FIRST: .*717/ },
	{
		id: 'payout-2026-11-0005',
		phone: '225 07000',
		amount: 3000,
		result: /^NOT SENT: Invalid phone/,
	},
];

describe.each(TARGETS)('the examples in real n8n (target %s)', (target) => {
	let n8n: N8nInstance;
	let simulator: RunningSimulator;
	let credential: { id: string; name: string };
	let triggerWorkflowId: string;
	let productionUrl: string;
	let lot: string;
	const t0 = Date.now();

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, variants: { autoConfirm: true, stepMs: 0 } });
		n8n = await startN8nWithOwner(`workflows-${target}`, { version: target });
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await simulator?.close();
		process.stderr.write(
			`[e2e] workflows (${target}): ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
		);
	});

	it('creates the credential through the public API and passes its connection test', async () => {
		const name = 'CinetPay (simulator)';
		const data = demoCredentialData(simulator.baseUrl);
		const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE, name, data);
		credential = { id, name };
		expect(await n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE, data })).toEqual(
			expect.objectContaining({ status: 'OK' }),
		);
		// 1.123 has no POST /api/v1/credentials/{id}/test: the editor's test above is its only one.
		if (target === '2')
			expect(await n8n.api.testStoredCredential(id)).toEqual(
				expect.objectContaining({ status: 'OK' }),
			);
	});

	it('activates the notifications example; its production URL answers the GET ping', async () => {
		const example = wiredExample(EXAMPLES.notifications, credential);
		const workflow = await createExample(n8n.api, example);
		triggerWorkflowId = workflow.id;
		await n8n.api.activateWorkflow(workflow.id);
		productionUrl = `${n8n.baseUrl}/webhook/${node(example, TRIGGER).webhookId}/webhook`;
		// Right after activation the route may answer 404 for a moment.
		let status = 0;
		const ok = await eventually(async () => {
			status = (await fetch(productionUrl, { signal: AbortSignal.timeout(10_000) })).status;
			return status === 200;
		}, 20_000);
		expect({ ok, status }).toEqual({ ok: true, status: 200 });
	});

	it('bulk payout: 3 rows on the success branch (SENT), 2 on the error branch (717, invalid phone), 3 transfers in CinetPay', async () => {
		const example = wiredExample(EXAMPLES.bulk, credential);
		node(example, 'Pay each row').parameters.notifyUrl = productionUrl;
		const workflow = await createExample(n8n.api, example);

		const execution = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(execution)).toMatch(/ success;/);
		const rows = nodeOutput(execution, 'Per-row result');
		const failed = nodeOutput(execution, 'Failed rows');
		process.stderr.write(
			`[e2e] bulk payout (${target}): ${JSON.stringify([...rows, ...failed].map((r) => r.result))}\n`,
		);

		// CinetPay's side first (the reconcile test below needs the lot).
		const transfers = simulator.control.transfers();
		expect(transfers).toHaveLength(3);
		const sent = rows.filter((r) => r.result === 'SENT');
		expect(sent.map((r) => r.transaction_id).sort()).toEqual(
			transfers.map((t) => t.transactionId).sort(),
		);
		// One send call: one lot, the per-row client IDs of the CSV, our trigger as notify_url.
		expect(new Set(transfers.map((t) => t.lot)).size).toBe(1);
		lot = transfers[0].lot;
		expect(sent.every((r) => r.lot === lot)).toBe(true);
		expect(transfers.map((t) => t.clientTransactionId).sort()).toEqual([
			'payout-2026-11-0001',
			'payout-2026-11-0002',
			'payout-2026-11-0003',
		]);
		expect(transfers.every((t) => t.notifyUrl === productionUrl)).toBe(true);

		const branches = [
			{ items: rows, expected: CSV_ROWS.filter((r) => r.final !== undefined) },
			{ items: failed, expected: CSV_ROWS.filter((r) => r.final === undefined) },
		];
		for (const { items, expected } of branches) {
			expect(items.map((r) => r.client_transaction_id)).toEqual(expected.map((r) => r.id));
			expected.forEach((row, index) => {
				expect(items[index]).toEqual(
					expect.objectContaining({ phone: row.phone, amount: String(row.amount) }),
				);
				expect(String(items[index].result)).toMatch(row.result);
			});
		}
		expect(failed.map((r) => r.outcome)).toEqual(['unknown', 'not-sent']);
	});

	it("reconcile (the bulk run's lot): counts and sums per status, before and after CinetPay settles", async () => {
		const example = wiredExample(EXAMPLES.reconcile, credential);
		const assignments = (
			node(example, 'Lot to reconcile').parameters.assignments as {
				assignments: Array<{ name: string; value: unknown }>;
			}
		).assignments;
		assignments.find((a) => a.name === 'lot')!.value = lot;
		const workflow = await createExample(n8n.api, example);

		const before = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(before)).toMatch(/ success;/);
		expect(nodeOutput(before, 'Count and sum per status')).toEqual([
			{ status: 'NEW', transfers: 3, amount: 17500 },
			{ status: 'TOTAL', transfers: 3, amount: 17500 },
		]);

		// autoConfirm: NEW → REC → VAL | REJ. Each step notifies the trigger; wait for delivery.
		simulator.control.advance();
		await simulator.control.waitForIdle(30_000);
		simulator.control.advance();
		await simulator.control.waitForIdle(30_000);
		expect(
			simulator.control
				.transfers()
				.map((t) => t.treatmentStatus)
				.sort(),
		).toEqual(['REJ', 'VAL', 'VAL']);

		const after = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(after)).toMatch(/ success;/);
		expect(nodeOutput(after, 'Count and sum per status')).toEqual([
			{ status: 'REJ', transfers: 1, amount: 2500 },
			{ status: 'VAL', transfers: 2, amount: 15000 },
			{ status: 'TOTAL', transfers: 3, amount: 17500 },
		]);
	});

	it("notifications: exactly one execution per transfer's final status, with the API's values, routed VAL/REJ", async () => {
		const transfers = simulator.control.transfers();
		// Every notification the simulator sent to the trigger (ping, NEW, REC, final) was answered 200.
		const toTrigger = simulator.control.notifications().filter((n) => n.url === productionUrl);
		expect(toTrigger.filter((n) => n.method === 'POST')).toHaveLength(3 * 3);
		expect(toTrigger.filter((n) => n.status !== 200)).toEqual([]);

		await n8n.api.waitForExecutions({
			workflowId: triggerWorkflowId,
			count: transfers.length,
			timeoutMs: 60_000,
		});
		// Bounded wait for a would-be extra run (NEW/REC are not selected; each final status once),
		// and for the data of each run (1.123 may list an execution before its data is saved).
		let all: Execution[] = [];
		await eventually(async () => {
			all = await n8n.api.listExecutions({ workflowId: triggerWorkflowId, includeData: true });
			return all.every((e) => nodeOutput(e, TRIGGER).length > 0);
		}, 15_000);
		await sleep(1000);
		all = await n8n.api.listExecutions({ workflowId: triggerWorkflowId, includeData: true });
		expect(all).toHaveLength(transfers.length);
		expect(all.map(describeExecution).filter((d) => !/ success;/.test(d))).toEqual([]);

		const byTransaction = new Map<string, Execution>();
		for (const execution of all) {
			const items = nodeOutput(execution, TRIGGER);
			expect(items).toHaveLength(1);
			const id = String(items[0].transaction_id);
			expect(byTransaction.has(id)).toBe(false);
			byTransaction.set(id, execution);
		}
		for (const transfer of transfers) {
			const execution = byTransaction.get(transfer.transactionId);
			expect(execution).toBeDefined();
			const [item] = nodeOutput(execution!, TRIGGER);
			expect(item).toEqual(
				expect.objectContaining({
					transaction_id: transfer.transactionId,
					client_transaction_id: transfer.clientTransactionId,
					lot: transfer.lot,
					treatment_status: transfer.treatmentStatus,
					verified: true,
					idempotency_key: `${transfer.transactionId}:${transfer.treatmentStatus}`,
				}),
			);
			expect(Number(item.amount)).toBe(transfer.amount);
			const branch =
				transfer.treatmentStatus === 'VAL'
					? 'Delivered: mark as paid'
					: 'Rejected: flag for follow-up';
			const [routed] = nodeOutput(execution!, branch);
			expect(routed).toEqual(
				expect.objectContaining({
					payout: transfer.clientTransactionId,
					state: transfer.treatmentStatus === 'VAL' ? 'paid' : 'rejected',
					amount: transfer.amount,
				}),
			);
		}
		expect(
			[...byTransaction.values()].map((e) => nodeOutput(e, TRIGGER)[0].treatment_status).sort(),
		).toEqual(['REJ', 'VAL', 'VAL']);
	});

	it('a forged notification starts nothing (VAL claimed for a REC transfer: 503; unknown transaction_id: 503)', async () => {
		// A transfer that stays REC: the "pending" test number, sent through the API directly.
		await payDirectly(simulator, {
			...{ prefix: '225', phone: '0700000003', amount: 4000, id: `forgery-${target}` },
			notifyUrl: productionUrl,
			contact: { name: 'Pending', surname: 'Test', email: 'p@example.com' },
		});
		const pending = simulator.control
			.transfers()
			.find((t) => t.clientTransactionId === `forgery-${target}`)!;
		expect(pending).toBeDefined();
		simulator.control.advance(pending.transactionId);
		await simulator.control.waitForIdle(30_000);
		expect(simulator.control.transfer(pending.transactionId)!.treatmentStatus).toBe('REC');
		const before = (await n8n.api.listExecutions({ workflowId: triggerWorkflowId })).length;

		const forgeries = [
			{
				transaction_id: pending.transactionId,
				client_transaction_id: pending.clientTransactionId ?? '',
				lot: pending.lot,
				amount: String(pending.amount),
				receiver: pending.phone,
				operator: pending.operator,
				treatment_status: 'VAL',
				sending_status: 'CONFIRM',
				comment: '',
				operator_transaction_id: 'FORGED',
				validated_at: '2026-11-26 12:00:00',
			},
			{
				transaction_id: 'EA261126.120000.M000000',
				client_transaction_id: 'forged',
				lot: '0000000000000000000000',
				amount: '99999',
				receiver: '0700000001',
				operator: 'OM',
				treatment_status: 'VAL',
				sending_status: 'CONFIRM',
				comment: '',
				operator_transaction_id: 'FORGED',
				validated_at: '2026-11-26 12:00:00',
			},
		];
		simulator.control.clearRequests();
		// VAL claimed while the API says REC, and an ID the API does not know, may both be the API
		// behind: 503 after a few looks (a sender that retries delivers it again), never 200 and lost.
		const answers: number[] = [];
		for (const forged of forgeries) answers.push((await postForm(productionUrl, forged)).status);
		expect(answers).toEqual([503, 503]);
		// The trigger answered after checking each claim with CinetPay's API…
		const lookups = simulator.control
			.requests()
			.filter((r) => r.path.endsWith('/transfer/check/money'))
			.map((r) => r.query.transaction_id);
		expect(lookups).toEqual(expect.arrayContaining(forgeries.map((f) => f.transaction_id)));
		// …and started nothing: no new execution within a bounded wait.
		const started = await eventually(
			async () => (await n8n.api.listExecutions({ workflowId: triggerWorkflowId })).length > before,
			5000,
		);
		expect(started).toBe(false);
	});

	it('in a Loop Over Items the send node runs once per batch: default IDs carry the run index, every receiver paid once', async () => {
		// 6 receivers (the test numbers that end VAL/REJ), no client_transaction_id: the node makes
		// one. Loop Over Items hands them over 2 at a time, so the node runs 3 times (run index
		// 0, 1, 2) in one execution with item indexes 0-1 each time: without the run index in the
		// default ID, the 2nd and 3rd batch would reuse the 1st batch's IDs and CinetPay would
		// refuse them as duplicates (805) — nobody after the 1st batch would be paid.
		const receivers = [
			['225', '0700000001'],
			['225', '0700000002'],
			['221', '770000001'],
			['221', '770000002'],
			['225', '0700000001'],
			['221', '770000001'],
		].map(([prefix, phone], i) => ({
			prefix,
			phone,
			amount: 1000 + i,
			name: 'Loop',
			surname: ['Awa', 'Binta', 'Coumba', 'Dior', 'Esther', 'Fanta'][i],
			email: `loop${i + 1}@example.com`,
		}));
		const sendNodeId = '5e9d0c11-aaaa-4bbb-8ccc-000000000001';
		const workflow = await n8n.api.createWorkflow({
			name: `Payout in a loop (${target})`,
			nodes: [
				manualTriggerNode('b1e0f7a0-0000-4000-8000-000000000001'),
				receiversNode('b1e0f7a0-0000-4000-8000-000000000002', receivers),
				{
					id: 'b1e0f7a0-0000-4000-8000-000000000003',
					name: 'Loop Over Items',
					type: 'n8n-nodes-base.splitInBatches',
					typeVersion: 3,
					position: [400, 0],
					parameters: { batchSize: 2, options: {} },
				},
				sendNode({ id: sendNodeId, name: 'Pay batch', position: [600, 100] }, credential),
			],
			connections: {
				...chain(MANUAL_TRIGGER, 'Receivers', 'Loop Over Items'),
				'Loop Over Items': { main: [[], [{ node: 'Pay batch', type: 'main', index: 0 }]] },
				...chain('Pay batch', 'Loop Over Items'),
			},
			settings: { executionOrder: 'v1' },
		});
		const before = new Set(simulator.control.transfers().map((t) => t.transactionId));

		const execution = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(execution)).toMatch(/ success;/);
		expect(execution.data?.resultData.runData['Pay batch']).toHaveLength(3);
		const sent = nodeOutput(execution, 'Pay batch');
		expect(sent).toHaveLength(receivers.length);
		expect(sent.filter((s) => s.duplicate !== false || s.error !== undefined)).toEqual([]);

		// n8n-<key>-<run>-<item>: one random key per execution, kept in the node's execution
		// context, so the same in all three runs of the loop.
		const key = /^n8n-([A-Za-z0-9]{12})-0-0$/.exec(String(sent[0].client_transaction_id))?.[1];
		expect(key).toBeDefined();
		const ids = [0, 1, 2].flatMap((run) => [0, 1].map((item) => `n8n-${key}-${run}-${item}`));
		expect(sent.map((s) => s.client_transaction_id)).toEqual(ids);
		const created = simulator.control.transfers().filter((t) => !before.has(t.transactionId));
		expect(created.map((t) => t.clientTransactionId).sort()).toEqual([...ids].sort());
		expect(created.map((t) => t.amount).sort()).toEqual(receivers.map((r) => r.amount).sort());
	});

	it('a notification posted without a Content-Type is still read by the trigger (version 2) and starts it once', async () => {
		// A transfer of the loop test above (its notify URL is not the trigger), brought to VAL.
		const transfer = simulator.control
			.transfers()
			.find((t) => t.clientTransactionId?.endsWith('-2-1'))!;
		expect(transfer).toBeDefined();
		simulator.control.advance(transfer.transactionId);
		simulator.control.advance(transfer.transactionId);
		await simulator.control.waitForIdle(30_000);
		const final = simulator.control.transfer(transfer.transactionId)!;
		expect(final.treatmentStatus).toBe('VAL');
		const fields = simulator.control.notificationFields(final.transactionId);
		const before = (await n8n.api.listExecutions({ workflowId: triggerWorkflowId })).length;
		// Bytes as the body: fetch sends no Content-Type, so n8n parses nothing.
		const res = await fetch(productionUrl, {
			method: 'POST',
			body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
			signal: AbortSignal.timeout(30_000),
		});
		expect(res.status).toBe(200);
		await n8n.api.waitForExecutions({
			workflowId: triggerWorkflowId,
			count: before + 1,
			timeoutMs: 30_000,
		});
		let started: Execution | undefined;
		await eventually(async () => {
			const all = await n8n.api.listExecutions({
				workflowId: triggerWorkflowId,
				includeData: true,
			});
			started = all.find((e) => nodeOutput(e, TRIGGER)[0]?.transaction_id === final.transactionId);
			return started !== undefined;
		}, 15_000);
		expect(nodeOutput(started!, TRIGGER)[0]).toEqual(
			expect.objectContaining({
				verified: true,
				treatment_status: 'VAL',
				amount: String(final.amount),
				idempotency_key: `${final.transactionId}:VAL`,
			}),
		);
	});
});
