import { TEST_NUMBERS } from '../../simulator';
import { contact, items, PATHS, simulatorPerFile, transfer } from './helpers';

const CI_OK = TEST_NUMBERS.CI.succeeds;
const SN_OK = TEST_NUMBERS.SN.succeeds;

describe('simulator: send money and transfer info', () => {
	const env = simulatorPerFile({
		contacts: [
			contact(CI_OK.prefix, CI_OK.phone),
			contact(SN_OK.prefix, SN_OK.phone),
			contact('225', '0501020304'),
			contact(TEST_NUMBERS.CI.notParticular.prefix, TEST_NUMBERS.CI.notParticular.phone),
			contact(TEST_NUMBERS.SN.notParticular.prefix, TEST_NUMBERS.SN.notParticular.phone),
		],
	});

	it('sends: echoes each item with code 0, a transaction_id each and one lot for the call', async () => {
		const a = transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'MYMERCHANTID1' });
		const b = transfer(SN_OK.prefix, SN_OK.phone, 2000, { client_transaction_id: 'MYMERCHANTID2' });
		const answer = await env.client.send([a, b]);
		expect(answer.status).toBe(200);
		expect(answer.body.code).toBe(0);
		const [ra, rb] = answer.body.data[0];
		expect(ra).toEqual({
			...a,
			code: 0,
			status: 'success',
			transaction_id: expect.stringMatching(/^EA\d{6}\.\d{6}\.[A-Z]\d{6}$/),
			lot: expect.stringMatching(/^\d{22}$/),
			treatment_status: 'NEW',
		});
		expect(rb.lot).toBe(ra.lot);
		expect(rb.transaction_id).not.toBe(ra.transaction_id);
		expect(env.sim.control.stats().transfers).toBe(2);
	});

	it('gives unique transaction ids and a new lot to every call', async () => {
		const ids = new Set<string>();
		const lots = new Set<string>();
		for (let call = 0; call < 5; call++) {
			const answer = await env.client.send(
				Array.from({ length: 20 }, () => transfer(CI_OK.prefix, CI_OK.phone, 1000)),
			);
			for (const item of items(answer)) {
				ids.add(item.transaction_id);
				lots.add(item.lot);
			}
		}
		expect(ids.size).toBe(100);
		expect(lots.size).toBe(5);
	});

	it('answers per-item 724 for a number that is not a contact; valid items still go through', async () => {
		const answer = await env.client.send([
			transfer('225', '0799999999', 500),
			transfer(CI_OK.prefix, CI_OK.phone, 500),
		]);
		expect(answer.body.code).toBe(0);
		const [bad, good] = items(answer);
		expect(bad).toMatchObject({
			code: '724',
			status: 'ERROR_PHONE_NOT_MY_CONTACT',
		});
		expect(bad.transaction_id).toBeUndefined();
		expect(good).toMatchObject({ code: 0, status: 'success' });
		expect(env.sim.control.transfers()).toHaveLength(1);
		// CinetPay's documented shape: the failed item keeps the call's lot, and has no texts.
		expect(bad.lot).toBe(good.lot);
		expect(bad).not.toHaveProperty('message');
		expect(bad).not.toHaveProperty('description');
	});

	it("itemErrorShape 'withMessage': the former shape, status 'error' with message and description", async () => {
		env.sim.control.setVariants({ itemErrorShape: 'withMessage' });
		const answer = await env.client.send([transfer('225', '0799999999', 500)], { lang: 'en' });
		expect(items(answer)[0]).toEqual({
			...transfer('225', '0799999999', 500),
			code: '724',
			status: 'error',
			message: 'ERROR_PHONE_NOT_MY_CONTACT',
			description: 'The phone number is not in your CinetPay contacts',
		});
	});

	it.each([
		['not an integer', 500.5, '801'],
		['zero', 0, '801'],
		['negative', -500, '801'],
		['a word', 'cinq cents', '801'],
		['exactly 200', 200, '719'],
		['150', 150, '719'],
		['exactly 1,500,000', 1_500_000, '720'],
	])('answers per-item amount codes: %s → %s', async (_name, amount, code) => {
		const answer = await env.client.send([transfer(CI_OK.prefix, CI_OK.phone, amount)]);
		expect(items(answer)[0].code).toBe(code);
		expect(env.sim.control.transfers()).toHaveLength(0);
	});

	it('accepts 201 and 1,499,999, and amounts given as digit strings', async () => {
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 201),
			transfer(CI_OK.prefix, CI_OK.phone, 1_499_999),
			transfer(CI_OK.prefix, CI_OK.phone, '5000'),
		]);
		expect(items(answer).map((i) => i.code)).toEqual([0, 0, 0]);
	});

	it('answers per-item 725 MISSING_NOTIFY_URL when notify_url is missing or invalid', async () => {
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500, { notify_url: undefined }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { notify_url: 'not a url' }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { notify_url: 'ftp://127.0.0.1/x' }),
		]);
		expect(items(answer).map((i) => i.code)).toEqual(['725', '725', '725']);
	});

	it('answers per-item 805 when a client_transaction_id was used before, or twice in one call', async () => {
		await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'ORDER-1' }),
		]);
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'ORDER-1' }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'ORDER-2' }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'ORDER-2' }),
		]);
		expect(items(answer).map((i) => i.code)).toEqual(['805', 0, '805']);
		expect(items(answer)[0].status).toBe('CLIENT_TRANSACTION_ID_EXIST');
		expect(env.sim.control.transfers().map((t) => t.clientTransactionId)).toEqual([
			'ORDER-1',
			'ORDER-2',
		]);
	});

	it('answers per-item 811 for an unknown payment_method (and Wave of another country)', async () => {
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500, { payment_method: 'PAYPAL' }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { payment_method: 'WAVESN' }),
			transfer(CI_OK.prefix, CI_OK.phone, 500, { payment_method: 'WAVECI' }),
			transfer(SN_OK.prefix, SN_OK.phone, 500, { payment_method: 'WAVESN' }),
		]);
		expect(items(answer).map((i) => i.code)).toEqual(['811', '811', 0, 0]);
		expect(items(answer)[0].status).toBe('INVALID_PAYMENT_METHOD');
		expect(env.sim.control.transfers().map((t) => t.operator)).toEqual(['WAVECI', 'WAVESN']);
	});

	it.each([
		['717', 'not-a-personal-account', 'notParticular', 'ERROR_PHONE_NOT_PARTICULAR'],
		['804', 'operator-unavailable', 'operatorUnavailable', 'OPERATOR_UNAVAILABLE'],
	] as const)(
		'answers per-item %s for the %s test numbers',
		async (code, _numbers, key, status) => {
			const ci = TEST_NUMBERS.CI[key];
			const sn = TEST_NUMBERS.SN[key];
			const answer = await env.client.send([
				transfer(ci.prefix, ci.phone, 500),
				transfer(sn.prefix, sn.phone, 500),
			]);
			expect(items(answer).map((i) => i.code)).toEqual([code, code]);
			expect(items(answer)[0].status).toBe(status);
		},
	);

	it('answers 602 INSUFFICIENT_BALANCE (number code) with the doc’s description, and creates nothing', async () => {
		env.sim.control.setBalance(4233);
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 30_000),
			transfer(CI_OK.prefix, CI_OK.phone, 2000),
			transfer('225', '0799999999', 900_000), // not a contact: not counted in the total
		]);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			code: 602,
			message: 'INSUFFICIENT_BALANCE',
			description:
				"Fonds Insuffisant :disponible 4 233,00, Total de l'operation à effectuer : 32 000,00",
			data: [],
		});
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect(env.sim.control.balance()).toEqual({ amount: 4233, inUsing: 0, available: 4233 });

		const en = await env.client.send([transfer(CI_OK.prefix, CI_OK.phone, 30_000)], { lang: 'en' });
		expect(en.body.description).toBe(
			'Insufficient funds: available 4,233.00, total of the operation: 30,000.00',
		);
	});

	it('answers 602 with HTTP 400 under errorHttpStatus=http4xx', async () => {
		env.sim.control.setVariants({ errorHttpStatus: 'http4xx' });
		env.sim.control.setBalance(100);
		const answer = await env.client.send([transfer(CI_OK.prefix, CI_OK.phone, 500)]);
		expect(answer.status).toBe(400);
		expect(answer.body.code).toBe(602);
	});

	it('answers 704 without data and 718 on malformed data', async () => {
		expect((await env.client.post(PATHS.send, {})).body.code).toBe('704');
		expect((await env.client.post(PATHS.send, { data: 'not json' })).body.code).toBe('718');
	});

	it('fails the whole call under itemErrors=wholeCall: first invalid item’s code, nothing created', async () => {
		env.sim.control.setVariants({ itemErrors: 'wholeCall' });
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500),
			transfer(CI_OK.prefix, CI_OK.phone, 100),
			transfer('225', '0799999999', 500),
		]);
		expect(answer.body).toMatchObject({ code: '719', message: 'AMOUNT_TOO_SMALL', data: [] });
		expect(env.sim.control.transfers()).toHaveLength(0);
		expect(env.sim.control.balance().inUsing).toBe(0);
	});

	describe('check/money', () => {
		it('finds a transfer by transaction_id, client_transaction_id and lot (single array, amount as string)', async () => {
			const sent = await env.client.send([
				transfer(CI_OK.prefix, CI_OK.phone, 500, { client_transaction_id: 'C-1' }),
				transfer(SN_OK.prefix, SN_OK.phone, 700, { client_transaction_id: 'C-2' }),
			]);
			const [first] = items(sent);

			const byId = await env.client.check({ transaction_id: first.transaction_id });
			expect(byId.body.code).toBe(0);
			expect(byId.body.data).toEqual([
				{
					transaction_id: first.transaction_id,
					client_transaction_id: 'C-1',
					lot: first.lot,
					amount: '500',
					receiver: CI_OK.phone,
					receiver_e164: CI_OK.e164,
					operator: 'OM',
					sending_status: 'PENDING',
					transfer_valid: 'N',
					treatment_status: 'NEW',
					comment: 'Transfert en attente de traitement',
					validated_at: null,
				},
			]);

			const byClient = await env.client.check({ client_transaction_id: 'C-2' });
			expect(byClient.body.data).toHaveLength(1);
			expect(byClient.body.data[0].receiver_e164).toBe(SN_OK.e164);

			const byLot = await env.client.check({ lot: first.lot });
			expect(
				byLot.body.data.map((t: { client_transaction_id: string }) => t.client_transaction_id),
			).toEqual(['C-1', 'C-2']);
		});

		it('answers 723 NOT_FOUND (a number under codeType=spec) for an unknown id', async () => {
			const answer = await env.client.check({ transaction_id: 'EA000000.000000.X000000' });
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({
				code: 723,
				message: 'NOT_FOUND',
				description: 'Aucun element trouvé',
				data: [],
			});
		});

		it('answers 723 with HTTP 404 under errorHttpStatus=http4xx', async () => {
			env.sim.control.setVariants({ errorHttpStatus: 'http4xx' });
			const answer = await env.client.check({ lot: '123' });
			expect(answer.status).toBe(404);
			expect(answer.body.code).toBe(723);
		});

		it('answers 704 when none of transaction_id, client_transaction_id, lot is given', async () => {
			expect((await env.client.check({})).body.code).toBe('704');
		});
	});

	it('returns a single array under nesting=single', async () => {
		env.sim.control.setVariants({ nesting: 'single' });
		const answer = await env.client.send([
			transfer(CI_OK.prefix, CI_OK.phone, 500),
			transfer(CI_OK.prefix, CI_OK.phone, 5),
		]);
		expect(answer.body.data).toHaveLength(2);
		expect(answer.body.data[0]).toMatchObject({
			code: 0,
			status: 'success',
			treatment_status: 'NEW',
		});
		expect(answer.body.data[1]).toMatchObject({ code: '719', status: 'AMOUNT_TOO_SMALL' });
	});

	describe('codeType', () => {
		it("'string' makes every code a string, success included", async () => {
			env.sim.control.setVariants({ codeType: 'string' });
			const ok = await env.client.send([
				transfer(CI_OK.prefix, CI_OK.phone, 500),
				transfer(CI_OK.prefix, CI_OK.phone, 5),
			]);
			expect(ok.body.code).toBe('0');
			expect(items(ok).map((i) => i.code)).toEqual(['0', '719']);
			expect((await env.client.check({ lot: 'x' })).body.code).toBe('723');
		});

		it("'number' makes every code a number", async () => {
			env.sim.control.setVariants({ codeType: 'number' });
			const bad = await env.client.send([transfer(CI_OK.prefix, CI_OK.phone, 5)]);
			expect(bad.body.code).toBe(0);
			expect(items(bad)[0].code).toBe(719);
			expect((await env.client.post(PATHS.send, {})).body.code).toBe(704);
			expect((await env.client.check({ lot: 'x' })).body.code).toBe(723);
		});
	});
});
