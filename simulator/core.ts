/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The simulator's state and machinery in one place, shared by the API handlers, the control API
 * and the HTTP server. It knows nothing about HTTP.
 */
import { createHash } from 'node:crypto';
import { AnswerHolds } from './answerHolds';
import { CallFaults } from './callFaults';
import { SimulatorError } from './errors';
import { IdFactory } from './ids';
import { Lifecycle } from './lifecycle';
import { SILENT_LOGGER, type Logger } from './logger';
import { Notifier } from './notifier';
import { RequestLog, v1EntryForReader } from './requestLog';
import { AccountState } from './state';
import { TokenStore } from './tokens';
import type {
	AmbiguousCallCode,
	ApiEndpoint,
	FaultInjection,
	InjectedItemCode,
	PendingFaults,
	RequestLogEntry,
	SimulatorVariants,
} from './types';
import { DEFAULT_VARIANTS, validateVariants } from './variants';

export const DEMO_API_KEY = 'sim_demo_apikey_0123456789';
export const DEMO_PASSWORD = 'sim-demo-password';
export const DEFAULT_INITIAL_BALANCE = 5_000_000;

export interface CoreOptions {
	apiKey: string;
	password: string;
	initialBalance: number;
	variants: Partial<SimulatorVariants>;
	logger?: Logger;
}

const ENDPOINTS: readonly ApiEndpoint[] = ['login', 'balance', 'contact', 'send', 'check'];
const AMBIGUOUS_CALL_CODES: readonly AmbiguousCallCode[] = [-1, 709, 710, 715];
const INJECTED_ITEM_CODES: readonly InjectedItemCode[] = [-1, 709, 710, 715, 722, 727, 728];
/** Longest delay a fault may ask for: a lookup that "hangs" for 10 minutes. */
const MAX_FAULT_MS = 600_000;
/** Faults that are a number of requests to strike. */
const COUNTED_FAULTS = [
	'http5xxNext',
	'dropAfterNextSend',
	'dropBeforeNextSend',
	'emptyLookupNext',
] as const;
type CountedFault = (typeof COUNTED_FAULTS)[number];
/** Faults that carry details besides their count. */
type DetailedFault = 'ambiguousNextSend' | 'serverErrorNextSend' | 'itemCodesNextSend';

function noFaults(): PendingFaults {
	return {
		http5xxNext: 0,
		dropAfterNextSend: 0,
		dropBeforeNextSend: 0,
		slowNextMs: { ms: 0, count: 0 },
		slowEndpointNext: Object.fromEntries(
			ENDPOINTS.map((endpoint) => [endpoint, { ms: 0, count: 0 }]),
		) as PendingFaults['slowEndpointNext'],
		lateCommitNextSend: { ms: 0, count: 0 },
		ambiguousNextSend: { count: 0, code: 709, committed: true },
		serverErrorNextSend: { count: 0, status: 500, body: 'json', committed: false },
		itemCodesNextSend: { count: 0, code: 709, positions: 'first', committed: true },
		emptyLookupNext: 0,
	};
}

/** A deep copy (faults hold objects and arrays): readers never get the live counters. */
function copyFaults(f: PendingFaults): PendingFaults {
	return JSON.parse(JSON.stringify(f)) as PendingFaults;
}

const FAULT_KEYS: ReadonlyArray<keyof FaultInjection> = [
	'http5xxNext',
	'dropAfterNextSend',
	'dropBeforeNextSend',
	'slowNextMs',
	'slowEndpointNext',
	'lateCommitNextSend',
	'ambiguousNextSend',
	'serverErrorNextSend',
	'itemCodesNextSend',
	'emptyLookupNext',
];

function fail(message: string): never {
	throw new SimulatorError(400, message);
}

function count(name: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max)
		return value;
	return fail(
		`${name} must be a non-negative integer${max < Number.MAX_SAFE_INTEGER ? ` ≤ ${max}` : ''}`,
	);
}

function object(name: string, value: unknown, shape: string): Record<string, unknown> {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as Record<string, unknown>;
	return fail(`${name} must be ${shape}`);
}

function oneOf<T>(name: string, value: unknown, values: readonly T[]): T {
	if (values.includes(value as T)) return value as T;
	return fail(`${name} must be one of ${values.join(', ')}`);
}

function bool(name: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	return fail(`${name} must be a boolean`);
}

/** A fault's fields, each checked and named `<fault>.<field>` in the error that refuses it. */
function faultFields(name: string, value: unknown, shape: string) {
	const given = object(name, value, shape);
	return {
		given,
		count: (field: string, max?: number) => count(`${name}.${field}`, given[field], max),
		oneOf: <T>(field: string, values: readonly T[]) =>
			oneOf(`${name}.${field}`, given[field], values),
		committed: () => bool(`${name}.committed`, given.committed),
	};
}

/** A `{ ms, count }` fault: `count` requests delayed by `ms`. */
function delayFault(name: string, value: unknown): { ms: number; count: number } {
	const delay = faultFields(name, value, '{ ms, count }');
	return { ms: delay.count('ms', MAX_FAULT_MS), count: delay.count('count') };
}

/** Checks one injection and returns the pending faults it leads to (each field replaces its own). */
function applyFaults(input: unknown, current: PendingFaults): PendingFaults {
	const given = object('faults', input, 'an object');
	for (const key of Object.keys(given)) {
		if (!FAULT_KEYS.includes(key as keyof FaultInjection)) fail(`unknown fault "${key}"`);
	}
	const next = copyFaults(current);
	const f = given as FaultInjection;
	for (const key of COUNTED_FAULTS) {
		if (f[key] !== undefined) next[key] = count(key, f[key]);
	}
	if (f.slowNextMs !== undefined) next.slowNextMs = delayFault('slowNextMs', f.slowNextMs);
	if (f.slowEndpointNext !== undefined) {
		const slow = object('slowEndpointNext', f.slowEndpointNext, '{ endpoint, ms, count }');
		const endpoint = oneOf('slowEndpointNext.endpoint', slow.endpoint, ENDPOINTS);
		next.slowEndpointNext[endpoint] = delayFault('slowEndpointNext', slow);
	}
	if (f.lateCommitNextSend !== undefined)
		next.lateCommitNextSend = delayFault('lateCommitNextSend', f.lateCommitNextSend);
	if (f.ambiguousNextSend !== undefined) {
		const a = faultFields('ambiguousNextSend', f.ambiguousNextSend, '{ count, code, committed }');
		next.ambiguousNextSend = {
			count: a.count('count'),
			code: a.oneOf('code', AMBIGUOUS_CALL_CODES),
			committed: a.committed(),
		};
	}
	if (f.serverErrorNextSend !== undefined) {
		const shape = '{ count, status?, body, committed }';
		const e = faultFields('serverErrorNextSend', f.serverErrorNextSend, shape);
		const status = e.given.status ?? 500;
		if (typeof status !== 'number' || !Number.isInteger(status) || status < 500 || status > 599)
			fail('serverErrorNextSend.status must be an integer in [500, 599]');
		next.serverErrorNextSend = {
			count: e.count('count'),
			status,
			body: e.oneOf('body', ['json', 'html'] as const),
			committed: e.committed(),
		};
	}
	if (f.itemCodesNextSend !== undefined) {
		const shape = '{ count, code, positions, committed }';
		const i = faultFields('itemCodesNextSend', f.itemCodesNextSend, shape);
		const positions = i.given.positions;
		if (
			positions !== 'first' &&
			positions !== 'all' &&
			!(
				Array.isArray(positions) &&
				positions.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0)
			)
		) {
			fail("itemCodesNextSend.positions must be 'first', 'all' or a list of item indexes");
		}
		next.itemCodesNextSend = {
			count: i.count('count'),
			code: i.oneOf('code', INJECTED_ITEM_CODES),
			positions: Array.isArray(positions) ? [...(positions as number[])] : positions,
			committed: i.committed(),
		};
	}
	return next;
}

export class SimulatorCore {
	readonly apiKey: string;
	readonly password: string;
	/** Opaque merchant id put in tokens (derived, so the apikey itself never appears in a token). */
	readonly merchantId: string;
	readonly logger: Logger;
	readonly state: AccountState;
	readonly tokens = new TokenStore();
	readonly ids = new IdFactory();
	readonly requestLog = new RequestLog<RequestLogEntry>(v1EntryForReader);
	readonly notifier: Notifier;
	readonly lifecycle: Lifecycle;
	/** Faults drawn per API call (callFaults.ts), beside the counters of pendingFaults. */
	readonly callFaults = new CallFaults();
	readonly answerHolds = new AnswerHolds();
	private readonly startVariants: SimulatorVariants;
	private currentVariants: SimulatorVariants;
	private pendingFaults: PendingFaults = noFaults();
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(options: CoreOptions) {
		this.apiKey = options.apiKey;
		this.password = options.password;
		this.merchantId = createHash('sha256').update(options.apiKey).digest('hex').slice(0, 12);
		this.logger = options.logger ?? SILENT_LOGGER;
		this.startVariants = { ...DEFAULT_VARIANTS, ...validateVariants(options.variants) };
		this.currentVariants = { ...this.startVariants };
		this.state = new AccountState(options.initialBalance);
		this.notifier = new Notifier({
			repeat: () => this.currentVariants.notifyRepeat,
			mode: () => this.currentVariants.notifications,
			delayMs: () => this.currentVariants.notifyDelayMs,
			retries: () => this.currentVariants.notifyRetries,
			logger: this.logger,
		});
		this.lifecycle = new Lifecycle(
			this.state,
			this.notifier,
			this.ids,
			() => this.currentVariants,
			this.logger,
		);
	}

	/** The current variants. Replaced (never mutated) by setVariants, so a request can keep a snapshot. */
	get variants(): SimulatorVariants {
		return this.currentVariants;
	}

	setVariants(partial: unknown): SimulatorVariants {
		const clean = validateVariants(partial);
		const before = this.currentVariants;
		this.currentVariants = { ...before, ...clean };
		if (
			before.stepMs !== this.currentVariants.stepMs ||
			before.autoConfirm !== this.currentVariants.autoConfirm
		) {
			this.lifecycle.reschedule();
		}
		return { ...this.currentVariants };
	}

	faults(): PendingFaults {
		return copyFaults(this.pendingFaults);
	}

	injectFaults(input: FaultInjection): PendingFaults {
		this.pendingFaults = applyFaults(input, this.pendingFaults);
		return this.faults();
	}

	/** Consumes one unit of a counted fault: true when it strikes this request. */
	take(kind: CountedFault): boolean {
		if (this.pendingFaults[kind] <= 0) return false;
		this.pendingFaults[kind]--;
		return true;
	}

	/** Consumes one delay fault (any endpoint, or `endpoint`'s own): the delay to add, or 0. */
	takeDelay(kind: 'slowNextMs' | 'lateCommitNextSend' | ApiEndpoint): number {
		const f = this.pendingFaults;
		const fault =
			kind === 'slowNextMs' || kind === 'lateCommitNextSend' ? f[kind] : f.slowEndpointNext[kind];
		if (fault.count <= 0) return 0;
		fault.count--;
		return fault.ms;
	}

	/** Consumes one fault that carries its details: them, without the count, or null. */
	takeDetailed<K extends DetailedFault>(kind: K): Omit<PendingFaults[K], 'count'> | null {
		const { count, ...details } = this.pendingFaults[kind];
		if (count <= 0) return null;
		this.pendingFaults[kind].count--;
		return details;
	}

	/** API requests being processed, including those whose client has gone (late commits). */
	private processing = 0;
	private apiIdleWaiters: Array<() => void> = [];

	beginProcessing(): void {
		this.processing++;
	}

	endProcessing(): void {
		this.processing--;
		if (this.processing > 0) return;
		const waiters = this.apiIdleWaiters;
		this.apiIdleWaiters = [];
		for (const resolve of waiters) resolve();
	}

	waitForApiIdle(timeoutMs = 30_000): Promise<void> {
		if (this.processing <= 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.apiIdleWaiters = this.apiIdleWaiters.filter((w) => w !== done);
				reject(
					new SimulatorError(
						504,
						`${this.processing} API request(s) still processing after ${timeoutMs} ms`,
					),
				);
			}, timeoutMs);
			this.timers.add(timer);
			const done = () => {
				clearTimeout(timer);
				this.timers.delete(timer);
				resolve();
			};
			this.apiIdleWaiters.push(done);
		});
	}

	/** A timer-backed pause that close() cancels, so no handle outlives the simulator. */
	delay(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	reset(): void {
		this.lifecycle.stop();
		this.notifier.reset();
		this.state.clear();
		this.tokens.clear();
		this.requestLog.reset();
		this.pendingFaults = noFaults();
		this.callFaults.install(null);
		this.answerHolds.clear();
		this.currentVariants = { ...this.startVariants };
	}

	close(): void {
		this.answerHolds.clear();
		this.lifecycle.stop();
		this.notifier.close();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
