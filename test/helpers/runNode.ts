import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_PASSWORD, type RunningSimulator } from '../../simulator';
import { credentialStore, type CredentialStore } from './n8nCore';

/**
 * Runs the CinetPay Transfer node in a workflow on n8n-core's engine: its first output, or the
 * execution's error thrown. Options: the credential store, Continue On Fail, executionId,
 * runIndex, nodeContext, instanceId, nodeId (see n8nCore.ts).
 */
export { runNode } from './n8nCore';

export const NOTIFY_URL = 'http://127.0.0.1:9/cinetpay-notify';

export function simulatorCredentials(sim: RunningSimulator): CredentialStore {
	return credentialStore({ apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl: sim.baseUrl });
}

/** Receivers with well-formed, distinct Ivorian numbers that all end VAL in the simulator. */
export function receivers(count: number, amount = 1000): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		prefix: '225',
		phone: `07${String(10000000 + i).padStart(8, '0')}`,
		amount: amount + i,
		name: 'Kone',
		surname: `Receiver ${String.fromCharCode(65 + (i % 26))}`,
		email: `receiver${i}@example.com`,
	}));
}

/**
 * A failed item's details — its JSON is `{ error: { message, outcome, code, … } }` — or
 * undefined for an item that did not fail.
 */
export function failureOf(item: INodeExecutionData | undefined): IDataObject | undefined {
	const error = item?.json.error;
	return typeof error === 'object' && error !== null && !Array.isArray(error)
		? (error as IDataObject)
		: undefined;
}

/** What the node says happened to an item's transfer: `sent`, `not-sent` or `unknown`. */
export function outcomeOf(item: INodeExecutionData | undefined): unknown {
	return failureOf(item)?.outcome ?? item?.json.outcome;
}
