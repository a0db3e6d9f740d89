/**
 * The CinetPay Transfer node as a whole: the payout flow through every operation once per
 * [field] variant of CinetPay's answers.
 */
import { TEST_NUMBERS, type RunningSimulator, type SimulatorVariants } from '../../simulator';
import { ENVELOPE_VARIANTS } from '../helpers/envelopeVariants';
import type { CredentialStore } from '../helpers/n8nCore';
import { getParameters, sendParameters, simulatorForNodeTests } from '../helpers/nodeTestSetup';
import { failureOf, receivers, runNode } from '../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ variants: { autoConfirm: true } }, (current) => ({ sim, store } = current));

const addContacts = { resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' };
const send = sendParameters();

describe.each<[string, Partial<SimulatorVariants>]>([
	...ENVELOPE_VARIANTS,
	['per-country balance', { balanceShape: 'perCountry' }],
	['no 726 on re-added contacts', { readdContact: 'success' }],
	['whole-call item errors', { itemErrors: 'wholeCall' }],
	['expired tokens as HTTP 401', { expiredTokenStatus: 'http401' }],
])('the whole payout flow, CinetPay answering %s', (_name, variants) => {
	test('balance, contacts, send with an existing contact and a refused item, get, duplicates', async () => {
		sim.control.setVariants(variants);
		const input = [
			...receivers(3),
			{
				prefix: '225',
				phone: TEST_NUMBERS.CI.notParticular.phone,
				amount: 1000,
				name: 'Kone',
				surname: 'Awa',
				email: 'a@example.com',
			},
		];
		await runNode(addContacts, input.slice(0, 1), { store });
		sim.control.expireTokens();

		const sent = await runNode(send, input, { store, continueOnFail: true, executionId: '1' });
		expect(sent.slice(0, 3).map((item) => item.json.duplicate)).toEqual([false, false, false]);
		expect(failureOf(sent[3])?.code).toBe('717');

		const retried = await runNode(send, input, { store, continueOnFail: true, executionId: '1' });
		expect(retried.slice(0, 3).map((item) => item.json.duplicate)).toEqual([true, true, true]);
		expect(sim.control.transfers()).toHaveLength(3);

		// One lot per send call: a whole-call refusal makes the node send item by item.
		const lots = [...new Set(sent.slice(0, 3).map((item) => String(item.json.lot)))];
		const byLot = await runNode(
			getParameters('lot', '={{ $json.lot }}'),
			lots.map((lot) => ({ lot })),
			{ store },
		);
		expect(byLot.map((item) => item.json.transaction_id).sort()).toEqual(
			sent
				.slice(0, 3)
				.map((item) => item.json.transaction_id)
				.sort(),
		);
		const [balance] = await runNode({ resource: 'balance', operation: 'get' }, [{}], { store });
		expect(balance.json.available).toBe(5_000_000 - 1000 - 1001 - 1002);
	});
});
