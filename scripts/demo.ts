/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * `npm run demo`: a real n8n with this package, wired to the CinetPay simulator, ready to click.
 *
 *   1. ensures the runtime (Node 24 + n8n 2.41.1, first run ≈ 5 min, then instant),
 *   2. builds the package,
 *   3. starts both simulators, v1's and the 2026 platform's (transfers confirm themselves and
 *      advance every 1.5 s),
 *   4. starts n8n with the package, creates the owner, a credential for each platform pointing at
 *      its simulator (2026: a sandbox sk_test_ key of the CI account), the Data Table
 *      `cinetpay_payouts`, imports examples/*.json and activates those that start with a trigger,
 *   5. prints the editor URL and login, and stops everything on Ctrl-C.
 *
 * Ports: DEMO_N8N_PORT (5678), DEMO_SIMULATOR_PORT (4010), DEMO_SIMULATOR_2026_PORT (4020);
 * DEMO_EXAMPLES_DIR (examples/).
 * Everything listens on 127.0.0.1.
 */
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator } from '../simulator';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
} from '../simulator/platform2026';
import { DEFAULT_OWNER, startN8n, type N8nApi, type N8nInstance } from '../e2e/n8n';
import { buildPackage, PROJECT_ROOT, snapshotDist } from '../e2e/paths';
import { cacheRoot, ensureRuntime } from '../e2e/runtime';
import {
	createDataTable,
	CREDENTIAL_TYPE,
	CREDENTIAL_TYPE_2026,
	credential2026Data,
	PAYOUTS_TABLE,
	wireDataTable,
	wireExample,
	type ExampleWorkflow,
} from '../e2e/tests/examples';

const N8N_PORT = Number(process.env.DEMO_N8N_PORT ?? 5678);
const SIMULATOR_PORT = Number(process.env.DEMO_SIMULATOR_PORT ?? 4010);
const SIMULATOR_2026_PORT = Number(process.env.DEMO_SIMULATOR_2026_PORT ?? 4020);
const CREDENTIAL_NAME = 'CinetPay (simulator)';
const CREDENTIAL_NAME_2026 = 'CinetPay 2026 (simulator)';
/** The 2026 credential is for one country account: the simulator's Côte d'Ivoire one. */
const ACCOUNT_2026 = DEMO_ACCOUNTS_2026.find((a) => a.country === 'CI')!;

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

const say = (line = ''): void => console.log(line);
const seconds = (t0: number): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	const started = Date.now();
	let n8n: N8nInstance | undefined;
	let simulator: { baseUrl: string; close(): Promise<void> } | undefined;
	let simulator2026: { baseUrl: string; close(): Promise<void> } | undefined;

	// Ctrl-C: stop what was started, in reverse order, then leave.
	let stopping = false;
	const shutdown = async (code: number): Promise<never> => {
		if (!stopping) {
			stopping = true;
			say('\nStopping n8n and the simulators…');
			await n8n?.stop().catch(() => undefined);
			await simulator?.close().catch(() => undefined);
			await simulator2026?.close().catch(() => undefined);
		}
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		await ensureRuntime({ n8n: '2' });

		say(`Built the package (${buildPackage().toFixed(1)} s).`);

		simulator = await startSimulator({
			port: SIMULATOR_PORT,
			variants: { autoConfirm: true, stepMs: 1500 },
			quiet: false,
		});
		say(`CinetPay simulator: ${simulator.baseUrl}`);
		simulator2026 = await startSimulator2026({
			port: SIMULATOR_2026_PORT,
			variants: { stepMs: 1500 },
			quiet: false,
		});
		say(`CinetPay 2026 platform simulator: ${simulator2026.baseUrl}`);

		const t0 = Date.now();
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
		const credential = await api.createCredential(CREDENTIAL_TYPE, CREDENTIAL_NAME, {
			apiKey: DEMO_API_KEY,
			password: DEMO_PASSWORD,
			baseUrl: simulator.baseUrl,
		});
		say(`Credential "${CREDENTIAL_NAME}" created (${CREDENTIAL_TYPE}, id ${credential.id}).`);
		const credential2026 = await api.createCredential(
			CREDENTIAL_TYPE_2026,
			CREDENTIAL_NAME_2026,
			credential2026Data(ACCOUNT_2026, simulator2026.baseUrl),
		);
		say(
			`Credential "${CREDENTIAL_NAME_2026}" created (${CREDENTIAL_TYPE_2026}, id ${credential2026.id}).`,
		);

		// The Data Table examples find their table by name; n8n creates none on import.
		const table = await createDataTable(api, PAYOUTS_TABLE);
		say(`Data Table "${PAYOUTS_TABLE.name}" created.`);

		await importExamples(
			api,
			n8n.baseUrl,
			{
				[CREDENTIAL_TYPE]: { id: credential.id, name: CREDENTIAL_NAME },
				[CREDENTIAL_TYPE_2026]: { id: credential2026.id, name: CREDENTIAL_NAME_2026 },
			},
			table.id,
		);

		say();
		say('─'.repeat(72));
		say(`  n8n editor:  ${n8n.baseUrl}`);
		say(`  email:       ${DEFAULT_OWNER.email}`);
		say(`  password:    ${DEFAULT_OWNER.password}`);
		say(
			`  v1 simulator:   ${simulator.baseUrl}  (API key ${DEMO_API_KEY}, password ${DEMO_PASSWORD})`,
		);
		say(
			`  2026 simulator: ${simulator2026.baseUrl}  (CI account: API key ${ACCOUNT_2026.apiKey}, password ${ACCOUNT_2026.apiPassword})`,
		);
		const ci = TEST_NUMBERS_2026.CI;
		say(
			`                  test numbers: ${ci.succeeds.phone} succeeds, ${ci.fails.phone} fails, ${ci.pending.phone} stays pending`,
		);
		say(
			`  credentials:    "${CREDENTIAL_NAME}" (v1) and "${CREDENTIAL_NAME_2026}" (2026, sandbox key); notifications off on 2026: poll with Transfer → Get`,
		);
		say(`  ready in ${seconds(started)}. Ctrl-C stops n8n and the simulators.`);
		say('─'.repeat(72));
	} catch (error) {
		console.error(`demo failed: ${(error as Error).message}`);
		await shutdown(1);
	}
}

/** Creates every examples/*.json workflow, wired to the demo credentials, and activates the triggered ones. */
async function importExamples(
	api: N8nApi,
	baseUrl: string,
	credentials: Record<string, { id: string; name: string }>,
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
	// From n8n itself: which node types are triggers.
	const types = await api.nodeTypes();
	const triggerTypes = new Set(types.filter((t) => t.group.includes('trigger')).map((t) => t.name));
	const { [CREDENTIAL_TYPE]: credential, ...others } = credentials;

	for (const file of files) {
		try {
			const example = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ExampleWorkflow;
			const { nodes } = wireDataTable(wireExample(example, credential, others), dataTableId);
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

void main();
