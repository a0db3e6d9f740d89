/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- e2e test: drives a real n8n and simulators on 127.0.0.1, never published */
/**
 * Issue 12 in real n8n (2.41.1, then 1.123.81): what the node says about each payout is what
 * CinetPay did.
 *
 * 1. The bulk-payout example as shipped (examples/bulk-payout-from-csv.json), "On Error: Continue
 *    (using error output)": its success branch holds exactly the rows CinetPay holds a transfer
 *    for, its error branch exactly the others (refused by validation, refused by CinetPay).
 * 2. A credential edited through the editor's own REST calls (the stored session token comes back
 *    as a placeholder and n8n restores it) is used by the very next run: an API key change on the
 *    same host (two accounts behind one host: e2e/accountRouter.ts), then a base URL change.
 * 3. Default client IDs: the same imported workflow in two fresh n8n databases (execution IDs
 *    restart at 1, node IDs are the workflow's) pays twice, not once plus a false "duplicate".
 *    And what n8n keeps of a node's execution context (getContext('node')) across Retry On Fail
 *    and across a retried execution, seen with a probe node (e2e/fixtures/context-probe).
 */
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_API_KEY, startSimulator } from '../../simulator';
import type { RequestLogEntry, RunningSimulator } from '../../simulator';
import { startAccountRouter, type AccountRouter } from '../accountRouter';
import {
	chromiumAvailable,
	launchBrowser,
	newPage,
	saveCredential,
	screenshot,
	signIn,
} from '../browser';
import { compatTargets } from '../global-setup';
import type { Execution, N8nInstance, WorkflowNode } from '../n8n';
import { ARTIFACTS, E2E_DIST, PROJECT_ROOT } from '../paths';
import type { N8nTarget } from '../runtime';
import { editCredential, editorSaveBody, openCredential } from './editorCredential';
import {
	createExample,
	describeExecution,
	EXAMPLES,
	node,
	nodeOutput,
	wiredExample,
} from './examples';
import {
	chain,
	createDemoCredential,
	MANUAL_TRIGGER,
	manualTriggerNode,
	payDirectly,
	receiversNode,
	sendNode,
	startN8nWithOwner,
} from './support';

const TARGETS: N8nTarget[] = compatTargets();
const PROBE = path.join(PROJECT_ROOT, 'e2e', 'fixtures', 'context-probe', 'ContextProbe.node.js');

/**
 * The package's dist with the probe node beside it. One folder: n8n loads each folder of
 * N8N_CUSTOM_EXTENSIONS as the same package "CUSTOM", and the last one loaded replaces the others.
 */
function distWithProbe(): string {
	const target = path.join(ARTIFACTS, 'dist-with-probe');
	fs.rmSync(target, { recursive: true, force: true });
	fs.cpSync(E2E_DIST, target, { recursive: true });
	fs.copyFileSync(PROBE, path.join(target, 'ContextProbe.node.js'));
	return target;
}

const ACCOUNT_B = { apiKey: 'sim_account_b_apikey_9876543210', password: 'sim-account-b-password' };

/** The bulk example's CSV for this test: every way a row can end, one row each (or more). */
const CSV_HEADER = 'prefix,phone,amount,name,surname,email,client_transaction_id';
interface CsvRow {
	prefix: string;
	phone: string;
	amount: number;
	id: string;
	/** What should happen, for the reader and the failure messages. */
	expect: string;
}
const CSV_CASES: Array<[prefix: string, phone: string, amount: number, expect: string]> = [
	['225', '0700000001', 5000, 'paid (ends VAL)'],
	['225', '0700000002', 2500, 'paid (ends REJ)'],
	['221', '770000001', 10000, 'paid'],
	['225', '0700000004', 1500, 'CinetPay: 717'],
	['225', '07000', 3000, 'validation: phone'],
	['225', '0700000005', 2000, 'CinetPay: 721'],
	['221', '770000003', 4000, 'paid (stays REC)'],
	['221', '770000004', 3500, 'CinetPay: 717'],
	['225', '0700000001', 6000, 'paid earlier'],
	['225', 'abc', 1000, 'validation: phone'],
];
/** The rows, with IDs `<tag>-01` to `<tag>-10`. */
function csvRows(tag: string): CsvRow[] {
	return CSV_CASES.map(([prefix, phone, amount, expect], i) => {
		const id = `${tag}-${String(i + 1).padStart(2, '0')}`;
		return { prefix, phone, amount, id, expect };
	});
}
function csvText(rows: CsvRow[]): string {
	const lines = rows.map((r, i) =>
		[
			r.prefix,
			r.phone,
			r.amount,
			'Row',
			`Row ${String.fromCharCode(65 + i)}`,
			`row${i + 1}@example.com`,
			r.id,
		].join(','),
	);
	return [CSV_HEADER, ...lines].join('\n') + '\n';
}

/** The "Sample CSV" node's code with another CSV (the example's own code, its literal swapped). */
function withCsv(jsCode: string, csv: string): string {
	const replaced = jsCode.replace(
		/const csv = "(?:[^"\\]|\\.)*";/,
		`const csv = ${JSON.stringify(csv)};`,
	);
	if (replaced === jsCode)
		throw new Error('the example\'s "Sample CSV" code has no `const csv = "…";`');
	return replaced;
}

/** Manual Trigger → Code (the given items) → CinetPay Transfer → Send, with fixed node IDs. */
function payoutWorkflow(
	name: string,
	credential: { id: string; name: string },
	receivers: Array<Record<string, unknown>>,
	sendNodeId = '7c0e5a10-0000-4000-8000-0000000000a3',
): { name: string; nodes: WorkflowNode[]; connections: Record<string, unknown> } {
	return {
		name,
		nodes: [
			manualTriggerNode('7c0e5a10-0000-4000-8000-0000000000a1'),
			receiversNode('7c0e5a10-0000-4000-8000-0000000000a2', receivers),
			sendNode({ id: sendNodeId, name: 'Pay', position: [400, 0] }, credential),
		],
		connections: chain(MANUAL_TRIGGER, 'Receivers', 'Pay'),
	};
}

/** Manual Trigger → Context Probe, with the probe's retry settings. */
function probeWorkflow(name: string, retry: { retryOnFail: boolean; maxTries?: number }) {
	return {
		name,
		nodes: [
			manualTriggerNode('9d1f0000-0000-4000-8000-0000000000b1'),
			{
				id: '9d1f0000-0000-4000-8000-0000000000b2',
				name: 'Context Probe',
				type: 'CUSTOM.contextProbe',
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: {},
				...(retry.retryOnFail
					? { retryOnFail: true, maxTries: retry.maxTries ?? 2, waitBetweenTries: 0 }
					: {}),
			},
		],
		connections: chain(MANUAL_TRIGGER, 'Context Probe'),
	};
}

interface PairedItem {
	json: Record<string, unknown>;
	/** The index of the input item n8n pairs this output item with. */
	inputIndex: number;
}

/** A node's items on one output in an execution, with the input item each is paired with. */
function pairedOutput(execution: Execution, nodeName: string, output: number): PairedItem[] {
	const runs = execution.data?.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) =>
		(run.data?.main[output] ?? []).map((item) => {
			const paired = (item as { pairedItem?: { item: number } | Array<{ item: number }> })
				.pairedItem;
			const first = Array.isArray(paired) ? paired[0] : paired;
			if (first === undefined) throw new Error(`an item of ${nodeName} has no pairedItem`);
			return { json: item.json, inputIndex: first.item };
		}),
	);
}

/** The probe's error message of an execution, parsed. */
function probeFailure(execution: Execution): { mark: string; execution: string } | undefined {
	const runs = execution.data?.resultData.runData['Context Probe'] ?? [];
	const messages = [
		execution.data?.resultData.error?.message,
		...runs.map((r) => (r.error as { message?: string } | undefined)?.message),
	];
	for (const message of messages) {
		const match = /mark=(\S+) execution=(\S+)/.exec(message ?? '');
		if (match) return { mark: match[1], execution: match[2] };
	}
	return undefined;
}

/**
 * Runs `action`; returns its result and the requests each simulator's log gained meanwhile (with
 * the token issue number they carried).
 */
async function callsDuring<T>(
	sims: RunningSimulator[],
	action: () => Promise<T>,
): Promise<[T, RequestLogEntry[][]]> {
	const lastSeqs = sims.map((sim) =>
		sim.control.requests().reduce((max, r) => Math.max(max, r.seq), 0),
	);
	const result = await action();
	return [result, sims.map((sim, i) => sim.control.requests().filter((r) => r.seq > lastSeqs[i]))];
}
/** A token this simulator did not issue shows as <redacted:unknown> in its log. */
function withForeignToken(entries: RequestLogEntry[]): RequestLogEntry[] {
	return entries.filter((r) => String(r.query.token ?? '') === '<redacted:unknown>');
}

const log = (line: string): boolean => process.stderr.write(`[e2e] ${line}\n`);
const itWithBrowser = chromiumAvailable() ? it : it.skip;
const BLANK = /^__n8n_BLANK_VALUE_/;

describe.each(TARGETS)('issue 12 in real n8n (target %s)', (target) => {
	let n8n: N8nInstance;
	/** Account A, the demo account: the credential's account before an edit. */
	let simA: RunningSimulator;
	/** Account B: another merchant on the same host (behind the router). */
	let simB: RunningSimulator;
	/** Account A's API key and password on another host (a base URL change only). */
	let simA2: RunningSimulator;
	let router: AccountRouter;
	/** The default client IDs the first fresh instance gave (test 3). */
	let firstInstanceIds: string[] = [];
	let extensions: string;
	const t0 = Date.now();

	const start = (label: string): Promise<N8nInstance> =>
		startN8nWithOwner(`payout-truth-${target}-${label}`, {
			version: target,
			customExtensionsDir: extensions,
		});

	beforeAll(async () => {
		extensions = distWithProbe();
		simA = await startSimulator({ port: 0, variants: { autoConfirm: true, stepMs: 0 } });
		simB = await startSimulator({
			port: 0,
			apiKey: ACCOUNT_B.apiKey,
			password: ACCOUNT_B.password,
			variants: { autoConfirm: true, stepMs: 0 },
		});
		simA2 = await startSimulator({ port: 0, variants: { autoConfirm: true, stepMs: 0 } });
		router = await startAccountRouter([
			{ apiKey: DEMO_API_KEY, baseUrl: simA.baseUrl },
			{ apiKey: ACCOUNT_B.apiKey, baseUrl: simB.baseUrl },
		]);
		n8n = await start('first');
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await router?.close();
		await Promise.all([simA?.close(), simB?.close(), simA2?.close()]);
		log(`payout-truth (${target}): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});

	/** A credential of account A (the demo account) on `baseUrl`. */
	const createCredential = (name: string, baseUrl: string) =>
		createDemoCredential(n8n.api, name, baseUrl);

	/**
	 * Pays `amount` to 225 0700000001 (a number CinetPay pays) in a workflow of its own named
	 * `name`, with this client_transaction_id (none: the node's default).
	 */
	const runPayout = async (
		credential: { id: string; name: string },
		name: string,
		amount: number,
		clientTransactionId?: string,
	): Promise<Execution> => {
		const receiver: Record<string, unknown> = { prefix: '225', phone: '0700000001', amount };
		Object.assign(receiver, { name: 'Payee', surname: 'Test', email: 'payee@example.com' });
		if (clientTransactionId !== undefined) receiver.client_transaction_id = clientTransactionId;
		const workflow = await n8n.api.createWorkflow(payoutWorkflow(name, credential, [receiver]));
		return await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
	};

	it('default client IDs, fresh instance #1: the first execution pays with its default IDs', async () => {
		// First execution of this database (ID 1 today): no client_transaction_id in the items.
		const credential = await createCredential('CinetPay A (default IDs)', simA.baseUrl);
		const execution = await runPayout(credential, 'Weekly payout', 7000);
		expect(describeExecution(execution)).toMatch(/ success;/);
		const [item] = nodeOutput(execution, 'Pay');
		log(
			`default ID (instance #1, execution ${execution.id}): ${String(item.client_transaction_id)}`,
		);
		expect(item.error).toBeUndefined();
		firstInstanceIds = [String(item.client_transaction_id)];
		const transfer = simA.control
			.transfers()
			.find((t) => t.clientTransactionId === firstInstanceIds[0]);
		expect(transfer).toBeDefined();
		expect(item.transaction_id).toBe(transfer!.transactionId);
	});

	it('error output: the success branch holds exactly the paid rows, the error branch exactly the others', async () => {
		const tag = `eo-${target}`;
		const rows = csvRows(tag);
		// Row 9 was paid before this run (same ID, receiver and amount): CinetPay holds its transfer.
		const paidEarlier = rows.find((r) => r.expect === 'paid earlier')!;
		await payDirectly(simA, {
			...paidEarlier,
			notifyUrl: 'https://example.com/n',
			contact: { name: 'Paid', surname: 'Earlier', email: 'p@example.com' },
		});

		const credential = await createCredential('CinetPay A (bulk)', simA.baseUrl);
		const example = wiredExample(EXAMPLES.bulk, credential);
		const pay = node(example, 'Pay each row');
		// As shipped: the error output on, success and error branches wired.
		expect(pay.onError).toBe('continueErrorOutput');
		const sample = node(example, 'Sample CSV');
		sample.parameters.jsCode = withCsv(String(sample.parameters.jsCode), csvText(rows));
		const workflow = await createExample(n8n.api, example, `${example.name} (${target})`);

		const execution = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(execution)).toMatch(/ success;/);

		// Each item is known by the CSV row n8n pairs it with (pairedItem), whatever its JSON says.
		const successBranch = pairedOutput(execution, 'Pay each row', 0);
		const errorBranch = pairedOutput(execution, 'Pay each row', 1);
		const rowIdsOf = (items: PairedItem[]) => items.map((i) => rows[i.inputIndex].id).sort();
		log(
			`error output (${target}): success branch ${JSON.stringify(rowIdsOf(successBranch))}, error branch ${JSON.stringify(
				errorBranch.map(
					(i) =>
						`${rows[i.inputIndex].id}: ${String((i.json.error as { message?: unknown }).message)}`,
				),
			)}`,
		);
		if (errorBranch[0])
			log(`error output (${target}): first error item ${JSON.stringify(errorBranch[0].json)}`);
		for (const item of successBranch.filter((i) => i.json.error !== undefined))
			log(
				`error output (${target}): a failed row on the success branch: ${JSON.stringify(item.json)}`,
			);

		// CinetPay's own record: the rows of this CSV it holds a transfer for.
		const rowIds = rows.map((r) => r.id).sort();
		const heldByCinetPay = simA.control
			.transfers()
			.map((t) => t.clientTransactionId)
			.filter((id): id is string => id !== null && rowIds.includes(id))
			.sort();
		// The paid rows, by what the CSV rows are made of (test numbers that CinetPay accepts).
		expect(heldByCinetPay).toEqual(
			rows
				.filter((r) => r.expect.startsWith('paid'))
				.map((r) => r.id)
				.sort(),
		);

		// Count in = count out, each row once, on exactly one branch.
		expect([...rowIdsOf(successBranch), ...rowIdsOf(errorBranch)].sort()).toEqual(rowIds);
		expect(rowIdsOf(successBranch)).toEqual(heldByCinetPay);
		expect(rowIdsOf(errorBranch)).toEqual(rowIds.filter((id) => !heldByCinetPay.includes(id)));

		// Success items name their row's transfer; error items say what happened: a row the node
		// refused before any call is not-sent; one CinetPay refused is unknown, as its ID is the
		// row's own, which an earlier run may have paid (the ledger above shows nothing was).
		for (const { json, inputIndex } of successBranch) {
			const transfer = simA.control
				.transfers()
				.find((t) => t.clientTransactionId === rows[inputIndex].id)!;
			expect(json).toEqual(
				expect.objectContaining({
					client_transaction_id: transfer.clientTransactionId,
					transaction_id: transfer.transactionId,
				}),
			);
		}
		// A failed item is `{ error: { message, outcome, … } }` (n8n routes that JSON to the error
		// output and keeps it; an item carrying INodeExecutionData.error would have its JSON
		// replaced by the message), with the CSV row's own fields merged in by n8n.
		for (const { json, inputIndex } of errorBranch) {
			const failure = json.error as Record<string, unknown>;
			expect(failure).toEqual(
				expect.objectContaining({
					message: expect.any(String),
					outcome: failure.field === undefined ? 'unknown' : 'not-sent',
				}),
			);
			expect(json.client_transaction_id).toBe(rows[inputIndex].id);
		}

		// The example's own nodes after each branch ran on exactly those items.
		expect(
			nodeOutput(execution, 'Per-row result')
				.map((r) => String(r.client_transaction_id))
				.sort(),
		).toEqual(heldByCinetPay);
		expect(nodeOutput(execution, 'Failed rows')).toHaveLength(errorBranch.length);
	});

	it('credential edit, API key and password (same host): the next run uses account B only', async () => {
		const credential = await createCredential('CinetPay (key edited)', router.baseUrl);
		const before = await runPayout(credential, 'Pay from A', 1100, `key-a-${target}`);
		expect(describeExecution(before)).toMatch(/ success;/);
		expect(simA.control.transfers().some((t) => t.clientTransactionId === `key-a-${target}`)).toBe(
			true,
		);

		// The stored session comes back to the editor as a placeholder, and goes back as one.
		const opened = await openCredential(n8n.api, credential.id);
		expect(String(opened.data.sessionToken)).toMatch(/^__n8n_BLANK_VALUE_/);
		const sent = await editCredential(n8n.api, credential.id, {
			apiKey: ACCOUNT_B.apiKey,
			password: ACCOUNT_B.password,
		});
		log(`editor PATCH (${target}): ${JSON.stringify({ ...sent, data: Object.keys(sent.data) })}`);
		expect(String(sent.data.sessionToken)).toMatch(/^__n8n_BLANK_VALUE_/);

		const [after, [toA, toB]] = await callsDuring([simA, simB], () =>
			runPayout(credential, 'Pay from B', 1200, `key-b-${target}`),
		);
		log(
			`after the key edit (${target}): ${toA.length} request(s) reached account A, ${toB.length} account B, ${router.unknownTokenRequests().length} with an unknown token`,
		);
		expect(toA.map((r) => `${r.method} ${r.path}`)).toEqual([]);
		expect(router.unknownTokenRequests()).toEqual([]);
		expect(describeExecution(after)).toMatch(/ success;/);
		expect(simB.control.transfers().map((t) => t.clientTransactionId)).toContain(`key-b-${target}`);
		expect(simA.control.transfers().map((t) => t.clientTransactionId)).not.toContain(
			`key-b-${target}`,
		);
		expect(toB.some((r) => r.path.endsWith('/auth/login'))).toBe(true);
	});

	itWithBrowser(
		'credential edit in the real editor: Save sends what editCredential sends (the token as a placeholder), and the next run uses the new key',
		async () => {
			const credential = await createCredential('CinetPay (edited in the editor)', router.baseUrl);
			const id = `ui-a-${target}`;
			const before = await runPayout(credential, 'Pay from A (editor)', 1500, id);
			expect(describeExecution(before)).toMatch(/ success;/);
			const changes = { apiKey: ACCOUNT_B.apiKey, password: ACCOUNT_B.password };
			const expected = await editorSaveBody(n8n.api, credential.id, changes);

			const browser = await launchBrowser();
			let sent: Record<string, unknown>;
			try {
				const page = await newPage(browser);
				// The editor's first load takes long on two busy cores (the bundle, then its settings).
				page.setDefaultNavigationTimeout(120_000);
				page.setDefaultTimeout(60_000);
				await signIn(page, n8n.baseUrl, undefined, `/home/credentials/${credential.id}`);
				if (!page.url().includes(`/home/credentials/${credential.id}`))
					await page.goto(`${n8n.baseUrl}/home/credentials/${credential.id}`);
				const dialog = page.locator('[data-test-id=credential-edit-dialog]');
				await dialog.waitFor();
				await dialog.locator('[data-test-id=parameter-input-apiKey] input').fill(changes.apiKey);
				await dialog
					.locator('[data-test-id=parameter-input-password] input')
					.fill(changes.password);
				const patch = page.waitForRequest(
					(r) => r.method() === 'PATCH' && r.url().includes(`/rest/credentials/${credential.id}`),
				);
				await saveCredential(page);
				sent = JSON.parse((await patch).postData() ?? '{}') as Record<string, unknown>;
				await screenshot(page, `payout-truth-${target}-credential-saved`);
			} finally {
				await browser.close();
			}
			const data = (sent.data ?? {}) as Record<string, unknown>;
			log(
				`the editor's Save (${target}): top-level ${JSON.stringify(Object.keys(sent))}, data ${JSON.stringify(
					Object.fromEntries(
						Object.entries(data).map(([k, v]) => [
							k,
							BLANK.test(String(v))
								? '<placeholder>'
								: k === 'apiKey' || k === 'password'
									? '<typed>'
									: typeof v,
						]),
					),
				)}`,
			);
			// The editor and editCredential send the same data: the same fields, the typed ones as
			// typed, the stored secrets (the session token included) as placeholders.
			expect(Object.keys(data).sort()).toEqual(Object.keys(expected.data).sort());
			expect(data).toEqual(expect.objectContaining(changes));
			for (const [key, value] of Object.entries(expected.data))
				if (BLANK.test(String(value))) expect(String(data[key])).toMatch(BLANK);
			expect(String(data.sessionToken)).toMatch(BLANK);

			const [after, [toA]] = await callsDuring([simA], () =>
				runPayout(credential, 'Pay from B (editor)', 1600, `ui-b-${target}`),
			);
			expect(toA.map((r) => `${r.method} ${r.path}`)).toEqual([]);
			expect(router.unknownTokenRequests()).toEqual([]);
			expect(describeExecution(after)).toMatch(/ success;/);
			expect(simB.control.transfers().map((t) => t.clientTransactionId)).toContain(
				`ui-b-${target}`,
			);
		},
	);

	it('credential edit, base URL only: the old token never reaches the new host, nothing reaches the old one', async () => {
		const credential = await createCredential('CinetPay (URL edited)', simA.baseUrl);
		const before = await runPayout(credential, 'Pay from host A', 1300, `url-a-${target}`);
		expect(describeExecution(before)).toMatch(/ success;/);

		await editCredential(n8n.api, credential.id, { baseUrl: simA2.baseUrl });

		const [after, [toA, toA2]] = await callsDuring([simA, simA2], () =>
			runPayout(credential, 'Pay from host A2', 1400, `url-b-${target}`),
		);
		log(
			`after the base URL edit (${target}): ${toA.length} request(s) reached the old host, ${withForeignToken(toA2).length} reached the new host with a token it never issued`,
		);
		expect(withForeignToken(toA2).map((r) => `${r.method} ${r.path}`)).toEqual([]);
		expect(toA.map((r) => `${r.method} ${r.path}`)).toEqual([]);
		expect(describeExecution(after)).toMatch(/ success;/);
		expect(simA2.control.transfers().map((t) => t.clientTransactionId)).toContain(
			`url-b-${target}`,
		);
	});

	it("Retry On Fail: the node's execution context (getContext('node')) is the same on every try", async () => {
		const workflow = await n8n.api.createWorkflow(
			probeWorkflow('Context probe, Retry On Fail', { retryOnFail: true, maxTries: 2 }),
		);
		const execution = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(describeExecution(execution)).toMatch(/ success;/);
		const [out] = nodeOutput(execution, 'Context Probe');
		log(`probe, Retry On Fail (${target}): ${JSON.stringify(out)}`);
		// The 2nd try found the mark the 1st try stored, in the same execution.
		expect(out).toEqual(
			expect.objectContaining({
				tries: 2,
				markedInExecution: execution.id,
				executionId: execution.id,
			}),
		);
	});

	it("retry of a failed execution (POST /rest/executions/:id/retry): the node's execution context is carried into it", async () => {
		const workflow = await n8n.api.createWorkflow(
			probeWorkflow('Context probe, execution retry', { retryOnFail: false }),
		);
		const failed = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER);
		expect(failed.status).toBe('error');
		const first = probeFailure(failed);
		expect(first).toBeDefined();

		await n8n.api.rest('POST', `/rest/executions/${failed.id}/retry`, { loadWorkflow: false });
		const all = await n8n.api.waitForExecutions({
			workflowId: workflow.id,
			count: 2,
			includeData: true,
		});
		const retried = all.find((e) => e.id !== failed.id)!;
		const [out] = nodeOutput(retried, 'Context Probe');
		const again = probeFailure(retried);
		log(
			`probe, execution retry (${target}): failed ${failed.id} marked ${first!.mark}; retry ${retried.id} ${retried.status}: ${JSON.stringify(out ?? again)}`,
		);
		expect(retried.mode).toBe('retry');
		expect(describeExecution(retried)).toMatch(/ success;/);
		expect(out).toEqual(
			expect.objectContaining({
				mark: first!.mark,
				markedInExecution: failed.id,
				executionId: retried.id,
			}),
		);
	});

	it('default client IDs, fresh instance #2 (a reset database): another ID, a second transfer', async () => {
		expect(firstInstanceIds).toHaveLength(1);
		await n8n.stop();
		n8n = await start('second');
		const credential = await createCredential('CinetPay A (default IDs)', simA.baseUrl);
		const before = simA.control.transfers().length;
		// The same workflow (same node IDs), the first execution of this database too.
		const execution = await runPayout(credential, 'Weekly payout', 7000);
		expect(describeExecution(execution)).toMatch(/ success;/);
		const [item] = nodeOutput(execution, 'Pay');
		log(
			`default ID (instance #2, execution ${execution.id}): ${String(item.client_transaction_id)} (instance #1: ${firstInstanceIds[0]})`,
		);
		expect(item.client_transaction_id).not.toBe(firstInstanceIds[0]);
		expect(String(item.client_transaction_id).length).toBeLessThanOrEqual(64);
		expect(item.duplicate).not.toBe(true);
		// This week's payout is a new transfer at CinetPay, and the item names it.
		const created = simA.control.transfers().slice(before);
		expect(created.map((t) => t.clientTransactionId)).toEqual([item.client_transaction_id]);
		expect(item.transaction_id).toBe(created[0].transactionId);
	});
});
