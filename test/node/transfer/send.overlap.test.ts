/**
 * v1 Transfer → Send overlaps work with the wire: the next batch's contact call (idempotent, no
 * money) goes while this batch's send is out, never more than one send and one contact call at
 * once. Shown without timing: the simulator holds answers until the test lets them go.
 */
import type { RunningSimulator } from '../../../simulator';
import { runWorkflow, type CredentialStore } from '../../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import { outcomeOf, receivers } from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ initialBalance: 1_000_000_000 }, (current) => ({ sim, store } = current));

/** Whether `arrival` comes before `hold` is let go by the simulator's safety valve. */
async function beforeValve(arrival: Promise<void>, hold: { released: Promise<string> }) {
	return await Promise.race([arrival.then(() => true), hold.released.then(() => false)]);
}

test("batch 2's contact call leaves while batch 1's send is out, and nothing else does", async () => {
	const send1 = sim.control.holdAnswer('send', { valveMs: 5000 });
	const contact2 = sim.control.holdAnswer('contact', { nth: 2, valveMs: 5000 });
	const run = runWorkflow(sendParameters({ batchSize: 2 }), receivers(6), { store });

	await send1.arrived;
	expect(await beforeValve(contact2.arrived, send1)).toBe(true);
	// Both held: login, contact 1, send 1, contact 2 — no second send, no contact call for batch 3.
	expect(sim.control.stats()).toMatchObject({ inFlight: 2, requests: 4 });

	send1.release();
	contact2.release();
	const { main, error } = await run;
	expect(error).toBeUndefined();
	expect(main.map(outcomeOf)).toEqual(Array(6).fill('sent'));
	expect(sim.control.transfers()).toHaveLength(6);
	expect(sim.control.stats().maxInFlight).toBe(2);
});

test("after a lost send, its lookups wait for batch 2's contact call: never more calls at once than before", async () => {
	sim.control.setCallFaults({ script: { send: ['lostAfterCommit'] } });
	// Never let go by the test: answered only by the valve, after the lookups would have gone.
	const contact2 = sim.control.holdAnswer('contact', { nth: 2, valveMs: 1500 });
	const { main } = await runWorkflow(sendParameters({ batchSize: 2 }), receivers(4), { store });
	expect(await contact2.released).toBe('valve');

	expect(main.map(outcomeOf)).toEqual(Array(4).fill('sent'));
	expect(main.slice(0, 2).map((item) => item.json.recovered)).toEqual([true, true]);
	// The log is in the order calls were answered: batch 2's contact call before any lookup.
	const answered = sim.control.requests().map((entry) => entry.path);
	const lookups = answered.flatMap((path, at) => (path === '/v1/transfer/check/money' ? [at] : []));
	expect(lookups).toHaveLength(2);
	expect(answered.lastIndexOf('/v1/transfer/contact')).toBeLessThan(lookups[0]);
});
