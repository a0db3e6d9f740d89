/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only queue-mode harness, never published */
/**
 * The workflows the queue-mode tests run, built from the package's own examples/ so that what is
 * proven is what users import: the bulk payout from a CSV (its Code node given generated rows,
 * its manual trigger swapped for a production webhook so that it runs on a worker) and the status
 * notifications with downstream de-duplication. Plus small helpers for n8n's public API that
 * e2e/n8n.ts does not have (paged executions, one execution, retry).
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { HttpError, sleep, type Execution, type N8nApi, type WorkflowNode } from '../n8n';

export type { WorkflowNode };
import { PROJECT_ROOT } from '../paths';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';
const PACKAGE_NAME = 'n8n-nodes-cinetpay';

export interface WorkflowDefinition {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	settings?: Record<string, unknown>;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export function loadExample(file: string): WorkflowDefinition {
	return JSON.parse(
		fs.readFileSync(path.join(PROJECT_ROOT, 'examples', file), 'utf8'),
	) as WorkflowDefinition;
}

/** As scripts/demo.ts: nodes of this package loaded from dist are `CUSTOM.<name>`; wire the credential. */
function wire(workflow: WorkflowDefinition, credential: CredentialRef): WorkflowDefinition {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.type.startsWith(`${PACKAGE_NAME}.`)) return node;
			return {
				...node,
				type: `CUSTOM.${node.type.slice(PACKAGE_NAME.length + 1)}`,
				credentials: { [CREDENTIAL_TYPE]: credential },
			};
		}),
		settings: { executionOrder: 'v1' },
	};
}

function renameNode(workflow: WorkflowDefinition, from: string, to: WorkflowNode): void {
	workflow.nodes = workflow.nodes.map((node) => (node.name === from ? to : node));
	if (workflow.connections[from]) {
		workflow.connections[to.name] = workflow.connections[from];
		delete workflow.connections[from];
	}
}

export function webhookNode(
	name: string,
	webhookPath: string,
	position: [number, number],
): WorkflowNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	};
}

// ---------------------------------------------------------------------------------------------

export interface PayoutRow {
	prefix: string;
	phone: string;
	amount: number;
	name: string;
	surname: string;
	email: string;
	client_transaction_id?: string;
}

/**
 * `count` distinct Côte d'Ivoire receivers of one series (1–9): phones 07<series><7 digits>, never
 * the simulator's test numbers (0700000001–5), so every transfer succeeds. Amounts differ per row.
 */
export function payoutRows(count: number, series: number, idPrefix?: string): PayoutRow[] {
	if (series < 1 || series > 9) throw new Error('series is one digit, 1–9');
	return Array.from({ length: count }, (_, i) => ({
		prefix: '225',
		phone: `07${series}${String(i + 1).padStart(7, '0')}`,
		amount: 1000 + i,
		name: 'Kone',
		surname: 'Awa',
		email: `r${series}-${i + 1}@example.com`,
		...(idPrefix && { client_transaction_id: `${idPrefix}-${String(i + 1).padStart(4, '0')}` }),
	}));
}

export function toCsv(rows: PayoutRow[]): string {
	const columns = ['prefix', 'phone', 'amount', 'name', 'surname', 'email'];
	if (rows.some((r) => r.client_transaction_id)) columns.push('client_transaction_id');
	const lines = rows.map((row) =>
		columns.map((c) => String((row as unknown as Record<string, unknown>)[c] ?? '')).join(','),
	);
	return `${columns.join(',')}\n${lines.join('\n')}\n`;
}

export const BULK_TRIGGER = 'Payout file received';
export const BULK_SEND = 'Pay each row';
export const BULK_RESULT = 'Per-row result';
export const BULK_READ = 'Read CSV rows';

/**
 * examples/bulk-payout-from-csv.json with `rows` as its embedded CSV, started by a production
 * webhook (POST /webhook/<webhookPath>, answered at once) instead of the editor's button: in queue
 * mode production executions run on the workers. `recoverIdsWithPrefix` inserts the README's recovery
 * step for default IDs: an Edit Fields node that gives each row the ID the crashed execution gave
 * it (`n8n-<key>-0-<item>`, the key read from the crashed run's transfers at CinetPay).
 */
export function bulkPayoutWorkflow(options: {
	name: string;
	webhookPath: string;
	rows: PayoutRow[];
	notifyUrl: string;
	credential: CredentialRef;
	/** Prefix from defaultIdPrefix() of the crashed execution. */
	recoverIdsWithPrefix?: string;
}): WorkflowDefinition {
	const workflow = wire(loadExample('bulk-payout-from-csv.json'), options.credential);
	workflow.name = options.name;
	const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!manual) throw new Error('the bulk payout example has no manual trigger any more');
	renameNode(
		workflow,
		manual.name,
		webhookNode(BULK_TRIGGER, options.webhookPath, manual.position),
	);

	const code = workflow.nodes.find((n) => n.name === 'Sample CSV');
	const jsCode = String(code?.parameters.jsCode ?? '');
	if (!/^const csv = ".*";$/m.test(jsCode))
		throw new Error('the bulk payout example embeds its CSV differently now');
	code!.parameters = {
		...code!.parameters,
		jsCode: jsCode.replace(
			/^const csv = ".*";$/m,
			() => `const csv = ${JSON.stringify(toCsv(options.rows))};`,
		),
	};

	const send = workflow.nodes.find((n) => n.name === BULK_SEND);
	if (!send) throw new Error(`the bulk payout example has no "${BULK_SEND}" node`);
	send.parameters = { ...send.parameters, notifyUrl: options.notifyUrl };

	if (options.recoverIdsWithPrefix) {
		const prefix = options.recoverIdsWithPrefix;
		const recover: WorkflowNode = {
			id: randomUUID(),
			name: 'IDs of the crashed run',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [550, 200],
			parameters: {
				mode: 'manual',
				includeOtherFields: true,
				assignments: {
					assignments: [
						{
							id: 'cti',
							name: 'client_transaction_id',
							value: `=${prefix}{{ $itemIndex }}`,
							type: 'string',
						},
					],
				},
				options: {},
			},
		};
		workflow.nodes.push(recover);
		workflow.connections[BULK_READ] = { main: [[{ node: recover.name, type: 'main', index: 0 }]] };
		workflow.connections[recover.name] = { main: [[{ node: BULK_SEND, type: 'main', index: 0 }]] };
	}
	return workflow;
}

/**
 * The crashed execution's default client_transaction_id prefix, `n8n-<key>-<run>-`, read from the
 * transfers it made (the key is random per execution: nothing else outside n8n knows it).
 */
export function defaultIdPrefix(
	crashedTransfers: Array<{ clientTransactionId: string | null }>,
): string {
	const prefixes = new Set(
		crashedTransfers.map(
			(t) => /^(n8n-[A-Za-z0-9]+-\d+-)\d+$/.exec(t.clientTransactionId ?? '')?.[1],
		),
	);
	const [prefix] = prefixes;
	if (prefixes.size !== 1 || prefix === undefined)
		throw new Error(
			`the crashed run's transfers do not share one default-ID prefix: ${[...prefixes].join(', ')}`,
		);
	return prefix;
}

export const NOTIFY_TRIGGER = 'CinetPay status change';
export const NOTIFY_DEDUP = 'Once per transfer and status';
export const NOTIFY_DELIVERED = 'Delivered: mark as paid';
export const NOTIFY_REJECTED = 'Rejected: flag for follow-up';

/** examples/transfer-status-notifications.json as it is, wired to the credential. */
export function notificationsWorkflow(options: { name: string; credential: CredentialRef }): {
	workflow: WorkflowDefinition;
	webhookId: string;
} {
	const workflow = wire(loadExample('transfer-status-notifications.json'), options.credential);
	workflow.name = options.name;
	const trigger = workflow.nodes.find((n) => n.name === NOTIFY_TRIGGER);
	if (!trigger?.webhookId)
		throw new Error(`the notifications example has no "${NOTIFY_TRIGGER}" with a webhookId`);
	return { workflow, webhookId: trigger.webhookId };
}

/** Webhook → CinetPay Transfer: Balance → Get. One authenticated call per execution. */
export function balanceWorkflow(options: {
	name: string;
	webhookPath: string;
	credential: CredentialRef;
}): WorkflowDefinition {
	const hook = webhookNode('Check requested', options.webhookPath, [0, 0]);
	return {
		name: options.name,
		nodes: [
			hook,
			{
				id: randomUUID(),
				name: 'Balance',
				type: 'CUSTOM.cinetPayTransfer',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'balance', operation: 'get', options: {} },
				credentials: { [CREDENTIAL_TYPE]: options.credential },
			},
		],
		connections: { [hook.name]: { main: [[{ node: 'Balance', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

// ---------------------------------------------------------------------------------------------
// n8n public API beyond e2e/n8n.ts

export async function createAndActivate(
	api: N8nApi,
	workflow: WorkflowDefinition,
): Promise<string> {
	const created = await api.createWorkflow(workflow);
	await api.activateWorkflow(created.id);
	return created.id;
}

export async function getExecution(
	api: N8nApi,
	id: string,
	includeData = true,
): Promise<Execution> {
	return (await api.request(
		'GET',
		`/api/v1/executions/${id}?includeData=${includeData}`,
		undefined,
		'apiKey',
	)) as Execution;
}

/** n8n's Retry (public API): starts a new execution from the stored data; answers when it ends. */
export async function retryExecution(
	api: N8nApi,
	id: string,
): Promise<
	| { ok: true; execution: Execution & { retryOf?: string } }
	| { ok: false; status: number; message: string }
> {
	try {
		const execution = (await api.request(
			'POST',
			`/api/v1/executions/${id}/retry`,
			{},
			'apiKey',
		)) as Execution;
		return { ok: true, execution };
	} catch (error) {
		if (error instanceof HttpError)
			return { ok: false, status: error.status, message: error.body.slice(0, 300) };
		throw error;
	}
}

export const FINAL_EXECUTION = (e: Pick<Execution, 'status' | 'stoppedAt'>): boolean =>
	e.stoppedAt !== null && !['running', 'new', 'waiting'].includes(e.status);

/** The items a node output in an execution (first run, first output). */
export function nodeOutput(execution: Execution, node: string): Array<Record<string, unknown>> {
	const run = execution.data?.resultData.runData[node]?.[0];
	return (run?.data?.main[0] ?? []).map((item) => item.json);
}

export function nodeRan(execution: Execution, node: string): boolean {
	return (execution.data?.resultData.runData[node]?.length ?? 0) > 0;
}

/**
 * POSTs to a production webhook. A webhook registered moments ago can answer 404 until the
 * processor sees it: retried for `timeoutMs`.
 */
export async function postWebhook(
	url: string,
	body: string | Record<string, unknown>,
	options: { form?: boolean; timeoutMs?: number; retryNotFound?: boolean } = {},
): Promise<{ status: number; text: string }> {
	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
			},
			body:
				typeof body === 'string'
					? body
					: options.form
						? new URLSearchParams(body as Record<string, string>).toString()
						: JSON.stringify(body),
			signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
		});
		const text = await res.text();
		if (res.status === 404 && options.retryNotFound !== false && Date.now() < deadline) {
			await sleep(250);
			continue;
		}
		return { status: res.status, text };
	}
}
