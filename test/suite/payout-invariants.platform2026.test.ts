/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test suite, never published: it reads PAYOUT_SEND_2026 from the environment */
/**
 * The payout invariant on CinetPay's 2026 platform, checked by property, as for v1
 * (payout-invariants.test.ts; the invariant and its check are the same code,
 * test/helpers/payoutInvariants.ts): random runs (1–300 items; valid rows, rows CinetPay refuses,
 * rows the node refuses, own and default merchant IDs, repeated rows) under random fault schedules
 * (drops before and after commit, 5xx JSON or HTML committed or not, gateway 503s on any call,
 * slow answers, late commits, tokens expiring mid-run with HTTP 401 or 200, a low balance), Retry
 * On Fail, the same run executed again on the same or a fresh n8n instance, n8n's Retry of a
 * failed execution — under every [guess] of the spec: a reused merchant ID refused (1200),
 * accepted as a new transfer, or answered with the existing one; a lookup by merchant ID absent,
 * by query or by path; the node told facts.ts as it is, or the truth.
 *
 * Same environment variables as v1's suite (PAYOUT_PROPERTY_RUNS / SEED / PATH / IGNORE).
 */
import fc from 'fast-check';

import { startSimulator2026, type RunningSimulator2026 } from '../../simulator/platform2026';
import type { ExecutionSpec, Mode, PayoutPlatform, RowSpec } from '../helpers/payoutInvariants';
import {
	platform2026,
	type Fault2026,
	type Scenario2026,
	type Send2026Executor,
	type Variants2026,
} from '../helpers/payoutPlatform2026';
import { assertPayoutInvariant, PayoutCounts, propertySettings } from '../helpers/payoutProperty';
import { sendStandIn2026, standInLogLines } from '../helpers/send2026StandIn';

// The node is told the simulator's truth by replacing facts.ts's two [guess] lines (see
// facts2026Override.ts); with knowledge 'today' it reads facts.ts as it is.
jest.mock('../../nodes/CinetPay/transport/platform2026/facts', () =>
	(
		jest.requireActual(
			'../helpers/facts2026Override',
		) as typeof import('../helpers/facts2026Override')
	).factsWithOverride2026(jest.requireActual('../../nodes/CinetPay/transport/platform2026/facts')),
);

const settings = propertySettings(20261129, 100);
const executor: Send2026Executor = sendStandIn2026;

// ---------------------------------------------------------------------------------------------
// Generators

const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
	{
		weight: 17,
		arbitrary: fc.record({
			kind: fc.oneof(
				{ weight: 30, arbitrary: fc.constant('valid' as const) },
				{ weight: 1, arbitrary: fc.constant('wrongMethod' as const) },
				{ weight: 1, arbitrary: fc.constant('invalidPhone' as const) },
				{ weight: 1, arbitrary: fc.constant('invalidAmount' as const) },
				{ weight: 1, arbitrary: fc.constant('invalidId' as const) },
			),
			ownId: fc.boolean(),
			amount: fc.integer({ min: 500, max: 50_000 }),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ repeat: fc.nat({ max: 299 }) }) },
);

/** Mostly small runs, sometimes up to 300 items; every range starts at 1 item, to shrink. */
const rows = fc.oneof(
	{ weight: 12, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 8 }) },
	{ weight: 5, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 40, size: 'max' }) },
	{ weight: 1, arbitrary: fc.array(rowSpec, { minLength: 1, maxLength: 300, size: 'max' }) },
);

const count = fc.integer({ min: 1, max: 3 });
const committed = fc.boolean();
/** Faults that cost a timeout each time they strike are rarer, to keep the budget. */
const fault: fc.Arbitrary<Fault2026> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('dropBeforeSend' as const), count }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('dropAfterSend' as const), count }) },
	{
		weight: 3,
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
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('gateway503' as const), count }) },
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('slowAnswer' as const), count: fc.constant(1) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('lateCommit' as const), count: fc.constant(1) }),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('tokenExpiry' as const),
			ttlMs: fc.integer({ min: 40, max: 300 }),
			status: fc.constantFrom('http200' as const, 'http401' as const),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('lowBalance' as const),
			available: fc.integer({ min: 0, max: 100_000 }),
		}),
	},
);

const faults = fc.array(fault, { maxLength: 3 });

const variants: fc.Arbitrary<Variants2026> = fc.record({
	duplicateMerchantId: fc.constantFrom('refuse1200', 'acceptNew', 'returnExisting' as const),
	merchantLookup: fc.constantFrom('none', 'query', 'path' as const),
	knowledge: fc.constantFrom('today', 'truth' as const),
});

const scenario: fc.Arbitrary<Scenario2026> = fc.record({
	rows,
	/** Sends In Flight. */
	batchSize: fc.constantFrom(1, 2, 4, 8),
	mode: fc.constantFrom<Mode>('continueOnFail', 'stop', 'retryOnFail'),
	variants,
	executions: fc
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
			([first, again]): Array<ExecutionSpec<Fault2026>> => [
				{ faults: first },
				...(again ? [again] : []),
			],
		),
});

// ---------------------------------------------------------------------------------------------

const counts = new PayoutCounts();
let sim: RunningSimulator2026;
let platform: PayoutPlatform<Fault2026, Variants2026>;

beforeAll(async () => {
	sim = await startSimulator2026();
	platform = platform2026(sim, executor, standInLogLines);
});
afterAll(async () => {
	counts.print('payout invariants, 2026 platform', settings);
	await sim.close();
});

test(
	'payout invariant on the 2026 platform: every item tells the truth about what CinetPay did',
	async () => {
		await assertPayoutInvariant(() => platform, scenario, settings, counts);
		expect(counts.runs).toBeGreaterThanOrEqual(Math.min(settings.numRuns, 1));
		// The suite proves little unless sends were made and faults struck.
		expect(counts.outcomes.get('sent') ?? 0).toBeGreaterThan(0);
		expect(counts.faultsStruck.size).toBeGreaterThan(0);
	},
	20 * 60_000,
);
