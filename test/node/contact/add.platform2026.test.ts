/**
 * Contact → Add on the 2026 platform: there is no contact step there ([prod]: any number can be
 * paid), so the operation succeeds per item with a "not needed" result and makes no call; the
 * editor shows a notice instead of the contact fields.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../../helpers/n8nCore';
import { on2026, secretsIn, shownProperties, simulator2026PerFile } from '../../helpers/node2026';

const env = simulator2026PerFile();
/** The top-level parameters the editor shows for these values, as name:type. */
const shown = (values: INodeParameters) =>
	shownProperties(values).map((property) => `${property.name}:${property.type}`);

test('one "not needed" success per item, paired with it, and no call at all', async () => {
	const items = [
		{ prefix: '225', phone: '0700000001', name: 'A', surname: 'B', email: 'a@example.com' },
		{ prefix: '221', phone: 'not a number' },
		{},
	];
	const run = await runWorkflow(on2026('contact', 'add', { dataMode: 'autoMapInputData' }), items, {
		store: env.store,
		onError: 'continueErrorOutput',
	});
	expect(run.errorOutput).toEqual([]);
	expect(run.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	for (const item of run.main) {
		expect(item.json).toEqual({
			added: false,
			contact_needed: false,
			platform: '2026',
			message: 'Not needed on the 2026 platform: any number can be paid',
		});
	}
	expect(env.sim.control.requests()).toEqual([]);
	expect(env.store.writes).toBe(0);
	expect(secretsIn(run, env.store)).toEqual([]);
});

test('without "Continue On Fail" it does not fail either', async () => {
	const run = await runWorkflow(on2026('contact', 'add'), [{ phone: '' }], { store: env.store });
	expect(run.error).toBeUndefined();
	expect(run.main).toHaveLength(1);
});

test('the editor shows a notice on 2026 instead of the contact fields; v1 keeps them', () => {
	const on2026Fields = shown({ platform: '2026', resource: 'contact', operation: 'add' });
	expect(on2026Fields).toContain('contactNotNeededNotice:notice');
	expect(
		on2026Fields.filter((name) =>
			/^(dataMode|prefix|phone|name|surname|email|options):/.test(name),
		),
	).toEqual([]);
	const onV1 = shown({ resource: 'contact', operation: 'add', dataMode: 'defineBelow' });
	expect(onV1).not.toContain('contactNotNeededNotice:notice');
	for (const field of ['dataMode', 'prefix', 'phone', 'name', 'surname', 'email', 'options'])
		expect(onV1.some((name) => name.startsWith(`${field}:`))).toBe(true);
});
