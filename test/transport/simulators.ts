/**
 * The set-up the transport tests share: a simulator of each platform over real HTTP on 127.0.0.1,
 * reset before each test, and a fresh credential as n8n would store it for that simulator. v1's
 * tests call the transport through n8n-core's execution context (helpers/n8nCore.ts); the 2026
 * platform's, through the hand-written one (helpers/n8nHarness.ts), as when they were written.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../simulator';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
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

/** v1's simulator for every test of the file, and a fresh CinetPay Transfer API credential. */
export function useSimulatorV1(): TransportTestBed<RunningSimulator, core.CredentialStore> {
	const bed = {} as TransportTestBed<RunningSimulator, core.CredentialStore>;
	bed.context = () => core.executeContext({ parameters: {}, store: bed.store });
	bed.logins = () =>
		bed.sim.control.requests().filter((e) => e.path === '/v1/auth/login').length;
	beforeAll(async () => {
		bed.sim = await startSimulator();
	});
	afterAll(async () => {
		await bed.sim.close();
	});
	beforeEach(() => {
		bed.sim.control.reset();
		bed.store = core.credentialStore({
			apiKey: DEMO_API_KEY,
			password: DEMO_PASSWORD,
			baseUrl: bed.sim.baseUrl,
		});
	});
	return bed;
}

/** The CinetPay 2026 Platform API credential of a demo country account, with no session yet. */
export function credentials2026(sim: RunningSimulator2026, account = DEMO_ACCOUNTS_2026[0]) {
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
export function useSimulator2026(): TransportTestBed<RunningSimulator2026, harness.CredentialStore> {
	const bed = {} as TransportTestBed<RunningSimulator2026, harness.CredentialStore>;
	bed.context = () => harness.executeContext({ parameters: {}, store: bed.store });
	bed.logins = () =>
		bed.sim.control.requests().filter((e) => e.path === '/v1/oauth/login').length;
	beforeAll(async () => {
		bed.sim = await startSimulator2026();
	});
	afterAll(() => bed.sim.close());
	beforeEach(() => {
		bed.sim.control.reset();
		bed.store = harness.credentialStore(credentials2026(bed.sim));
	});
	return bed;
}
