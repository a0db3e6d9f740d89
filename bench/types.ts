/** The shapes of what a benchmark run records (bench/results.json). */
import type { NodeTiming } from './n8nExtras';
import type { Machine } from './procfs';
import type { WorkflowKind } from './workflows';

/**
 * Sections measured on their own (`--only <name>`) beside the workflow table; a written run of
 * sections only replaces them in the committed results, and RESULTS.md names them.
 */
export const SECTIONS = ['trigger', 'flood', 'platform2026', 'v1slow'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Settings {
	smoke: boolean;
	latencyMs: number;
	batchSize: number;
	reps: number;
	sizes: number[];
	kinds: WorkflowKind[];
	trigger: boolean;
	/** Run the trigger scenario a second time in an n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. */
	triggerLazyIsolates: boolean;
	/** Forged notifications in a flood while true ones arrive. */
	flood: boolean;
	/**
	 * The 2026 platform's rows (Sends In Flight 1, 4 and 20 at `latencyMs` and at
	 * `slowLatencyMs`, and the do-it-yourself HTTP Request workflow), in the same run.
	 */
	platform2026: boolean;
	/** v1's A1 with 10,000 receivers at `slowLatencyMs` per call. */
	v1Slow: boolean;
	/** The latency of the slow rows (300 ms). */
	slowLatencyMs: number;
	/** --sizes given: the N of every 2026 and slow row instead of their own. */
	rowSizes?: number[];
	/** A2 and the expressions alone at 10,000 (--a2-at-10000): about 5 minutes more. */
	a2At10000: boolean;
	/** Write RESULTS.md, results.json and chart.svg into bench/ (a full run, or --write). */
	writeResults: boolean;
	/** Extra environment of every n8n the run starts (--n8n-env). */
	n8nEnv: Record<string, string>;
	triggerTransfers: number;
	/** One trigger run per value. */
	triggerConcurrency: number[];
	build: boolean;
	cpuProf: boolean;
}

export interface Resident {
	mainBytes: number;
	runnerBytes: number;
}

export interface RunResult {
	kind: WorkflowKind;
	n: number;
	rep: number;
	executionId: string;
	/** n8n's execution status. */
	status: string;
	/** API requests the simulator received during the run, and per path. */
	calls: number;
	byPath: Record<string, number>;
	logins: number;
	maxInFlight: number;
	transfers: number;
	contacts: number;
	/** stoppedAt − startedAt of the execution (n8n's own clock). */
	execMs: number;
	/** The webhook POST's round trip, measured by the bench process. */
	httpMs: number;
	/** Sum of the simulator's own durations of those requests (latency + its processing). */
	apiMs: number;
	/**
	 * CPU time used during the round trip by n8n's main process, its task runner and the bench
	 * process (the simulator, the sampler): unlike wall time, barely changed by other load.
	 */
	cpuMs: { n8nMs: number; runnerMs: number; benchMs: number };
	/** The round trip around the API calls (see timeline() in run.ts). */
	timeline: { beforeMs: number; betweenMs: number; afterMs: number };
	mainPeakBytes: number;
	runnerPeakBytes: number;
	loadBefore: number;
	/** Each node's own time and output size (n8n's run data), read after all runs. */
	nodes?: NodeTiming[];
}

/** One row to measure: a workflow, its N and the API's latency (and on 2026 the Sends In Flight option). */
export interface RowSpec {
	kind: WorkflowKind;
	n: number;
	latencyMs: number;
	/** The node's Sends In Flight option (2026 only); absent: its default. */
	sendsInFlight?: number;
	reps: number;
}

export interface ScenarioResult {
	kind: WorkflowKind;
	n: number;
	/** The simulator's latency per call in this row (absent in older results: settings.latencyMs). */
	latencyMs?: number;
	/** The 2026 node's Sends In Flight option in this row. */
	sendsInFlight?: number;
	expressionsPerItem: number;
	startupMs: number;
	/** RSS after start, owner setup and activation, before any run. */
	idle: Resident;
	/** RSS after the 20-item warm-up run. */
	warmed: Resident;
	runs: RunResult[];
	/** v1: 1 login + 2⌈N / batchSize⌉; 2026: 1 login + N. */
	floorCalls: number;
	/** v1: floorCalls × latency; 2026: (1 + ⌈N / sends in flight⌉) × latency; DIY on 2026: NaN (no bound). */
	floorMs: number;
}

export interface TriggerResult {
	/** The n8n this row ran in: its defaults, or with the isolate acquired only when an expression needs one. */
	n8nSetting: 'default' | 'lazy isolates';
	transfers: number;
	notifications: number;
	concurrency: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	httpStatuses: Record<string, number>;
	expectedStarts: number;
	starts: number;
	failedExecutions: number;
	lost: number;
	apiCalls: number;
	checkCalls: number;
	logins: number;
	maxInFlight: number;
	/** n8n's expression isolates acquired, per notification (n8n_expression_pool_acquired_total). */
	isolatesPerNotification: number;
	/** The same number of bodies posted to n8n's own Webhook node → No-Op, same concurrency. */
	plainWebhook: {
		p50Ms: number;
		p99Ms: number;
		starts: number;
		n8nCpuMsPerNotification: number;
		isolatesPerNotification: number;
	};
	/** CPU time of n8n's main process per notification, until every execution stopped. */
	n8nCpuMsPerNotification: number;
	/** From the first notification posted to the last answer. */
	postMs: number;
	/** Until the last execution stopped. */
	wallMs: number;
	idle: Resident;
	mainPeakBytes: number;
	runnerPeakBytes: number;
	loadBefore: number;
	startupMs: number;
}

export interface BenchResults {
	date: string;
	machineBefore: Machine;
	machineAfter?: Machine;
	versions: { n8n: string; node: string; package: string; commit: string };
	settings: Settings;
	scenarios: ScenarioResult[];
	trigger?: TriggerResult[];
	/** Forged notifications in a flood while true ones arrive (`--only flood`). */
	flood?: FloodResult;
	/** The 2026 platform at 1, 4 and 20 sends in flight, two latencies, and its DIY workflow (`--only platform2026`). */
	platform2026?: Platform2026Result;
	/** v1's A1 at the slow latency (`--only v1slow`). */
	v1Slow?: SectionRun & { scenarios: ScenarioResult[] };
	/**
	 * Sections measured in a run of their own (`--only <section> --write`) and merged into these
	 * results: when and at which commit. A full run has none.
	 */
	sectionsFromOtherRuns?: Partial<Record<Section, SectionRun>>;
	durationS?: number;
}

/** When and from which commit a section was measured. */
export interface SectionRun {
	date: string;
	commit: string;
}

export interface Platform2026Result extends SectionRun {
	latencyMs: number;
	/** The node's default number of sends in flight on 2026. */
	sendsInFlight: number;
	/** The 2026 node (P2026) and the DIY workflow (B2026), each row in its own fresh n8n (older results: v1's A1 too). */
	scenarios: ScenarioResult[];
}

export interface FloodResult extends SectionRun {
	n8nSetting: 'default' | 'lazy isolates';
	forged: number;
	forgedDistinctIds: number;
	trueNotifications: number;
	/** Executions started per true notification: each must be 1. */
	startsPerTrue: Record<string, number>;
	forgedStarts: number;
	forgedStatuses: Record<string, number>;
	/** First answers to the true ones, before the sender's retries. */
	trueFirstStatuses: Record<string, number>;
	trueRetries: number;
	/** API calls (check/money) spent on forged IDs, and the stated bound: one per distinct forged ID. */
	forgedApiCalls: number;
	forgedApiCallsBound: number;
	trueApiCalls: number;
	/** Most API calls in flight at once during the flood, and the bound (lookups per credential). */
	maxInFlight: number;
	inFlightBound: number;
	/** From the first POST of a true notification to its 200, retries included. */
	trueP50Ms: number;
	trueP99Ms: number;
	trueMaxMs: number;
	wallMs: number;
	latencyMs: number;
	/** Load average (1 min) when the flood began: other work on the machine shares its two cores. */
	loadBefore?: number;
}
