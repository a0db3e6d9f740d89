import { TEST_NUMBERS } from '../../simulator';
import { contact, items, PATHS, simulatorPerFile, sortedValues } from './helpers';

describe('simulator: contacts', () => {
	const env = simulatorPerFile();

	it('adds contacts: per-contact results in a double array, one lot for the call', async () => {
		const a = contact('225', '0701020304', 'A');
		const b = contact('221', '771234567', 'B');
		const answer = await env.client.addContacts([a, b]);
		expect(answer.status).toBe(200);
		expect(answer.body.code).toBe(0);
		expect(answer.body.message).toBe('OPERATION_SUCCES');
		expect(Array.isArray(answer.body.data[0])).toBe(true);
		const [ra, rb] = answer.body.data[0];
		expect(ra).toEqual({
			...a,
			code: 0,
			status: 'success',
			lot: expect.stringMatching(/^\d{22}$/),
		});
		expect(rb).toEqual({ ...b, code: 0, status: 'success', lot: ra.lot });
		expect(sortedValues(env.sim.control.contacts(), (c) => c.phone)).toEqual([
			'0701020304',
			'771234567',
		]);

		const second = await env.client.addContacts([contact('225', '0501020304')]);
		expect(items(second)[0].lot).not.toBe(ra.lot);
	});

	it('accepts the 2018 document’s 8-digit Ivorian numbers', async () => {
		const answer = await env.client.addContacts([contact('225', '01020304')]);
		expect(items(answer)[0].code).toBe(0);
	});

	it('answers per-item 726 when re-adding an existing contact (readdContact=code726)', async () => {
		await env.client.addContacts([contact('225', '0701020304')]);
		const answer = await env.client.addContacts([
			contact('225', '0701020304'),
			contact('225', '0701020305'),
		]);
		expect(answer.body.code).toBe(0);
		const [again, fresh] = items(answer);
		expect(again).toMatchObject({
			code: '726',
			status: 'ERROR_PHONE_ALREADY_MY_CONTACT',
		});
		expect(fresh).toMatchObject({ code: 0, status: 'success' });
	});

	it('answers 726 for a duplicate inside the same call, as in the doc’s own example', async () => {
		const answer = await env.client.addContacts([
			contact('225', '0701020304'),
			contact('225', '0701020304'),
		]);
		expect(items(answer).map((i) => i.code)).toEqual([0, '726']);
	});

	it('treats re-adding as plain success under readdContact=success, and updates the contact', async () => {
		env.sim.control.setVariants({ readdContact: 'success' });
		await env.client.addContacts([contact('225', '0701020304', 'Old')]);
		const answer = await env.client.addContacts([contact('225', '0701020304', 'New')]);
		expect(items(answer)[0]).toMatchObject({ code: 0, status: 'success' });
		expect(env.sim.control.contacts()).toHaveLength(1);
		expect(env.sim.control.contacts()[0].name).toBe('New');
	});

	it('answers per-item 721 for the operator-unavailable test numbers and an unknown country', async () => {
		const ci = TEST_NUMBERS.CI.operatorUnavailable;
		const sn = TEST_NUMBERS.SN.operatorUnavailable;
		const answer = await env.client.addContacts([
			contact(ci.prefix, ci.phone),
			contact(sn.prefix, sn.phone),
			contact('999', '12345678'),
			contact('225', '0701020304'),
		]);
		expect(items(answer).map((i) => i.code)).toEqual(['721', '721', '721', 0]);
		expect(items(answer)[0].status).toBe('OPERATOR_NOT_AVAILABLE');
		expect(env.sim.control.contacts()).toHaveLength(1);
	});

	it('answers per-item 802 INVALID_PHONE for a malformed number, 716 for a non-object item', async () => {
		const answer = await env.client.addContacts([
			contact('225', '07-0102'),
			contact('221', '7712345'),
			'oops',
		]);
		expect(items(answer).map((i) => i.code)).toEqual(['802', '802', '716']);
		expect(items(answer)[0].status).toBe('INVALID_PHONE');
	});

	it('answers 704 without data, with an empty array, or with a non-array', async () => {
		expect((await env.client.post(PATHS.contact, {})).body.code).toBe('704');
		expect((await env.client.post(PATHS.contact, { data: '[]' })).body.code).toBe('704');
		expect((await env.client.post(PATHS.contact, { data: '{"prefix":"225"}' })).body.code).toBe(
			'704',
		);
	});

	it('answers 718 JSON_PARSE_ERROR on malformed JSON', async () => {
		const answer = await env.client.post(PATHS.contact, { data: '[{"prefix":"225",' });
		expect(answer.body).toMatchObject({ code: '718', message: 'JSON_PARSE_ERROR', data: [] });
	});

	it('fails the whole call with the first invalid item’s code under itemErrors=wholeCall', async () => {
		env.sim.control.setVariants({ itemErrors: 'wholeCall' });
		const answer = await env.client.addContacts([
			contact('225', '0701020304'),
			contact('225', 'bad'),
			contact('999', '1'),
		]);
		expect(answer.body).toMatchObject({ code: '802', message: 'INVALID_PHONE', data: [] });
		expect(env.sim.control.contacts()).toHaveLength(0);
	});

	it('returns a single array under nesting=single', async () => {
		env.sim.control.setVariants({ nesting: 'single' });
		const answer = await env.client.addContacts([contact('225', '0701020304')]);
		expect(Array.isArray(answer.body.data[0])).toBe(false);
		expect(answer.body.data[0]).toMatchObject({ phone: '0701020304', code: 0, status: 'success' });
	});
});
