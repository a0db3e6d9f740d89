/**
 * What a payout run costs that does not depend on the machine, so that a speed regression shows in
 * `npm test` without timing (the bench prints the times): HTTP calls per payout, calls in flight,
 * and credential reads — each read is a decryption in n8n, and in n8n 2.x an expression isolate
 * when it happens in a webhook. Through n8n-core's engine, against the simulators over HTTP.
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { runWorkflow, type CredentialStore } from '../helpers/n8nCore';
import {
	credential2026,
	sendOn2026,
	simulator2026PerFile,
	succeedingItems2026,
} from '../helpers/node2026';
import { receivers, simulatorCredentials } from '../helpers/runNode';
import { sendParameters } from '../helpers/nodeTestSetup';

describe('v1: Send with Add Contact', () => {
	let sim: RunningSimulator;
	let store: CredentialStore;
	beforeAll(async () => {
		sim = await startSimulator({ quiet: true });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.control.reset();
		store = simulatorCredentials(sim);
	});

	test('1,200 receivers, batches of 500: 1 login + a contact call and a send call per batch; one credential read', async () => {
		const run = await runWorkflow(sendParameters({ batchSize: 500 }), receivers(1200), { store });
		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1200);
		const paths = sim.control.requests().map((entry) => entry.path);
		expect(paths).toEqual([
			'/v1/auth/login',
			...Array(3).fill(['/v1/transfer/contact', '/v1/transfer/money/send/contact']).flat(),
		]);
		expect(sim.control.stats().maxInFlight).toBeLessThanOrEqual(2);
		expect(store.reads).toBe(1);
	});

	test('the next execution reuses the stored token: no login, one credential read', async () => {
		await runWorkflow(sendParameters(), receivers(3), { store });
		sim.control.clearRequests();
		const readsBefore = store.reads;
		await runWorkflow(sendParameters(), receivers(3), { store });
		expect(sim.control.stats().logins).toBe(0);
		expect(store.reads - readsBefore).toBe(1);
	});
});

describe('2026: Send, one call per transfer', () => {
	const env = simulator2026PerFile();

	test.each([1, 4, 20])(
		'60 payouts at %i in flight: 1 login + 60 sends, never more in flight, one credential read for the run',
		async (inFlight) => {
			const run = await runWorkflow(
				sendOn2026({ sendsInFlight: inFlight }),
				succeedingItems2026(60),
				{
					store: env.store,
				},
			);
			expect(run.error).toBeUndefined();
			expect(run.main).toHaveLength(60);
			const requests = env.sim.control.requests();
			expect(requests.filter((entry) => entry.path === '/v1/oauth/login')).toHaveLength(1);
			expect(
				requests.filter((entry) => entry.method === 'POST' && entry.path === '/v1/transfer'),
			).toHaveLength(60);
			expect(requests).toHaveLength(61);
			expect(env.sim.control.stats().maxInFlight).toBeLessThanOrEqual(inFlight);
			expect(env.store.reads).toBe(1);
			// n8n stored the session once: the login went through the credential's preAuthentication.
			expect(env.store.writes).toBe(1);
		},
	);

	test('a token refused in the middle of a run (expired both ways): one more login for all sends in flight, still one credential read', async () => {
		const store = credential2026(env.sim);
		await runWorkflow(sendOn2026(), succeedingItems2026(1), { store });
		env.sim.control.expireTokens();
		env.sim.control.clearRequests();
		const readsBefore = store.reads;
		const run = await runWorkflow(sendOn2026({ sendsInFlight: 8 }), succeedingItems2026(24), {
			store,
		});
		expect(run.error).toBeUndefined();
		expect(env.sim.control.stats().logins).toBe(1);
		expect(store.reads - readsBefore).toBe(1);
		// Every payout was made once: the refused sends were not carried out, and were repeated.
		expect(env.sim.control.transfers()).toHaveLength(25);
	});
});
