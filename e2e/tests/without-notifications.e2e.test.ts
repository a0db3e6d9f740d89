/* eslint-disable @n8n/community-nodes/no-restricted-globals -- e2e test: drives a real n8n and the simulator on 127.0.0.1, never published */
/**
 * Issue 13 in a real n8n (2.41.1, then 1.123.81):
 *
 * - Payouts that do not need notifications: the simulator sends none (`notifications: 'off'`).
 *   The two Data Table examples, imported as they are: the payout workflow pays 200 rows and
 *   records each in the n8n Data Table `cinetpay_payouts`; the reconcile workflow (its Schedule
 *   Trigger run the way the editor runs it) reads the pending rows, asks CinetPay in one call per
 *   lot and writes each final status back.
 * - A notification the API lags behind: the simulator's reads show the state of 1.5 s ago. A true
 *   VAL notification arrives while the API still says REC (or does not know the transfer): the
 *   trigger looks again within its deadline and starts the workflow once.
 */
import { startSimulator, TEST_NUMBERS } from '../../simulator';
import type { RunningSimulator } from '../../simulator';
import { compatTargets } from '../global-setup';
import { sleep, type N8nInstance } from '../n8n';
import type { N8nTarget } from '../runtime';
import {
	createDataTable,
	createExample,
	dataTableRows,
	describeExecution,
	EXAMPLES,
	node,
	nodeOutput,
	PAYOUTS_TABLE,
	wireDataTable,
	wiredExample,
} from './examples';
import {
	createDemoCredential,
	eventually,
	MANUAL_TRIGGER,
	payDirectly,
	postForm,
	startN8nWithOwner,
} from './support';

const TARGETS: N8nTarget[] = compatTargets();
const SCHEDULE = 'Every minute';
const TRIGGER = 'CinetPay status change';
const CHECK = '/v1/transfer/check/money';
const PAYOUTS = 200;
const REJECTED_EVERY = 10;

/** 200 payout rows: every 10th to the "rejected" test number, the others to distinct numbers that end VAL. */
function payoutRowsCode(target: string): string {
	const rows = Array.from({ length: PAYOUTS }, (_, i) => ({
		prefix: '225',
		phone:
			i % REJECTED_EVERY === 9 ? TEST_NUMBERS.CI.rejected.phone : `07${String(20_000_000 + i)}`,
		amount: 1000 + i,
		name: 'Kone',
		surname: 'Awa',
		email: `row${i + 1}@example.com`,
		client_transaction_id: `dt-${target}-${String(i + 1).padStart(4, '0')}`,
	}));
	return `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
}

describe.each(TARGETS)('without notifications, and with reads that lag (target %s)', (target) => {
	let n8n: N8nInstance;
	let simulator: RunningSimulator;
	let credential: { id: string; name: string };
	let table: { projectId: string; id: string };
	const t0 = Date.now();

	beforeAll(async () => {
		simulator = await startSimulator({
			port: 0,
			variants: { autoConfirm: true, stepMs: 0, notifications: 'off' },
		});
		n8n = await startN8nWithOwner(`without-notifications-${target}`, { version: target });
		credential = await createDemoCredential(n8n.api, 'CinetPay (simulator)', simulator.baseUrl);
		table = await createDataTable(n8n.api, PAYOUTS_TABLE);
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await simulator?.close();
		process.stderr.write(
			`[e2e] without notifications (${target}): ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
		);
	});

	it(`notifications off: the Data Table examples bring all ${PAYOUTS} payouts of a run to their final status`, async () => {
		const pay = wireDataTable(wiredExample(EXAMPLES.payToDataTable, credential), table.id);
		node(pay, 'Payout rows').parameters.jsCode = payoutRowsCode(target);
		const payWorkflow = await createExample(n8n.api, pay);
		const paid = await n8n.api.runManually(payWorkflow.id, MANUAL_TRIGGER, 180_000);
		expect(describeExecution(paid)).toMatch(/ success;/);
		expect(
			nodeOutput(paid, 'Pay each row')
				.filter((item) => item.error !== undefined)
				.slice(0, 3),
		).toEqual([]);
		expect(nodeOutput(paid, 'Record each payout')).toHaveLength(PAYOUTS);

		const transfers = simulator.control.transfers();
		expect(transfers).toHaveLength(PAYOUTS);
		let rows = await dataTableRows(n8n.api, table);
		expect(rows).toHaveLength(PAYOUTS);
		expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['NEW']));
		expect(rows.map((row) => row.transaction_id).sort()).toEqual(
			transfers.map((t) => t.transactionId).sort(),
		);
		const sentAs = new Map(transfers.map((t) => [t.transactionId, t]));
		expect(
			rows.filter(
				(row) =>
					Number(row.amount) !== sentAs.get(String(row.transaction_id))?.amount ||
					!String(row.phone).startsWith('225 07'),
			),
		).toEqual([]);

		const reconcile = wireDataTable(
			wiredExample(EXAMPLES.reconcileFromDataTable, credential),
			table.id,
		);
		const reconcileWorkflow = await createExample(n8n.api, reconcile);

		// CinetPay moves every transfer to its end (autoConfirm: NEW → REC → VAL | REJ) and notifies nobody.
		simulator.control.advance();
		simulator.control.advance();
		await simulator.control.waitForIdle(30_000);
		const notifications = simulator.control.notifications();
		expect(notifications.length).toBeGreaterThanOrEqual(PAYOUTS * 3);
		expect(notifications.filter((entry) => entry.error !== 'skipped: notifications off')).toEqual(
			[],
		);

		simulator.control.clearRequests();
		const run = await n8n.api.runManually(reconcileWorkflow.id, SCHEDULE, 180_000);
		expect(describeExecution(run)).toMatch(/ success;/);
		const checks = simulator.control.requests().filter((entry) => entry.path === CHECK);
		process.stderr.write(
			`[e2e] reconcile (${target}): ${nodeOutput(run, 'Pending payouts').length} pending rows, ${checks.length} CinetPay calls\n`,
		);
		// 200 rows of two send calls: one call per lot, not one per row.
		expect(checks.map((entry) => Object.keys(entry.query).includes('lot'))).toEqual([true, true]);

		rows = await dataTableRows(n8n.api, table);
		const byId = new Map(
			simulator.control.transfers().map((t) => [t.transactionId, t.treatmentStatus]),
		);
		expect(rows.filter((row) => row.status !== byId.get(String(row.transaction_id)))).toEqual([]);
		const counts = rows.reduce<Record<string, number>>(
			(all, row) => ({ ...all, [String(row.status)]: (all[String(row.status)] ?? 0) + 1 }),
			{},
		);
		expect(counts).toEqual({
			VAL: PAYOUTS - PAYOUTS / REJECTED_EVERY,
			REJ: PAYOUTS / REJECTED_EVERY,
		});

		// Nothing pending any more: the next scheduled run asks CinetPay nothing.
		simulator.control.clearRequests();
		const idle = await n8n.api.runManually(reconcileWorkflow.id, SCHEDULE, 60_000);
		expect(describeExecution(idle)).toMatch(/ success;/);
		expect(simulator.control.requests().filter((entry) => entry.path === CHECK)).toEqual([]);
	}, 600_000);

	it('reads 1.5 s behind the notifications: a true VAL notification starts the trigger workflow once', async () => {
		simulator.control.setVariants({ readLagMs: 1500, notifications: 'on' });
		const example = wiredExample(EXAMPLES.notifications, credential);
		const workflow = await createExample(n8n.api, example);
		await n8n.api.activateWorkflow(workflow.id);
		const productionUrl = `${n8n.baseUrl}/webhook/${node(example, TRIGGER).webhookId}/webhook`;
		expect(await eventually(async () => (await fetch(productionUrl)).status === 200, 20_000)).toBe(
			true,
		);
		// A warm trigger (its first POST costs n8n more): the simulator's four deliveries (ping, NEW,
		// REC, VAL) then take well under the 1.5 s the reads lag behind. The warm-up's ID is one
		// CinetPay never knew: looked at again, then 503 (CinetPay would deliver it again).
		const warmUp = await postForm(productionUrl, {
			transaction_id: 'EA180101.000000.W000001',
			treatment_status: 'VAL',
			amount: '1000',
		});
		expect(warmUp.status).toBe(503);

		// One transfer through the API, notified to the trigger, moved to VAL at once.
		const receiver = TEST_NUMBERS.CI.succeeds;
		await payDirectly(simulator, {
			prefix: receiver.prefix,
			phone: receiver.phone,
			amount: 4200,
			id: `lag-${target}`,
			notifyUrl: productionUrl,
			contact: { name: 'Lag', surname: 'Test', email: 'lag@example.com' },
		});
		const transfer = simulator.control
			.transfers()
			.find((t) => t.clientTransactionId === `lag-${target}`)!;
		// Step by step, as CinetPay moves a transfer: each notification leaves right after its change,
		// while the API still shows the state of 1.5 s before.
		await simulator.control.waitForIdle(30_000);
		simulator.control.advance(transfer.transactionId);
		await simulator.control.waitForIdle(30_000);
		simulator.control.advance(transfer.transactionId);
		await simulator.control.waitForIdle(30_000);
		const vals = simulator.control
			.notifications()
			.filter((entry) => entry.url === productionUrl && entry.fields?.treatment_status === 'VAL');
		expect(vals.map((entry) => entry.status)).toEqual([200]);
		// The trigger's first look saw the past (723 or REC); it looked again within its deadline.
		const looks = simulator.control
			.requests()
			.filter(
				(entry) => entry.path === CHECK && entry.query.transaction_id === transfer.transactionId,
			);
		process.stderr.write(
			`[e2e] lagging reads (${target}): made ${transfer.createdAt}; notifications ${JSON.stringify(
				simulator.control
					.notifications()
					.filter((entry) => entry.url === productionUrl)
					.map((entry) => [
						entry.method,
						entry.fields?.treatment_status,
						entry.at,
						entry.durationMs,
						entry.status,
					]),
			)}; looks ${JSON.stringify(looks.map((entry) => [entry.at, entry.code]))}\n`,
		);
		expect(looks.length).toBeGreaterThanOrEqual(2);

		const [execution] = await n8n.api.waitForExecutions({
			workflowId: workflow.id,
			count: 1,
			includeData: true,
			timeoutMs: 30_000,
		});
		let item: Record<string, unknown> | undefined;
		await eventually(async () => {
			const all = await n8n.api.listExecutions({ workflowId: workflow.id, includeData: true });
			item = all.map((e) => nodeOutput(e, TRIGGER)[0]).find(Boolean);
			return item !== undefined;
		}, 15_000);
		expect(execution).toBeDefined();
		expect(item).toEqual(
			expect.objectContaining({
				transaction_id: transfer.transactionId,
				treatment_status: 'VAL',
				verified: true,
			}),
		);
		await sleep(1000);
		expect(await n8n.api.listExecutions({ workflowId: workflow.id })).toHaveLength(1);
	}, 120_000);
});
