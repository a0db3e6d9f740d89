/**
 * The payout invariant (issue 12) as code: scenarios (a batch of rows, a fault schedule per
 * execution, how n8n runs the node), how a scenario is played against the simulator, and the
 * check of every item after every execution, once any late commit has settled.
 *
 * The invariant is one statement for both platforms; what differs sits behind `PayoutPlatform`:
 * the simulator and its faults, the node's parameters, the rows' JSON, how CinetPay's transfers
 * are read. v1's adapter is here (`v1Platform`); the 2026 platform's is in payoutPlatform2026.ts.
 *
 * The invariant, for every item:
 * - at most one transfer at CinetPay per intended transfer, ever (an own client ID is one
 *   intended transfer across executions; a default ID in a new execution is a new one; Retry On
 *   Fail is the same execution);
 * - `not-sent` ⇒ CinetPay holds no transfer for the item's client ID, now and later;
 * - sent ⇒ exactly one transfer with that receiver and amount, the item's real `transaction_id`,
 *   created by this intended transfer (not an old one found under a repeated default ID);
 * - `unknown` ⇒ the item names its client ID and says how to check it (v1: Transfer → Get;
 *   2026: Transfer → Get or the dashboard, where CinetPay has no lookup by the merchant's ID);
 * - count in = count out, `pairedItem` right, failed items carry `error` on the item (n8n routes
 *   an item to the error output only then); a thrown error names every transfer the execution
 *   made (`sentClientTransactionIds` + `unknownClientTransactionIds`).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CallFaultPlan } from '../../simulator/callFaults';
import {
	DEFAULT_VARIANTS,
	DEMO_API_KEY,
	DEMO_PASSWORD,
	type FaultInjection,
	type RunningSimulator,
	type SimulatorVariants,
} from '../../simulator';
import { capturedLogLines, runWorkflow, type CredentialStore } from './n8nCore';
import { failureOf, NOTIFY_URL, runNode, simulatorCredentials } from './runNode';
import { findSecrets } from './secrets';

/** The node's Timeout option in these runs (its minimum): a "slow" answer takes longer. */
export const TIMEOUT_SECONDS = 1;
export const SLOWER_THAN_TIMEOUT_MS = TIMEOUT_SECONDS * 1000 + 250;
/** The account's available balance, unless a fault lowers it. */
export const INITIAL_BALANCE = 10_000_000_000;
/** The node's Check Deadline option in these runs: how long it may spend looking transfers up. */
export const CHECK_DEADLINE_SECONDS = 2;

// ---------------------------------------------------------------------------------------------
// Scenarios

/**
 * valid: the node and CinetPay accept it; notContact (v1): CinetPay refuses it (724);
 * wrongMethod (2026): a payment method of another country, CinetPay refuses it (400);
 * invalid*: the node does (invalidId: an own ID CinetPay's 2026 platform cannot take).
 */
export type RowKind =
	| 'valid'
	| 'notContact'
	| 'wrongMethod'
	| 'invalidPhone'
	| 'invalidAmount'
	| 'invalidId'
	/** An amount text that is not a plain integer ("750.000", "1e3"): refused before any call. */
	| 'ambiguousAmount'
	/** Over the node's Maximum Amount (default 1,500,000): refused before any call. */
	| 'overMaximum';

/** Rows the node itself must refuse before any call, so no request carries them (invariant 5). */
export const REFUSED_BEFORE_ANY_CALL: ReadonlySet<RowKind> = new Set([
	'ambiguousAmount',
	'overMaximum',
]);

export type RowSpec =
	| {
			kind: RowKind;
			ownId: boolean;
			amount: number;
			/** The amount as the sheet writes it ("1 000", "750.000"); `amount` is what it means. */
			amountText?: string;
	  }
	/** A copy of an earlier row (index taken modulo the rows before it). */
	| { repeat: number };

/** The faults both platforms' simulators play alike (each platform adds its own). */
export type SharedFault =
	| { kind: 'dropBeforeSend'; count: number }
	| { kind: 'dropAfterSend'; count: number }
	| { kind: 'http5xxJson'; count: number; status: number; committed: boolean }
	| { kind: 'http5xxHtml'; count: number; status: number; committed: boolean }
	/** Any endpoint (login, send, lookup): a gateway's 503, not processed. */
	| { kind: 'gateway503'; count: number }
	| { kind: 'lateCommit'; count: number }
	/** Each API call gets its own fault (simulator/callFaults.ts). */
	| { kind: 'perCall'; plan: CallFaultPlan }
	/** The stored token dies now; the next one lives ttlMs, so it expires mid-run. */
	| { kind: 'tokenExpiry'; ttlMs: number; status: 'http200' | 'http401' }
	/**
	 * The available balance covers only part of the run: later calls are refused (v1: 602, 2026:
	 * 2005), nothing of them sent.
	 */
	| { kind: 'lowBalance'; available: number };

/** v1's faults. */
export type Fault =
	| SharedFault
	| { kind: 'ambiguousCall'; count: number; code: -1 | 709 | 710 | 715; committed: boolean }
	| {
			kind: 'itemCodes';
			count: number;
			code: -1 | 709 | 710 | 715 | 722 | 727 | 728;
			positions: 'first' | 'all' | number[];
			committed: boolean;
	  }
	| { kind: 'slowSend'; count: number }
	| { kind: 'slowLookups'; count: number }
	/** Every lookup answers after 3 s: recovery must end at the check deadline, not per item. */
	| { kind: 'hangingLookups' }
	| { kind: 'emptyLookup'; count: number }
	| { kind: 'readLag'; ms: number }
	| { kind: 'legacyReceiver' }
	| { kind: 'itemErrorsWithMessage' }
	| { kind: 'itemErrorsWholeCall' }
	| { kind: 'errorsAsHttp4xx' }
	| { kind: 'resultsReversed' }
	/** Lookups write the amount and the receiver otherwise than the send ("1 000", "00225…"). */
	| {
			kind: 'lookupWriting';
			amountFormat: SimulatorVariants['amountFormat'];
			receiverFormat: SimulatorVariants['receiverFormat'];
	  };

export type Mode = 'continueOnFail' | 'stop' | 'retryOnFail';

export interface ExecutionSpec<F = Fault> {
	faults: F[];
	/**
	 * How a later execution relates to the first: 'newExecution' = the same run executed again;
	 * 'freshInstance' = again, on a fresh n8n instance or database (execution IDs restart, so it
	 * has the first one's ID); 'retryOfFailed' = n8n's Retry of the failed first execution (a new
	 * execution that carries the first one's execution data, node context included: the same
	 * intended transfers). A retry only happens when the first execution failed.
	 */
	again?: 'newExecution' | 'freshInstance' | 'retryOfFailed';
}

export interface Scenario<F = Fault, V = undefined> {
	rows: RowSpec[];
	/** v1: items per API call; 2026: sends in flight. */
	batchSize: number;
	mode: Mode;
	/** The first execution, then "the same run executed again" (a new execution) if present. */
	executions: Array<ExecutionSpec<F>>;
	/** The node's Add Contact option: it adds the receivers itself (faults then hit those calls too). */
	addContact?: boolean;
	/** How the platform answers where the spec guesses (2026: the [guess] variants), for the whole scenario. */
	variants?: V;
}

/** A row as the node receives it, with what the checker needs to know about it. */
export interface Row {
	json: IDataObject;
	kind: RowKind;
	/** The receiver's national number: each original row has its own (see HeldTransfer.phone). */
	phone: string;
	amount: number;
	ownId?: string;
	/** Index of the first row with the same content (itself if it is not a copy). */
	original: number;
}

type RowMaker = (spec: Exclude<RowSpec, { repeat: number }>, index: number) => Row;

export function materializeRows(specs: RowSpec[], make: RowMaker = makeRowV1): Row[] {
	const rows: Row[] = [];
	for (const [index, spec] of specs.entries()) {
		if ('repeat' in spec) {
			if (rows.length > 0) {
				const source = rows[spec.repeat % rows.length];
				rows.push({ ...source, json: { ...source.json } });
				continue;
			}
			rows.push(make({ kind: 'valid', ownId: false, amount: 1000 }, index));
			continue;
		}
		rows.push(make(spec, index));
	}
	return rows;
}

/** The rows of a scenario: with Add Contact, the node makes every receiver a contact first. */
export function scenarioRows<F, V>(scenario: Scenario<F, V>, make: RowMaker = makeRowV1): Row[] {
	const rows = materializeRows(scenario.rows, make);
	if (!scenario.addContact) return rows;
	return rows.map((row) => (row.kind === 'notContact' ? { ...row, kind: 'valid' } : row));
}

/** A receiver's national number away from the simulators' test numbers, one per original row. */
export function receiverNumber(kind: RowKind, index: number): string {
	// Away from the simulator's test numbers (07000000xx), which behave in their own ways.
	const serial = String(10_000_000 + index);
	return kind === 'invalidPhone'
		? `07${index}` // too short for 225
		: kind === 'notContact'
			? `05${serial}`
			: kind === 'invalidAmount'
				? `01${serial}`
				: `07${serial}`;
}

/** Each original row has its own receiver, so a transfer at CinetPay tells which row it pays. */
function makeRowV1(spec: Exclude<RowSpec, { repeat: number }>, index: number): Row {
	const phone = receiverNumber(spec.kind, index);
	const amount = spec.kind === 'invalidAmount' ? 150 : spec.amount; // CinetPay takes > 200
	const ownId = spec.ownId ? `payout-${index}` : undefined;
	const json: IDataObject = {
		prefix: '225',
		phone,
		amount: spec.amountText ?? amount,
		name: 'Kone',
		surname: 'Awa',
		email: `r${index}@example.com`,
		...(ownId && { client_transaction_id: ownId }),
	};
	return { json, kind: spec.kind, phone, amount, ownId, original: index };
}

/** What one execution's faults set on a simulator: its fault counters and variants. */
export interface FaultSettings<I, V> {
	inject: I;
	variants: Partial<V>;
	expireTokens: boolean;
	balance?: number;
	/** The execution's faults drawn per API call, if any. */
	callFaults?: CallFaultPlan;
}

/** The simulator settings both platforms have (2026's fault injection is a part of v1's). */
type SharedFaultSettings = FaultSettings<
	Pick<
		FaultInjection,
		| 'http5xxNext'
		| 'dropAfterNextSend'
		| 'dropBeforeNextSend'
		| 'serverErrorNextSend'
		| 'lateCommitNextSend'
		| 'slowNextMs'
	>,
	Pick<SimulatorVariants, 'tokenTtlSeconds' | 'latencyMs' | 'expiredTokenStatus'>
>;

/** Sets what a fault both simulators play alike asks of either. */
export function applySharedFault(fault: SharedFault, settings: SharedFaultSettings): void {
	const { inject, variants } = settings;
	switch (fault.kind) {
		case 'dropBeforeSend':
		case 'dropAfterSend':
			inject[fault.kind === 'dropBeforeSend' ? 'dropBeforeNextSend' : 'dropAfterNextSend'] = fault.count;
			break;
		case 'http5xxJson':
		case 'http5xxHtml':
			inject.serverErrorNextSend = {
				count: fault.count,
				status: fault.status,
				body: fault.kind === 'http5xxJson' ? 'json' : 'html',
				committed: fault.committed,
			};
			break;
		case 'gateway503':
			inject.http5xxNext = fault.count;
			break;
		case 'lateCommit':
			inject.lateCommitNextSend = { ms: SLOWER_THAN_TIMEOUT_MS, count: fault.count };
			break;
		case 'tokenExpiry':
			variants.tokenTtlSeconds = fault.ttlMs / 1000;
			variants.latencyMs = 10;
			variants.expiredTokenStatus = fault.status;
			settings.expireTokens = true;
			break;
		case 'lowBalance':
			settings.balance = fault.available;
			break;
		case 'perCall':
			settings.callFaults = fault.plan;
			break;
	}
}

/** v1's faults that change only how CinetPay words its answers: the simulator variant of each. */
const ANSWER_VARIANT_OF: Record<
	| 'legacyReceiver'
	| 'itemErrorsWithMessage'
	| 'itemErrorsWholeCall'
	| 'errorsAsHttp4xx'
	| 'resultsReversed',
	Partial<SimulatorVariants>
> = {
	legacyReceiver: { receiverFormat: 'legacy8' },
	itemErrorsWithMessage: { itemErrorShape: 'withMessage' },
	itemErrorsWholeCall: { itemErrors: 'wholeCall' },
	errorsAsHttp4xx: { errorHttpStatus: 'http4xx' },
	resultsReversed: { resultOrder: 'reversed' },
};

/** The simulator faults and variants of one execution's schedule on v1. */
export function faultSettings(faults: Fault[]): FaultSettings<FaultInjection, SimulatorVariants> {
	const settings: FaultSettings<FaultInjection, SimulatorVariants> = {
		inject: {},
		variants: {},
		expireTokens: false,
	};
	const { inject, variants } = settings;
	for (const fault of faults) {
		switch (fault.kind) {
			case 'ambiguousCall':
				inject.ambiguousNextSend = {
					count: fault.count,
					code: fault.code,
					committed: fault.committed,
				};
				break;
			case 'itemCodes':
				inject.itemCodesNextSend = {
					count: fault.count,
					code: fault.code,
					positions: fault.positions,
					committed: fault.committed,
				};
				break;
			case 'slowSend':
			case 'slowLookups':
				inject.slowEndpointNext = {
					endpoint: fault.kind === 'slowSend' ? 'send' : 'check',
					ms: SLOWER_THAN_TIMEOUT_MS,
					count: fault.count,
				};
				break;
			case 'hangingLookups':
				inject.slowEndpointNext = { endpoint: 'check', ms: 3000, count: 100_000 };
				break;
			case 'emptyLookup':
				inject.emptyLookupNext = fault.count;
				break;
			case 'legacyReceiver':
			case 'itemErrorsWithMessage':
			case 'itemErrorsWholeCall':
			case 'errorsAsHttp4xx':
			case 'resultsReversed':
				Object.assign(variants, ANSWER_VARIANT_OF[fault.kind]);
				break;
			case 'readLag':
				variants.readLagMs = fault.ms;
				break;
			case 'lookupWriting':
				variants.amountFormat = fault.amountFormat;
				variants.receiverFormat = fault.receiverFormat;
				break;
			default:
				applySharedFault(fault, settings);
		}
	}
	return settings;
}

/** Every fault counter both simulators have back to 0 (reset() would also empty the transfers). */
export const NO_SHARED_FAULTS: Required<SharedFaultSettings['inject']> = {
	http5xxNext: 0,
	dropAfterNextSend: 0,
	dropBeforeNextSend: 0,
	slowNextMs: { ms: 0, count: 0 },
	lateCommitNextSend: { ms: 0, count: 0 },
	serverErrorNextSend: { count: 0, body: 'json', committed: false },
};

/** Every fault counter back to 0 (reset() would also empty the transfers). */
const NO_FAULTS: FaultInjection = {
	...NO_SHARED_FAULTS,
	ambiguousNextSend: { count: 0, code: 709, committed: false },
	itemCodesNextSend: { count: 0, code: 709, positions: 'first', committed: false },
	emptyLookupNext: 0,
};

function clearFaults(sim: RunningSimulator): void {
	sim.control.injectFaults(NO_FAULTS);
	sim.control.setCallFaults(null);
	for (const endpoint of ['login', 'balance', 'contact', 'send', 'check'] as const) {
		sim.control.injectFaults({ slowEndpointNext: { endpoint, ms: 0, count: 0 } });
	}
	sim.control.setVariants({ ...DEFAULT_VARIANTS });
}

// ---------------------------------------------------------------------------------------------
// Platforms

/** A transfer CinetPay holds, as the check reads it on either platform. */
export interface HeldTransfer {
	transactionId: string;
	/** The merchant's own ID (v1's client_transaction_id, 2026's merchant_transaction_id). */
	clientTransactionId: string;
	/** The receiver's national number, as in `Row.phone`. */
	phone: string;
	amount: number;
}

/** What n8n kept of one execution of the node. */
export interface NodeExecution {
	output?: INodeExecutionData[];
	error?: Error & { context?: IDataObject; description?: string | null };
	/** How often n8n ran the node (Retry On Fail). */
	tries: number;
}

export interface ExecutionIds {
	executionId: string;
	instanceId: string;
	/** n8n's execution context data of the node: the same object for every try, and for n8n's Retry. */
	nodeContext: IDataObject;
}

/**
 * What the invariant needs of a platform: its simulator (faults, transfers, request log), the
 * node's parameters and rows for it, and the run of Transfer → Send on n8n's engine.
 */
export interface PayoutPlatform<F, V = undefined> {
	name: string;
	/** What Scenario.batchSize sets on this platform. */
	batchSizeName: string;
	/** The default client IDs the node makes, and the rule they follow. */
	clientIdPattern: RegExp;
	clientIdRule: string;
	/** What an `unknown` item must say (beside its ID) about how to check it. */
	howToCheck: RegExp;
	/** Empties the simulator and sets the scenario's variants. */
	reset(scenario: Scenario<F, V>): void;
	credentials(): CredentialStore;
	makeRow: RowMaker;
	/** What must exist before the node runs (v1: the receivers as contacts). */
	prepare(scenario: Scenario<F, V>, rows: Row[], store: CredentialStore): Promise<void>;
	/** The faults of one execution, after clearing the previous execution's. */
	applyFaults(scenario: Scenario<F, V>, faults: F[]): void;
	transfers(): HeldTransfer[];
	clearRequests(): void;
	/** The faults that struck since clearRequests, one entry per strike. */
	faultsStruck(): string[];
	/** API calls other than lookups (logins, contacts, sends) since clearRequests. */
	writeCalls(): number;
	/** The send calls since clearRequests, each with the national numbers of the transfers it asked for. */
	sendCalls(): string[][];
	/** How many send calls the node may have in flight at once (v1: one batch call). */
	sendsInFlight(scenario: Scenario<F, V>): number;
	waitForApiIdle(timeoutMs: number): Promise<void>;
	execute(scenario: Scenario<F, V>, rows: Row[], ids: ExecutionIds): Promise<NodeExecution>;
	/** The secrets that must appear nowhere, and where they could appear (output, error, logs). */
	secrets(store: CredentialStore): string[];
	logLines(): string[];
	/**
	 * Whether CinetPay refuses (or answers with) a transfer it holds under a reused own ID. If it
	 * accepts it as a new one, a new execution of the same own ID pays again whatever the node
	 * does (the node cannot see another execution's sends): that is counted apart, as a limit of
	 * the platform, not as the node's double payment.
	 */
	guardsReusedIds(scenario: Scenario<F, V>): boolean;
	describeFault(fault: F): string;
	/** The scenario's platform variants, for the counter-example. */
	describeVariants(scenario: Scenario<F, V>): string | undefined;
}

export interface ExecutionRecord extends NodeExecution {
	executionId: string;
	instanceId: string;
	/**
	 * Transfers at CinetPay before the execution's intended transfers began (before the first
	 * execution, for a retry of it), and after it once late commits settled.
	 */
	before: HeldTransfer[];
	after: HeldTransfer[];
	/** Faults that struck, by kind, from the simulator's request log. */
	struck: Record<string, number>;
	/** API calls other than lookups (logins, contacts, sends) during the execution. */
	writeCalls: number;
	/** The execution's send calls, each with the receivers it asked to pay. */
	sendCalls: string[][];
	/** n8n's node context data of the execution (getContext('node')). */
	nodeContext: IDataObject;
	durationMs: number;
}

const sendParameters = (scenario: Scenario): IDataObject => ({
	resource: 'transfer',
	operation: 'send',
	dataMode: 'autoMapInputData',
	notifyUrl: NOTIFY_URL,
	options: {
		batchSize: scenario.batchSize,
		timeout: TIMEOUT_SECONDS,
		checkDeadline: CHECK_DEADLINE_SECONDS,
		addContact: scenario.addContact ?? false,
	},
});

/**
 * One execution of a node on n8n's engine: Retry On Fail = up to 3 tries with one context. Both
 * platforms' Send runs this way; `parameters` and the credential store say which platform.
 */
export async function executeOnCore(
	parameters: IDataObject,
	mode: Mode,
	rows: Row[],
	store: CredentialStore,
	ids: ExecutionIds,
): Promise<NodeExecution> {
	const run = await runWorkflow(
		parameters,
		rows.map((row) => ({ ...row.json })),
		{
			store,
			continueOnFail: mode === 'continueOnFail',
			retryOnFail: mode === 'retryOnFail',
			maxTries: 3,
			executionId: ids.executionId,
			// n8n's execution context data: getContext('node') returns the same object on every try
			// (and, for n8n's Retry of a failed execution, the one the failed execution kept).
			nodeContext: ids.nodeContext,
			instanceId: ids.instanceId,
		},
	);
	if (run.error) return { tries: run.nodeRuns, error: run.error as NodeExecution['error'] };
	return { tries: run.nodeRuns, output: run.main };
}

/** v1 (client.cinetpay.com): batches, contacts, lookups by client ID, 805 for a reused ID. */
export function v1Platform(sim: RunningSimulator): PayoutPlatform<Fault> {
	const store = simulatorCredentials(sim);
	return {
		name: 'v1',
		batchSizeName: 'batch size',
		clientIdPattern: /^[A-Za-z0-9_.:-]{1,64}$/,
		clientIdRule: "CinetPay's rule for client IDs: up to 64 letters, digits, _ . : -",
		howToCheck: /Transfer → Get/,
		reset: () => {
			sim.control.reset();
			store.data = simulatorCredentials(sim).data;
		},
		credentials: () => store,
		makeRow: makeRowV1,
		prepare: async (scenario, rows) => {
			// The receivers CinetPay will pay are contacts already (notContact rows are not), unless the
			// node adds them itself (Add Contact).
			// Rows the node must refuse are contacts too: if it sent them, CinetPay would pay them.
			const payable = new Set<RowKind>(['valid', 'invalidAmount', ...REFUSED_BEFORE_ANY_CALL]);
			const contacts = unique(
				rows.filter((row) => payable.has(row.kind)),
				(row) => row.phone,
			);
			if (contacts.length === 0 || scenario.addContact) return;
			await runNode(
				{
					resource: 'contact',
					operation: 'add',
					dataMode: 'autoMapInputData',
					options: { batchSize: 500 },
				},
				contacts.map((row) => row.json),
				{ store },
			);
		},
		applyFaults: (_scenario, faults) => {
			clearFaults(sim);
			const { inject, variants, expireTokens, balance, callFaults } = faultSettings(faults);
			sim.control.setCallFaults(callFaults ?? null);
			sim.control.setBalance(balance ?? INITIAL_BALANCE);
			sim.control.setVariants(variants);
			sim.control.injectFaults(inject);
			if (expireTokens) sim.control.expireTokens();
		},
		transfers: () =>
			sim.control.transfers().map((t) => ({
				transactionId: t.transactionId,
				clientTransactionId: t.clientTransactionId ?? '',
				phone: t.phone,
				amount: t.amount,
			})),
		clearRequests: () => sim.control.clearRequests(),
		faultsStruck: () =>
			sim.control.requests().flatMap((entry) => (entry.fault ? [entry.fault] : [])),
		writeCalls: () =>
			sim.control.requests().filter((entry) => !entry.path.endsWith('/check/money')).length,
		sendCalls: () =>
			sim.control
				.requests()
				.filter((entry) => entry.path.endsWith('/money/send/contact'))
				.map((entry) =>
					Array.isArray(entry.body.data)
						? (entry.body.data as IDataObject[]).map((item) => String(item.phone))
						: [],
				),
		sendsInFlight: () => 1,
		waitForApiIdle: (timeoutMs) => sim.control.waitForApiIdle(timeoutMs),
		execute: async (scenario, rows, ids) =>
			await executeOnCore(sendParameters(scenario), scenario.mode, rows, store, ids),
		secrets: () => [DEMO_API_KEY, DEMO_PASSWORD, String(store.data.sessionToken ?? '')],
		logLines: () => capturedLogLines,
		// 805: CinetPay refuses a second transfer under a client ID it holds (documented).
		guardsReusedIds: () => true,
		describeFault: (fault) => JSON.stringify(fault),
		describeVariants: () => undefined,
	};
}

// ---------------------------------------------------------------------------------------------
// Playing a scenario

export interface ScenarioResult {
	rows: Row[];
	executions: ExecutionRecord[];
	violations: Violation[];
	/** What broke that the platform, not the node, is answerable for (see guardsReusedIds). */
	platformLimits: Violation[];
}

let executionCounter = 0;

/** Plays a scenario: v1's when given v1's simulator (the suite's first form), else the platform's. */
export async function playScenario<F, V>(
	target: PayoutPlatform<F, V> | RunningSimulator,
	scenario: Scenario<F, V>,
): Promise<ScenarioResult> {
	const platform = ('control' in target ? v1Platform(target) : target) as PayoutPlatform<F, V>;
	platform.reset(scenario);
	const store = platform.credentials();
	const rows = scenarioRows(scenario, platform.makeRow);
	await platform.prepare(scenario, rows, store);
	const executions: ExecutionRecord[] = [];
	const violations: Violation[] = [];
	const platformLimits: Violation[] = [];
	for (const [index, spec] of scenario.executions.entries()) {
		const again = index > 0 ? (spec.again ?? 'newExecution') : undefined;
		// n8n offers Retry only for a failed execution.
		if (again === 'retryOfFailed' && executions[0].output) continue;
		platform.clearRequests();
		platform.applyFaults(scenario, spec.faults);
		const before = platform.transfers();
		const started = Date.now();
		const ids: ExecutionIds = {
			...(again === 'freshInstance'
				? { executionId: executions[0].executionId, instanceId: `instance-${index}` }
				: { executionId: String(++executionCounter), instanceId: 'instance-0' }),
			// A retried execution carries the first one's execution data, its node context included.
			nodeContext: again === 'retryOfFailed' ? executions[0].nodeContext : {},
		};
		const result = await platform.execute(scenario, rows, ids);
		const nodeMs = Date.now() - started;
		// "Now and later": whatever a call still in progress will create exists before the check.
		await platform.waitForApiIdle(20_000);
		const record: ExecutionRecord = {
			...result,
			...ids,
			// A retry pays the first execution's intended transfers: what that one made counts.
			before: again === 'retryOfFailed' ? executions[0].before : before,
			after: platform.transfers(),
			struck: Object.fromEntries(countBy(platform.faultsStruck(), (fault) => fault)),
			durationMs: nodeMs,
			writeCalls: platform.writeCalls(),
			sendCalls: platform.sendCalls(),
		};
		executions.push(record);
		const found = checkExecution(platform, scenario, rows, record, executions.slice(0, -1), store);
		violations.push(...found.violations);
		platformLimits.push(...found.platformLimits);
	}
	return { rows, executions, violations, platformLimits };
}
// ---------------------------------------------------------------------------------------------
// The check

/**
 * How many lost calls in a row may pass before the node stops sending (its circuit breaker):
 * the node may start this many send calls, plus those already in flight, after CinetPay stopped
 * answering for good.
 */
export const BREAKER_AFTER_LOST_CALLS = 3;

/** The send call from which an execution's per-call faults lose every call, if they do. */
function outageOf(faults: readonly unknown[]): number | undefined {
	for (const fault of faults) {
		const f = fault as { kind?: string; plan?: CallFaultPlan };
		if (f.kind === 'perCall' && f.plan?.outageFromSend !== undefined) return f.plan.outageFromSend;
	}
	return undefined;
}

export interface Violation {
	kind: string;
	detail: string;
}

export function checkExecution<F, V>(
	platform: PayoutPlatform<F, V>,
	scenario: Scenario<F, V>,
	rows: Row[],
	run: ExecutionRecord,
	earlier: ExecutionRecord[],
	store: CredentialStore,
): { violations: Violation[]; platformLimits: Violation[] } {
	const violations: Violation[] = [];
	const platformLimits: Violation[] = [];
	const at = `execution ${earlier.length + 1}`;
	const violate = (kind: string, detail: string) =>
		violations.push({ kind, detail: `${at}: ${detail}` });
	const beforeIds = new Set(run.before.map((t) => t.transactionId));
	const made = run.after.filter((t) => !beforeIds.has(t.transactionId));
	const byClientId = groupBy(run.after, (t) => t.clientTransactionId);
	const madeByPhone = groupBy(made, (t) => t.phone);
	const allByPhone = groupBy(run.after, (t) => t.phone);
	const copies = countBy(rows, (row) => row.phone);
	const originals = unique(rows, (row) => row.phone);

	// Default IDs follow CinetPay's rule for client IDs.
	for (const t of made) {
		const id = t.clientTransactionId;
		if (!platform.clientIdPattern.test(id))
			violate(
				'bad-client-id',
				`transfer ${t.transactionId} was sent with client ID "${id}" (${platform.clientIdRule})`,
			);
	}

	// At most one transfer per intended transfer; none for a row that cannot be paid.
	const rowPhones = new Set(rows.map((row) => row.phone));
	for (const t of made) {
		if (!rowPhones.has(t.phone))
			violate('unexpected-transfer', `transfer ${t.transactionId} to ${t.phone} pays no row`);
	}
	for (const row of originals) {
		const all = allByPhone.get(row.phone) ?? [];
		const mine = madeByPhone.get(row.phone) ?? [];
		if (row.kind !== 'valid') {
			if (all.length > 0)
				violate(
					'refused-row-paid',
					`${describeRow(row)} (${row.kind}) was paid: ${all.map((t) => t.transactionId).join(', ')}`,
				);
			continue;
		}
		for (const t of all) {
			if (t.amount !== row.amount)
				violate(
					'wrong-amount',
					`${describeRow(row)}: transfer ${t.transactionId} is for ${t.amount}`,
				);
		}
		if (row.ownId) {
			const others = all.filter((t) => t.clientTransactionId !== row.ownId);
			if (all.length > 1 || others.length > 0) {
				const detail = `${describeRow(row)} has ${all.length} transfers (${all.map((t) => t.clientTransactionId).join(', ')})`;
				// Where CinetPay takes a reused ID as a new transfer, a new execution pays the own ID
				// again: the node cannot know another execution's sends. Within one execution (its tries,
				// n8n's Retry of it) a second transfer is the node's.
				const platformsDoing =
					!platform.guardsReusedIds(scenario) && others.length === 0 && mine.length <= 1;
				if (platformsDoing)
					platformLimits.push({ kind: 'reused-id-paid-again', detail: `${at}: ${detail}` });
				else violate('double-payment', detail);
			}
		} else if (mine.length > (copies.get(row.phone) ?? 0)) {
			violate(
				'double-payment',
				`${describeRow(row)} × ${copies.get(row.phone)} in the input, ${mine.length} transfers made by this execution`,
			);
		}
	}

	// Invariant 5: a row the node must refuse (an ambiguous amount text, over Maximum Amount) is
	// refused before any call: no send asked CinetPay to pay its receiver.
	const askedToPay = new Set(run.sendCalls.flat());
	for (const row of originals) {
		if (REFUSED_BEFORE_ANY_CALL.has(row.kind) && askedToPay.has(row.phone))
			violate(
				'refused-row-sent',
				`${describeRow(row)} (${row.kind}, amount ${JSON.stringify(row.json.amount)}) reached CinetPay in a send call; it must be refused before any call`,
			);
	}

	// Invariant 6: once CinetPay stops answering for good, a circuit breaker stops the sends.
	const outageFrom = outageOf(scenario.executions[earlier.length]?.faults ?? []);
	if (outageFrom !== undefined && run.sendCalls.length >= outageFrom) {
		const afterOutage = run.sendCalls.length - outageFrom + 1;
		const bound = run.tries * (platform.sendsInFlight(scenario) + BREAKER_AFTER_LOST_CALLS);
		if (afterOutage > bound)
			violate(
				'breaker-not-tripped',
				`CinetPay stopped answering at send call ${outageFrom}; the node then made ${afterOutage} send calls (bound ${bound}: ${run.tries} tr${run.tries > 1 ? 'ies' : 'y'} × (${platform.sendsInFlight(scenario)} in flight + ${BREAKER_AFTER_LOST_CALLS}))`,
			);
	}

	// Recovery is bounded: each call may take a timeout, lookups together at most the check
	// deadline (and the one lookup in flight then) per try, whatever the number of items.
	const timeoutMs = TIMEOUT_SECONDS * 1000;
	const boundMs =
		run.tries * (CHECK_DEADLINE_SECONDS * 1000 + timeoutMs) +
		run.writeCalls * (timeoutMs + 300) +
		2000;
	if (run.durationMs > boundMs)
		violate(
			'unbounded-recovery',
			`the node ran ${run.durationMs} ms (${run.tries} tries, ${run.writeCalls} calls besides lookups); bound ${boundMs} ms`,
		);

	const secrets = findSecrets(
		[run.output, run.error, platform.logLines()],
		platform.secrets(store),
	);
	if (secrets.length > 0)
		violate('secret-leak', `${secrets.length} secret(s) in the output, error or logs`);

	// Where CinetPay takes a reused ID as new, its refusal of a new send (e.g. 2005) says nothing of
	// an earlier execution's transfer under that ID, and the node has no way to see it.
	const paidEarlier: Violate = platform.guardsReusedIds(scenario)
		? violate
		: (kind, detail) => platformLimits.push({ kind, detail: `${at}: ${detail}` });
	if (run.output)
		checkOutput(
			rows,
			run,
			made,
			byClientId,
			madeByPhone,
			copies,
			violate,
			paidEarlier,
			platform.howToCheck,
		);
	else checkThrown(scenario, run, made, byClientId, violate);
	return { violations, platformLimits };
}

type Violate = (kind: string, detail: string) => void;

function checkOutput(
	rows: Row[],
	run: ExecutionRecord,
	made: HeldTransfer[],
	byClientId: Map<string, HeldTransfer[]>,
	madeByPhone: Map<string, HeldTransfer[]>,
	copies: Map<string, number>,
	violate: Violate,
	paidEarlier: Violate,
	howToCheck: RegExp,
): void {
	const output = run.output!;
	if (output.length !== rows.length)
		violate('count-out', `${rows.length} items in, ${output.length} out`);
	const reported = new Set<string>();
	const notSentWithoutId = new Map<string, number>();
	for (const [index, item] of output.entries()) {
		const row = rows[index];
		if (!row) break;
		// A failed item is `{ error: { message, outcome, … } }` (the shape n8n routes to the error
		// output); read its details flat, with the message as `error`.
		const details = failureOf(item);
		const json: IDataObject = details ? { ...details, error: details.message } : item.json;
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const pairedIndex = typeof paired === 'number' ? paired : paired?.item;
		if (pairedIndex !== index)
			violate('paired-item', `item ${index + 1} is paired with ${JSON.stringify(item.pairedItem)}`);
		const id =
			typeof json.client_transaction_id === 'string' ? json.client_transaction_id : undefined;
		const label = `item ${index + 1} (${describeRow(row)})`;
		const failed =
			json.error !== undefined || json.outcome === 'not-sent' || json.outcome === 'unknown';
		if (!failed) {
			if (json.outcome !== 'sent')
				violate(
					'sent-without-outcome',
					`${label} has a transfer but outcome ${JSON.stringify(json.outcome)}`,
				);
			if (item.json.error !== undefined)
				violate('sent-item-with-error', `${label} is sent but carries an error`);
			if (!id) {
				violate('sent-without-id', `${label} is reported sent without its client_transaction_id`);
				continue;
			}
			reported.add(id);
			// More than one only where CinetPay took a reused ID as a new transfer (2026's acceptNew).
			const held = byClientId.get(id) ?? [];
			const t = held.find((h) => h.transactionId === json.transaction_id) ?? held.at(-1);
			if (!t) {
				violate(
					'sent-but-not-paid',
					`${label} is reported sent (${id}) but CinetPay holds no such transfer`,
				);
				continue;
			}
			if (t.phone !== row.phone || t.amount !== row.amount)
				violate(
					'sent-wrong-transfer',
					`${label} is reported sent as ${id}, which pays ${t.phone} ${t.amount}`,
				);
			if (json.transaction_id !== t.transactionId)
				violate(
					'sent-wrong-transaction-id',
					`${label} reports transaction_id ${String(json.transaction_id)}, CinetPay has ${t.transactionId}`,
				);
			if (row.ownId && id !== row.ownId)
				violate('sent-under-other-id', `${label} reports ${id}, not its own ID`);
			// A default ID in a new execution is a new intended transfer: an old transfer found
			// under a repeated ID paid somebody else's run, not this one.
			if (!row.ownId && !made.includes(t))
				violate(
					'sent-is-an-older-transfer',
					`${label} is reported sent as ${id} (${t.transactionId}), a transfer made before this execution: this execution paid nobody for it`,
				);
			continue;
		}
		if (!details || Object.keys(item.json).length !== 1)
			violate(
				'error-not-on-item',
				`${label} failed (${String(json.outcome)}) but its JSON is not { error: {…} } alone, so n8n sends it down the success branch`,
			);
		if (json.outcome === 'not-sent') {
			const ownOrReported = id ?? row.ownId;
			// A second row with the same own ID is the same intended transfer as the first: it is
			// refused as a copy, and the first row answers for the transfer.
			const copyOfEarlierRow =
				row.ownId !== undefined && rows.findIndex((r) => r.ownId === row.ownId) < index;
			if (copyOfEarlierRow) {
				// checked on the first row
			} else if (ownOrReported) {
				const held = byClientId.get(ownOrReported) ?? [];
				const t = held.find((h) => made.includes(h)) ?? held[0];
				// Paid by this execution, or by an earlier run of the same own ID: both say "nothing
				// was paid" about money that moved; the kinds are apart so one can be looked past.
				if (t && made.includes(t))
					violate(
						'not-sent-but-paid',
						`${label} is not-sent, but this execution made ${t.transactionId} under ${ownOrReported}: ${String(json.error)}`,
					);
				else if (t)
					paidEarlier(
						'not-sent-but-paid-earlier',
						`${label} is not-sent, but CinetPay holds ${t.transactionId} under ${ownOrReported} from an earlier execution: ${String(json.error)}`,
					);
			} else if (row.kind === 'valid') {
				notSentWithoutId.set(row.phone, (notSentWithoutId.get(row.phone) ?? 0) + 1);
			}
		} else if (json.outcome === 'unknown') {
			if (!id)
				violate(
					'unknown-without-id',
					`${label} has outcome unknown without its client_transaction_id`,
				);
			else {
				reported.add(id);
				const advice = `${String(json.error)} ${String(json.description ?? '')}`;
				if (!howToCheck.test(advice) || !advice.includes(id))
					violate(
						'unknown-without-advice',
						`${label}: outcome unknown without saying how to check ${id} (${String(howToCheck)})`,
					);
			}
		} else {
			violate(
				'failed-without-outcome',
				`${label} failed without outcome not-sent/unknown: ${String(json.error)}`,
			);
		}
	}
	for (const [phone, notSent] of notSentWithoutId) {
		const madeCount = madeByPhone.get(phone)?.length ?? 0;
		if (madeCount > (copies.get(phone) ?? 0) - notSent)
			violate(
				'not-sent-but-paid',
				`${notSent} item(s) to ${phone} are not-sent (no client ID given) but this execution made ${madeCount} transfer(s) to ${phone}`,
			);
	}
	for (const t of made) {
		if (!reported.has(t.clientTransactionId ?? ''))
			violate(
				'paid-but-not-reported',
				`transfer ${t.transactionId} (${t.clientTransactionId}) to ${t.phone} was made, but no item reports it sent or unknown`,
			);
	}
}

function checkThrown<F, V>(
	scenario: Scenario<F, V>,
	run: ExecutionRecord,
	made: HeldTransfer[],
	byClientId: Map<string, HeldTransfer[]>,
	violate: Violate,
): void {
	const error = run.error;
	const message = error?.message ?? String(error);
	if (scenario.mode === 'continueOnFail')
		violate(
			'threw-with-continue-on-fail',
			`the node threw instead of one result per item: ${message}`,
		);
	// The node keeps its facts under context.cinetPay; context itself is read too (the older place).
	const context = error?.context ?? {};
	const facts = (context.cinetPay ?? {}) as IDataObject;
	const sent = stringList(facts.sentClientTransactionIds ?? context.sentClientTransactionIds);
	const unknown = stringList(
		facts.unknownClientTransactionIds ?? context.unknownClientTransactionIds,
	);
	const named = new Set([...sent, ...unknown]);
	const hidden = made.filter((t) => !named.has(t.clientTransactionId));
	if (hidden.length > 0) {
		violate(
			'thrown-error-hides-payment',
			`the thrown error ("${message}") names ${sent.length} sent and ${unknown.length} unknown IDs, but the execution made ${hidden.length} transfer(s) it does not name: ${hidden
				.slice(0, 5)
				.map((t) => t.clientTransactionId)
				.join(', ')}`,
		);
	}
	for (const id of sent) {
		if (!byClientId.has(id))
			violate(
				'thrown-error-claims-unpaid',
				`the thrown error lists ${id} as sent, CinetPay has no such transfer`,
			);
	}
	const description = String(error?.description ?? '');
	for (const [list, name] of [
		[sent, 'sent'],
		[unknown, 'unknown'],
	] as const) {
		if (list.length > 0 && !description.includes(list[0]))
			violate(
				'thrown-error-description',
				`the thrown error's description does not name the ${name} ID ${list[0]}`,
			);
	}
}

// ---------------------------------------------------------------------------------------------
// Reading

export function describeRow(row: Row): string {
	return `225 ${row.phone} ${row.amount}${row.ownId ? ` id ${row.ownId}` : ' default id'}`;
}

const AGAIN = {
	newExecution: ' (same run again, new execution)',
	freshInstance: ' (same run again, on a fresh n8n instance: execution ID restarts)',
	retryOfFailed: " (n8n's Retry of the failed execution 1: its node context carried over)",
} as const;

/** A scenario as a person reads it, for the shrunk counter-example. */
export function describeScenario<F, V>(
	scenario: Scenario<F, V>,
	platform?: PayoutPlatform<F, V>,
): string {
	const rows = scenarioRows(scenario, platform?.makeRow);
	const describeFault = platform?.describeFault ?? ((fault: F) => JSON.stringify(fault));
	const variants = platform?.describeVariants(scenario);
	const lines = [
		`${rows.length} item(s), ${platform?.batchSizeName ?? 'batch size'} ${scenario.batchSize}, ${scenario.mode}${scenario.addContact ? ', Add Contact' : ''}`,
		...(variants ? [`  platform: ${variants}`] : []),
		...rows
			.slice(0, 12)
			.map(
				(row, index) =>
					`  item ${index + 1}: ${row.kind} ${describeRow(row)}${row.original !== index ? ` (copy of item ${row.original + 1})` : ''}`,
			),
		...(rows.length > 12 ? [`  … ${rows.length - 12} more`] : []),
		...scenario.executions.map(
			(spec, index) =>
				`  execution ${index + 1}${index > 0 ? AGAIN[spec.again ?? 'newExecution'] : ''}: ${
					spec.faults.length ? spec.faults.map(describeFault).join(', ') : 'no fault'
				}`,
		),
	];
	return lines.join('\n');
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}

export function countBy<T>(list: readonly T[], key: (entry: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const entry of list) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
	return counts;
}

function groupBy<T>(list: readonly T[], key: (entry: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const group = groups.get(key(entry));
		if (group) group.push(entry);
		else groups.set(key(entry), [entry]);
	}
	return groups;
}

function unique<T>(list: readonly T[], key: (entry: T) => string): T[] {
	const seen = new Set<string>();
	return list.filter((entry) => !seen.has(key(entry)) && Boolean(seen.add(key(entry))));
}
