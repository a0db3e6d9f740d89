/* eslint-disable @n8n/community-nodes/no-restricted-imports -- e2e helper: reads examples/ and drives a real n8n on 127.0.0.1, never published */
/**
 * examples/*.json as a user imports them, made to run in an n8n that loads the package from dist:
 * node types `n8n-nodes-cinetpay.<name>` become `CUSTOM.<name>` and the credential placeholder
 * points at a real credential (as scripts/demo.ts does). Also reads node outputs of executions.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { Execution, N8nApi, WorkflowSummary } from '../n8n';
import { PROJECT_ROOT } from '../paths';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';
export const CREDENTIAL_TYPE_2026 = 'cinetPayApi';
const PACKAGE_NAME = 'n8n-nodes-cinetpay';

export interface ExampleNode {
	name: string;
	type: string;
	id?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export const EXAMPLES = {
	bulk: 'bulk-payout-from-csv.json',
	reconcile: 'reconcile-payout-batch.json',
	notifications: 'transfer-status-notifications.json',
	payToDataTable: 'payouts-to-data-table.json',
	reconcileFromDataTable: 'payouts-reconcile-from-data-table.json',
	paySellers2026: 'pay-sellers-2026-sandbox.json',
} as const;

/**
 * The n8n Data Table the two Data Table examples share. n8n creates none from a workflow import:
 * `npm run demo` and the e2e test create it and point the examples' Data Table nodes at it; a user
 * creates it in Overview → Data tables and picks it in those nodes.
 */
export const PAYOUTS_TABLE = {
	name: 'cinetpay_payouts',
	columns: [
		{ name: 'transaction_id', type: 'string' },
		{ name: 'client_transaction_id', type: 'string' },
		{ name: 'lot', type: 'string' },
		{ name: 'phone', type: 'string' },
		{ name: 'amount', type: 'number' },
		{ name: 'status', type: 'string' },
		{ name: 'comment', type: 'string' },
	],
} as const;

/**
 * A 2026 credential's data for one of the 2026 simulator's accounts: its sk_test_ key (the
 * environment follows the key), the base URL override pointing at the simulator.
 */
export function credential2026Data(
	account: { country: string; apiKey: string; apiPassword: string },
	baseUrl: string,
	password = account.apiPassword,
) {
	return { apiKey: account.apiKey, password, country: account.country, environment: 'auto', baseUrl };
}

/** Creates a Data Table in the owner's personal project (the editor's REST API); returns where it is. */
export async function createDataTable(
	api: N8nApi,
	table: { name: string; columns: ReadonlyArray<{ name: string; type: string }> },
): Promise<{ projectId: string; id: string }> {
	const project = await api.rest<{ id: string }>('GET', '/rest/projects/personal');
	const created = await api.rest<{ id: string }>('POST', `/rest/projects/${project.id}/data-tables`, {
		name: table.name,
		columns: table.columns,
	});
	return { projectId: project.id, id: created.id };
}

/** Every row of a Data Table, page by page. */
export async function dataTableRows(
	api: N8nApi,
	table: { projectId: string; id: string },
): Promise<Array<Record<string, unknown>>> {
	const rows: Array<Record<string, unknown>> = [];
	// n8n 1.123 gives at most 50 rows a page, whatever `take` asks.
	for (;;) {
		const page = await api.rest<{ count: number; data: Array<Record<string, unknown>> }>(
			'GET',
			`/rest/projects/${table.projectId}/data-tables/${table.id}/rows?take=50&skip=${rows.length}`,
		);
		rows.push(...page.data);
		if (page.data.length === 0 || rows.length >= page.count) return rows;
	}
}

export function examplePath(file: string): string {
	return path.join(PROJECT_ROOT, 'examples', file);
}

export function loadExample(file: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(examplePath(file), 'utf8')) as ExampleWorkflow;
}

/**
 * The example with CUSTOM.* node types and its CinetPay credential references set to `credential`
 * (v1) and to `others` by credential type (e.g. the 2026 platform's).
 */
export function wireExample(
	example: ExampleWorkflow,
	credential: { id: string; name: string },
	others: Record<string, { id: string; name: string }> = {},
): ExampleWorkflow {
	const byType: Record<string, { id: string; name: string }> = {
		...others,
		[CREDENTIAL_TYPE]: credential,
	};
	const nodes = example.nodes.map((node) => {
		const type = node.type.startsWith(`${PACKAGE_NAME}.`)
			? `CUSTOM.${node.type.slice(PACKAGE_NAME.length + 1)}`
			: node.type;
		const wired: ExampleNode = { ...node, type, id: node.id ?? randomUUID() };
		for (const credentialType of Object.keys(node.credentials ?? {}))
			if (byType[credentialType])
				wired.credentials = { ...wired.credentials, [credentialType]: byType[credentialType] };
		return wired;
	});
	return { ...example, nodes };
}

/** The example from examples/<file>, wired to `credential` (see wireExample). */
export function wiredExample(
	file: string,
	credential: { id: string; name: string },
): ExampleWorkflow {
	return wireExample(loadExample(file), credential);
}

/** The example with every Data Table node pointed at the table of that ID (n8n 1.123 finds tables by ID only). */
export function wireDataTable(example: ExampleWorkflow, tableId: string): ExampleWorkflow {
	return { ...example, nodes: example.nodes.map((n) => withDataTable(n, tableId)) };
}

export function withDataTable<T extends { type: string; parameters?: Record<string, unknown> }>(n: T, tableId: string): T {
	if (n.type !== 'n8n-nodes-base.dataTable') return n;
	const locator = n.parameters?.dataTableId as Record<string, unknown> | undefined;
	return { ...n, parameters: { ...n.parameters, dataTableId: { ...locator, __rl: true, mode: 'list', value: tableId } } };
}

export function node(example: ExampleWorkflow, name: string): ExampleNode {
	const found = example.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`"${example.name}" has no node "${name}"`);
	return found;
}

/** Creates the workflow through the public API (which accepts only executionOrder-like settings). */
export async function createExample(
	api: N8nApi,
	example: ExampleWorkflow,
	name = example.name,
): Promise<WorkflowSummary> {
	return await api.createWorkflow({
		name,
		nodes: example.nodes,
		connections: example.connections,
		settings: { executionOrder: 'v1' },
	});
}

/** The items a node put on its outputs in the execution (output index → json items). */
export function nodeOutput(
	execution: Execution,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs) return [];
	return runs.flatMap((run) => (run.data?.main[output] ?? []).map((item) => item.json));
}

/** Which nodes ran in the execution. */
export function nodesRun(execution: Execution): string[] {
	return Object.keys(execution.data?.resultData.runData ?? {});
}

/** A short description of an execution for assertion messages. */
export function describeExecution(execution: Execution): string {
	const error = execution.data?.resultData.error?.message;
	return `execution ${execution.id} ${execution.status}${error ? `: ${error}` : ''}; nodes run: ${nodesRun(execution).join(', ')}`;
}
