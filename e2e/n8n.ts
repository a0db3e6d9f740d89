/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * Drives a real n8n for the end-to-end tests and the demo: starts it with this package loaded as
 * custom extensions, on loopback only, and talks to its editor REST API (session cookie) and its
 * public API (API key). Facts behind the choices: shared/notes/n8n-toolchain.md.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { ensureRuntime, type N8nTarget, type Runtime } from './runtime';

export const HOST = '127.0.0.1';

export interface StartOptions {
	/** Which n8n (see runtime.ts); default '2' = 2.41.1 on Node 24. */
	version?: N8nTarget;
	/** Folder n8n scans for `**\/*.node.js` and `*.credentials.js`: the package's built `dist`. */
	customExtensionsDir: string;
	/** Editor/API port; a free one when omitted. */
	port?: number;
	/** Extra environment for n8n (wins over the defaults below). */
	env?: Record<string, string>;
	/** Where n8n's output goes; default `<userFolder>/n8n.log`. */
	logFile?: string;
	/** Keep the user folder (database, log) after stop(); default false. */
	keepUserFolder?: boolean;
	readyTimeoutMs?: number;
}

/** A node of a workflow as the public API takes it. */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: string;
	executeOnce?: boolean;
	[key: string]: unknown;
}

export interface N8nInstance {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	/** Milliseconds from spawn to ready (see waitForReady). */
	startupMs: number;
	pid: number;
	api: N8nApi;
	/** Ends n8n's whole process group (main + task runner) and waits for it. Idempotent. */
	stop(): Promise<void>;
}

/** Every started n8n, so that an exiting process (a failed or interrupted test run) leaves none behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) killGroup(child, 'SIGKILL');
});

export async function startN8n(options: StartOptions): Promise<N8nInstance> {
	const runtime = await ensureRuntime({ n8n: options.version ?? '2' });
	const extensions = path.resolve(options.customExtensionsDir);
	if (!fs.existsSync(extensions))
		throw new Error(`${extensions} does not exist: build the package first`);

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cinetpay-n8n-'));
	const logFile = options.logFile ?? path.join(userFolder, 'n8n.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort([port]);
	const baseUrl = `http://${HOST}:${port}`;

	const env: NodeJS.ProcessEnv = {
		...n8nProcessEnv(runtime, userFolder, brokerPort, extensions),
		N8N_PORT: String(port),
		N8N_EDITOR_BASE_URL: baseUrl,
		...options.env,
	};

	const t0 = Date.now();
	const { child, exited, stopGroup } = spawnN8n(runtime, ['start'], {
		cwd: userFolder,
		env,
		logFile,
	});

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return exited;
		stopped = true;
		await stopGroup(10_000);
		if (!options.keepUserFolder) {
			// The log may live elsewhere (artifacts); keep it, drop the database and the rest.
			for (const entry of fs.readdirSync(userFolder)) {
				const full = path.join(userFolder, entry);
				if (full !== logFile) fs.rmSync(full, { recursive: true, force: true });
			}
			if (fs.readdirSync(userFolder).length === 0) fs.rmdirSync(userFolder);
		}
	};

	try {
		await waitForReady(baseUrl, logFile, exited, options.readyTimeoutMs ?? 120_000);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- ${logFile} (tail) ---\n${tail(logFile, 40)}`);
	}
	return {
		baseUrl,
		port,
		userFolder,
		logFile,
		startupMs: Date.now() - t0,
		pid: child.pid ?? -1,
		api: new N8nApi(baseUrl),
		stop,
	};
}

/** An n8n process started by spawnN8n: its exit, and how to end its whole process group. */
export interface SpawnedN8n {
	child: ChildProcess;
	/** Resolves when the process has exited (or could not start). */
	exited: Promise<void>;
	alive(): boolean;
	/** SIGTERM to the group, SIGKILL after `graceMs`, then SIGKILL to a task runner left over. */
	stopGroup(graceMs: number): Promise<void>;
	/** SIGKILL to the group, as a crash. */
	killNow(): Promise<void>;
}

/**
 * Starts `n8n <args>` with the runtime's Node, output to `logFile` (one log per start: readiness
 * reads it). detached: n8n gets its own process group, so the task runner ends with it.
 */
export function spawnN8n(
	runtime: Runtime,
	args: string[],
	spawnOptions: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): SpawnedN8n {
	const { cwd, env, logFile } = spawnOptions;
	const out = fs.openSync(logFile, 'w');
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	running.add(child);
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', (error) => {
			fs.appendFileSync(logFile, `\n[e2e] could not start n8n: ${error.message}\n`);
			resolve();
		});
	});
	void exited.then(() => running.delete(child));
	const alive = () => child.exitCode === null && child.signalCode === null;
	return {
		child,
		exited,
		alive,
		stopGroup: async (graceMs) => {
			if (alive()) {
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
			killGroup(child, 'SIGKILL'); // a task runner that outlived its parent
		},
		killNow: async () => {
			killGroup(child, 'SIGKILL');
			await exited;
		},
	};
}

/**
 * The environment of every n8n the tests start: the caller's minus what would reconfigure n8n,
 * loopback only, nothing leaving the machine, the package as custom extensions.
 */
export function n8nProcessEnv(
	runtime: Runtime,
	userFolder: string,
	brokerPort: number,
	extensions: string,
): NodeJS.ProcessEnv {
	return {
		...inheritedEnv(),
		// n8n's task runner is started with this Node; put it first for anything else n8n spawns.
		PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PROTOCOL: 'http',
		// Each n8n runs its own task-runner broker: a fixed default port would clash when two run
		// at once (a test beside the demo, the processes of a queue-mode cluster).
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		N8N_SECURE_COOKIE: 'false',
		// Nothing may leave the machine: no telemetry, version checks, templates, banners.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// 2.x: this module fetches a registry list from the internet at start (1.x has no such
		// module and refuses to start when an unknown one is named).
		...(runtime.n8nVersion.startsWith('2.') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_CUSTOM_EXTENSIONS: extensions,
	};
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** The caller's environment minus what would reconfigure n8n or Node behind our back. */
function inheritedEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// npm_*: exported by `npm run`; N8N_*/DB_*/QUEUE_*/EXECUTIONS_*: a developer's own n8n
		// settings; NODE_OPTIONS: jest/tsx loaders that Node 24 should not load into n8n; NODE_ENV:
		// jest sets "test".
		if (/^(npm_|N8N_|DB_|QUEUE_|EXECUTIONS_|NODE_OPTIONS$|NODE_ENV$|WEBHOOK_URL$)/i.test(key))
			continue;
		env[key] = value;
	}
	return env;
}

/**
 * n8n answers /healthz/readiness with 200 as soon as its database is migrated, which is before
 * its REST controllers exist (seen with 1.123: /rest/owner/setup → 404). The line it logs after
 * registering everything is the real "ready"; the health check confirms it listens.
 */
const READY_LINE = 'Editor is now accessible via';

async function waitForReady(
	baseUrl: string,
	logFile: string,
	exited: Promise<void>,
	timeoutMs: number,
): Promise<void> {
	let hasExited = false;
	exited.then(() => (hasExited = true));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (hasExited) throw new Error('n8n exited before it was ready');
		if (fs.readFileSync(logFile, 'utf8').includes(READY_LINE)) {
			try {
				const res = await fetch(`${baseUrl}/healthz/readiness`);
				if (res.status === 200) return;
			} catch {
				// not listening yet
			}
		}
		await sleep(250);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms`);
}

export function freePort(avoid: number[] = []): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() =>
				avoid.includes(port) ? freePort(avoid).then(resolve, reject) : resolve(port),
			);
		});
	});
}

export function tail(file: string, lines: number): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** n8n wants 8+ characters with a digit and a capital letter. */
export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'CinetPay-e2e-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** The fields of a node type description that the harness reads (from /types/nodes.json). */
export interface NodeTypeSummary {
	name: string;
	displayName: string;
	version: number | number[];
	group: string[];
	credentials?: Array<{ name: string }>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<{ name: string; type: string; parameters?: Record<string, unknown> }>;
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
					error?: unknown;
				}>
			>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: string,
		what: string,
	) {
		super(`${what} → HTTP ${status}: ${body.slice(0, 500)}`);
	}
}

/**
 * A client for one n8n. The editor's REST API (/rest/…) needs the session cookie and, in 2.x, the
 * same `browser-id` header the session was issued with; the public API (/api/v1/…) needs an API key.
 */
export class N8nApi {
	private cookie?: string;
	private apiKey?: string;
	/** n8n binds the session JWT to this id and rejects REST calls that carry another. */
	private readonly browserId = 'cinetpay-e2e';

	constructor(readonly baseUrl: string) {
		if (new URL(baseUrl).hostname !== HOST)
			throw new Error(`refusing a non-loopback n8n: ${baseUrl}`);
	}

	/** First start only: creates the owner and keeps its session. */
	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<Owner> {
		await this.rest('POST', '/rest/owner/setup', owner);
		return owner;
	}

	async login(email: string, password: string): Promise<void> {
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** A public-API key with every scope the instance offers; used for /api/v1 from now on. */
	async createApiKey(label = 'e2e'): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/rest/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/rest/api-keys', {
			label,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	/** The credential types n8n loaded (served from its static cache, behind the session). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		return (await this.request('GET', '/types/credentials.json', undefined, 'cookie')) as Array<{
			name: string;
			displayName: string;
		}>;
	}

	async nodeTypes(): Promise<NodeTypeSummary[]> {
		return (await this.request(
			'GET',
			'/types/nodes.json',
			undefined,
			'cookie',
		)) as NodeTypeSummary[];
	}

	async createCredential(
		type: string,
		name: string,
		data: Record<string, unknown>,
	): Promise<{ id: string }> {
		// n8n 1.123 adds "Allowed HTTP Request Domains" fields to credentials that authenticate, and
		// its public-API schema then demands `allowedDomains` unless `allowedHttpRequestDomains` is
		// given. Fill in that field's own default when the schema has it and the caller did not.
		const schema = await this.publicApi<{ properties?: Record<string, unknown> }>(
			'GET',
			`/api/v1/credentials/schema/${type}`,
		);
		const filled = { ...data };
		if (schema.properties?.allowedHttpRequestDomains && !('allowedHttpRequestDomains' in filled)) {
			filled.allowedHttpRequestDomains = 'all';
		}
		return await this.publicApi<{ id: string }>('POST', '/api/v1/credentials', {
			type,
			name,
			data: filled,
		});
	}

	/**
	 * The editor's "Test" button: POST /rest/credentials/test with {credentials: {id, name, type,
	 * data}} (n8n 2.41.1 TestCredentialRequestDto). n8n takes `data` as given, filling values that
	 * the editor shows redacted from the stored credential; so pass the data to test.
	 */
	async testCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<CredentialTestResult> {
		return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: credential,
		});
	}

	/** The public API's test of a stored credential (POST /api/v1/credentials/{id}/test; 2.x only). */
	async testStoredCredential(id: string): Promise<CredentialTestResult> {
		return await this.publicApi<CredentialTestResult>('POST', `/api/v1/credentials/${id}/test`);
	}

	/** Public API: only name, nodes, connections and settings are accepted. */
	async createWorkflow(workflow: {
		name: string;
		nodes: unknown[];
		connections: Record<string, unknown>;
		settings?: Record<string, unknown>;
	}): Promise<WorkflowSummary> {
		const { name, nodes, connections, settings } = workflow;
		return await this.publicApi<WorkflowSummary>('POST', '/api/v1/workflows', {
			name,
			nodes,
			connections,
			settings: settings ?? { executionOrder: 'v1' },
		});
	}

	activateWorkflow(id: string): Promise<WorkflowSummary> {
		return this.workflowAction(id, 'activate');
	}

	deactivateWorkflow(id: string): Promise<WorkflowSummary> {
		return this.workflowAction(id, 'deactivate');
	}

	private async workflowAction(id: string, action: string): Promise<WorkflowSummary> {
		const path = `/api/v1/workflows/${id}/${action}`;
		return await this.publicApi<WorkflowSummary>('POST', path);
	}

	async listExecutions(query: {
		workflowId?: string;
		includeData?: boolean;
		status?: string;
		limit?: number;
	}): Promise<Execution[]> {
		const params = new URLSearchParams();
		if (query.workflowId) params.set('workflowId', query.workflowId);
		if (query.includeData) params.set('includeData', 'true');
		if (query.status) params.set('status', query.status);
		params.set('limit', String(query.limit ?? 100));
		const page = await this.publicApi<{ data: Execution[] }>('GET', `/api/v1/executions?${params}`);
		return page.data;
	}

	/** Every execution of a workflow, page by page (the public API gives at most 250 a page). */
	async listAllExecutions(query: {
		workflowId: string;
		includeData?: boolean;
	}): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 1000; page++) {
			const params = new URLSearchParams({
				workflowId: query.workflowId,
				limit: query.includeData ? '100' : '250',
			});
			if (query.includeData) params.set('includeData', 'true');
			if (cursor) params.set('cursor', cursor);
			const result = await this.publicApi<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/api/v1/executions?${params}`,
			);
			all.push(...result.data);
			if (!result.nextCursor || result.data.length === 0) break;
			cursor = result.nextCursor;
		}
		return all;
	}

	/** Polls until `count` executions of the workflow have stopped (finished, failed or crashed). */
	async waitForExecutions(query: {
		workflowId: string;
		count?: number;
		includeData?: boolean;
		timeoutMs?: number;
	}): Promise<Execution[]> {
		const count = query.count ?? 1;
		const deadline = Date.now() + (query.timeoutMs ?? 60_000);
		for (;;) {
			const executions = await this.listExecutions(query);
			const done = executions.filter(
				(e) => e.stoppedAt !== null && !['running', 'new', 'waiting'].includes(e.status),
			);
			if (done.length >= count) return done;
			if (Date.now() > deadline) {
				throw new Error(
					`waited for ${count} executions of ${query.workflowId}; have ${done.length} done of ${executions.length}`,
				);
			}
			await sleep(500);
		}
	}

	/** One execution through the public API (GET /api/v1/executions/{id}). */
	async getExecution(id: string, includeData = false): Promise<Execution> {
		return await this.publicApi<Execution>(
			'GET',
			`/api/v1/executions/${id}${includeData ? '?includeData=true' : ''}`,
		);
	}

	/**
	 * The editor's "Execute workflow" button: POST /rest/workflows/{id}/run from `triggerName`,
	 * then polls the public API until that execution stopped; returns it with its data.
	 * n8n 2.41.1 runs the stored workflow and takes `{ triggerToStartFrom: { name } }`
	 * (ManualRunDto); 1.123 runs the `workflowData` of the body, which must carry the id.
	 * Both are sent. Manual executions are saved by default (saveManualExecutions).
	 */
	async runManually(
		workflowId: string,
		triggerName: string,
		timeoutMs = 90_000,
	): Promise<Execution> {
		const workflowData = await this.rest<Record<string, unknown>>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		const started = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{ workflowData, triggerToStartFrom: { name: triggerName } },
		);
		if (!started?.executionId)
			throw new Error(
				`manual run of ${workflowId} started no execution: ${JSON.stringify(started)}`,
			);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const execution = await this.getExecution(started.executionId, true);
				// 1.123 may mark an execution stopped before its data is saved (it then logs "Found
				// successful execution where data is empty stringified array"): wait for the data too.
				if (
					execution.stoppedAt &&
					!['running', 'new', 'waiting'].includes(execution.status) &&
					(Object.keys(execution.data?.resultData?.runData ?? {}).length > 0 ||
						execution.data?.resultData?.error !== undefined)
				)
					return execution;
			} catch (error) {
				// 1.x may answer 404 until the execution is saved
				if (!(error instanceof HttpError && error.status === 404)) throw error;
			}
			if (Date.now() > deadline)
				throw new Error(`execution ${started.executionId} did not stop within ${timeoutMs} ms`);
			await sleep(300);
		}
	}

	/** Editor REST call; unwraps n8n's `{ data }` envelope. */
	/** The public API (/api/v1), with the API key. */
	async publicApi<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
		return (await this.request(method, urlPath, body, 'apiKey')) as T;
	}

	async rest<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const json = (await this.request(method, urlPath, body, 'cookie')) as { data: T };
		return json.data;
	}

	async request(
		method: string,
		urlPath: string,
		body: unknown,
		auth: 'cookie' | 'apiKey',
	): Promise<unknown> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth === 'cookie') {
			headers['browser-id'] = this.browserId;
			if (this.cookie) headers.cookie = this.cookie;
		} else {
			if (!this.apiKey) throw new Error('no API key: call createApiKey() first');
			headers['x-n8n-api-key'] = this.apiKey;
		}
		const send = () =>
			fetch(`${this.baseUrl}${urlPath}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		// A reused keep-alive socket that n8n closed at that instant fails a request (ECONNRESET,
		// seen while polling a running execution on a loaded machine): a GET is safe to send again.
		const res = await send().catch(async (error: Error) => {
			if (method !== 'GET') throw error;
			await sleep(500);
			return await send();
		});
		// Owner setup and login (re)issue the session cookie `n8n-auth`.
		const auth_ = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth_) this.cookie = auth_.split(';')[0];
		const text = await res.text();
		if (!res.ok) throw new HttpError(res.status, text, `${method} ${urlPath}`);
		return text ? JSON.parse(text) : undefined;
	}
}

/**
 * POSTs JSON to a production webhook and returns the answer's text. Right after activation the
 * route may answer 404 for a moment: retried for up to 30 s.
 */
export async function postJsonToWebhook(
	url: string,
	body: unknown,
	timeoutMs: number,
): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		if (res.status === 404 && Date.now() < deadline) {
			await sleep(250);
			continue;
		}
		if (!res.ok) throw new HttpError(res.status, text, `POST ${url}`);
		return text;
	}
}
