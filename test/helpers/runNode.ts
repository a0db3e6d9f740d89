import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CinetPayTransfer } from '../../nodes/CinetPay/CinetPayTransfer.node';
import { DEMO_API_KEY, DEMO_PASSWORD, type RunningSimulator } from '../../simulator';
import {
	credentialStore,
	executeContext,
	type CredentialStore,
	type ExecuteContextOptions,
} from './n8nHarness';

export const NOTIFY_URL = 'http://127.0.0.1:9/cinetpay-notify';

export function simulatorCredentials(sim: RunningSimulator): CredentialStore {
	return credentialStore({ apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl: sim.baseUrl });
}

/** Runs the CinetPay Transfer node once, like n8n runs it for one execution step. */
export async function runNode(
	parameters: IDataObject,
	items: IDataObject[],
	options: Omit<ExecuteContextOptions, 'parameters' | 'items'>,
): Promise<INodeExecutionData[]> {
	const context = executeContext({
		...options,
		parameters,
		items: items.map((json) => ({ json })),
	});
	const [output] = await new CinetPayTransfer().execute.call(context);
	return output;
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
