/**
 * For the CinetPay Transfer node's tests on the 2026 platform: one 2026 simulator per test file
 * (over real HTTP on 127.0.0.1), a credential store for one of its demo country accounts, and the
 * secrets that must never appear in an output, an error or a log line.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CinetPayTransfer } from '../../nodes/CinetPay/CinetPayTransfer.node';

import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
	type Simulator2026Options,
} from '../../simulator/platform2026';
import { capturedLogLines, credentialStore, type CoreRun, type CredentialStore } from './n8nCore';
import { findSecrets } from './secrets';

export { TEST_NUMBERS_2026 };

export interface Env2026 {
	sim: RunningSimulator2026;
	store: CredentialStore;
}

export function accountOf(country: string) {
	const account = DEMO_ACCOUNTS_2026.find((entry) => entry.country === country);
	if (!account) throw new Error(`No demo account for ${country}`);
	return account;
}

/** The 2026 credential of a demo country account, pointed at the simulator. */
export function credential2026(sim: RunningSimulator2026, country = 'CI'): CredentialStore {
	const account = accountOf(country);
	return credentialStore({
		apiKey: account.apiKey,
		password: account.apiPassword,
		country,
		environment: 'auto',
		baseUrl: sim.baseUrl,
		sessionExpiresAt: 0,
		sessionAccount: '',
	});
}

/** One simulator for the file, reset before each test, with a fresh CI credential. */
export function simulator2026PerFile(options: Simulator2026Options = {}): Env2026 {
	const env = {} as Env2026;
	beforeAll(async () => {
		env.sim = await startSimulator2026({ quiet: true, ...options });
	});
	afterAll(() => env.sim.close());
	beforeEach(() => {
		env.sim.control.reset();
		env.store = credential2026(env.sim);
	});
	return env;
}

/** The node's parameters on the 2026 platform for one operation. */
export function on2026(resource: string, operation: string, rest: IDataObject = {}): IDataObject {
	return { platform: '2026', resource, operation, ...rest };
}

/**
 * Every key, password and token of the demo accounts and of the store found in what a run shows
 * users: its outputs, its error, the execution data n8n keeps, and every logged line. (A CoreRun's
 * `store` is the credential itself: it is left out.)
 */
export function secretsIn(value: unknown, store?: CredentialStore): string[] {
	const secrets = DEMO_ACCOUNTS_2026.flatMap((account) => [account.apiKey, account.apiPassword]);
	for (const field of ['sessionToken', 'password', 'apiKey']) {
		const secret = store?.data[field];
		if (typeof secret === 'string' && secret !== '') secrets.push(secret);
	}
	return findSecrets([shown(value), capturedLogLines], secrets);
}

function shown(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || !('store' in value)) return value;
	const { main, errorOutput, error, run } = value as CoreRun;
	return { main, errorOutput, error, run };
}

const transferDescription = new CinetPayTransfer().description;

/** The top-level parameters n8n's editor shows the CinetPay Transfer node with these values. */
export function shownProperties(values: INodeParameters): INodeProperties[] {
	const resolved = NodeHelpers.getNodeParameters(
		transferDescription.properties,
		values,
		true,
		false,
		null,
		transferDescription,
	)!;
	return transferDescription.properties.filter((property) =>
		NodeHelpers.displayParameter(resolved, property, null, transferDescription),
	);
}

/** The national part of the CI test number whose transfers succeed (…01). */
export const SUCCEEDS_CI = TEST_NUMBERS_2026.CI.succeeds.phone.replace('+225', '');

/** Transfer → Send on 2026, Map Automatically, Orange Money CI, with these options. */
export function sendOn2026(options: IDataObject = {}): IDataObject {
	return on2026('transfer', 'send', {
		dataMode: 'autoMapInputData',
		paymentMethod: 'OM_CI',
		options,
	});
}

/** `n` CI receivers whose transfers succeed, amounts 1000, 1001, … */
export function succeedingItems2026(n: number, over: IDataObject = {}): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		prefix: '225',
		phone: SUCCEEDS_CI,
		amount: 1000 + i,
		...over,
	}));
}

/** The send calls the simulator received. */
export function sendCalls2026(env: Env2026) {
	return env.sim.control.requests().filter((e) => e.method === 'POST' && e.path === '/v1/transfer');
}
