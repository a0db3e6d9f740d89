/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only queue-mode harness, never published */
/**
 * n8n in queue mode on 127.0.0.1: one main instance (`n8n start`, EXECUTIONS_MODE=queue), workers
 * (`n8n worker`) and one webhook processor (`n8n webhook`), all loading the package's built dist,
 * sharing one PostgreSQL, one Redis and one encryption key. Each process has its own user folder,
 * log file, ports (HTTP or health, task-runner broker) and process group, so a test can SIGKILL
 * one worker with its task runner.
 *
 * e2e/n8n.ts starts a single `n8n start`; this wraps its pieces (runtime, ports, API client) for
 * the other commands.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { freePort, HOST, N8nApi, n8nProcessEnv, sleep, spawnN8n, tail } from '../n8n';
import { ensureRuntime, type Runtime } from '../runtime';
import { startPostgres, startRedis, type Postgres, type Service } from './services';

export type Role = 'main' | 'webhook' | 'worker';

export interface N8nProcess {
	role: Role;
	/** main, webhook, worker-1, worker-2, … */
	name: string;
	pid: number;
	/** HTTP port (main, webhook) or health-check port (worker). */
	port: number;
	baseUrl: string;
	logFile: string;
	startupMs: number;
	alive(): boolean;
	/** SIGKILL to the whole process group (n8n and its task runner), as a crash would. */
	kill(): Promise<void>;
	/** SIGTERM, SIGKILL after a grace period. Idempotent. */
	stop(): Promise<void>;
}

export interface ClusterOptions {
	/** The package's built dist (a snapshot: see e2e/paths.ts). */
	customExtensionsDir: string;
	/** Where logs go (kept after stop). */
	logDir: string;
	workers?: number;
	/** `n8n worker --concurrency` */
	workerConcurrency?: number;
	/** Extra environment for every process. */
	env?: Record<string, string>;
}

export interface QueueCluster {
	main: N8nProcess;
	webhook: N8nProcess;
	workers: N8nProcess[];
	postgres: Postgres;
	redis: Service;
	/** Public and REST API of the main instance. */
	api: N8nApi;
	/** Starts one more worker (e.g. to replace a killed one). */
	addWorker(): Promise<N8nProcess>;
	/** Which worker's log says it started each execution: executionId → worker name. */
	executionsByWorker(): Map<string, string>;
	/** Seconds each part took to start. */
	startup: Record<string, number>;
	/** Stops every n8n process, then Redis and PostgreSQL, and removes the temp folder. */
	stop(): Promise<void>;
}

/** n8n logs this (info level) when a worker takes a job: "Worker started execution 12 (job 12)". */
export const WORKER_STARTED = /Worker started execution (\d+) \(job /g;

const READY_LINES: Record<Role, string> = {
	main: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests',
	worker: 'n8n worker is now ready',
};

export async function startQueueCluster(options: ClusterOptions): Promise<QueueCluster> {
	const runtime = await ensureRuntime({ n8n: '2' });
	const extensions = path.resolve(options.customExtensionsDir);
	if (!fs.existsSync(extensions)) throw new Error(`${extensions} does not exist: build first`);
	fs.mkdirSync(options.logDir, { recursive: true });
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cinetpay-queue-'));
	// PostgreSQL runs as `postgres` and keeps its socket under root: let it traverse.
	fs.chmodSync(root, 0o755);

	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async (): Promise<void> => {
		for (const part of started.reverse()) await part.stop().catch(() => undefined);
		started.length = 0;
		fs.rmSync(root, { recursive: true, force: true });
	};

	const startup: Record<string, number> = {};
	const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
		const t0 = Date.now();
		const result = await work();
		startup[name] = (Date.now() - t0) / 1000;
		return result;
	};

	try {
		const postgres = await timed('postgres', () =>
			startPostgres(path.join(root, 'pg'), path.join(options.logDir, 'postgres.log')),
		);
		started.push(postgres);
		const redis = await timed('redis', () =>
			startRedis(path.join(root, 'redis'), path.join(options.logDir, 'redis.log')),
		);
		started.push(redis);

		const mainPort = await freePort();
		const webhookPort = await freePort([mainPort]);
		const webhookUrl = `http://${HOST}:${webhookPort}`;
		const shared: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: HOST,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: HOST,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Must be the same everywhere: workers decrypt the credentials main stored.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			// The URL n8n shows as a webhook's Production URL: the webhook processor's.
			WEBHOOK_URL: `${webhookUrl}/`,
			// A crashed worker's job is declared stalled after the lock expires (n8n's defaults:
			// 60 s lock, 30 s check). Shorter here so a kill test does not wait minutes.
			QUEUE_WORKER_LOCK_DURATION: '30000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...options.env,
		};

		const spawnRole = (role: Role, name: string, port: number, extra: Record<string, string>) =>
			startProcess({
				runtime,
				role,
				name,
				port,
				extensions,
				userFolder: path.join(root, name),
				logFile: path.join(options.logDir, `${name}.log`),
				env: { ...shared, ...extra },
				args:
					role === 'main'
						? ['start']
						: role === 'webhook'
							? ['webhook']
							: ['worker', `--concurrency=${options.workerConcurrency ?? 10}`],
			});

		// main first: it runs the database migrations the others expect.
		const main = await timed('main', () =>
			spawnRole('main', 'main', mainPort, { N8N_PORT: String(mainPort) }),
		);
		started.push(main);

		let workerCount = 0;
		const workers: N8nProcess[] = [];
		const addWorker = async (): Promise<N8nProcess> => {
			const name = `worker-${++workerCount}`;
			const healthPort = await freePort([mainPort, webhookPort]);
			const worker = await timed(name, () =>
				spawnRole('worker', name, healthPort, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: HOST,
				}),
			);
			started.push(worker);
			workers.push(worker);
			return worker;
		};

		const [webhook] = await Promise.all([
			timed('webhook', () =>
				spawnRole('webhook', 'webhook', webhookPort, { N8N_PORT: String(webhookPort) }),
			),
			...Array.from({ length: options.workers ?? 2 }, () => addWorker()),
		]);
		started.push(webhook);

		const executionsByWorker = (): Map<string, string> => {
			const byExecution = new Map<string, string>();
			for (const worker of workers) {
				const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
				for (const match of text.matchAll(WORKER_STARTED)) byExecution.set(match[1], worker.name);
			}
			return byExecution;
		};

		return {
			main,
			webhook,
			workers,
			postgres,
			redis,
			api: new N8nApi(main.baseUrl),
			addWorker,
			executionsByWorker,
			startup,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

interface ProcessSpec {
	runtime: Runtime;
	role: Role;
	name: string;
	port: number;
	extensions: string;
	userFolder: string;
	logFile: string;
	env: Record<string, string>;
	args: string[];
}

async function startProcess(spec: ProcessSpec): Promise<N8nProcess> {
	fs.mkdirSync(spec.userFolder, { recursive: true });
	const brokerPort = await freePort([spec.port]);
	const env: NodeJS.ProcessEnv = {
		...n8nProcessEnv(spec.runtime, spec.userFolder, brokerPort, spec.extensions),
		...spec.env,
	};
	const t0 = Date.now();
	const { child, exited, alive, stopGroup, killNow } = spawnN8n(spec.runtime, spec.args, {
		cwd: spec.userFolder,
		env,
		logFile: spec.logFile,
	});

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return exited;
		stopped = true;
		await stopGroup(15_000);
	};
	const kill = async (): Promise<void> => {
		stopped = true;
		await killNow();
	};

	const baseUrl = `http://${HOST}:${spec.port}`;
	try {
		await waitForReady(spec, baseUrl, alive);
	} catch (error) {
		await stop();
		throw new Error(
			`${(error as Error).message}\n--- ${spec.logFile} (tail) ---\n${tail(spec.logFile, 40)}`,
		);
	}
	return {
		role: spec.role,
		name: spec.name,
		pid: child.pid ?? -1,
		port: spec.port,
		baseUrl,
		logFile: spec.logFile,
		startupMs: Date.now() - t0,
		alive,
		kill,
		stop,
	};
}

/** Ready = the role's log line, then a 200 from its /healthz/readiness. */
async function waitForReady(
	spec: ProcessSpec,
	baseUrl: string,
	alive: () => boolean,
): Promise<void> {
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (!alive()) throw new Error(`n8n ${spec.name} exited before it was ready`);
		if (fs.readFileSync(spec.logFile, 'utf8').includes(READY_LINES[spec.role])) {
			try {
				const res = await fetch(`${baseUrl}/healthz/readiness`);
				if (res.status === 200) return;
			} catch {
				// not listening yet
			}
		}
		await sleep(250);
	}
	throw new Error(`n8n ${spec.name} was not ready within 180 s`);
}
