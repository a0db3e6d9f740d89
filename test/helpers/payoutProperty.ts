/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test helper, never published: it prints the suites' counts and counter-example, reads PAYOUT_PROPERTY_* from the environment, and re-throws fast-check's report */
/**
 * The property-based run of the payout invariant, for any platform: fast-check draws scenarios,
 * each is played (payoutInvariants.ts) and every violation fails the run with the shrunk
 * counter-example; the counts (items, faults scheduled and struck, outcomes, violations) are
 * printed at the end.
 *
 * Environment, the same for every platform's suite: `PAYOUT_PROPERTY_RUNS=<n>` runs n scenarios
 * with a fresh seed (printed); `PAYOUT_PROPERTY_SEED=<seed>` (and `PAYOUT_PROPERTY_PATH=<path>`)
 * replays one. `PAYOUT_PROPERTY_IGNORE=kind,kind` leaves violation kinds out, to look past a
 * known one; `*` counts every violation without failing: a survey of what breaks.
 */
import fc from 'fast-check';

import {
	describeScenario,
	playScenario,
	type ExecutionSpec,
	type PayoutPlatform,
	type RowKind,
	type RowSpec,
	type Scenario,
	type ScenarioResult,
	type Violation,
} from './payoutInvariants';
import { outcomeOf } from './runNode';

export interface PropertySettings {
	seed: number;
	path?: string;
	numRuns: number;
	ignored: Set<string>;
	/** The environment variables that replay a run: PAYOUT_PROPERTY (default) or PAYOUT_SUITE. */
	envPrefix?: string;
}

/** The run's settings: a fixed seed and the suite's default number of runs, unless asked otherwise. */
export function propertySettings(fixedSeed: number, defaultRuns: number): PropertySettings {
	const requestedRuns = Number(process.env.PAYOUT_PROPERTY_RUNS ?? '') || undefined;
	return {
		seed:
			Number(process.env.PAYOUT_PROPERTY_SEED ?? '') ||
			(requestedRuns ? Date.now() % 2 ** 31 : fixedSeed),
		path: process.env.PAYOUT_PROPERTY_PATH || undefined,
		numRuns: requestedRuns ?? defaultRuns,
		ignored: new Set(
			(process.env.PAYOUT_PROPERTY_IGNORE ?? '')
				.split(',')
				.map((kind) => kind.trim())
				.filter(Boolean),
		),
	};
}

/**
 * The invariants of the per-call suite (payout-properties.test.ts), by the violation kinds that
 * break each: PAYOUT_SUITE_INVARIANTS selects some, to see one defect at a time.
 */
export const INVARIANT_KINDS: Record<string, readonly string[]> = {
	'1': ['not-sent-but-paid', 'not-sent-but-paid-earlier'],
	'2': [
		'sent-but-not-paid',
		'sent-wrong-transfer',
		'sent-wrong-transaction-id',
		'sent-under-other-id',
		'sent-is-an-older-transfer',
		'sent-without-id',
		'sent-without-outcome',
		'wrong-amount',
	],
	'3': ['double-payment', 'unexpected-transfer'],
	'4': [
		'count-out',
		'paired-item',
		'error-not-on-item',
		'sent-item-with-error',
		'failed-without-outcome',
		'paid-but-not-reported',
		'threw-with-continue-on-fail',
		'thrown-error-hides-payment',
		'thrown-error-claims-unpaid',
		'thrown-error-description',
	],
	'5': ['refused-row-paid', 'refused-row-sent'],
	'6': ['breaker-not-tripped'],
	'7': ['unknown-without-id', 'unknown-without-advice'],
	other: ['bad-client-id', 'secret-leak', 'unbounded-recovery'],
};

/**
 * The per-call suite's settings, per platform: its own PAYOUT_SUITE_* variables (RUNS per platform,
 * SEED, PATH, INVARIANTS, PLATFORMS), the fixed seed and default runs otherwise.
 */
export function suiteSettings(
	fixedSeed: number,
	defaultRuns: Record<'v1' | '2026', number>,
): {
	platforms: Set<string>;
	/** PAYOUT_SUITE_WITHOUT: faults or rows the scenarios leave out. */
	without: Set<string>;
	of(platform: 'v1' | '2026'): PropertySettings;
} {
	const env = process.env;
	const requestedRuns = Number(env.PAYOUT_SUITE_RUNS ?? '') || undefined;
	const seed =
		Number(env.PAYOUT_SUITE_SEED ?? '') || (requestedRuns ? Date.now() % 2 ** 31 : fixedSeed);
	const selected = (env.PAYOUT_SUITE_INVARIANTS ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const ignored = new Set(
		selected.length === 0
			? []
			: Object.entries(INVARIANT_KINDS)
					.filter(([name]) => !selected.includes(name))
					.flatMap(([, kinds]) => kinds),
	);
	const platforms = new Set(
		(env.PAYOUT_SUITE_PLATFORMS ?? 'v1,2026').split(',').map((name) => name.trim()),
	);
	return {
		platforms,
		without: new Set((env.PAYOUT_SUITE_WITHOUT ?? '').split(',').map((name) => name.trim())),
		of: (platform) => ({
			seed,
			path: env.PAYOUT_SUITE_PATH || undefined,
			numRuns: requestedRuns ?? defaultRuns[platform],
			ignored,
			envPrefix: 'PAYOUT_SUITE',
		}),
	};
}

// ---------------------------------------------------------------------------------------------
// What both platforms' generators share

/** A row: mostly valid, now and then one of the platform's refused kinds, or a copy of an earlier row. */
export function rowSpecArbitrary(
	refusedKinds: readonly RowKind[],
	amounts: { min: number; max: number },
): fc.Arbitrary<RowSpec> {
	return fc.oneof(
		{
			weight: 17,
			arbitrary: fc.record({
				kind: fc.oneof(
					{ weight: 30, arbitrary: fc.constant<RowKind>('valid') },
					...refusedKinds.map((kind) => ({ weight: 1, arbitrary: fc.constant(kind) })),
				),
				ownId: fc.boolean(),
				amount: fc.integer(amounts),
			}),
		},
		{ weight: 1, arbitrary: fc.record({ repeat: fc.nat({ max: 299 }) }) },
	);
}

/**
 * Mostly small batches, sometimes up to 300 items. Every range starts at 1 item, so a failing
 * large batch can shrink to a small one.
 */
export function rowsArbitrary(rowSpec: fc.Arbitrary<RowSpec>): fc.Arbitrary<RowSpec[]> {
	return fc.oneof(
		{ weight: 12, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 8 }) },
		{ weight: 5, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 40, size: 'max' }) },
		{ weight: 1, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 300, size: 'max' }) },
	);
}

/** How often a fault strikes, and whether CinetPay carried out the call it answers badly. */
export const faultCount = fc.integer({ min: 1, max: 3 });
export const faultCommitted = fc.boolean();

/** A fault that strikes `count` calls. */
export const countedFault = <K extends string>(kind: K, count = faultCount) =>
	fc.record({ kind: fc.constant(kind), count });

/** An HTTP 5xx answer from CinetPay (JSON) or its gateway (HTML), the call carried out or not. */
export const serverErrorFault = <K extends string>(kind: K, statuses: number[]) =>
	fc.record({
		kind: fc.constant(kind),
		count: faultCount,
		status: fc.constantFrom(...statuses),
		committed: faultCommitted,
	});

/** The stored token dies now, the next lives ttlMs; CinetPay refuses it with HTTP 401 or 200. */
export const tokenExpiryFault = (minTtlMs: number) =>
	fc.record({
		kind: fc.constant('tokenExpiry' as const),
		ttlMs: fc.integer({ min: minTtlMs, max: 300 }),
		status: fc.constantFrom('http200' as const, 'http401' as const),
	});

/** The available balance covers only part of the run. */
export const lowBalanceFault = fc.record({
	kind: fc.constant('lowBalance' as const),
	available: fc.integer({ min: 0, max: 100_000 }),
});

/** Up to 3 faults per execution. */
export const faultsArbitrary = <F>(fault: fc.Arbitrary<F>): fc.Arbitrary<F[]> =>
	fc.array(fault, { maxLength: 3 });

/**
 * The first execution, then, one time in three, the same run again: a new execution, on a fresh
 * n8n instance, or n8n's Retry of the failed first one.
 */
export function executionsArbitrary<F>(
	faults: fc.Arbitrary<F[]>,
): fc.Arbitrary<Array<ExecutionSpec<F>>> {
	return fc
		.tuple(
			faults,
			fc.option(
				fc.record({
					faults,
					again: fc.constantFrom(
						'newExecution' as const,
						'freshInstance' as const,
						'retryOfFailed' as const,
					),
				}),
				{ freq: 3 },
			),
		)
		.map(
			([first, again]): Array<ExecutionSpec<F>> => [{ faults: first }, ...(again ? [again] : [])],
		);
}

// ---------------------------------------------------------------------------------------------
// Counts and the run

function add(map: Map<string, number>, key: string, n = 1): void {
	map.set(key, (map.get(key) ?? 0) + n);
}

/** What the runs did, printed after the suite. */
export class PayoutCounts {
	runs = 0;
	executions = 0;
	tries = 0;
	items = 0;
	slowestExecutionMs = 0;
	readonly startedAt = Date.now();
	readonly faultsScheduled = new Map<string, number>();
	readonly faultsStruck = new Map<string, number>();
	readonly outcomes = new Map<string, number>();
	readonly violations = new Map<string, number>();
	readonly platformLimits = new Map<string, number>();
	/** The first violation of each kind with its scenario, shown when violations are only counted. */
	readonly examples = new Map<string, string>();

	tally<F extends { kind: string }, V>(
		platform: PayoutPlatform<F, V>,
		s: Scenario<F, V>,
		result: ScenarioResult,
	): void {
		this.runs++;
		for (const [index, execution] of result.executions.entries()) {
			this.executions++;
			this.tries += execution.tries;
			this.items += result.rows.length;
			this.slowestExecutionMs = Math.max(this.slowestExecutionMs, execution.durationMs);
			for (const f of s.executions[index].faults) add(this.faultsScheduled, f.kind);
			if (index > 0)
				add(this.faultsScheduled, `(run again: ${s.executions[index].again ?? 'newExecution'})`);
			for (const [kind, n] of Object.entries(execution.struck)) add(this.faultsStruck, kind, n);
			if (execution.output) {
				for (const item of execution.output) {
					const outcome =
						outcomeOf(item) === undefined ? 'sent (no outcome field)' : String(outcomeOf(item));
					add(this.outcomes, item.json.duplicate === true ? `${outcome}, duplicate` : outcome);
				}
			} else {
				add(this.outcomes, 'execution threw');
			}
		}
		for (const v of result.violations) {
			add(this.violations, v.kind);
			if (!this.examples.has(v.kind))
				this.examples.set(v.kind, `${v.detail}\n${describeScenario(s, platform)}`);
		}
		for (const v of result.platformLimits) add(this.platformLimits, v.kind);
	}

	print(title: string, settings: PropertySettings): void {
		const table = (map: Map<string, number>) =>
			[...map.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([key, n]) => `    ${key.padEnd(34)} ${n}`);
		const total = [...this.violations.values()].reduce((a, b) => a + b, 0);
		const { ignored } = settings;
		console.log(
			[
				`${title} — seed ${settings.seed}${settings.path ? ` path ${settings.path}` : ''}, ${settings.numRuns} runs asked, ${Math.round((Date.now() - this.startedAt) / 1000)} s`,
				`  runs ${this.runs} (shrinking included), executions ${this.executions}, node tries ${this.tries}, items ${this.items}, slowest execution ${this.slowestExecutionMs} ms`,
				'  faults scheduled, by kind:',
				...table(this.faultsScheduled),
				'  faults that struck (simulator request log), by kind:',
				...table(this.faultsStruck),
				'  item outcomes:',
				...table(this.outcomes),
				`  violations: ${total}${ignored.size ? ` (ignored kinds: ${[...ignored].join(', ')})` : ''}`,
				...table(this.violations),
				...(this.platformLimits.size
					? [
							"  the platform's, not the node's (see guardsReusedIds):",
							...table(this.platformLimits),
						]
					: []),
				...(ignored.has('*')
					? [...this.examples.entries()].map(
							([kind, example]) => `  first ${kind}:\n    ${example.replace(/\n/g, '\n    ')}`,
						)
					: []),
			].join('\n'),
		);
	}
}

/** Plays scenarios until one breaks the invariant (shrunk and reported) or the runs are done. */
export async function assertPayoutInvariant<F extends { kind: string }, V>(
	platform: () => PayoutPlatform<F, V>,
	scenarios: fc.Arbitrary<Scenario<F, V>>,
	settings: PropertySettings,
	counts: PayoutCounts,
): Promise<void> {
	const property = fc.asyncProperty(scenarios, async (s) => {
		const result = await playScenario(platform(), s);
		const { ignored } = settings;
		const violations = result.violations.filter(
			(v: Violation) => !ignored.has(v.kind) && !ignored.has('*'),
		);
		counts.tally(platform(), s, result);
		if (violations.length > 0) {
			const shown = violations.slice(0, 8).map((v) => `  - [${v.kind}] ${v.detail}`);
			throw new Error(
				[
					`${violations.length} violation(s) of the payout invariant:`,
					...shown,
					...(violations.length > 8 ? [`  … ${violations.length - 8} more`] : []),
					'Scenario:',
					describeScenario(s, platform()),
				].join('\n'),
			);
		}
	});
	try {
		await fc.assert(property, {
			seed: settings.seed,
			path: settings.path,
			numRuns: settings.numRuns,
			endOnFailure: false,
			interruptAfterTimeLimit: 15 * 60_000,
		});
	} catch (error) {
		const prefix = settings.envPrefix ?? 'PAYOUT_PROPERTY';
		// fast-check's report: seed and path to replay, the shrunk counter-example, our message.
		console.log(
			`payout invariants (${platform().name}) — counter-example (replay: ${prefix}_SEED=${settings.seed} ${prefix}_PATH=<path below>)\n${(error as Error).message}`,
		);
		throw error;
	}
}

/**
 * The property test of one platform's suite, with its simulator started before and the counts
 * printed after: `sim()` and `platform()` serve the suite's other tests.
 */
export function payoutInvariantTest<
	S extends { close(): Promise<void> },
	F extends { kind: string },
	V,
>(options: {
	name: string;
	title: string;
	start: () => Promise<S>;
	platformOf: (sim: S) => PayoutPlatform<F, V>;
	scenarios: fc.Arbitrary<Scenario<F, V>>;
	settings: PropertySettings;
}): { sim: () => S; platform: () => PayoutPlatform<F, V> } {
	const counts = new PayoutCounts();
	let sim: S | undefined;
	let platform: PayoutPlatform<F, V> | undefined;
	const started = <T>(value: T | undefined): T => {
		if (value === undefined) throw new Error('The simulator is not started yet');
		return value;
	};
	beforeAll(async () => {
		sim = await options.start();
		platform = options.platformOf(sim);
	});
	afterAll(async () => {
		counts.print(options.title, options.settings);
		await sim?.close();
	});
	test(
		options.name,
		async () => {
			await assertPayoutInvariant(
				() => started(platform),
				options.scenarios,
				options.settings,
				counts,
			);
			expect(counts.runs).toBeGreaterThanOrEqual(Math.min(options.settings.numRuns, 1));
			// The suite proves little unless transfers were sent and faults struck.
			expect(counts.outcomes.get('sent') ?? 0).toBeGreaterThan(0);
			expect(counts.faultsStruck.size).toBeGreaterThan(0);
		},
		20 * 60_000,
	);
	return { sim: () => started(sim), platform: () => started(platform) };
}
