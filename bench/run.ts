/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- dev-only benchmark, never published */
/**
 * `npm run bench`: the package against the do-it-yourself HTTP Request workflow, in a real n8n
 * (2.41.1, the built package) against the CinetPay simulator with a fixed latency per API call.
 *
 *   npm run bench                      full (≈ 25 min on 2 cores, estimate printed at start):
 *                                      v1 at N = 100, 1,000 (all workflows) and 10,000 (empty, A1);
 *                                      the trigger (300 notifications, 1 and 8 at a time, n8n's
 *                                      defaults and lazy isolates); the flood; the 2026 platform at
 *                                      Sends In Flight 1, 4 and 20 at 30 and 300 ms, and its DIY
 *                                      workflow; v1 at 300 ms with 10,000 receivers. Writes
 *                                      bench/RESULTS.md, bench/results.json, bench/chart.svg
 *   npm run bench -- --smoke           N = 20, one n8n for everything, prints only (≈ 2 min)
 *   npm run bench -- --only platform2026,v1slow --write
 *                                      sections measured on their own, merged into
 *                                      bench/results.json and RESULTS.md (which says so)
 *
 * Options: --latency <ms> (30), --slow-latency <ms> (300), --batch-size <n> (500), --reps <n> (3;
 * the slow rows run once), --sizes 100,1000,10000 (also replaces the N of the 2026 and slow rows),
 * --a2-at-10000 (A2 and the expressions alone at 10,000 too: ≈ 5 min more), --only A1,B,trigger,…,
 * --no-trigger, --no-lazy-trigger (skip the trigger's second n8n, with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), --trigger-transfers <n> (150: 300 notifications, REC
 * and VAL), --trigger-concurrency 1,8, --skip-build, --cpu-prof (n8n writes .cpuprofile files to
 * bench/profiles/), --n8n-env A=1,B=2 (extra environment of every n8n started, e.g.
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), --report-from <results.json> (only re-render
 * RESULTS.md and chart.svg). A partial run (--only, --sizes, --reps, --trigger-*) writes its
 * results to the temp folder, not bench/, unless --write; a written run of sections only
 * (trigger, flood, platform2026, v1slow) replaces those sections in bench/results.json, keeps the
 * rest, and RESULTS.md names the sections that come from a run of their own.
 *
 * Each scenario (workflow × N) gets a freshly started n8n, so its memory is measured from idle
 * and nothing of an earlier scenario stays in its heap. In it: one warm-up run (20 items), then
 * `reps` measured runs, each on its own copy of the workflow with its own credential, so every
 * run starts without a session token, like a first run: the login is part of what is measured.
 * The simulator is reset before each run. RESULTS.md says what each number includes.
 */
import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { DEFAULT_SENDS_IN_FLIGHT_2026 } from '../nodes/CinetPay/payout/platform2026/strategy';
import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../simulator';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	type RunningSimulator2026,
} from '../simulator/platform2026';
import { postJsonToWebhook, startN8n, sleep, type N8nApi, type N8nInstance } from '../e2e/n8n';
import { credential2026Data } from '../e2e/tests/examples';
import { DIST, PROJECT_ROOT } from '../e2e/paths';
import { ensureRuntime, NODE24_VERSION } from '../e2e/runtime';
import { nodeTimings } from './n8nExtras';
import { CpuMeter, loadAverage, machine, MemorySampler, residentNow } from './procfs';
import { writeReport, printSummary } from './report';
import {
	SECTIONS,
	type BenchResults,
	type FloodResult,
	type RowSpec,
	type RunResult,
	type ScenarioResult,
	type Section,
	type SectionRun,
	type Settings,
	type TriggerResult,
} from './types';
import {
	buildWorkflow,
	COUNTRY_2026,
	CREDENTIAL_TYPE,
	CREDENTIAL_TYPE_2026,
	EXPRESSIONS_PER_ITEM,
	NOTIFY_URL,
	plainWebhookWorkflow,
	triggerWorkflow,
	type WorkflowKind,
} from './workflows';

const BENCH_DIR = __dirname;
const KINDS: WorkflowKind[] = ['empty', 'expressions', 'A1', 'A2', 'B'];
/** The do-it-yourself workflow holds ~N sockets open at once: 10,000 is past the point. */
const PACKAGE_ONLY_ABOVE = 1000;
/**
 * 7 expressions per item at 10,000 items take ≈ 30 s a run, in A2 and in the Set node alike:
 * ≈ 5 minutes of a full run for a ratio that 100 and 1,000 already show (--a2-at-10000).
 */
const EXPRESSION_KINDS: WorkflowKind[] = ['expressions', 'A2'];
const WARMUP_ITEMS = 20;

/**
 * The 2026 platform (one call per transfer: 10,000 would only repeat 1,000 ×10): the node at
 * Sends In Flight 1, 4 and 20 and the DIY HTTP Request workflow at the run's latency; the node at
 * 4 and 20 at the slow latency, and at 1 with N = 100 (1,000 one at a time would take 5 minutes
 * of pure latency). Slow rows run once: their time is almost all latency.
 */
function platform2026Rows(settings: Settings): RowSpec[] {
	const { latencyMs, slowLatencyMs, reps } = settings;
	const rows: RowSpec[] = [
		...[1, 4, 20].map((sendsInFlight) => ({
			kind: 'P2026' as const,
			n: 1000,
			latencyMs,
			sendsInFlight,
			reps,
		})),
		{ kind: 'B2026', n: 1000, latencyMs, reps },
		{ kind: 'P2026', n: 100, latencyMs: slowLatencyMs, sendsInFlight: 1, reps: 1 },
		{ kind: 'P2026', n: 1000, latencyMs: slowLatencyMs, sendsInFlight: 4, reps: 1 },
		{ kind: 'P2026', n: 1000, latencyMs: slowLatencyMs, sendsInFlight: 20, reps: 1 },
	];
	return withRowSizes(settings, rows);
}

/** v1 at the slow latency, 10,000 receivers (41 calls): the node's work beside calls of 300 ms. */
function v1SlowRows(settings: Settings): RowSpec[] {
	return withRowSizes(settings, [
		{ kind: 'A1', n: 10_000, latencyMs: settings.slowLatencyMs, reps: 1 },
	]);
}

function withRowSizes(settings: Settings, rows: RowSpec[]): RowSpec[] {
	const sizes = settings.rowSizes;
	return sizes ? rows.flatMap((row) => sizes.map((n) => ({ ...row, n }))) : rows;
}

function parseArgs(argv: string[]): Settings {
	const value = (flag: string) => {
		const index = argv.indexOf(flag);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const number = (flag: string, fallback: number) => {
		const raw = value(flag);
		if (raw === undefined) return fallback;
		const parsed = Number(raw);
		if (!Number.isFinite(parsed) || parsed < 0)
			throw new Error(`${flag} needs a number, got "${raw}"`);
		return parsed;
	};
	const smoke = argv.includes('--smoke');
	const onlyList = value('--only')?.split(',');
	const section = (name: Section) => onlyList === undefined || onlyList.includes(name);
	const isSection = (name: string) => (SECTIONS as readonly string[]).includes(name);
	for (const kind of onlyList ?? [])
		if (!isSection(kind) && !KINDS.includes(kind as WorkflowKind))
			throw new Error(`--only: unknown workflow "${kind}" (${[...KINDS, ...SECTIONS].join(', ')})`);
	const only = onlyList?.filter((kind): kind is WorkflowKind =>
		KINDS.includes(kind as WorkflowKind),
	);
	// A partial run (some workflows, sizes or repetitions) must not replace the committed results.
	const partial = [
		'--only',
		'--sizes',
		'--reps',
		'--trigger-transfers',
		'--trigger-concurrency',
		'--n8n-env',
	].some((flag) => argv.includes(flag));
	const sizes = value('--sizes')?.split(',').map(Number);
	return {
		smoke,
		latencyMs: number('--latency', 30),
		slowLatencyMs: number('--slow-latency', 300),
		batchSize: number('--batch-size', 500),
		reps: number('--reps', smoke ? 1 : 3),
		sizes: sizes ?? (smoke ? [20] : [100, 1000, 10_000]),
		rowSizes: sizes ?? (smoke ? [20] : undefined),
		a2At10000: argv.includes('--a2-at-10000'),
		kinds: only ?? KINDS,
		trigger: !argv.includes('--no-trigger') && section('trigger'),
		flood: !smoke && !argv.includes('--no-trigger') && section('flood'),
		platform2026: section('platform2026'),
		v1Slow: section('v1slow'),
		triggerLazyIsolates: !argv.includes('--no-lazy-trigger'),
		writeResults: !smoke && (argv.includes('--write') || !partial),
		triggerTransfers: number('--trigger-transfers', smoke ? 20 : 150),
		triggerConcurrency: (value('--trigger-concurrency') ?? '1,8').split(',').map(Number),
		build: !argv.includes('--skip-build'),
		cpuProf: argv.includes('--cpu-prof'),
		n8nEnv: Object.fromEntries(
			(value('--n8n-env') ?? '')
				.split(',')
				.filter(Boolean)
				.map((pair) => {
					const at = pair.indexOf('=');
					if (at <= 0) throw new Error(`--n8n-env: "${pair}" is not NAME=value`);
					return [pair.slice(0, at), pair.slice(at + 1)];
				}),
		),
	};
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * The built package, copied out of dist/: others working in the same checkout rebuild or delete
 * dist/ at any time, and a benchmark of several minutes must load the same files throughout.
 */
let extensionsDir = DIST;

function privateCopyOfBuild(build: boolean): string {
	for (let attempt = 0; attempt < 3; attempt++) {
		if (build) {
			const result = spawnSync('npm', ['run', '--silent', 'build'], {
				cwd: PROJECT_ROOT,
				encoding: 'utf8',
			});
			if (result.status !== 0)
				throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
		}
		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cinetpay-bench-dist-'));
		try {
			fs.cpSync(DIST, copy, { recursive: true });
			if (fs.existsSync(path.join(copy, 'nodes', 'CinetPay', 'CinetPayTransfer.node.js'))) {
				process.once('exit', () => fs.rmSync(copy, { recursive: true, force: true }));
				log(build ? 'package built' : `using the dist/ that is there`);
				return copy;
			}
		} catch {
			// dist/ changed under us: build (or look) again
		}
		fs.rmSync(copy, { recursive: true, force: true });
		if (!build) break;
	}
	throw new Error(
		`no complete build in ${DIST}${build ? '' : ': run npm run build, or drop --skip-build'}`,
	);
}

/** Everything started, so that an error or Ctrl-C stops it. */
const running = {
	n8n: undefined as N8nInstance | undefined,
	simulator: undefined as RunningSimulator | undefined,
	simulator2026: undefined as RunningSimulator2026 | undefined,
};

async function stopAll(): Promise<void> {
	await running.n8n?.stop().catch(() => undefined);
	running.n8n = undefined;
	await running.simulator?.close().catch(() => undefined);
	running.simulator = undefined;
	await running.simulator2026?.close().catch(() => undefined);
	running.simulator2026 = undefined;
}

/** What a payout scenario reads from a simulator: both platforms' simulators have it. */
interface PayoutSimulator {
	baseUrl: string;
	control: {
		reset(): void;
		clearRequests(): void;
		stats(): { requests: number; logins: number; maxInFlight: number; transfers: number };
		requests(): Array<{ path: string; at: string; durationMs: number }>;
		/** v1 only: the 2026 platform has no contact step. */
		contacts?(): unknown[];
		/** After each reset (which restores the start variants): the row's latency. */
		setVariants(partial: { latencyMs: number }): unknown;
	};
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const from = args.indexOf('--report-from');
	if (from >= 0) {
		// Re-render RESULTS.md and chart.svg from a results.json, without measuring.
		const results = JSON.parse(fs.readFileSync(args[from + 1], 'utf8')) as BenchResults;
		printSummary(results);
		writeReport(results, BENCH_DIR);
		return;
	}
	const settings = parseArgs(args);
	const t0 = Date.now();
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			log(`${signal}: stopping n8n and the simulator`);
			void stopAll().finally(() => process.exit(130));
		});
	}

	const runtime = await ensureRuntime({ n8n: '2', log });
	extensionsDir = privateCopyOfBuild(settings.build);
	const sim = await startSimulator({
		variants: { latencyMs: settings.latencyMs, autoConfirm: true, stepMs: 0 },
		// Enough for 10,000 transfers of up to 1,295 XOF and every run after a reset.
		initialBalance: 1e11,
	});
	running.simulator = sim;
	const sim2026 = settings.platform2026
		? await startSimulator2026({
				variants: { latencyMs: settings.latencyMs, stepMs: 0 },
				accounts: DEMO_ACCOUNTS_2026.filter((a) => a.country === COUNTRY_2026).map((a) => ({
					...a,
					balance: 1e11,
				})),
			})
		: undefined;
	running.simulator2026 = sim2026;
	const simulatorOf = (kind: WorkflowKind): PayoutSimulator =>
		kind === 'P2026' || kind === 'B2026' ? sim2026! : sim;

	const results: BenchResults = {
		date: new Date().toISOString(),
		machineBefore: machine(),
		versions: {
			n8n: runtime.n8nVersion,
			node: NODE24_VERSION,
			package: (
				JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
					version: string;
				}
			).version,
			commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
				cwd: PROJECT_ROOT,
				encoding: 'utf8',
			}).stdout.trim(),
		},
		settings,
		scenarios: [],
	};

	const measuredHere = (): SectionRun => ({
		date: new Date().toISOString(),
		commit: results.versions.commit,
	});
	const plan = mainPlan(settings);
	const plan2026 = settings.platform2026 ? platform2026Rows(settings) : [];
	const planV1Slow = settings.v1Slow ? v1SlowRows(settings) : [];
	log(
		`about ${Math.ceil(estimateSeconds(settings, [...plan, ...plan2026, ...planV1Slow]) / 60)} min (estimate for a quiet 2-core machine): ${plan.length + plan2026.length + planV1Slow.length} workflow rows${settings.trigger ? `, trigger ${settings.triggerConcurrency.length * (settings.triggerLazyIsolates ? 2 : 1)} rows` : ''}${settings.flood ? ', flood' : ''}`,
	);
	try {
		if (settings.smoke) {
			// One n8n for everything: fast, and enough to show that every workflow runs.
			await withN8n(
				settings,
				async (n8n) => {
					for (const spec of [...plan, ...plan2026, ...planV1Slow]) {
						const measured = await scenario(settings, n8n, simulatorOf(spec.kind), spec);
						if (plan2026.includes(spec)) {
							results.platform2026 ??= {
								...platform2026Head(settings, measuredHere()),
								scenarios: [],
							};
							results.platform2026.scenarios.push(measured);
						} else if (planV1Slow.includes(spec)) {
							results.v1Slow ??= { ...measuredHere(), scenarios: [] };
							results.v1Slow.scenarios.push(measured);
						} else results.scenarios.push(measured);
					}
					if (settings.trigger)
						results.trigger = await triggerScenario(settings, n8n, sim, 'default');
				},
				TRIGGER_ENV,
			);
		} else {
			const eachInItsOwnN8n = async (specs: RowSpec[]) => {
				const measured: ScenarioResult[] = [];
				for (const spec of specs)
					measured.push(
						await withN8n(settings, (n8n) => scenario(settings, n8n, simulatorOf(spec.kind), spec)),
					);
				return measured;
			};
			results.scenarios = await eachInItsOwnN8n(plan);
			if (settings.trigger) {
				results.trigger = await withN8n(
					settings,
					(n8n) => triggerScenario(settings, n8n, sim, 'default'),
					TRIGGER_ENV,
				);
				if (settings.triggerLazyIsolates)
					results.trigger.push(
						...(await withN8n(
							settings,
							(n8n) => triggerScenario(settings, n8n, sim, 'lazy isolates'),
							{ ...TRIGGER_ENV, ...LAZY_ISOLATES_ENV },
						)),
					);
			}
			if (settings.flood)
				results.flood = await withN8n(
					settings,
					(n8n) =>
						floodScenario(n8n, sim, 'lazy isolates', settings.latencyMs, results.versions.commit),
					{ ...TRIGGER_ENV, ...LAZY_ISOLATES_ENV },
				);
			if (settings.platform2026) {
				const head = platform2026Head(settings, measuredHere());
				results.platform2026 = { ...head, scenarios: await eachInItsOwnN8n(plan2026) };
			}
			if (settings.v1Slow) {
				const head = measuredHere();
				results.v1Slow = { ...head, scenarios: await eachInItsOwnN8n(planV1Slow) };
			}
		}
	} finally {
		await stopAll();
	}
	results.machineAfter = machine();
	results.durationS = Math.round((Date.now() - t0) / 1000);

	printSummary(results);
	if (!settings.writeResults) {
		const file = path.join(os.tmpdir(), 'cinetpay-bench-partial.json');
		fs.writeFileSync(file, JSON.stringify(results, null, '\t') + '\n');
		log(
			`${settings.smoke ? 'smoke' : 'partial'} run: nothing written in bench/ (--write to write); results in ${file}`,
		);
	} else {
		writeReport(withEarlierResults(results), BENCH_DIR);
		log(`wrote bench/RESULTS.md, bench/results.json, bench/chart.svg`);
	}
	log(`done in ${results.durationS} s`);
}

/** The main table's rows: every workflow at every size, but B (and by default A2) not at 10,000. */
function mainPlan(settings: Settings): RowSpec[] {
	const plan: RowSpec[] = [];
	for (const n of settings.sizes) {
		for (const kind of settings.kinds) {
			if (kind === 'B' && n > PACKAGE_ONLY_ABOVE) continue;
			if (EXPRESSION_KINDS.includes(kind) && n > PACKAGE_ONLY_ABOVE && !settings.a2At10000)
				continue;
			plan.push({ kind, n, latencyMs: settings.latencyMs, reps: settings.reps });
		}
	}
	return plan;
}

function platform2026Head(settings: Settings, run: SectionRun) {
	return { ...run, latencyMs: settings.latencyMs, sendsInFlight: DEFAULT_SENDS_IN_FLIGHT_2026 };
}

/**
 * A rough length of the run, printed at its start: each n8n's start (≈ 25 s), each run's floor
 * time ×1.3 plus a per-item cost measured on this machine (2 cores), the trigger's per-notification
 * cost (n8n's defaults ≈ 0.3 s of CPU, the baseline included; lazy isolates ≈ 0.08 s).
 */
function estimateSeconds(settings: Settings, rows: RowSpec[]): number {
	const perItemMs: Record<WorkflowKind, number> = {
		empty: 0.02,
		expressions: 4,
		A1: 0.2,
		A2: 4.3,
		B: 9,
		P2026: 4.5,
		B2026: 3,
	};
	const runS = (spec: RowSpec, n: number) => {
		const floorMs = floorOf(spec, n, settings.batchSize).floorMs;
		const workMs = n * perItemMs[spec.kind];
		// On 2026 the node's work per call overlaps the latency of the others in flight.
		const ms = spec.kind === 'P2026' ? Math.max(floorMs, workMs) * 1.3 : floorMs * 1.3 + workMs;
		return (Number.isFinite(ms) ? ms : workMs) / 1000 + 1;
	};
	const n8nStarts = settings.smoke ? 1 : rows.length;
	let seconds = 25 * n8nStarts;
	for (const spec of rows) seconds += runS(spec, WARMUP_ITEMS) + spec.reps * runS(spec, spec.n);
	if (settings.trigger) {
		const notifications = settings.triggerTransfers * TRIGGER_STATUSES.length;
		const perRow = settings.triggerConcurrency.length * notifications;
		seconds += 30 + perRow * 0.3;
		if (settings.triggerLazyIsolates && !settings.smoke) seconds += 30 + perRow * 0.08;
	}
	if (settings.flood) seconds += 60;
	return seconds;
}

/**
 * A run of sections only (no workflow table) keeps the committed results and replaces the
 * sections it measured, so that one section can be measured again without a 25-minute run.
 * RESULTS.md names each section measured so (sectionsFromOtherRuns).
 */
function withEarlierResults(results: BenchResults): BenchResults {
	const file = path.join(BENCH_DIR, 'results.json');
	if (results.scenarios.length > 0 || !fs.existsSync(file)) return results;
	const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
	const thisRun = { date: results.date, commit: results.versions.commit };
	const fromOtherRuns = { ...earlier.sectionsFromOtherRuns };
	const measured: Partial<Record<Section, unknown>> = {
		trigger: results.trigger,
		flood: results.flood,
		platform2026: results.platform2026,
		v1slow: results.v1Slow,
	};
	for (const name of SECTIONS) if (measured[name] !== undefined) fromOtherRuns[name] = thisRun;
	return {
		...earlier,
		trigger: results.trigger ?? earlier.trigger,
		flood: results.flood ?? earlier.flood,
		platform2026: results.platform2026 ?? earlier.platform2026,
		v1Slow: results.v1Slow ?? earlier.v1Slow,
		sectionsFromOtherRuns: fromOtherRuns,
	};
}

async function withN8n<T>(
	settings: Settings,
	work: (n8n: N8nInstance) => Promise<T>,
	extraEnv: Record<string, string> = {},
): Promise<T> {
	const env: Record<string, string> = { ...extraEnv, ...settings.n8nEnv };
	if (settings.cpuProf) {
		const dir = path.join(BENCH_DIR, 'profiles');
		fs.mkdirSync(dir, { recursive: true });
		env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${dir}`;
	}
	const n8n = await startN8n({ version: '2', customExtensionsDir: extensionsDir, env });
	running.n8n = n8n;
	try {
		await n8n.api.setupOwner();
		await n8n.api.createApiKey('bench');
		return await work(n8n);
	} finally {
		await n8n.stop();
		running.n8n = undefined;
	}
}

interface Deployed {
	workflowId: string;
	url: string;
}

async function deploy(
	settings: Settings,
	n8n: N8nInstance,
	sim: PayoutSimulator,
	spec: RowSpec,
	label: string,
): Promise<Deployed> {
	const { api } = n8n;
	const { kind } = spec;
	const pathName = `bench-${kind}-${label}-${randomUUID().slice(0, 8)}`.toLowerCase();
	const name = `bench ${kind} ${label}`;
	const credential =
		kind === 'A1' || kind === 'A2'
			? await newCredential(api, sim, name)
			: kind === 'P2026'
				? await newCredential2026(api, sim, name)
				: undefined;
	const workflow = await api.createWorkflow(
		buildWorkflow(kind, {
			path: pathName,
			simulatorUrl: sim.baseUrl,
			batchSize: settings.batchSize,
			credential,
			sendsInFlight: spec.sendsInFlight,
		}),
	);
	await api.activateWorkflow(workflow.id);
	return { workflowId: workflow.id, url: `${n8n.baseUrl}/webhook/${pathName}` };
}

async function newCredential(api: N8nApi, sim: { baseUrl: string }, name: string) {
	const { id } = await api.createCredential(CREDENTIAL_TYPE, name, {
		apiKey: DEMO_API_KEY,
		password: DEMO_PASSWORD,
		baseUrl: sim.baseUrl,
	});
	return { id, name };
}

/** A 2026 credential of the simulator's account (its sk_test_ key; the base URL overridden). */
async function newCredential2026(api: N8nApi, sim: { baseUrl: string }, name: string) {
	const account = DEMO_ACCOUNTS_2026.find((a) => a.country === COUNTRY_2026)!;
	const { id } = await api.createCredential(
		CREDENTIAL_TYPE_2026,
		name,
		credential2026Data(account, sim.baseUrl),
	);
	return { id, name };
}

async function scenario(
	settings: Settings,
	n8n: N8nInstance,
	sim: PayoutSimulator,
	spec: RowSpec,
): Promise<ScenarioResult> {
	const { kind, n, latencyMs, sendsInFlight } = spec;
	log(
		`${kind} N=${n}, ${latencyMs} ms per call${sendsInFlight ? `, ${sendsInFlight} in flight` : ''}: n8n ready in ${(n8n.startupMs / 1000).toFixed(1)} s, load ${loadAverage()}`,
	);
	const warm = await deploy(settings, n8n, sim, spec, 'warm');
	const measured: Deployed[] = [];
	for (let rep = 0; rep < spec.reps; rep++)
		measured.push(await deploy(settings, n8n, sim, spec, `r${rep}`));
	await sleep(1500); // webhooks registered, start-up work settled
	const idle = residentNow(n8n.pid);

	const warmup = await runOnce(n8n, sim, spec, WARMUP_ITEMS, warm, -1);
	if (warmup.status !== 'success') log(`  warm-up run ended "${warmup.status}"`);
	const warmed = residentNow(n8n.pid);

	const runs: RunResult[] = [];
	for (const [rep, deployed] of measured.entries()) {
		const run = await runOnce(n8n, sim, spec, n, deployed, rep);
		runs.push(run);
		log(
			`  rep ${rep + 1}: ${run.status}, ${run.calls} calls (max ${run.maxInFlight} in flight), exec ${run.execMs} ms, round trip ${run.httpMs} ms, main peak ${Math.round(run.mainPeakBytes / 2 ** 20)} MiB, load ${run.loadBefore}`,
		);
	}
	// After every run: reading an execution's data back grows n8n's heap.
	for (const run of runs) run.nodes = await nodeTimings(n8n.api, run.executionId);
	return {
		kind,
		n,
		latencyMs,
		sendsInFlight: kind === 'P2026' ? (sendsInFlight ?? DEFAULT_SENDS_IN_FLIGHT_2026) : undefined,
		expressionsPerItem: EXPRESSIONS_PER_ITEM[kind],
		startupMs: n8n.startupMs,
		idle,
		warmed,
		runs,
		...floorOf(spec, n, settings.batchSize),
	};
}

/**
 * v1: 1 login + a contact call and a send call per batch, one at a time. 2026: 1 login + one
 * call per transfer, Sends In Flight at once, so its time floor is in rounds. The DIY workflow on
 * 2026 sends every item at once: no bound, no floor time.
 */
function floorOf(spec: RowSpec, n: number, batchSize: number) {
	if (spec.kind === 'P2026' || spec.kind === 'B2026') {
		const inFlight = spec.sendsInFlight ?? DEFAULT_SENDS_IN_FLIGHT_2026;
		return {
			floorCalls: 1 + n,
			floorMs: spec.kind === 'P2026' ? (1 + Math.ceil(n / inFlight)) * spec.latencyMs : NaN,
		};
	}
	const floorCalls = 1 + 2 * Math.ceil(n / batchSize);
	return { floorCalls, floorMs: floorCalls * spec.latencyMs };
}

async function runOnce(
	n8n: N8nInstance,
	sim: PayoutSimulator,
	spec: RowSpec,
	n: number,
	deployed: Deployed,
	rep: number,
): Promise<RunResult> {
	const { kind } = spec;
	sim.control.reset();
	sim.control.setVariants({ latencyMs: spec.latencyMs });
	sim.control.clearRequests();
	const sampler = new MemorySampler(n8n.pid);
	const loadBefore = loadAverage();
	sampler.start();
	const cpu = new CpuMeter(n8n.pid);
	const postedAt = Date.now();
	const t0 = performance.now();
	await postJsonToWebhook(
		deployed.url,
		{ n, tag: `bench-${randomUUID().slice(0, 8)}` },
		15 * 60_000,
	);
	const httpMs = Math.round(performance.now() - t0);
	const answeredAt = Date.now();
	const cpuMs = cpu.stop();
	const memory = sampler.stop();

	const stats = sim.control.stats();
	const requests = sim.control.requests();
	const byPath: Record<string, number> = {};
	let apiMs = 0;
	for (const entry of requests) {
		byPath[entry.path] = (byPath[entry.path] ?? 0) + 1;
		apiMs += entry.durationMs;
	}
	const [execution] = await n8n.api.waitForExecutions({
		workflowId: deployed.workflowId,
		timeoutMs: 60_000,
	});
	const execMs = execution.stoppedAt
		? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)
		: NaN;
	return {
		kind,
		n,
		rep,
		executionId: execution.id,
		status: execution.status,
		calls: stats.requests,
		byPath,
		logins: stats.logins,
		maxInFlight: stats.maxInFlight,
		transfers: stats.transfers,
		contacts: sim.control.contacts?.().length ?? 0,
		execMs,
		httpMs,
		apiMs: Math.round(apiMs),
		timeline: timeline(requests, postedAt, answeredAt),
		cpuMs,
		mainPeakBytes: memory.mainPeakBytes,
		runnerPeakBytes: memory.runnerPeakBytes,
		loadBefore,
	};
}

/**
 * Where the round trip went, from the simulator's request log: before the first API call
 * (webhook, item creation, the node's reading), between calls (the client's own work), after
 * the last (output, saving, the answer).
 */
function timeline(
	requests: Array<{ at: string; durationMs: number }>,
	postedAt: number,
	answeredAt: number,
) {
	if (requests.length === 0) return { beforeMs: answeredAt - postedAt, betweenMs: 0, afterMs: 0 };
	const spans = requests
		.map((r) => ({ start: Date.parse(r.at), end: Date.parse(r.at) + r.durationMs }))
		.sort((a, b) => a.start - b.start);
	let between = 0;
	for (let i = 1; i < spans.length; i++) between += Math.max(0, spans[i].start - spans[i - 1].end);
	return {
		beforeMs: spans[0].start - postedAt,
		betweenMs: between,
		afterMs: answeredAt - Math.max(...spans.map((s) => s.end)),
	};
}

// --- trigger -------------------------------------------------------------------------------

const TRIGGER_STATUSES = ['REC', 'VAL'];
const TRIGGER_WARMUP = 10;
/** n8n's Prometheus endpoint, for its expression-isolate counter: on the trigger's n8n only. */
const TRIGGER_ENV = { N8N_METRICS: 'true' };
/**
 * n8n 2.41 setting (@n8n/config ExpressionEngineConfig.lazyAcquire): build an expression isolate
 * only when an expression is evaluated. By default n8n acquires one for the webhook phase of every
 * trigger but its own Webhook node and one for each credential read in a webhook, used or not.
 */
const LAZY_ISOLATES_ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

/**
 * For each concurrency: `triggerTransfers` transfers are made in the simulator through its API,
 * moved to REC, their REC notifications posted to the trigger's production URL, then moved to VAL
 * and their VAL notifications posted. Each notification is what the simulator would post (its
 * fields, form-encoded) and is true when posted, so each must start the workflow exactly once.
 */
async function triggerScenario(
	settings: Settings,
	n8n: N8nInstance,
	sim: RunningSimulator,
	n8nSetting: TriggerResult['n8nSetting'],
): Promise<TriggerResult[]> {
	const { api } = n8n;
	log(
		`trigger (n8n ${n8nSetting}): n8n ready in ${(n8n.startupMs / 1000).toFixed(1)} s, load ${loadAverage()}`,
	);
	sim.control.reset();
	const credential = await newCredential(api, sim, 'bench trigger');
	const { workflow, webhookId } = triggerWorkflow(credential, TRIGGER_STATUSES);
	const created = await api.createWorkflow(workflow);
	await api.activateWorkflow(created.id);
	const url = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
	await waitForGet(url);
	const plainPath = `bench-plain-${randomUUID().slice(0, 8)}`;
	const plain = await api.createWorkflow(plainWebhookWorkflow(plainPath));
	await api.activateWorkflow(plain.id);
	const plainUrl = `${n8n.baseUrl}/webhook/${plainPath}`;
	await sleep(1000);
	const idle = residentNow(n8n.pid);
	let plainStarted = 0;

	// Warm-up: a few transfers through REC, not counted. It also logs the credential in.
	const warm = await makeTransfers(sim, TRIGGER_WARMUP, 'warm', 0);
	await postNotifications(
		url,
		warm.map((id) => advanceAndRead(sim, id)),
		1,
	);
	let started = (await waitForCount(api, created.id, TRIGGER_WARMUP, 60_000)).length;

	const results: TriggerResult[] = [];
	for (const [round, concurrency] of settings.triggerConcurrency.entries()) {
		const ids = await makeTransfers(
			sim,
			settings.triggerTransfers,
			`c${concurrency}`,
			(round + 1) * 10_000,
		);

		// The baseline first: the same bodies (as they will be for REC) to n8n's own Webhook node.
		const bodies = ids.map((id) => ({
			...sim.control.notificationFields(id),
			treatment_status: 'REC',
		}));
		const plainAnswers = [];
		const plainIsolatesBefore = await isolatesAcquired(n8n.baseUrl);
		const plainCpu = new CpuMeter(n8n.pid);
		for (let step = 0; step < TRIGGER_STATUSES.length; step++) {
			plainAnswers.push(...(await postNotifications(plainUrl, bodies, concurrency)));
		}
		const plainExecutions = await waitForCount(
			api,
			plain.id,
			plainStarted + plainAnswers.length,
			180_000,
		);
		const plainCpuMs = plainCpu.stop().n8nMs;
		const plainIsolates = (await isolatesAcquired(n8n.baseUrl)) - plainIsolatesBefore;
		const plainTimes = plainAnswers.map((a) => a.ms).sort((a, b) => a - b);
		const baseline = {
			p50Ms: percentile(plainTimes, 50),
			p99Ms: percentile(plainTimes, 99),
			starts: plainExecutions.length - plainStarted,
			n8nCpuMsPerNotification: plainCpuMs / plainAnswers.length,
			isolatesPerNotification: plainIsolates / plainAnswers.length,
		};
		plainStarted = plainExecutions.length;

		sim.control.clearRequests();
		const isolatesBefore = await isolatesAcquired(n8n.baseUrl);
		const sampler = new MemorySampler(n8n.pid);
		const loadBefore = loadAverage();
		sampler.start();
		const cpu = new CpuMeter(n8n.pid);
		const t0 = performance.now();
		const answers = [];
		for (let step = 0; step < TRIGGER_STATUSES.length; step++) {
			const notifications = ids.map((id) => advanceAndRead(sim, id));
			answers.push(...(await postNotifications(url, notifications, concurrency)));
		}
		const postMs = Math.round(performance.now() - t0);
		const expected = ids.length * TRIGGER_STATUSES.length;
		const executions = await waitForCount(api, created.id, started + expected, 180_000);
		const wallMs = Math.round(performance.now() - t0);
		const cpuMs = cpu.stop();
		const memory = sampler.stop();
		const isolates = (await isolatesAcquired(n8n.baseUrl)) - isolatesBefore;

		const stats = sim.control.stats();
		const times = answers.map((a) => a.ms).sort((a, b) => a - b);
		const statuses: Record<string, number> = {};
		for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
		const starts = executions.length - started;
		started = executions.length;
		const result: TriggerResult = {
			n8nSetting,
			transfers: ids.length,
			notifications: answers.length,
			concurrency,
			p50Ms: percentile(times, 50),
			p99Ms: percentile(times, 99),
			maxMs: times[times.length - 1] ?? NaN,
			httpStatuses: statuses,
			expectedStarts: expected,
			starts,
			failedExecutions: executions.filter((e) => e.status !== 'success').length,
			lost: expected - starts,
			apiCalls: stats.requests,
			checkCalls: sim.control
				.requests()
				.filter((entry) => entry.path === '/v1/transfer/check/money').length,
			logins: stats.logins,
			maxInFlight: stats.maxInFlight,
			isolatesPerNotification: isolates / answers.length,
			n8nCpuMsPerNotification: cpuMs.n8nMs / answers.length,
			plainWebhook: baseline,
			postMs,
			wallMs,
			idle,
			mainPeakBytes: memory.mainPeakBytes,
			runnerPeakBytes: memory.runnerPeakBytes,
			loadBefore,
			startupMs: n8n.startupMs,
		};
		log(
			`  ${concurrency} at a time: plain webhook p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms; trigger p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, starts ${starts}/${expected}, ${result.apiCalls} API calls, ${result.isolatesPerNotification.toFixed(1)} isolates per notification, load ${loadBefore}`,
		);
		results.push(result);
	}
	return results;
}

// --- forged notifications in a flood -------------------------------------------------------

const FLOOD_FORGED = 1000;
const FLOOD_FORGED_IDS = 250;
const FLOOD_TRUE = 100;
/** The trigger's bound on lookups in flight per credential (trigger/limits.ts LOOKUPS_PER_ACCOUNT). */
const FLOOD_IN_FLIGHT_BOUND = 4;
/** Not-found lookups of one ID before the trigger stops asking (trigger/memory.ts NOT_FOUNDS_BEFORE_SILENCE). */
const FLOOD_LOOKUPS_PER_UNKNOWN_ID = 5;

/**
 * Two workflows on one credential, each a trigger: 1,000 forged notifications (250 well-formed
 * transaction IDs CinetPay does not know, 4 copies each, in random order) posted all at once to
 * trigger A, while 100 true VAL notifications reach trigger B, 16 at a time from the same moment.
 * A true one answered non-2xx is posted again after 250 ms, 500 ms, 1 s… as a sender that retries
 * would. Each true one must start B's workflow exactly once; A's flood is bounded at A (2 lookups
 * in flight per trigger, 4 per credential): the API calls spent on A stay within
 * FLOOD_LOOKUPS_PER_UNKNOWN_ID per distinct ID, never more than 4 at once.
 */
async function floodScenario(
	n8n: N8nInstance,
	sim: RunningSimulator,
	n8nSetting: FloodResult['n8nSetting'],
	latencyMs: number,
	commit: string,
): Promise<FloodResult> {
	const { api } = n8n;
	log(
		`flood (n8n ${n8nSetting}): n8n ready in ${(n8n.startupMs / 1000).toFixed(1)} s, load ${loadAverage()}`,
	);
	sim.control.reset();
	const credential = await newCredential(api, sim, 'bench flood');
	const { workflow, webhookId } = triggerWorkflow(credential, ['VAL']);
	const created = await api.createWorkflow(workflow);
	await api.activateWorkflow(created.id);
	const url = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
	await waitForGet(url);
	// Trigger A, in a workflow of its own on the same credential, takes the forged flood.
	const flooded = triggerWorkflow(credential, ['VAL']);
	const createdA = await api.createWorkflow({
		...flooded.workflow,
		name: `${flooded.workflow.name} (A)`,
	});
	await api.activateWorkflow(createdA.id);
	const urlA = `${n8n.baseUrl}/webhook/${flooded.webhookId}/webhook`;
	await waitForGet(urlA);

	// Warm-up (not counted): a few true notifications, which also log the credential in.
	const warm = await makeTransfers(sim, TRIGGER_WARMUP, 'flood-warm', 0);
	for (const id of warm) sim.control.advance(id);
	await postNotifications(
		url,
		warm.map((id) => advanceAndRead(sim, id)),
		1,
	);
	const warmStarts = (await waitForCount(api, created.id, TRIGGER_WARMUP, 60_000)).length;

	const ids = await makeTransfers(sim, FLOOD_TRUE, 'flood', 50_000);
	for (const id of ids) sim.control.advance(id);
	const trueBodies = ids.map((id) => advanceAndRead(sim, id));
	const template = trueBodies[0];
	// Old, well-formed IDs (2024): unknown to CinetPay, and not "made moments ago".
	const forgedIds = Array.from(
		{ length: FLOOD_FORGED_IDS },
		(_, i) => `EA240101.120000.F${String(100_000 + i)}`,
	);
	const forgedBodies = Array.from({ length: FLOOD_FORGED }, (_, i) => ({
		...template,
		transaction_id: forgedIds[(i * 7919) % FLOOD_FORGED_IDS],
		amount: '1490000',
	}));

	sim.control.clearRequests();
	const loadBefore = loadAverage();
	const t0 = performance.now();
	const forged = Promise.all(forgedBodies.map((fields) => postOnce(urlA, fields)));
	const trueFirst: Record<string, number> = {};
	let retries = 0;
	const trueTimes: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next < trueBodies.length) {
			const fields = trueBodies[next++];
			const started = performance.now();
			let answer = await postOnce(url, fields);
			trueFirst[answer.status] = (trueFirst[answer.status] ?? 0) + 1;
			for (let attempt = 0; answer.status !== 200 && attempt < 8; attempt++) {
				await sleep(250 * 2 ** Math.min(attempt, 3));
				retries++;
				answer = await postOnce(url, fields);
			}
			trueTimes.push(Math.round((performance.now() - started) * 10) / 10);
		}
	};
	await Promise.all(Array.from({ length: 16 }, worker));
	const forgedAnswers = await forged;
	const wallMs = Math.round(performance.now() - t0);

	const executions = await waitForCount(api, created.id, warmStarts + FLOOD_TRUE, 120_000);
	const executionsA = await api.listExecutions({ workflowId: createdA.id });
	const startsPerTrue: Record<string, number> = {};
	const byId = new Map<string, number>();
	let forgedStarts = 0;
	const forgedSet = new Set(forgedIds);
	for (const execution of await Promise.all(executions.map((e) => api.getExecution(e.id, true)))) {
		const item =
			execution.data?.resultData.runData['CinetPay Transfer Trigger']?.[0]?.data?.main[0]?.[0]
				?.json;
		const id = String(item?.transaction_id ?? '');
		if (forgedSet.has(id)) forgedStarts++;
		byId.set(id, (byId.get(id) ?? 0) + 1);
	}
	forgedStarts += executionsA.length;
	for (const id of ids) {
		const count = String(byId.get(id) ?? 0);
		startsPerTrue[count] = (startsPerTrue[count] ?? 0) + 1;
	}
	const checks = sim.control
		.requests()
		.filter((entry) => entry.path === '/v1/transfer/check/money');
	const forgedStatuses: Record<string, number> = {};
	for (const answer of forgedAnswers)
		forgedStatuses[answer.status] = (forgedStatuses[answer.status] ?? 0) + 1;
	const times = [...trueTimes].sort((a, b) => a - b);
	const result: FloodResult = {
		date: new Date().toISOString(),
		commit,
		n8nSetting,
		forged: FLOOD_FORGED,
		forgedDistinctIds: FLOOD_FORGED_IDS,
		trueNotifications: FLOOD_TRUE,
		startsPerTrue,
		forgedStarts,
		forgedStatuses,
		trueFirstStatuses: trueFirst,
		trueRetries: retries,
		forgedApiCalls: checks.filter((entry) => forgedSet.has(String(entry.query.transaction_id)))
			.length,
		forgedApiCallsBound: FLOOD_FORGED_IDS * FLOOD_LOOKUPS_PER_UNKNOWN_ID,
		trueApiCalls: checks.filter((entry) => ids.includes(String(entry.query.transaction_id))).length,
		maxInFlight: sim.control.stats().maxInFlight,
		inFlightBound: FLOOD_IN_FLIGHT_BOUND,
		trueP50Ms: percentile(times, 50),
		trueP99Ms: percentile(times, 99),
		trueMaxMs: times[times.length - 1] ?? NaN,
		wallMs,
		latencyMs,
		loadBefore,
	};
	log(
		`  flood: true starts at B ${JSON.stringify(startsPerTrue)}, forged starts ${forgedStarts}, API calls on A's forged IDs ${result.forgedApiCalls} (bound ${result.forgedApiCallsBound}), max in flight ${result.maxInFlight}, true p50 ${result.trueP50Ms} ms p99 ${result.trueP99Ms} ms, retries ${retries}, forged answers ${JSON.stringify(forgedStatuses)}`,
	);
	return result;
}

/** One form POST, as CinetPay notifies; status 0 when no answer came within `timeoutMs`. */
async function postOnce(
	url: string,
	fields: Record<string, string>,
	timeoutMs = 60_000,
): Promise<{ status: number }> {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields),
			signal: AbortSignal.timeout(timeoutMs),
		});
		await res.arrayBuffer();
		return { status: res.status };
	} catch {
		return { status: 0 };
	}
}

/** n8n_expression_pool_acquired_total from n8n's /metrics (N8N_METRICS=true); NaN when absent. */
async function isolatesAcquired(baseUrl: string): Promise<number> {
	const text = await (await fetch(`${baseUrl}/metrics`)).text().catch(() => '');
	const line = text.split('\n').find((l) => l.startsWith('n8n_expression_pool_acquired_total'));
	return line ? Number(line.split(' ').pop()) : NaN;
}

/** Contacts and transfers made straight through the simulator's API (2 + 1 calls), ids in order. */
async function makeTransfers(
	sim: RunningSimulator,
	count: number,
	tag: string,
	offset: number,
): Promise<string[]> {
	const form = async (endpoint: string, fields: Record<string, string>, token?: string) => {
		const query = new URLSearchParams({ lang: 'en', ...(token ? { token } : {}) });
		const res = await fetch(`${sim.baseUrl}${endpoint}?${query}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields),
		});
		const body = (await res.json()) as { code: unknown; data: unknown };
		if (String(body.code) !== '0')
			throw new Error(`${endpoint} answered ${JSON.stringify(body).slice(0, 300)}`);
		return body.data;
	};
	const { token } = (await form('/v1/auth/login', {
		apikey: DEMO_API_KEY,
		password: DEMO_PASSWORD,
	})) as { token: string };
	const receivers = Array.from({ length: count }, (_, i) => ({
		prefix: '225',
		phone: `07${20_000_000 + offset + i}`,
	}));
	const ids: string[] = [];
	for (let start = 0; start < count; start += 500) {
		const batch = receivers.slice(start, start + 500);
		await form(
			'/v1/transfer/contact',
			{
				data: JSON.stringify(
					batch.map((r) => ({ ...r, name: 'Kone', surname: 'Awa', email: 'r@example.com' })),
				),
			},
			token,
		);
		const sent = (await form(
			'/v1/transfer/money/send/contact',
			{
				data: JSON.stringify(
					batch.map((r, i) => ({
						...r,
						amount: 500,
						notify_url: NOTIFY_URL,
						client_transaction_id: `${tag}-${randomUUID().slice(0, 8)}-${start + i}`,
					})),
				),
			},
			token,
		)) as unknown[];
		const items = (Array.isArray(sent[0]) ? sent[0] : sent) as Array<{ transaction_id: string }>;
		ids.push(...items.map((item) => item.transaction_id));
	}
	return ids;
}

/** Moves a transfer one step and returns the notification the simulator would post for it. */
function advanceAndRead(sim: RunningSimulator, transactionId: string): Record<string, string> {
	sim.control.advance(transactionId);
	return sim.control.notificationFields(transactionId);
}

async function postNotifications(
	url: string,
	notifications: Array<Record<string, string>>,
	concurrency: number,
): Promise<Array<{ status: number; ms: number }>> {
	const answers: Array<{ status: number; ms: number }> = [];
	let next = 0;
	const worker = async () => {
		while (next < notifications.length) {
			const fields = notifications[next++];
			const t0 = performance.now();
			const { status } = await postOnce(url, fields, 30_000);
			answers.push({ status, ms: Math.round((performance.now() - t0) * 10) / 10 });
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	return answers;
}

async function waitForGet(url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const res = await fetch(url).catch(() => undefined);
		if (res?.status === 200) return;
		await sleep(250);
	}
	throw new Error(`${url} did not answer GET with 200 within 30 s`);
}

/** Waits until `count` executions of the workflow stopped, or until none stop for a while. */
async function waitForCount(api: N8nApi, workflowId: string, count: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const executions = (await api.listAllExecutions({ workflowId })).filter(
			(e) => e.stoppedAt !== null,
		);
		if (executions.length >= count) return executions;
		if (executions.length !== last) {
			last = executions.length;
			stableSince = Date.now();
		}
		// Nothing new for 10 s: what is missing is lost, not late.
		if (Date.now() > deadline || Date.now() - stableSince > 10_000) return executions;
		await sleep(500);
	}
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

main().catch(async (error: Error) => {
	console.error(`bench failed: ${error.stack ?? error.message}`);
	await stopAll();
	process.exit(1);
});
