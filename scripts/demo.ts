/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * `npm run demo`: a real n8n with this package, wired to the CinetPay simulator, ready to click.
 *
 *   1. ensures the runtime (Node 24 + n8n 2.41.1, first run ≈ 5 min, then instant),
 *   2. builds the package,
 *   3. starts the simulator (transfers confirm themselves and advance every 1.5 s),
 *   4. starts n8n with the package, creates the owner, a CinetPay credential pointing at the
 *      simulator, the Data Table `cinetpay_payouts`, imports examples/*.json and activates those
 *      that start with a trigger,
 *   5. prints the editor URL and login, and stops everything on Ctrl-C.
 *
 * Ports: DEMO_N8N_PORT (5678), DEMO_SIMULATOR_PORT (4010); DEMO_EXAMPLES_DIR (examples/).
 * Everything listens on 127.0.0.1.
 */
import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator } from '../simulator';
import { DEFAULT_OWNER, startN8n, type N8nApi, type N8nInstance } from '../e2e/n8n';
import { PROJECT_ROOT, snapshotDist } from '../e2e/paths';
import { cacheRoot, ensureRuntime } from '../e2e/runtime';
import { createDataTable, PAYOUTS_TABLE, withDataTable } from '../e2e/tests/examples';

const N8N_PORT = Number(process.env.DEMO_N8N_PORT ?? 5678);
const SIMULATOR_PORT = Number(process.env.DEMO_SIMULATOR_PORT ?? 4010);
const CREDENTIAL_TYPE = 'cinetPayTransferApi';
const PACKAGE_NAME = 'n8n-nodes-cinetpay';

/** Triggers that cannot be activated: they start a workflow from the editor or from another workflow. */
const NOT_ACTIVATABLE = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'n8n-nodes-base.start',
]);

/** What the public API accepts in `settings` (its schema forbids other keys). */
const WORKFLOW_SETTINGS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
];

interface ExampleNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

interface ExampleWorkflow {
	name?: string;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

const say = (line = ''): void => console.log(line);
const seconds = (t0: number): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	const started = Date.now();
	let n8n: N8nInstance | undefined;
	let simulator: { baseUrl: string; close(): Promise<void> } | undefined;

	// Ctrl-C: stop what was started, in reverse order, then leave.
	let stopping = false;
	const shutdown = async (code: number): Promise<never> => {
		if (!stopping) {
			stopping = true;
			say('\nStopping n8n and the simulator…');
			await n8n?.stop().catch(() => undefined);
			await simulator?.close().catch(() => undefined);
		}
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		await ensureRuntime({ n8n: '2' });

		let t0 = Date.now();
		const build = spawnSync('npm', ['run', '--silent', 'build'], {
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
		});
		if (build.status !== 0)
			throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
		say(`Built the package (${seconds(t0)}).`);

		simulator = await startSimulator({
			port: SIMULATOR_PORT,
			variants: { autoConfirm: true, stepMs: 1500 },
			quiet: false,
		});
		say(`CinetPay simulator: ${simulator.baseUrl}`);

		t0 = Date.now();
		const logFile = path.join(cacheRoot(), 'demo', 'n8n.log');
		fs.rmSync(logFile, { force: true });
		n8n = await startN8n({
			version: '2',
			customExtensionsDir: snapshotDist('demo-dist'),
			port: N8N_PORT,
			logFile,
		});
		say(`n8n 2.41.1 ready (${seconds(t0)}), log: ${logFile}`);

		const { api } = n8n;
		await api.setupOwner(DEFAULT_OWNER);
		await api.createApiKey('demo');
		const credential = await api.createCredential(CREDENTIAL_TYPE, 'CinetPay (simulator)', {
			apiKey: DEMO_API_KEY,
			password: DEMO_PASSWORD,
			baseUrl: simulator.baseUrl,
		});
		say(`Credential "CinetPay (simulator)" created (${CREDENTIAL_TYPE}, id ${credential.id}).`);

		// The Data Table examples find their table by name; n8n creates none on import.
		const table = await createDataTable(api, PAYOUTS_TABLE);
		say(`Data Table "${PAYOUTS_TABLE.name}" created.`);

		await importExamples(api, n8n.baseUrl, { id: credential.id, name: 'CinetPay (simulator)' }, table.id);

		say();
		say('─'.repeat(72));
		say(`  n8n editor:  ${n8n.baseUrl}`);
		say(`  email:       ${DEFAULT_OWNER.email}`);
		say(`  password:    ${DEFAULT_OWNER.password}`);
		say(
			`  simulator:   ${simulator.baseUrl}  (API key ${DEMO_API_KEY}, password ${DEMO_PASSWORD})`,
		);
		say(`  ready in ${seconds(started)}. Ctrl-C stops n8n and the simulator.`);
		say('─'.repeat(72));
	} catch (error) {
		console.error(`demo failed: ${(error as Error).message}`);
		await shutdown(1);
	}
}

/** Creates every examples/*.json workflow, wired to the demo credential, and activates the triggered ones. */
async function importExamples(
	api: N8nApi,
	baseUrl: string,
	credential: { id: string; name: string },
	dataTableId: string,
): Promise<void> {
	const dir = process.env.DEMO_EXAMPLES_DIR ?? path.join(PROJECT_ROOT, 'examples');
	const files = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.json'))
				.sort()
		: [];
	if (files.length === 0) {
		say('No examples/*.json to import.');
		return;
	}
	// From n8n itself: which node types are triggers, and which take the CinetPay credential.
	const types = await api.nodeTypes();
	const triggerTypes = new Set(types.filter((t) => t.group.includes('trigger')).map((t) => t.name));
	const credentialUsers = new Set(
		types.filter((t) => t.credentials?.some((c) => c.name === CREDENTIAL_TYPE)).map((t) => t.name),
	);

	for (const file of files) {
		try {
			const example = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ExampleWorkflow;
			const nodes = example.nodes.map((node) =>
				withDataTable(wireNode(node, credential, credentialUsers), dataTableId),
			);
			const settings = Object.fromEntries(
				Object.entries(example.settings ?? { executionOrder: 'v1' }).filter(([k]) =>
					WORKFLOW_SETTINGS.includes(k),
				),
			);
			const workflow = await api.createWorkflow({
				name: example.name ?? path.basename(file, '.json'),
				nodes,
				connections: example.connections,
				settings,
			});
			const triggers = nodes.filter(
				(n) => triggerTypes.has(n.type) && !NOT_ACTIVATABLE.has(n.type),
			);
			let state = 'imported';
			if (triggers.length > 0) {
				await api.activateWorkflow(workflow.id);
				state = 'imported and active';
			}
			say(`  ${file}: "${workflow.name}" ${state} — ${baseUrl}/workflow/${workflow.id}`);
			for (const hook of nodes.filter(
				(n) => n.type === 'n8n-nodes-base.webhook' && triggers.includes(n),
			)) {
				const method = String(hook.parameters?.httpMethod ?? 'GET');
				say(
					`      webhook: ${method} ${baseUrl}/webhook/${String(hook.parameters?.path ?? hook.webhookId)}`,
				);
			}
		} catch (error) {
			// One broken example should not take the demo down; say why and go on.
			say(`  ${file}: NOT imported/activated: ${(error as Error).message}`);
		}
	}
}

/**
 * Examples are written as a user who installed the package would have them: node types
 * `n8n-nodes-cinetpay.<name>`. Loaded from dist as custom extensions, n8n calls them
 * `CUSTOM.<name>`. Any CinetPay credential reference is pointed at the demo credential.
 */
function wireNode(
	node: ExampleNode,
	credential: { id: string; name: string },
	credentialUsers: Set<string>,
): ExampleNode {
	const type = node.type.startsWith(`${PACKAGE_NAME}.`)
		? `CUSTOM.${node.type.slice(PACKAGE_NAME.length + 1)}`
		: node.type;
	const wired: ExampleNode = {
		...node,
		type,
		id: typeof node.id === 'string' ? node.id : randomUUID(),
	};
	if (credentialUsers.has(type))
		wired.credentials = { ...node.credentials, [CREDENTIAL_TYPE]: credential };
	return wired;
}

void main();
