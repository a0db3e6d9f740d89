/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
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
import type { AddressInfo } from 'node:net';
import { DEFAULT_INITIAL_BALANCE, DEMO_API_KEY, DEMO_PASSWORD, SimulatorCore } from './core';
import { createControl } from './control';
import { consoleLogger, SILENT_LOGGER } from './logger';
import { createSimulatorServer } from './server';
import type { RunningSimulator, SimulatorOptions } from './types';

export { DEMO_API_KEY, DEMO_PASSWORD, DEFAULT_INITIAL_BALANCE } from './core';
export { DEFAULT_VARIANTS, VARIANT_SPECS } from './variants';
export { API_CODES, CODE } from './codes';
export { COUNTRIES, PAYMENT_METHODS } from './countries';
export { TEST_NUMBERS, TEST_NUMBER_LIST, formatTestNumbers } from './testNumbers';
export type { TestNumber, TestNumberBehaviour } from './testNumbers';
export { isLoopbackHost } from './notifier';
export { CONTROL_PREFIX } from './control';
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
	const host = options.host ?? '127.0.0.1';
	const core = new SimulatorCore({
		apiKey: options.apiKey ?? DEMO_API_KEY,
		password: options.password ?? DEMO_PASSWORD,
		initialBalance: options.initialBalance ?? DEFAULT_INITIAL_BALANCE,
		variants: options.variants ?? {},
		logger: options.quiet === false ? consoleLogger() : SILENT_LOGGER,
	});
	const control = createControl(core);
	const server = createSimulatorServer(core, control);

	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error) => {
			core.close();
			reject(err);
		};
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});

	const port = (server.address() as AddressInfo).port;
	const urlHost = host.includes(':') ? `[${host}]` : host;
	let closing: Promise<void> | null = null;

	return {
		baseUrl: `http://${urlHost}:${port}`,
		port,
		control,
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				core.close();
				server.close(() => resolve());
				// Keep-alive sockets (and requests parked in latency/slow delays) would hold close().
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
