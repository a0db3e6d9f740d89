/**
 * What the controls of both simulators (v1 and the 2026 platform) have in common: the same
 * operations on each platform's own transfers, variants, faults and logs. Public through each
 * simulator's types (SimulatorControl, Simulator2026Control).
 */
import type { CallFaultPlan, CallFaultReport } from './callFaults';
import type { RunningServer } from './serve';

/** What both simulators' request logs say of every API request. */
export interface LoggedRequest {
	/** 1, 2, 3… since start or reset. */
	seq: number;
	/** When the request arrived (ISO 8601). */
	at: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** null when no answer was sent (a dropped connection). */
	httpStatus: number | null;
	durationMs: number;
}

export interface SimulatorStats {
	/** API requests received since start/clearRequests/reset. */
	requests: number;
	/** Successful logins (tokens issued) since start/clearRequests/reset. */
	logins: number;
	/** API requests being handled right now. */
	inFlight: number;
	/** Maximum of inFlight since start/clearRequests/reset. */
	maxInFlight: number;
	/** Transfers created. */
	transfers: number;
	/** Notification POSTs actually sent (answered or failed; skipped ones not counted). */
	notificationsSent: number;
}

/** In-process access to the same operations as the HTTP control API (/__sim). */
export interface CommonControl<Transfer, Variants, Injection, Faults, Notification, LogEntry> {
	requests(): LogEntry[];
	/** Empties the request log and resets the requests/logins counters and maxInFlight. */
	clearRequests(): void;
	stats(): SimulatorStats;
	transfers(): Transfer[];
	transfer(transactionId: string): Transfer | undefined;
	/**
	 * Moves one transfer (or every non-final transfer) one step in its life cycle.
	 * Returns the transfers that changed (a transfer waiting or pending forever does not).
	 */
	advance(transactionId?: string): Transfer[];
	/** Every issued token is now expired. Returns how many tokens were affected. */
	expireTokens(): number;
	/** Every issued token is now unknown. Returns how many tokens were affected. */
	invalidateTokens(): number;
	setVariants(partial: Partial<Variants>): Variants;
	variants(): Variants;
	/** Each given field replaces the pending counter of that fault. */
	injectFaults(faults: Injection): Faults;
	faults(): Faults;
	/**
	 * Installs a plan of faults drawn per API call (callFaults.ts), replacing the previous one
	 * (null: none); its counts restart.
	 */
	setCallFaults(plan: CallFaultPlan | null): CallFaultReport;
	/** What the plan did so far, and the late commits still to land. */
	callFaults(): CallFaultReport;
	notifications(): Notification[];
	/** Empties transfers, tokens, logs, faults; variants and balances back to start. */
	reset(): void;
	/** Resolves when no notification is queued or in flight (rejects after timeoutMs). */
	waitForIdle(timeoutMs?: number): Promise<void>;
	/**
	 * Resolves when no API request is still being processed, including those whose client has
	 * gone (late commits), so every transfer that will ever exist exists (rejects after timeoutMs).
	 */
	waitForApiIdle(timeoutMs?: number): Promise<void>;
}

/** A started simulator: where it listens, its control, and how to stop it. */
export interface Running<Control> extends RunningServer {
	control: Control;
}

/** What both simulators' cores have, that the control reads the same way. */
export interface ControllableCore<Variants, Injection, Faults, Notification, LogEntry> {
	variants: Variants;
	setVariants(partial: Partial<Variants>): Variants;
	injectFaults(faults: Injection): Faults;
	faults(): Faults;
	callFaults: { install(plan: CallFaultPlan | null): CallFaultReport; report(): CallFaultReport };
	notifier: { entries(): Notification[]; waitForIdle(timeoutMs?: number): Promise<void> };
	waitForApiIdle(timeoutMs?: number): Promise<void>;
	requestLog: { entries(): LogEntry[]; clear(): void };
}

/** The control operations both simulators answer alike, read from their cores. */
export function commonControlOf<Variants, Injection, Faults, Notification, LogEntry>(
	core: ControllableCore<Variants, Injection, Faults, Notification, LogEntry>,
) {
	return {
		requests: () => core.requestLog.entries(),
		clearRequests: () => core.requestLog.clear(),
		setVariants: (partial: Partial<Variants>) => core.setVariants(partial),
		variants: () => ({ ...core.variants }),
		injectFaults: (faults: Injection) => core.injectFaults(faults),
		faults: () => core.faults(),
		setCallFaults: (plan: CallFaultPlan | null) => core.callFaults.install(plan),
		callFaults: () => core.callFaults.report(),
		notifications: () => core.notifier.entries(),
		waitForIdle: (timeoutMs?: number) => core.notifier.waitForIdle(timeoutMs),
		waitForApiIdle: (timeoutMs?: number) => core.waitForApiIdle(timeoutMs),
	};
}
