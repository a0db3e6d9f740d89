/**
 * The set-up node test files share: one simulator for the file, reset before each test, with a
 * fresh credential store (the demo account on that simulator) for each test; and Transfer → Send's
 * parameters.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import type { CredentialStore } from './n8nCore';
import { NOTIFY_URL, simulatorCredentials } from './runNode';

export interface SimulatorForTest {
	sim: RunningSimulator;
	/** A fresh store: no session token yet, so the test's first run logs in. */
	store: CredentialStore;
}

/**
 * Registers the file's hooks: the simulator started before its tests and closed after them;
 * before each test, reset, and handed to `use` with a fresh store. A file keeps `sim` and `store`
 * of its own: `simulatorForNodeTests(options, (current) => ({ sim, store } = current))`.
 */
export function simulatorForNodeTests(
	options: SimulatorOptions,
	use: (current: SimulatorForTest) => void,
): void {
	let sim: RunningSimulator;
	beforeAll(async () => {
		sim = await startSimulator(options);
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => {
		sim.control.reset();
		use({ sim, store: simulatorCredentials(sim) });
	});
}

/**
 * Transfer → Send, Map Automatically, with Add Contact on and a notify URL on loopback where
 * nothing listens (notifications are not these tests' subject).
 */
export function sendParameters(options: IDataObject = {}): IDataObject {
	return {
		resource: 'transfer',
		operation: 'send',
		dataMode: 'autoMapInputData',
		notifyUrl: NOTIFY_URL,
		options: { addContact: true, ...options },
	};
}

/** Transfer → Get by one key (`transactionId`, `clientTransactionId` or `lot`), given its value. */
export function getParameters(searchBy: string, value: string, options: IDataObject = {}) {
	return {
		resource: 'transfer',
		operation: 'get',
		searchBy,
		[searchBy]: value,
		options,
	};
}
