/** Contact → Add against the simulator. */
import type { IDataObject } from 'n8n-workflow';

import { TEST_NUMBERS, type RunningSimulator } from '../../../simulator';
import type { CredentialStore } from '../../helpers/n8nCore';
import { simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import { failureOf, receivers, runNode } from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ variants: { autoConfirm: true } }, (current) => ({ sim, store } = current));

const addContacts = { resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' };

describe('Contact → Add', () => {
	test('all contacts in one call, each result paired to its item; adding again is fine (726)', async () => {
		const input = receivers(4);
		const first = await runNode(addContacts, input, { store });
		expect(first.map((item) => item.json.already_existed)).toEqual([false, false, false, false]);
		const again = await runNode(addContacts, input, { store });
		expect(again.map((item) => item.json.already_existed)).toEqual([true, true, true, true]);
		expect(again.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(
			sim.control.requests().filter((entry) => entry.path === '/v1/transfer/contact'),
		).toHaveLength(2);
	});

	test('the same receiver twice in one run is sent once and answered for both items', async () => {
		const [one] = receivers(1);
		const output = await runNode(addContacts, [one, { ...one }], { store });
		expect(output).toHaveLength(2);
		const [call] = sim.control.requests().filter((entry) => entry.path === '/v1/transfer/contact');
		expect(call.body.data).toHaveLength(1);
	});

	test('Map Each Field Below, and per-item failures with "continue on fail"', async () => {
		const input = [
			{ ...receivers(1)[0] },
			{
				prefix: '225',
				phone: TEST_NUMBERS.CI.operatorUnavailable.phone,
				name: 'Kone',
				surname: 'Ali',
				email: 'ali@example.com',
			},
			{
				prefix: '225',
				phone: '0700000009',
				name: '<script>',
				surname: 'x',
				email: 'x@example.com',
			},
		];
		const output = await runNode(
			{
				resource: 'contact',
				operation: 'add',
				dataMode: 'defineBelow',
				prefix: '={{ $json.prefix }}',
				phone: '={{ $json.phone }}',
				name: '={{ $json.name }}',
				surname: '={{ $json.surname }}',
				email: '={{ $json.email }}',
			},
			input,
			{ store, continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({ phone: input[0].phone, already_existed: false });
		expect(failureOf(output[1])).toMatchObject({ code: '721' });
		expect(failureOf(output[2])).toMatchObject({ field: 'name' });
		const sent = sim.control
			.requests()
			.flatMap((entry) => (entry.body.data as IDataObject[] | undefined) ?? []);
		expect(sent.map((contact) => contact.phone)).toEqual([input[0].phone, input[1].phone]);
	});
});
