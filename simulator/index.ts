/**
 * CinetPay transfer-API v1 simulator (dev only; CinetPay has no sandbox).
 *
 *   const sim = await startSimulator({ variants: { autoConfirm: true } });
 *   // ... point the client at sim.baseUrl, log in with DEMO_API_KEY / DEMO_PASSWORD ...
 *   sim.control.advance();
 *   await sim.close();
 *
 * See simulator/README.md. This module never imports from nodes/ or credentials/.
 */
import { DEFAULT_INITIAL_BALANCE, DEMO_API_KEY, DEMO_PASSWORD, SimulatorCore } from './core';
import { createControl } from './control';
import { consoleLogger, SILENT_LOGGER } from './logger';
import { listen } from './serve';
import { createSimulatorServer } from './server';
import type { RunningSimulator, SimulatorOptions } from './types';

export { DEMO_API_KEY, DEMO_PASSWORD, DEFAULT_INITIAL_BALANCE } from './core';
export { DEFAULT_VARIANTS, VARIANT_SPECS } from './variants';
export { API_CODES, CODE } from './codes';
export { COUNTRIES, PAYMENT_METHODS } from './countries';
export { TEST_NUMBERS, TEST_NUMBER_LIST, formatTestNumbers } from './testNumbers';
export type { TestNumber, TestNumberBehaviour } from './testNumbers';
export { isLoopbackHost } from './notifier';
export { CONTROL_PREFIX } from './controlHttp';
export type {
	BalanceState,
	ContactState,
	FaultInjection,
	NotificationLogEntry,
	PendingFaults,
	RequestLogEntry,
	RunningSimulator,
	SendingStatus,
	SimulatorControl,
	SimulatorOptions,
	SimulatorStats,
	SimulatorVariants,
	TransferOutcome,
	TransferState,
	TreatmentStatus,
} from './types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const core = new SimulatorCore({
		apiKey: options.apiKey ?? DEMO_API_KEY,
		password: options.password ?? DEMO_PASSWORD,
		initialBalance: options.initialBalance ?? DEFAULT_INITIAL_BALANCE,
		variants: options.variants ?? {},
		logger: options.quiet === false ? consoleLogger() : SILENT_LOGGER,
	});
	const control = createControl(core);
	const server = createSimulatorServer(core, control);
	return { ...(await listen(server, options, () => core.close())), control };
}
