/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test suite, never published: it prints its counts and counter-example, reads PAYOUT_PROPERTY_* from the environment, and re-throws fast-check's report
/**
 * The payout invariant, checked by property: random batches (1–300 items; valid rows, rows
 * CinetPay refuses, rows the node refuses, own and default client IDs, repeated rows) under random
 * fault schedules (every fault of the simulator, token expiry both ways, Retry On Fail, the same
 * run executed again, on the same or a fresh n8n instance), run through Transfer → Send against
 * the simulator. After every execution, once late commits have settled, every item is checked
 * (test/helpers/payoutInvariants.ts says what is checked).
 *
 * In `npm test`: a fixed seed and about a minute. `PAYOUT_PROPERTY_RUNS=<n>` runs n scenarios with
 * a fresh seed (printed); `PAYOUT_PROPERTY_SEED=<seed>` (and `PAYOUT_PROPERTY_PATH=<path>`) replays
 * one. `PAYOUT_PROPERTY_IGNORE=kind,kind` leaves violation kinds out, to look past a known one.
 */
import fc from 'fast-check';

import { startSimulator, type RunningSimulator } from '../../simulator';
import {
	describeScenario,
	playScenario,
	type ExecutionSpec,
	type Fault,
	type Mode,
	type RowSpec,
	type Scenario,
	type Violation,
} from '../helpers/payoutInvariants';
import { outcomeOf } from '../helpers/runNode';

const FIXED_SEED = 20261129;
const DEFAULT_RUNS = 100;
const requestedRuns = Number(process.env.PAYOUT_PROPERTY_RUNS ?? '') || undefined;
const seed =
	Number(process.env.PAYOUT_PROPERTY_SEED ?? '') ||
	(requestedRuns ? Date.now() % 2 ** 31 : FIXED_SEED);
const path = process.env.PAYOUT_PROPERTY_PATH || undefined;
const numRuns = requestedRuns ?? DEFAULT_RUNS;
/** `*` reports every violation in the counts without failing: a survey of what breaks. */
const ignored = new Set(
	(process.env.PAYOUT_PROPERTY_IGNORE ?? '')
		.split(',')
		.map((kind) => kind.trim())
		.filter(Boolean),
);

// ---------------------------------------------------------------------------------------------
// Generators

const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
	{
		weight: 17,
		arbitrary: fc.record({
			kind: fc.oneof(
				{ weight: 30, arbitrary: fc.constant('valid' as const) },
				{ weight: 1, arbitrary: fc.constant('notContact' as const) },
				{ weight: 1, arbitrary: fc.constant('invalidPhone' as const) },
				{ weight: 1, arbitrary: fc.constant('invalidAmount' as const) },
			),
			ownId: fc.boolean(),
			amount: fc.integer({ min: 201, max: 50_000 }),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ repeat: fc.nat({ max: 299 }) }) },
);

/**
 * Mostly small batches, sometimes up to 300 items. Every range starts at 1 item, so a failing
 * large batch can shrink to a small one.
 */
const rows = fc.oneof(
	{ weight: 12, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 8 }) },
	{ weight: 5, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 40, size: 'max' }) },
	{ weight: 1, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 300, size: 'max' }) },
);

const count = fc.integer({ min: 1, max: 3 });
const committed = fc.boolean();
/** Faults that cost a timeout each time they strike are rarer, to keep the budget. */
const fault: fc.Arbitrary<Fault> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('dropBeforeSend' as const), count }) },
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('dropAfterSend' as const), count }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('ambiguousCall' as const),
			count,
			code: fc.constantFrom(-1 as const, 709 as const, 710 as const, 715 as const),
			committed,
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('http5xxJson' as const),
			count,
			status: fc.constantFrom(500, 502, 503),
			committed,
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('http5xxHtml' as const),
			count,
			status: fc.constantFrom(500, 502, 504),
			committed,
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('gateway503' as const), count }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('itemCodes' as const),
			count,
			code: fc.constantFrom(
				-1 as const,
				709 as const,
				710 as const,
				715 as const,
				722 as const,
				727 as const,
				728 as const,
			),
			positions: fc.oneof(
				fc.constant('first' as const),
				fc.constant('all' as const),
				fc.uniqueArray(fc.nat({ max: 20 }), { minLength: 1, maxLength: 3 }),
			),
			committed,
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('slowSend' as const), count: fc.constant(1) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('lateCommit' as const), count: fc.constant(1) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('slowLookups' as const),
			count: fc.integer({ min: 1, max: 2 }),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('hangingLookups' as const) }) },
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('emptyLookup' as const), count }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('readLag' as const),
			ms: fc.integer({ min: 50, max: 1500 }),
		}),
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('legacyReceiver' as const) }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('tokenExpiry' as const),
			ttlMs: fc.integer({ min: 40, max: 300 }),
			status: fc.constantFrom('http200' as const, 'http401' as const),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('itemErrorsWithMessage' as const) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('itemErrorsWholeCall' as const) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('errorsAsHttp4xx' as const) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('resultsReversed' as const) }) },
);

const faults = fc.array(fault, { maxLength: 3 });

const scenario: fc.Arbitrary<Scenario> = fc.record({
	rows,
	batchSize: fc.constantFrom(1, 2, 5, 20, 100),
	mode: fc.constantFrom<Mode>('continueOnFail', 'stop', 'retryOnFail'),
	executions: fc
		.tuple(faults, fc.option(fc.record({ faults, freshInstance: fc.boolean() }), { freq: 3 }))
		.map(([first, again]): ExecutionSpec[] => [
			{ faults: first, freshInstance: false },
			...(again ? [again] : []),
		]),
});

// ---------------------------------------------------------------------------------------------
// Counts

const counts = {
	runs: 0,
	executions: 0,
	tries: 0,
	items: 0,
	faultsScheduled: new Map<string, number>(),
	faultsStruck: new Map<string, number>(),
	outcomes: new Map<string, number>(),
	violations: new Map<string, number>(),
	/** The first violation of each kind with its scenario, shown when violations are only counted. */
	examples: new Map<string, string>(),
	slowestExecutionMs: 0,
};

function add(map: Map<string, number>, key: string, n = 1): void {
	map.set(key, (map.get(key) ?? 0) + n);
}

function tally(
	s: Scenario,
	result: Awaited<ReturnType<typeof playScenario>>,
	violations: Violation[],
): void {
	counts.runs++;
	for (const [index, execution] of result.executions.entries()) {
		counts.executions++;
		counts.tries += execution.tries;
		counts.items += result.rows.length;
		counts.slowestExecutionMs = Math.max(counts.slowestExecutionMs, execution.durationMs);
		for (const f of s.executions[index].faults) add(counts.faultsScheduled, f.kind);
		for (const [kind, n] of Object.entries(execution.struck)) add(counts.faultsStruck, kind, n);
		if (execution.output) {
			for (const item of execution.output) {
				const json = item.json;
				const outcome =
					outcomeOf(item) === undefined ? 'sent (no outcome field)' : String(outcomeOf(item));
				add(counts.outcomes, json.duplicate === true ? `${outcome}, duplicate` : outcome);
			}
		} else {
			add(counts.outcomes, 'execution threw');
		}
	}
	for (const v of violations) {
		add(counts.violations, v.kind);
		if (!counts.examples.has(v.kind))
			counts.examples.set(v.kind, `${v.detail}\n${describeScenario(s)}`);
	}
}

function printCounts(): void {
	const table = (map: Map<string, number>) =>
		[...map.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => `    ${key.padEnd(34)} ${n}`);
	const total = [...counts.violations.values()].reduce((a, b) => a + b, 0);
	console.log(
		[
			`payout invariants — seed ${seed}${path ? ` path ${path}` : ''}, ${numRuns} runs asked`,
			`  runs ${counts.runs} (shrinking included), executions ${counts.executions}, node tries ${counts.tries}, items ${counts.items}, slowest execution ${counts.slowestExecutionMs} ms`,
			'  faults scheduled, by kind:',
			...table(counts.faultsScheduled),
			'  faults that struck (simulator request log), by kind:',
			...table(counts.faultsStruck),
			'  item outcomes:',
			...table(counts.outcomes),
			`  violations: ${total}${ignored.size ? ` (ignored kinds: ${[...ignored].join(', ')})` : ''}`,
			...table(counts.violations),
			...(ignored.has('*')
				? [...counts.examples.entries()].map(
						([kind, example]) => `  first ${kind}:\n    ${example.replace(/\n/g, '\n    ')}`,
					)
				: []),
		].join('\n'),
	);
}

// ---------------------------------------------------------------------------------------------

let sim: RunningSimulator;

beforeAll(async () => {
	sim = await startSimulator({ initialBalance: 10_000_000_000 });
});
afterAll(async () => {
	printCounts();
	await sim.close();
});

test(
	'payout invariant: every item tells the truth about what CinetPay did',
	async () => {
		const property = fc.asyncProperty(scenario, async (s) => {
			const result = await playScenario(sim, s);
			const violations = result.violations.filter((v) => !ignored.has(v.kind) && !ignored.has('*'));
			tally(s, result, result.violations);
			if (violations.length > 0) {
				const shown = violations.slice(0, 8).map((v) => `  - [${v.kind}] ${v.detail}`);
				throw new Error(
					[
						`${violations.length} violation(s) of the payout invariant:`,
						...shown,
						...(violations.length > 8 ? [`  … ${violations.length - 8} more`] : []),
						'Scenario:',
						describeScenario(s),
					].join('\n'),
				);
			}
		});
		try {
			await fc.assert(property, {
				seed,
				path,
				numRuns,
				endOnFailure: false,
				interruptAfterTimeLimit: 15 * 60_000,
			});
		} catch (error) {
			// fast-check's report: seed and path to replay, the shrunk counter-example, our message.
			console.log(
				`payout invariants — counter-example (replay: PAYOUT_PROPERTY_SEED=${seed} PAYOUT_PROPERTY_PATH=<path below>)\n${(error as Error).message}`,
			);
			throw error;
		}
		expect(counts.runs).toBeGreaterThanOrEqual(Math.min(numRuns, 1));
	},
	20 * 60_000,
);

/**
 * Counter-examples the property found on the fixed node, shrunk to their core. One still open is
 * `test.failing` while the node breaks the invariant there: when a fix lands, jest reports it as
 * failing — then drop `.failing` and keep it as a regression test.
 */
describe('counter-examples found by the property', () => {
	const valid = (ownId: boolean) => ({ kind: 'valid' as const, ownId, amount: 1000 });

	// Fixed on main: now a regression test.
	test(
		'an own ID paid by an earlier run, not attempted after CinetPay stopped answering, is not "not-sent"',
		async () => {
			// Shrunk by fast-check (seed 681638059): the re-run's first lookup hangs, the node stops
			// sending and calls the second item not-sent, though an earlier run paid it.
			const result = await playScenario(sim, {
				rows: [valid(true), valid(true)],
				batchSize: 1,
				mode: 'continueOnFail',
				executions: [
					{ faults: [], freshInstance: false },
					{ faults: [{ kind: 'hangingLookups' }], freshInstance: false },
				],
			});
			expect(result.violations).toEqual([]);
		},
	);

	// Fixed on main (57e06c3): now a regression test.
	test("Retry On Fail: the last try's error names the transfers earlier tries made", async () => {
		// Try 1 sends items 1 and 2 and fails on item 3 (724); try 2 cannot see item 1 yet
		// (reads lag), calls it unknown and stops: its error no longer names item 2.
		const result = await playScenario(sim, {
			rows: [valid(false), valid(false), { kind: 'notContact', ownId: false, amount: 1000 }],
			batchSize: 1,
			mode: 'retryOnFail',
			executions: [{ faults: [{ kind: 'readLag', ms: 1500 }], freshInstance: false }],
		});
		expect(result.violations).toEqual([]);
	});
});
