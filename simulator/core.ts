/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The simulator's state and machinery in one place, shared by the API handlers, the control API
 * and the HTTP server. It knows nothing about HTTP.
 */
import { createHash } from 'node:crypto';
import { SimulatorError } from './errors';
import { IdFactory } from './ids';
import { Lifecycle } from './lifecycle';
import { SILENT_LOGGER, type Logger } from './logger';
import { Notifier } from './notifier';
import { RequestLog } from './requestLog';
import { AccountState } from './state';
import { TokenStore } from './tokens';
import type { FaultInjection, PendingFaults, SimulatorVariants } from './types';
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

function noFaults(): PendingFaults {
	return { http5xxNext: 0, dropAfterNextSend: 0, slowNextMs: { ms: 0, count: 0 } };
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
	readonly requestLog = new RequestLog();
	readonly notifier: Notifier;
	readonly lifecycle: Lifecycle;
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
		return { ...this.pendingFaults, slowNextMs: { ...this.pendingFaults.slowNextMs } };
	}

	injectFaults(input: FaultInjection): PendingFaults {
		if (typeof input !== 'object' || input === null)
			throw new SimulatorError(400, 'faults must be an object');
		const count = (name: string, value: unknown): number => {
			if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
			throw new SimulatorError(400, `${name} must be a non-negative integer`);
		};
		for (const key of Object.keys(input)) {
			if (!['http5xxNext', 'dropAfterNextSend', 'slowNextMs'].includes(key)) {
				throw new SimulatorError(400, `unknown fault "${key}"`);
			}
		}
		const next = this.faults();
		if (input.http5xxNext !== undefined) next.http5xxNext = count('http5xxNext', input.http5xxNext);
		if (input.dropAfterNextSend !== undefined) {
			next.dropAfterNextSend = count('dropAfterNextSend', input.dropAfterNextSend);
		}
		if (input.slowNextMs !== undefined) {
			const slow = input.slowNextMs as unknown;
			if (typeof slow !== 'object' || slow === null)
				throw new SimulatorError(400, 'slowNextMs must be { ms, count }');
			const { ms, count: n } = slow as { ms?: unknown; count?: unknown };
			next.slowNextMs = { ms: count('slowNextMs.ms', ms), count: count('slowNextMs.count', n) };
		}
		this.pendingFaults = next;
		return this.faults();
	}

	/** Consumes one 5xx fault if one is pending. */
	take5xx(): boolean {
		if (this.pendingFaults.http5xxNext <= 0) return false;
		this.pendingFaults.http5xxNext--;
		return true;
	}

	takeDrop(): boolean {
		if (this.pendingFaults.dropAfterNextSend <= 0) return false;
		this.pendingFaults.dropAfterNextSend--;
		return true;
	}

	/** Consumes one slow-response fault: the delay to add, or 0. */
	takeSlow(): number {
		const slow = this.pendingFaults.slowNextMs;
		if (slow.count <= 0) return 0;
		slow.count--;
		return slow.ms;
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
		this.currentVariants = { ...this.startVariants };
	}

	close(): void {
		this.lifecycle.stop();
		this.notifier.close();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
