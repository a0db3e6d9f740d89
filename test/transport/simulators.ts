/**
 * The set-up the transport tests share: a simulator of each platform over real HTTP on 127.0.0.1,
 * reset before each test, and a fresh credential as n8n would store it for that simulator. v1's
 * tests call the transport through n8n-core's execution context (helpers/n8nCore.ts); the 2026
 * platform's, through the hand-written one (helpers/n8nHarness.ts), as when they were written.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import type { Send2026Payload } from '../../nodes/CinetPay/transport/platform2026';

import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	type RunningSimulator,
} from '../../simulator';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import * as core from '../helpers/n8nCore';
import * as harness from '../helpers/n8nHarness';

/** A running simulator and the credential the transport calls it with, renewed per test. */
export interface TransportTestBed<Sim, Store> {
	sim: Sim;
	store: Store;
	/** An execution context of a node holding `store`'s credential. */
	context(): IExecuteFunctions;
	/** How many logins the simulator has answered since the test began. */
	logins(): number;
}

interface Platform<Sim, Store> {
	start(): Promise<Sim>;
	credentialsOf(sim: Sim): ICredentialDataDecryptedObject;
	storeOf(credentials: ICredentialDataDecryptedObject): Store;
	contextOf(store: Store): IExecuteFunctions;
	loginPath: string;
}

function useSimulator<Sim extends SimulatorBasics, Store>(
	platform: Platform<Sim, Store>,
): TransportTestBed<Sim, Store> {
	const bed = {} as TransportTestBed<Sim, Store>;
	bed.context = () => platform.contextOf(bed.store);
	bed.logins = () => bed.sim.control.requests().filter((e) => e.path === platform.loginPath).length;
	beforeAll(async () => {
		bed.sim = await platform.start();
	});
	afterAll(async () => {
		await bed.sim.close();
	});
	beforeEach(() => {
		bed.sim.control.reset();
		bed.store = platform.storeOf(platform.credentialsOf(bed.sim));
	});
	return bed;
}

interface SimulatorBasics {
	baseUrl: string;
	close(): unknown;
	control: { reset(): void; requests(): Array<{ path: string }> };
}

/** v1's simulator for every test of the file, and a fresh CinetPay Transfer API credential. */
export function useSimulatorV1(): TransportTestBed<RunningSimulator, core.CredentialStore> {
	return useSimulator({
		start: startSimulator,
		credentialsOf: (sim) => ({
			apiKey: DEMO_API_KEY,
			password: DEMO_PASSWORD,
			baseUrl: sim.baseUrl,
		}),
		storeOf: core.credentialStore,
		contextOf: (store) => core.executeContext({ parameters: {}, store }),
		loginPath: '/v1/auth/login',
	});
}

/** The CinetPay 2026 Platform API credential of a demo country account, with no session yet. */
export function credentials2026(sim: { baseUrl: string }, account = DEMO_ACCOUNTS_2026[0]) {
	return {
		apiKey: account.apiKey,
		password: account.apiPassword,
		country: 'CI',
		environment: 'auto',
		baseUrl: sim.baseUrl,
		sessionExpiresAt: 0,
		sessionAccount: '',
	};
}

/** The 2026 simulator for every test of the file, and a fresh credential of its CI account. */
export function useSimulator2026(): TransportTestBed<
	RunningSimulator2026,
	harness.CredentialStore
> {
	return useSimulator({
		start: startSimulator2026,
		credentialsOf: (sim) => credentials2026(sim),
		storeOf: harness.credentialStore,
		contextOf: (store) => harness.executeContext({ parameters: {}, store }),
		loginPath: '/v1/oauth/login',
	});
}

let lastPayloadId = 0;

/**
 * The body of one 2026 send to the CI test number that succeeds, under a merchant ID no other
 * test uses (`<prefix>-<time>-<n>`).
 */
export function payload2026(over: Partial<Send2026Payload> = {}, idPrefix = 'TR'): Send2026Payload {
	return {
		currency: 'XOF',
		payment_method: 'OM_CI',
		merchant_transaction_id: `${idPrefix}-${Date.now().toString(36)}-${++lastPayloadId}`,
		amount: 1000,
		phone_number: TEST_NUMBERS_2026.CI.succeeds.phone,
		reason: 'test',
		...over,
	};
}
