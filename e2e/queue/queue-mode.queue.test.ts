/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only queue-mode harness, never published */
/**
 * The package in n8n's queue mode: a main instance, two workers and a webhook processor sharing
 * PostgreSQL and Redis (cluster.ts), against the CinetPay simulator. The five checks run in order
 * and build on each other (the transfers of 1 are notified in 3). Counts are printed at the end
 * and written to e2e/artifacts/queue/results.json. See e2e/queue/README.md.
 *
 *   QUEUE_ITEMS=1000   receivers per bulk payout (default 1,000)
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	type RunningSimulator,
	type TransferState,
} from '../../simulator';
import { HOST, sleep, type Execution, type N8nApi } from '../n8n';
import { ARTIFACTS } from '../paths';
import { startQueueCluster, type N8nProcess, type QueueCluster } from './cluster';
import {
	balanceWorkflow,
	BULK_READ,
	BULK_RESULT,
	BULK_SEND,
	bulkPayoutWorkflow,
	createAndActivate,
	CREDENTIAL_TYPE,
	defaultIdPrefix,
	FINAL_EXECUTION,
	getExecution,
	nodeOutput,
	nodeRan,
	NOTIFY_DEDUP,
	NOTIFY_DELIVERED,
	NOTIFY_REJECTED,
	NOTIFY_TRIGGER,
	notificationsWorkflow,
	payoutRows,
	postWebhook,
	retryExecution,
	type CredentialRef,
	type PayoutRow,
	type WorkflowDefinition,
} from './workflows';

const ITEMS = Number(process.env.QUEUE_ITEMS ?? 1000);
const BATCH_SIZE = 100; // the example's Batch Size
const LOG_DIR = path.join(ARTIFACTS, 'queue');
const DIST = path.join(ARTIFACTS, 'queue-dist');
const LOGIN = '/v1/auth/login';
const SEND = '/v1/transfer/money/send/contact';
const CHECK = '/v1/transfer/check/money';
const BALANCE = '/v1/transfer/check/balance';
/** The package renews its session after 4 minutes (transport/v1/session.ts). */
const SESSION_REUSE_MS = 4 * 60 * 1000;

let sim: RunningSimulator | undefined;
let cluster: QueueCluster | undefined;
let sink: http.Server | undefined;
let sinkUrl = '';
let api: N8nApi;
let credential: CredentialRef;
let notifyWorkflowId = '';
let triggerUrl = '';
let mainTriggerUrl = '';
const suiteStart = Date.now();

/** Everything measured, printed at the end. */
const results: Record<string, Record<string, unknown>> = {};

const say = (line: string): void => {
	process.stdout.write(`[queue] ${line}\n`);
};
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

function countBy<T>(values: T[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

function lastSeq(): number {
	const log = sim!.control.requests();
	return log.length > 0 ? log[log.length - 1].seq : 0;
}

function requestsSince(seq: number, pathName?: string) {
	return sim!.control
		.requests()
		.filter((r) => r.seq > seq && (pathName === undefined || r.path === pathName));
}

function transfersOfSeries(series: number): TransferState[] {
	return sim!.control
		.transfers()
		.filter((t) => t.prefix === '225' && t.phone.startsWith(`07${series}`));
}

/** Receivers (prefix + phone) that hold more than one transfer. */
function paidTwice(transfers: TransferState[]): string[] {
	const counts = countBy(transfers.map((t) => `${t.prefix}${t.phone}`));
	return Object.keys(counts).filter((k) => counts[k] > 1);
}

function workerSplit(executionIds: string[]): Record<string, number> {
	const byWorker = cluster!.executionsByWorker();
	return countBy(executionIds.map((id) => byWorker.get(id) ?? 'unknown'));
}

async function countExecutions(workflowId: string, onlyStopped = true): Promise<number> {
	const stopped = onlyStopped
		? ` and "stoppedAt" is not null and status not in ('running', 'new', 'waiting')`
		: '';
	return Number(
		await cluster!.postgres.sqlAsync(
			`select count(*) from execution_entity where "workflowId" = '${workflowId}'${stopped}`,
		),
	);
}

/** Polls the database until `count` executions of the workflow have stopped. */
async function waitForStopped(workflowId: string, count: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const stopped = await countExecutions(workflowId);
		if (stopped >= count) return;
		if (Date.now() > deadline) {
			throw new Error(
				`waited ${timeoutMs} ms for ${count} executions of ${workflowId}; ${stopped} stopped, ${await countExecutions(workflowId, false)} in all`,
			);
		}
		await sleep(500);
	}
}

/** Waits until the count of executions of a workflow stays the same for `quietMs`. */
async function waitForQuiet(
	workflowId: string,
	quietMs: number,
	timeoutMs = 120_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let since = Date.now();
	for (;;) {
		const all = await countExecutions(workflowId, false);
		const stopped = await countExecutions(workflowId);
		if (all !== last || stopped !== all) {
			last = all;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) {
			return all;
		}
		if (Date.now() > deadline) return all;
		await sleep(300);
	}
}

async function createCredential(name: string): Promise<CredentialRef> {
	const created = await api.createCredential(CREDENTIAL_TYPE, name, {
		apiKey: DEMO_API_KEY,
		password: DEMO_PASSWORD,
		baseUrl: sim!.baseUrl,
	});
	return { id: created.id, name };
}

/** The form fields the simulator posted for a transfer's status (its notification log). */
function notificationFields(transactionId: string, status: string): Record<string, string> {
	const entry = sim!.control
		.notifications()
		.find(
			(n) =>
				n.method === 'POST' &&
				n.transactionId === transactionId &&
				n.fields?.treatment_status === status,
		);
	if (!entry?.fields) throw new Error(`no ${status} notification logged for ${transactionId}`);
	return { ...entry.fields };
}

function startSink(): Promise<void> {
	return new Promise((resolve) => {
		sink = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => res.end('ok'));
		});
		sink.listen(0, HOST, () => {
			sinkUrl = `http://${HOST}:${(sink!.address() as AddressInfo).port}/notify-sink`;
			resolve();
		});
	});
}

async function runBulk(
	workflowId: string,
	webhookPath: string,
	timeoutMs = 600_000,
): Promise<Execution> {
	const before = new Set((await api.listAllExecutions({ workflowId })).map((e) => e.id));
	const res = await postWebhook(`${cluster!.webhook.baseUrl}/webhook/${webhookPath}`, {
		file: 'payouts.csv',
	});
	if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.text}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = (await api.listAllExecutions({ workflowId })).find(
			(e) => !before.has(e.id) && FINAL_EXECUTION(e),
		);
		if (done) return await getExecution(api, done.id);
		if (Date.now() > deadline)
			throw new Error(`the bulk payout of ${workflowId} did not finish in ${timeoutMs} ms`);
		await sleep(1000);
	}
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
	const t0 = Date.now();
	fs.rmSync(LOG_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	await startSink();
	sim = await startSimulator({
		initialBalance: 10_000_000_000,
		variants: { autoConfirm: true, stepMs: 0 },
	});
	cluster = await startQueueCluster({ customExtensionsDir: DIST, logDir: LOG_DIR, workers: 2 });
	api = cluster.api;
	await api.setupOwner();
	await api.createApiKey('queue');
	credential = await createCredential('CinetPay (cluster)');

	const { workflow, webhookId } = notificationsWorkflow({
		name: 'Transfer status notifications (queue)',
		credential,
	});
	notifyWorkflowId = await createAndActivate(api, workflow);
	triggerUrl = `${cluster.webhook.baseUrl}/webhook/${webhookId}/webhook`;
	mainTriggerUrl = `${cluster.main.baseUrl}/webhook/${webhookId}/webhook`;
	// The trigger answers CinetPay's GET ping: ready once the webhook processor serves it.
	const deadline = Date.now() + 60_000;
	while (
		(await fetch(triggerUrl)
			.then((r) => r.status)
			.catch(() => 0)) !== 200
	) {
		if (Date.now() > deadline)
			throw new Error(`${triggerUrl} is not served by the webhook processor`);
		await sleep(250);
	}
	results.setup = {
		seconds: seconds(Date.now() - t0),
		startSeconds: cluster.startup,
		processes: [cluster.main, cluster.webhook, ...cluster.workers].map(
			(p) => `${p.name} pid ${p.pid} :${p.port}`,
		),
		postgresPort: cluster.postgres.port,
		redisPort: cluster.redis.port,
		items: ITEMS,
	};
	say(`cluster ready in ${seconds(Date.now() - t0)} s: ${JSON.stringify(cluster.startup)}`);
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await sim?.close();
	await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
	results.total = { seconds: seconds(Date.now() - suiteStart) };
	fs.mkdirSync(LOG_DIR, { recursive: true });
	fs.writeFileSync(path.join(LOG_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	say('---------------------------------------------------------------- results');
	for (const [name, values] of Object.entries(results)) say(`${name}: ${JSON.stringify(values)}`);
	say(
		`(also in ${path.relative(process.cwd(), path.join(LOG_DIR, 'results.json'))}; logs of every process in ${path.relative(process.cwd(), LOG_DIR)})`,
	);
}, 120_000);

// ---------------------------------------------------------------------------------------------

const bulkRows = payoutRows(ITEMS, 1, 'bulk');
let bulkTransfers: TransferState[] = [];
/** When the cluster's credential first logged in (1): its token's age in 3. */
let clusterCredentialFirstLogin = Date.now();

test(`1. the bulk-payout example with ${ITEMS} receivers runs on a worker: count in = count out, one transfer per item`, async () => {
	const t0 = Date.now();
	const workflow = bulkPayoutWorkflow({
		name: 'Bulk payout from CSV (queue)',
		webhookPath: 'queue-bulk',
		rows: bulkRows,
		notifyUrl: triggerUrl,
		credential,
	});
	const workflowId = await createAndActivate(api, workflow);
	const seq0 = lastSeq();
	const execution = await runBulk(workflowId, 'queue-bulk');
	const firstLogin = requestsSince(seq0, LOGIN)[0];
	if (firstLogin) clusterCredentialFirstLogin = new Date(firstLogin.at).getTime();
	const worker = cluster!.executionsByWorker().get(execution.id);

	const read = nodeOutput(execution, BULK_READ);
	const sent = nodeOutput(execution, BULK_SEND);
	const perRow = nodeOutput(execution, BULK_RESULT);
	bulkTransfers = sim!.control
		.transfers()
		.filter((t) => t.clientTransactionId?.startsWith('bulk-'));
	const ids = new Set(bulkTransfers.map((t) => t.clientTransactionId));
	results.point1 = {
		execution: execution.id,
		status: execution.status,
		worker,
		seconds: seconds(
			new Date(execution.stoppedAt!).getTime() - new Date(execution.startedAt).getTime(),
		),
		rowsIn: read.length,
		itemsOutOfSend: sent.length,
		rowsOut: perRow.length,
		resultSent: perRow.filter((r) => r.result === 'SENT').length,
		simulatorTransfers: bulkTransfers.length,
		distinctClientIds: ids.size,
		receiversPaidTwice: paidTwice(bulkTransfers).length,
		sendCalls: requestsSince(seq0, SEND).length,
		logins: requestsSince(seq0, LOGIN).length,
	};
	expect(execution.status).toBe('success');
	expect(worker).toMatch(/^worker-/);
	expect(read).toHaveLength(ITEMS);
	expect(sent).toHaveLength(ITEMS);
	expect(perRow).toHaveLength(ITEMS);
	expect(perRow.filter((r) => r.result === 'SENT')).toHaveLength(ITEMS);
	expect(bulkTransfers).toHaveLength(ITEMS);
	expect(bulkRows.every((row) => ids.has(row.client_transaction_id!))).toBe(true);
	expect(paidTwice(bulkTransfers)).toEqual([]);
	expect(requestsSince(seq0, SEND)).toHaveLength(Math.ceil(ITEMS / BATCH_SIZE));

	// Their NEW notifications reached the trigger on the webhook processor and started nothing.
	await sim!.control.waitForIdle(300_000);
	await sleep(2000);
	expect(await countExecutions(notifyWorkflowId, false)).toBe(0);
	results.point1.wallSeconds = seconds(Date.now() - t0);
});

test('2. one login serves the cluster: executions spread over both workers share the stored token', async () => {
	const t0 = Date.now();
	const BURST = 40;
	// A fresh credential (no token yet): the first execution logs in and n8n stores the token with it.
	const warmCredential = await createCredential('CinetPay (one login)');
	const workflowId = await createAndActivate(
		api,
		balanceWorkflow({
			name: 'Balance (queue, warm)',
			webhookPath: 'queue-balance',
			credential: warmCredential,
		}),
	);
	const url = `${cluster!.webhook.baseUrl}/webhook/queue-balance`;
	const seq0 = lastSeq();
	const started = Date.now();
	expect((await postWebhook(url, {})).status).toBe(200);
	await waitForStopped(workflowId, 1, 120_000);
	const answers = await Promise.all(Array.from({ length: BURST }, () => postWebhook(url, {})));
	expect(answers.every((a) => a.status === 200)).toBe(true);
	await waitForStopped(workflowId, BURST + 1, 300_000);
	const elapsed = Date.now() - started;
	const executions = await api.listAllExecutions({ workflowId });
	const split = workerSplit(executions.map((e) => e.id));
	const balanceCalls = requestsSince(seq0, BALANCE);
	const logins = requestsSince(seq0, LOGIN).length;
	const tokens = new Set(balanceCalls.map((r) => r.query.token));

	// The same burst with another fresh credential and no warm-up.
	const coldCredential = await createCredential('CinetPay (cold burst)');
	const coldWorkflowId = await createAndActivate(
		api,
		balanceWorkflow({
			name: 'Balance (queue, cold)',
			webhookPath: 'queue-balance-cold',
			credential: coldCredential,
		}),
	);
	const coldUrl = `${cluster!.webhook.baseUrl}/webhook/queue-balance-cold`;
	// make sure the route is served before the burst
	await waitRoute(coldUrl);
	const seq1 = lastSeq();
	const COLD = 20;
	await Promise.all(Array.from({ length: COLD }, () => postWebhook(coldUrl, {})));
	await waitForStopped(coldWorkflowId, COLD, 300_000);
	const coldExecutions = await api.listAllExecutions({ workflowId: coldWorkflowId });
	const coldLogins = requestsSince(seq1, LOGIN).length;

	results.point2 = {
		executions: executions.length,
		succeeded: executions.filter((e) => e.status === 'success').length,
		split,
		logins,
		balanceCalls: balanceCalls.length,
		distinctTokensUsed: tokens.size,
		withinSeconds: seconds(elapsed),
		coldBurst: {
			executions: coldExecutions.length,
			succeeded: coldExecutions.filter((e) => e.status === 'success').length,
			split: workerSplit(coldExecutions.map((e) => e.id)),
			logins: coldLogins,
		},
		wallSeconds: seconds(Date.now() - t0),
	};
	expect(executions).toHaveLength(BURST + 1);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	expect(Object.keys(split).sort()).toEqual(['worker-1', 'worker-2']);
	expect(balanceCalls).toHaveLength(BURST + 1);
	if (elapsed < SESSION_REUSE_MS) {
		expect(logins).toBe(1);
		expect(tokens.size).toBe(1);
	}
	expect(coldExecutions.every((e) => e.status === 'success')).toBe(true);
	// A brand-new credential hit by a burst: a login in flight is shared within a process, but an
	// execution that reads the credential while n8n is still storing the first token logs in too.
	// A few logins per worker, once in the credential's life; not one per execution.
	expect(coldLogins).toBeGreaterThanOrEqual(1);
	expect(coldLogins).toBeLessThanOrEqual(2 * cluster!.workers.length);
});

async function waitRoute(url: string): Promise<void> {
	// A GET on a POST-only production webhook answers 404 until registered, then 404 with a
	// different message or 405/500 depending on n8n; posting would start an execution. Wait for
	// the webhook_entity row instead, plus the processor's cache refresh margin.
	const webhookPath = new URL(url).pathname.replace(/^\/webhook\//, '');
	const deadline = Date.now() + 30_000;
	while (
		Number(
			await cluster!.postgres.sqlAsync(
				`select count(*) from webhook_entity where "webhookPath" = '${webhookPath}'`,
			),
		) === 0
	) {
		if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} was not registered`);
		await sleep(200);
	}
	await sleep(1000);
}

test(`3. notifications on the webhook processor start one verified execution per final status; forged ones start nothing`, async () => {
	const t0 = Date.now();
	expect(bulkTransfers).toHaveLength(ITEMS);
	const seq0 = lastSeq();
	const notified0 = sim!.control.notifications().length;
	// Every tenth transfer is rejected, the others delivered. (Straight from NEW: the REC step's
	// notifications would only be ignored, as the NEW ones were in 1, and double the load.)
	const rejected = new Set(
		bulkTransfers.filter((_, i) => i % 10 === 9).map((t) => t.transactionId),
	);
	for (const t of bulkTransfers) {
		sim!.control.settle(t.transactionId, rejected.has(t.transactionId) ? 'REJ' : 'VAL');
	}
	const expected = new Map(
		bulkTransfers.map((t) => [
			`${t.transactionId}:${rejected.has(t.transactionId) ? 'REJ' : 'VAL'}`,
			t,
		]),
	);
	await sim!.control.waitForIdle(600_000);
	const delivery = await redeliverRefused(notified0);
	await waitForStopped(notifyWorkflowId, ITEMS, 600_000);
	const total = await waitForQuiet(notifyWorkflowId, 5000);
	const notifiedSeconds = seconds(Date.now() - t0);

	const executions = await api.listAllExecutions({
		workflowId: notifyWorkflowId,
		includeData: true,
	});
	const keys = executions.map((e) => String(nodeOutput(e, NOTIFY_TRIGGER)[0]?.idempotency_key));
	const verified = executions.filter(
		(e) => nodeOutput(e, NOTIFY_TRIGGER)[0]?.verified === true,
	).length;
	const passedDedup = executions.filter((e) => nodeOutput(e, NOTIFY_DEDUP).length > 0).length;
	const branches = {
		delivered: executions.filter((e) => nodeOutput(e, NOTIFY_DELIVERED).length > 0).length,
		rejected: executions.filter((e) => nodeOutput(e, NOTIFY_REJECTED).length > 0).length,
	};
	const posts = sim!.control
		.notifications()
		.slice(notified0)
		.filter((n) => n.method === 'POST');
	const failed = executions.filter((e) => e.status !== 'success');

	// Forgeries: claims about transfers already started (the API decides, and each started once: 200,
	// nothing new), and a transfer CinetPay does not know (503: it may be a read lagging).
	const delivered = bulkTransfers.find((t) => !rejected.has(t.transactionId))!;
	const refused = bulkTransfers.find((t) => rejected.has(t.transactionId))!;
	const forgeries: Array<[string, Record<string, string>]> = [
		[
			'rejected transfer claimed delivered',
			{ ...notificationFields(refused.transactionId, 'REJ'), treatment_status: 'VAL', comment: '' },
		],
		[
			'delivered transfer claimed rejected',
			{ ...notificationFields(delivered.transactionId, 'VAL'), treatment_status: 'REJ' },
		],
		[
			'rejected transfer claimed delivered, bigger amount',
			{
				...notificationFields(refused.transactionId, 'REJ'),
				treatment_status: 'VAL',
				amount: '999999',
			},
		],
		[
			'rejected transfer claimed delivered, other receiver',
			{
				...notificationFields(refused.transactionId, 'REJ'),
				treatment_status: 'VAL',
				receiver: '0799999999',
			},
		],
		[
			'unknown transaction_id',
			{
				...notificationFields(delivered.transactionId, 'VAL'),
				transaction_id: 'EA990101.000000.M000001',
				client_transaction_id: 'forged-1',
			},
		],
		[
			'replayed delivery with a bigger amount',
			{ ...notificationFields(delivered.transactionId, 'VAL'), amount: '999999' },
		],
	];
	const before = await countExecutions(notifyWorkflowId, false);
	const forgedAnswers: Record<string, number> = {};
	for (const [label, fields] of forgeries) {
		forgedAnswers[label] = (
			await postWebhook(triggerUrl, new URLSearchParams(fields).toString(), {
				form: true,
				retryNotFound: false,
			})
		).status;
	}
	await sleep(5000);
	const afterForgeries = await countExecutions(notifyWorkflowId, false);

	results.point3 = {
		...delivery,
		finalNotificationsPosted: posts.filter((p) =>
			['VAL', 'REJ'].includes(String(p.fields?.treatment_status)),
		).length,
		allNotificationsPosted: posts.length,
		answeredNon200: posts.filter((p) => p.status !== 200).length,
		executions: total,
		succeeded: executions.length - failed.length,
		failed: failed.length,
		failedErrors: countBy(failed.map((e) => e.data?.resultData.error?.message ?? 'unknown')),
		verified,
		distinctKeys: new Set(keys).size,
		keysMatchingTransfers: keys.filter((k) => expected.has(k)).length,
		passedDownstreamDedup: passedDedup,
		branches,
		split: workerSplit(executions.map((e) => e.id)),
		lookups: requestsSince(seq0, CHECK).length,
		logins: requestsSince(seq0, LOGIN).length,
		loginsAtSecond: requestsSince(seq0, LOGIN).map((r) => seconds(new Date(r.at).getTime() - t0)),
		credentialAgeAtStartSeconds: seconds(t0 - clusterCredentialFirstLogin),
		notifiedSeconds,
		forgedAnswers,
		forgedExecutionsStarted: afterForgeries - before,
		triggerKeysPersistedInStaticData: await persistedKeys(notifyWorkflowId),
		wallSeconds: seconds(Date.now() - t0),
	};
	expect(total).toBe(ITEMS);
	expect(new Set(keys).size).toBe(ITEMS);
	expect(keys.every((k) => expected.has(k))).toBe(true);
	expect(verified).toBe(ITEMS);
	expect(Object.keys(workerSplit(executions.map((e) => e.id))).sort()).toEqual([
		'worker-1',
		'worker-2',
	]);
	expect(requestsSince(seq0, CHECK).length).toBeGreaterThanOrEqual(ITEMS);
	expect(afterForgeries - before).toBe(0);
	expect(forgedAnswers).toEqual(
		Object.fromEntries(
			forgeries.map(([label]) => [label, label === 'unknown transaction_id' ? 503 : 200]),
		),
	);
	// Only the webhook processor calls CinetPay here: one login per token lifetime, give or take
	// a request that read the credential while the renewed token was being stored.
	const lifetimes = Math.ceil((Date.now() - clusterCredentialFirstLogin) / SESSION_REUSE_MS);
	expect(requestsSince(seq0, LOGIN).length).toBeLessThanOrEqual(2 * lifetimes);
});

/**
 * The trigger answers 503 when CinetPay's API does not answer its lookup in time (5 s), and
 * starts nothing, counting on CinetPay to deliver again. The simulator does not re-deliver:
 * re-post, as CinetPay would, every final-status notification that got no 200 (3 rounds at most).
 */
async function redeliverRefused(fromIndex: number): Promise<Record<string, unknown>> {
	const delivered = new Map<string, Record<string, string>>();
	const ok = new Set<string>();
	for (const n of sim!.control.notifications().slice(fromIndex)) {
		const status = n.fields?.treatment_status;
		if (n.method !== 'POST' || !n.fields || (status !== 'VAL' && status !== 'REJ')) continue;
		const key = `${n.transactionId}:${status}`;
		delivered.set(key, n.fields);
		if (n.status === 200) ok.add(key);
	}
	const refusedFirst = [...delivered.keys()].filter((k) => !ok.has(k));
	const answers: number[] = [];
	for (let round = 0; round < 3; round++) {
		const pending = [...delivered.keys()].filter((k) => !ok.has(k));
		if (pending.length === 0) break;
		await sleep(2000);
		for (const key of pending) {
			const res = await postWebhook(
				triggerUrl,
				new URLSearchParams(delivered.get(key)).toString(),
				{ form: true, retryNotFound: false },
			);
			answers.push(res.status);
			if (res.status === 200) ok.add(key);
		}
	}
	return {
		finalNotificationsRefusedFirstTime: refusedFirst.length,
		redeliveries: answers.length,
		redeliveryAnswers: countBy(answers),
		finalNotificationsNeverAccepted: delivered.size - ok.size,
	};
}

test('4. the same notification posted several times at once: executions started, and what passes downstream de-duplication', async () => {
	const t0 = Date.now();
	const ROUND = 5; // notifications per scenario (B: twice as many, it is the racy one)
	const COPIES = 8; // concurrent posts of each notification
	const rows = payoutRows(ROUND * 4, 5, 'dup');
	const workflowId = await createAndActivate(
		api,
		bulkPayoutWorkflow({
			name: 'Payout for the duplicate test (queue)',
			webhookPath: 'queue-dup',
			rows,
			notifyUrl: sinkUrl,
			credential,
		}),
	);
	const execution = await runBulk(workflowId, 'queue-dup');
	expect(execution.status).toBe('success');
	const transfers = sim!.control
		.transfers()
		.filter((t) => t.clientTransactionId?.startsWith('dup-'));
	expect(transfers).toHaveLength(ROUND * 4);
	for (const t of transfers) sim!.control.advance(t.transactionId);
	for (const t of transfers) sim!.control.advance(t.transactionId);
	await sim!.control.waitForIdle(60_000);
	const bodies = transfers.map((t) =>
		new URLSearchParams(notificationFields(t.transactionId, 'VAL')).toString(),
	);
	const post = (url: string, body: string) =>
		postWebhook(url, body, { form: true, retryNotFound: false });

	const before = new Set(
		(await api.listAllExecutions({ workflowId: notifyWorkflowId })).map((e) => e.id),
	);
	const scenarios: Record<string, { keys: string[]; answers: number[] }> = {
		'A: all copies to the webhook processor at once': { keys: [], answers: [] },
		'B: half to the webhook processor, half to main, at once': { keys: [], answers: [] },
		'C: webhook processor, then main 2 s later, then webhook processor again': {
			keys: [],
			answers: [],
		},
	};
	const [a, b, c] = Object.values(scenarios);
	for (let i = 0; i < ROUND; i++) {
		const body = bodies[i];
		a.keys.push(`${transfers[i].transactionId}:VAL`);
		a.answers.push(
			...(await Promise.all(Array.from({ length: COPIES }, () => post(triggerUrl, body)))).map(
				(r) => r.status,
			),
		);
	}
	for (let i = ROUND; i < 3 * ROUND; i++) {
		const body = bodies[i];
		b.keys.push(`${transfers[i].transactionId}:VAL`);
		b.answers.push(
			...(
				await Promise.all(
					Array.from({ length: COPIES }, (_, k) =>
						post(k % 2 === 0 ? triggerUrl : mainTriggerUrl, body),
					),
				)
			).map((r) => r.status),
		);
	}
	for (let i = 3 * ROUND; i < 4 * ROUND; i++) {
		const body = bodies[i];
		c.keys.push(`${transfers[i].transactionId}:VAL`);
		for (const url of [triggerUrl, mainTriggerUrl, triggerUrl]) {
			c.answers.push((await post(url, body)).status);
			await sleep(2000);
		}
	}
	await waitForQuiet(notifyWorkflowId, 5000);
	const executions = (
		await api.listAllExecutions({ workflowId: notifyWorkflowId, includeData: true })
	).filter((e) => !before.has(e.id));
	const byKey = new Map<string, Execution[]>();
	for (const e of executions) {
		const key = String(nodeOutput(e, NOTIFY_TRIGGER)[0]?.idempotency_key);
		byKey.set(key, [...(byKey.get(key) ?? []), e]);
	}
	const summary: Record<string, unknown> = {};
	for (const [label, scenario] of Object.entries(scenarios)) {
		const started = scenario.keys.map((k) => byKey.get(k)?.length ?? 0);
		const passed = scenario.keys.map(
			(k) => (byKey.get(k) ?? []).filter((e) => nodeRan(e, NOTIFY_DELIVERED)).length,
		);
		summary[label] = {
			notifications: scenario.keys.length,
			postsEach: label.startsWith('C') ? 3 : COPIES,
			answers: countBy(scenario.answers),
			executionsStartedPerNotification: started,
			passedDownstreamDedupPerNotification: passed,
			failedExecutions: scenario.keys
				.flatMap((k) => byKey.get(k) ?? [])
				.filter((e) => e.status !== 'success').length,
		};
	}
	results.point4 = {
		...summary,
		split: workerSplit(executions.map((e) => e.id)),
		triggerKeysPersistedInStaticData: await persistedKeys(notifyWorkflowId),
		wallSeconds: seconds(Date.now() - t0),
	};
	const started = (keys: string[]) => keys.map((k) => byKey.get(k)?.length ?? 0);
	const passed = (keys: string[]) =>
		keys.map((k) => (byKey.get(k) ?? []).filter((e) => nodeRan(e, NOTIFY_DELIVERED)).length);
	// One process: exactly one execution per notification, however many copies arrive at once.
	expect(started(a.keys)).toEqual(a.keys.map(() => 1));
	// Several processes (main and the webhook processor both serve production webhooks): at most
	// one execution per process, at once (B) or seconds apart (C). Measured, not exactly-once.
	for (const n of [...started(b.keys), ...started(c.keys)]) {
		expect(n).toBeGreaterThanOrEqual(1);
		expect(n).toBeLessThanOrEqual(2);
	}
	// Downstream, "Once per transfer and status" (n8n's Remove Duplicates, in the database) lets
	// one through when the executions are apart (A, C); at once (B) it is measured.
	expect(passed(a.keys)).toEqual(a.keys.map(() => 1));
	expect(passed(c.keys)).toEqual(c.keys.map(() => 1));
	for (const n of passed(b.keys)) expect(n).toBeGreaterThanOrEqual(1);
	// Every execution carries the key downstream steps de-duplicate on.
	expect(
		executions.every((e) =>
			/^EA\S+:VAL$/.test(String(nodeOutput(e, NOTIFY_TRIGGER)[0]?.idempotency_key)),
		),
	).toBe(true);
});

/** How many keys the trigger's static data holds in the database (processedKeys). */
async function persistedKeys(workflowId: string): Promise<number> {
	const raw = await cluster!.postgres.sqlAsync(
		`select coalesce("staticData"::text, '{}') from workflow_entity where id = '${workflowId}'`,
	);
	const data = JSON.parse(raw || '{}') as Record<string, { processedKeys?: unknown[] }>;
	return Object.values(data).reduce(
		(n, node) => n + (Array.isArray(node?.processedKeys) ? node.processedKeys.length : 0),
		0,
	);
}

// ---------------------------------------------------------------------------------------------

interface Crash {
	tag: string;
	series: number;
	rows: PayoutRow[];
	workflow: WorkflowDefinition;
	workflowId: string;
	executionId: string;
	worker: string;
	sendsBeforeKill: number;
	transfersAfterKill: TransferState[];
	replacement: Promise<N8nProcess>;
	killedAt: number;
}

/**
 * Runs a bulk payout of ITEMS rows and SIGKILLs the worker running it (its whole process group)
 * once `killAfterSends` send calls were answered: the rest of the batches never go out.
 */
async function crashMidBatch(tag: string, series: number, ownIds: boolean): Promise<Crash> {
	const rows = payoutRows(ITEMS, series, ownIds ? `kill${tag}` : undefined);
	const workflow = bulkPayoutWorkflow({
		name: `Bulk payout, worker killed (${tag})`,
		webhookPath: `queue-kill-${tag}`,
		rows,
		notifyUrl: sinkUrl,
		credential,
	});
	const workflowId = await createAndActivate(api, workflow);
	const batches = Math.ceil(ITEMS / BATCH_SIZE);
	const killAfterSends = Math.max(1, Math.floor(batches * 0.3));
	// Slow CinetPay down a little so the kill lands between batches, as on a real network.
	sim!.control.setVariants({ latencyMs: 150 });
	const known = new Set(cluster!.executionsByWorker().keys());
	const seq0 = lastSeq();
	const res = await postWebhook(`${cluster!.webhook.baseUrl}/webhook/queue-kill-${tag}`, {
		file: 'payouts.csv',
	});
	expect(res.status).toBe(200);
	const mine = (r: { body: Record<string, unknown> }) => {
		const data = r.body.data;
		return (
			Array.isArray(data) &&
			String((data[0] as { phone?: unknown })?.phone ?? '').startsWith(`07${series}`)
		);
	};
	let executionId: string | undefined;
	let sends = 0;
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (!executionId)
			executionId = [...cluster!.executionsByWorker().keys()].find((id) => !known.has(id));
		sends = requestsSince(seq0, SEND).filter(mine).length;
		if (executionId && sends >= killAfterSends) break;
		if (Date.now() > deadline)
			throw new Error(`crash ${tag}: execution ${executionId}, ${sends} sends after 300 s`);
		await sleep(25);
	}
	const workerName = cluster!.executionsByWorker().get(executionId)!;
	const worker = cluster!.workers.find((w) => w.name === workerName)!;
	await worker.kill();
	const killedAt = Date.now();
	const replacement = cluster!.addWorker();
	// Let what was on the wire land at the simulator.
	await sleep(3000);
	sim!.control.setVariants({ latencyMs: 0 });
	return {
		tag,
		series,
		rows,
		workflow,
		workflowId,
		executionId,
		worker: workerName,
		sendsBeforeKill: sends,
		transfersAfterKill: transfersOfSeries(series),
		replacement,
		killedAt,
	};
}

/** Until n8n marks the crashed execution as stopped (stall detection); its status and the wait. */
async function waitForVerdict(
	crash: Crash,
	timeoutMs = 300_000,
): Promise<{ status: string; secondsAfterKill: number; error?: string }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(api, crash.executionId, true);
		if (FINAL_EXECUTION(execution)) {
			return {
				status: execution.status,
				secondsAfterKill: seconds(Date.now() - crash.killedAt),
				error: execution.data?.resultData.error?.message?.slice(0, 160),
			};
		}
		if (Date.now() > deadline)
			throw new Error(
				`execution ${crash.executionId} still ${execution.status} ${timeoutMs} ms after the kill`,
			);
		await sleep(1000);
	}
}

function crashFacts(crash: Crash) {
	return {
		execution: crash.executionId,
		killedWorker: crash.worker,
		sendCallsAnsweredBeforeKill: crash.sendsBeforeKill,
		transfersAtCinetPay: crash.transfersAfterKill.length,
		receiversPaidTwiceAfterKill: paidTwice(crash.transfersAfterKill).length,
		itemsNotSent: ITEMS - crash.transfersAfterKill.length,
	};
}

/**
 * What a user does next: n8n's Retry of the crashed execution (public API). When n8n refuses it, or
 * the retried execution does not succeed, the user runs the workflow again.
 */
async function retryOrRerun(
	crash: Crash,
): Promise<{ retry: Record<string, unknown>; how: string; execution: Execution }> {
	const retry = await retryExecution(api, crash.executionId);
	if (retry.ok) {
		const done = await waitUntilFinal(retry.execution.id);
		const facts = {
			execution: done.id,
			status: done.status,
			worker: cluster!.executionsByWorker().get(done.id),
			error: done.data?.resultData.error?.message?.slice(0, 200),
			nodesRun: Object.keys(done.data?.resultData.runData ?? {}),
		};
		if (done.status === 'success')
			return { retry: facts, how: `n8n Retry → execution ${done.id}`, execution: done };
		const execution = await runBulk(crash.workflowId, `queue-kill-${crash.tag}`);
		return {
			retry: facts,
			how: `n8n Retry did not succeed; workflow run again → execution ${execution.id}`,
			execution,
		};
	}
	const execution = await runBulk(crash.workflowId, `queue-kill-${crash.tag}`);
	return {
		retry: { refused: `${retry.status}: ${retry.message}` },
		how: `n8n refused Retry; workflow run again → execution ${execution.id}`,
		execution,
	};
}

async function waitUntilFinal(executionId: string, timeoutMs = 600_000): Promise<Execution> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(api, executionId, true);
		if (FINAL_EXECUTION(execution)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish`);
		await sleep(1000);
	}
}

describe('5. a worker SIGKILLed during a 1,000-item send', () => {
	test('a. own client_transaction_id per row (the CSV column): no receiver paid twice; a re-run sends only what is missing', async () => {
		const t0 = Date.now();
		const crash = await crashMidBatch('a', 6, true);
		expect(paidTwice(crash.transfersAfterKill)).toEqual([]);
		expect(crash.transfersAfterKill.length).toBeGreaterThan(0);
		expect(crash.transfersAfterKill.length).toBeLessThan(ITEMS);
		const [verdict] = await Promise.all([waitForVerdict(crash), crash.replacement]);
		const rerun = await retryOrRerun(crash);
		const sent = nodeOutput(rerun.execution, BULK_SEND);
		const after = transfersOfSeries(6);
		results.point5a = {
			...crashFacts(crash),
			n8nVerdict: verdict,
			retry: rerun.retry,
			rerun: rerun.how,
			rerunStatus: rerun.execution.status,
			rerunWorker: cluster!.executionsByWorker().get(rerun.execution.id),
			rerunDuplicates: sent.filter((s) => s.duplicate === true).length,
			rerunNewlySent: sent.filter((s) => s.duplicate === false).length,
			rerunErrors: sent.filter((s) => s.error !== undefined).length,
			transfersAfterRerun: after.length,
			receiversPaidTwiceAfterRerun: paidTwice(after).length,
			wallSeconds: seconds(Date.now() - t0),
		};
		expect(rerun.execution.status).toBe('success');
		expect(after).toHaveLength(ITEMS);
		expect(paidTwice(after)).toEqual([]);
		expect(sent.filter((s) => s.duplicate === true)).toHaveLength(crash.transfersAfterKill.length);
		expect(sent.filter((s) => s.duplicate === false)).toHaveLength(
			ITEMS - crash.transfersAfterKill.length,
		);
	});

	test('b. default IDs: no receiver paid twice after the crash; a re-run makes new IDs (measured: it pays again)', async () => {
		const t0 = Date.now();
		const crash = await crashMidBatch('b', 7, false);
		expect(paidTwice(crash.transfersAfterKill)).toEqual([]);
		const prefix = defaultIdPrefix(crash.transfersAfterKill);
		const [verdict] = await Promise.all([waitForVerdict(crash), crash.replacement]);
		const rerun = await retryOrRerun(crash);
		const after = transfersOfSeries(7);
		const twice = paidTwice(after);
		results.point5b = {
			...crashFacts(crash),
			crashedIdsAtCinetPay: crash.transfersAfterKill.filter((t) =>
				t.clientTransactionId?.startsWith(prefix),
			).length,
			defaultIdPrefix: prefix,
			n8nVerdict: verdict,
			retry: rerun.retry,
			rerun: rerun.how,
			rerunStatus: rerun.execution.status,
			transfersAfterRerun: after.length,
			receiversPaidTwiceAfterRerun: twice.length,
			wallSeconds: seconds(Date.now() - t0),
		};
		expect(crash.transfersAfterKill.every((t) => t.clientTransactionId?.startsWith(prefix))).toBe(
			true,
		);
		expect(rerun.execution.status).toBe('success');
		// The hazard the README warns about: what was paid before the crash is paid again.
		expect(twice).toHaveLength(crash.transfersAfterKill.length);
	});

	test("c. default IDs, finished the README way: the crashed run's IDs (n8n-<key>-0-<item>) → exactly one transfer per row", async () => {
		const t0 = Date.now();
		const crash = await crashMidBatch('c', 8, false);
		expect(paidTwice(crash.transfersAfterKill)).toEqual([]);
		const prefix = defaultIdPrefix(crash.transfersAfterKill);
		await crash.replacement;
		const recovery = bulkPayoutWorkflow({
			name: 'Bulk payout, finishing the crashed run (c)',
			webhookPath: 'queue-recover-c',
			rows: crash.rows,
			notifyUrl: sinkUrl,
			credential,
			recoverIdsWithPrefix: prefix,
		});
		const recoveryId = await createAndActivate(api, recovery);
		const execution = await runBulk(recoveryId, 'queue-recover-c');
		const sent = nodeOutput(execution, BULK_SEND);
		const after = transfersOfSeries(8);
		const verdict = await waitForVerdict(crash);
		results.point5c = {
			...crashFacts(crash),
			n8nVerdict: verdict,
			recoveryExecution: execution.id,
			recoveryStatus: execution.status,
			recoveryDuplicates: sent.filter((s) => s.duplicate === true).length,
			recoveryNewlySent: sent.filter((s) => s.duplicate === false).length,
			transfersAfterRecovery: after.length,
			receiversPaidTwiceAfterRecovery: paidTwice(after).length,
			wallSeconds: seconds(Date.now() - t0),
		};
		expect(execution.status).toBe('success');
		expect(after).toHaveLength(ITEMS);
		expect(paidTwice(after)).toEqual([]);
		expect(sent.filter((s) => s.duplicate === true)).toHaveLength(crash.transfersAfterKill.length);
	});
});
