/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only test, never published: it tops the simulator's balance up between two tries */
/**
 * Transfer → Send on the 2026 platform, on n8n-core against the 2026 simulator over real HTTP:
 * v1's parameters and output shape, one call per transfer with a bounded number in flight, every
 * item checked before any call, failed items on the error output like v1's, lost answers →
 * unknown (never not-sent) under each [guess] answer to a reused ID, Retry On Fail keeping IDs and
 * never resending, and no secret anywhere.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PAYMENT_METHODS } from '../../../nodes/CinetPay/helpers/paymentMethods';
import { getPaymentMethods2026 } from '../../../nodes/CinetPay/methods/loadOptions';
import { COUNTRIES_2026 } from '../../../nodes/CinetPay/transport/platform2026';

import { runWorkflow } from '../../helpers/n8nCore';
import {
	on2026,
	secretsIn,
	shownProperties,
	simulator2026PerFile,
	TEST_NUMBERS_2026,
} from '../../helpers/node2026';
import { failureOf, outcomeOf, runNode } from '../../helpers/runNode';

const env = simulator2026PerFile({ variants: { latencyMs: 5 } });
const send = (rest: IDataObject = {}) =>
	on2026('transfer', 'send', { dataMode: 'autoMapInputData', paymentMethod: 'OM_CI', ...rest });
/** The national part of the CI test number whose transfers succeed (…01). */
const SUCCEEDS_CI = TEST_NUMBERS_2026.CI.succeeds.phone.replace('+225', '');
/** CI receivers whose transfers succeed in the simulator. */
const receivers = (count: number, amount = 1000): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({
		prefix: '225',
		phone: SUCCEEDS_CI,
		amount: amount + i,
	}));
const sends = () =>
	env.sim.control.requests().filter((e) => e.method === 'POST' && e.path === '/v1/transfer');
const sentIds = () => sends().map((e) => String((e.body as IDataObject).merchant_transaction_id));
/** The ID the send of this amount carried (sends in flight together may arrive in any order). */
const sentIdOf = (amount: number) =>
	String(
		(sends().find((e) => (e.body as IDataObject).amount === amount)?.body as IDataObject)
			?.merchant_transaction_id,
	);

describe('sending', () => {
	test("one call per item, E.164 phone, the credential's currency, v1's output shape", async () => {
		const output = await runNode(send(), receivers(2), { store: env.store });
		expect(output).toHaveLength(2);
		// Both in flight together: CinetPay may receive them in either order.
		const bodies = sends().map((e) => e.body as IDataObject);
		expect(bodies.sort((a, b) => Number(a.amount) - Number(b.amount))).toEqual([
			expect.objectContaining({
				phone_number: '+2250700000001',
				currency: 'XOF',
				payment_method: 'OM_CI',
				amount: 1000,
				reason: 'Payout',
			}),
			expect.objectContaining({ phone_number: '+2250700000001', amount: 1001 }),
		]);
		const [first] = output;
		expect(first.json).toMatchObject({
			outcome: 'sent',
			transaction_id: expect.any(String),
			client_transaction_id: sentIdOf(1000),
			merchant_transaction_id: sentIdOf(1000),
			status: expect.stringMatching(/^(NEW|REC|VAL)$/),
			treatment_status: first.json.status,
			cinetpay_code: expect.any(String),
			prefix: '225',
			phone: '0700000001',
			amount: 1000,
			currency: 'XOF',
			payment_method: 'OM_CI',
			platform: '2026',
		});
		expect(first.json).toHaveProperty('fee');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(env.sim.control.transfers()).toHaveLength(2);
	});

	test('default IDs fit the 2026 rule (≤ 30 letters, digits, "-") and differ per item', async () => {
		await runNode(send(), receivers(3), { store: env.store });
		const ids = sentIds();
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9-]{1,30}$/);
	});

	test('Map Each Field Below, a typed (Custom…) payment method, reason and notify URL', async () => {
		const output = await runNode(
			send({
				dataMode: 'defineBelow',
				prefix: '225',
				phone: '0700000001',
				amount: 2500,
				clientTransactionId: 'INV-2026-0042',
				paymentMethod: 'custom',
				customPaymentMethod: 'wave_ci',
				notifyUrl: 'http://127.0.0.1:9/notify',
				options: { reason: 'Invoice 42' },
			}),
			[{}],
			{ store: env.store },
		);
		expect(output[0].json).toMatchObject({
			outcome: 'sent',
			client_transaction_id: 'INV-2026-0042',
		});
		expect(sends()[0].body).toMatchObject({
			payment_method: 'WAVE_CI',
			merchant_transaction_id: 'INV-2026-0042',
			reason: 'Invoice 42',
			notify_url: 'http://127.0.0.1:9/notify',
		});
	});

	test("in Map Automatically an item's own payment_method wins", async () => {
		await runNode(send(), [{ ...receivers(1)[0], payment_method: 'MTN_CI' }], { store: env.store });
		expect(sends()[0].body).toMatchObject({ payment_method: 'MTN_CI' });
	});

	test.each([
		[undefined, 4],
		[2, 2],
	])('Sends In Flight %s: at most %i calls under way at once', async (inFlight, most) => {
		env.sim.control.setVariants({ latencyMs: 40 });
		const options = inFlight === undefined ? {} : { sendsInFlight: inFlight };
		const output = await runNode(send({ options }), receivers(12), { store: env.store });
		expect(output.every((item) => outcomeOf(item) === 'sent')).toBe(true);
		expect(env.sim.control.stats().maxInFlight).toBe(most);
	});
});

describe('bad input, per item, before any call', () => {
	const bad: Array<[string, IDataObject, string, RegExp]> = [
		[
			'an ID over 30 characters',
			{ client_transaction_id: 'x'.repeat(31) },
			'clientTransactionId',
			/30 letters, digits or "-"/,
		],
		[
			'an ID with other characters',
			{ client_transaction_id: 'inv_42.a' },
			'clientTransactionId',
			/30 letters, digits or "-"/,
		],
		['an amount under 500', { amount: 499 }, 'amount', /at least 500/],
		[
			'a number of another country',
			{ prefix: '221', phone: '770000001' },
			'prefix',
			/C[ôo]te d'Ivoire account/,
		],
		['a phone that is not digits', { phone: '07-AB' }, 'phone', /digits/],
	];

	test.each(bad)(
		'%s: an error naming the field and the rule; the others are sent',
		async (_, fields, field, rule) => {
			const items = [{ ...receivers(1)[0], ...fields }, receivers(1, 3000)[0]];
			const run = await runWorkflow(send(), items, {
				store: env.store,
				onError: 'continueErrorOutput',
			});
			const failure = failureOf(run.errorOutput[0]);
			expect(failure).toMatchObject({ field, outcome: 'not-sent' });
			expect(String(failure?.message)).toMatch(rule);
			expect(String(failure?.message)).toContain(field);
			expect(run.main.map(outcomeOf)).toEqual(['sent']);
			expect(sends()).toHaveLength(1);
		},
	);

	test('a missing payment method (Custom… left empty) is refused before any call', async () => {
		const run = await runWorkflow(
			// An expression: n8n's editor check would stop an empty literal before the node runs.
			send({ paymentMethod: 'custom', customPaymentMethod: '={{ "" }}' }),
			receivers(1),
			{ store: env.store, onError: 'continueErrorOutput' },
		);
		expect(failureOf(run.errorOutput[0])).toMatchObject({
			field: 'paymentMethod',
			outcome: 'not-sent',
		});
		expect(env.sim.control.requests()).toEqual([]);
	});

	test('without Continue On Fail one bad item stops the run before any money moves', async () => {
		const run = await runWorkflow(send(), [...receivers(2), { ...receivers(1)[0], amount: 10 }], {
			store: env.store,
		});
		expect(run.error?.message).toMatch(/amount/);
		expect(env.sim.control.requests()).toEqual([]);
	});

	test('two items with one ID: the second fails, the first is sent', async () => {
		const items = receivers(2).map((item) => ({ ...item, client_transaction_id: 'SAME-1' }));
		const run = await runWorkflow(send(), items, {
			store: env.store,
			onError: 'continueErrorOutput',
		});
		expect(run.main.map(outcomeOf)).toEqual(['sent']);
		expect(failureOf(run.errorOutput[0])?.message).toMatch(/also the ID of item 1/);
	});
});

describe("failed sends go to the error output like v1's", () => {
	test("a refusal (2005) is not-sent, with CinetPay's code, the ID and what the item asked", async () => {
		env.sim.control.setBalance('CI', 1500);
		const run = await runWorkflow(send(), [receivers(1)[0], { ...receivers(1)[0], amount: 5000 }], {
			store: env.store,
			onError: 'continueErrorOutput',
		});
		expect(run.main.map(outcomeOf)).toEqual(['sent']);
		expect(run.errorOutput).toHaveLength(1);
		// n8n puts the input item's fields beside `error` on the error branch.
		expect(run.errorOutput[0].json.error).toEqual(expect.any(Object));
		expect(failureOf(run.errorOutput[0])).toMatchObject({
			outcome: 'not-sent',
			code: '2005',
			client_transaction_id: sentIdOf(5000),
			prefix: '225',
			phone: '0700000001',
			amount: 5000,
			message: expect.stringMatching(/INSUFFICIENT_BALANCE/),
			description: expect.any(String),
		});
		expect(run.errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('"On Error: Continue" keeps failed items in the main output, in input order', async () => {
		env.sim.control.setBalance('CI', 1500);
		const output = await runNode(send(), [{ ...receivers(1)[0], amount: 5000 }, receivers(1)[0]], {
			store: env.store,
			continueOnFail: true,
		});
		expect(output.map(outcomeOf)).toEqual(['not-sent', 'sent']);
	});
});

describe.each(['refuse1200', 'acceptNew', 'returnExisting'] as const)(
	'a lost answer, when a reused ID is %s',
	(duplicateMerchantId) => {
		beforeEach(() => env.sim.control.setVariants({ duplicateMerchantId }));

		test.each([
			['the answer is dropped after CinetPay committed', { dropAfterNextSend: 1 }],
			['the connection drops before CinetPay processed it', { dropBeforeNextSend: 1 }],
			[
				'HTTP 502 after a commit',
				{ serverErrorNextSend: { count: 1, status: 502, body: 'html' as const, committed: true } },
			],
		])('%s: unknown, never not-sent, and never sent twice', async (_, faults) => {
			env.sim.control.injectFaults(faults);
			const run = await runWorkflow(send({ options: { timeout: 5 } }), receivers(1), {
				store: env.store,
				onError: 'continueErrorOutput',
			});
			const failure = failureOf(run.errorOutput[0]);
			expect(failure?.outcome).toBe('unknown');
			expect(failure?.client_transaction_id).toBe(sentIds()[0]);
			expect(String(failure?.description)).toMatch(/dashboard/);
			expect(env.sim.control.transfersByMerchantId('CI', sentIds()[0]).length).toBeLessThanOrEqual(
				1,
			);
			expect(new Set(sentIds()).size).toBe(1);
			expect(secretsIn(run, env.store)).toEqual([]);
		});
	},
);

describe('an ID CinetPay has seen before (1200)', () => {
	test('refused with 1200: unknown (CinetPay holds a transfer under it), never not-sent', async () => {
		env.sim.control.setVariants({ duplicateMerchantId: 'refuse1200' });
		const item = { ...receivers(1)[0], client_transaction_id: 'INV-7' };
		await runNode(send(), [item], { store: env.store, executionId: 'first' });
		const run = await runWorkflow(send(), [item], {
			store: env.store,
			executionId: 'second',
			onError: 'continueErrorOutput',
		});
		expect(failureOf(run.errorOutput[0])).toMatchObject({
			outcome: 'unknown',
			code: '1200',
			client_transaction_id: 'INV-7',
		});
		expect(env.sim.control.transfersByMerchantId('CI', 'INV-7')).toHaveLength(1);
	});
});

describe('Retry On Fail', () => {
	test('the same IDs on every try; what a try sent is reported, not sent again', async () => {
		env.sim.control.setBalance('CI', 2500);
		const items = [receivers(1)[0], { ...receivers(1)[0], amount: 9000 }, receivers(1, 1200)[0]];
		const run = await runWorkflow(send(), items, {
			store: env.store,
			retryOnFail: true,
			maxTries: 2,
			executionId: 'retry-2026',
		});
		expect(run.nodeRuns).toBe(2);
		expect(run.error?.message).toMatch(/INSUFFICIENT_BALANCE/);
		const ids = sentIds();
		const [first, second, third] = [0, 1, 2].map((i) => `-0-${i}`);
		// Try 1 sends all three (the middle one is refused); try 2 only the refused one, same ID.
		expect(ids.filter((id) => id.endsWith(first))).toHaveLength(1);
		expect(ids.filter((id) => id.endsWith(third))).toHaveLength(1);
		const refused = ids.filter((id) => id.endsWith(second));
		expect(refused).toHaveLength(2);
		expect(refused[0]).toBe(refused[1]);
		expect(env.sim.control.transfers()).toHaveLength(2);
		const facts = JSON.stringify(run.error);
		expect(facts).toContain(ids.find((id) => id.endsWith(first)));
		expect(secretsIn(run, env.store)).toEqual([]);
	});

	test('a later try reports what an earlier try sent (sent_by_earlier_try) and sends only the rest', async () => {
		env.sim.control.setBalance('CI', 2500);
		// Between the tries the account is topped up: the refused transfer can go on the second.
		const topUp = setInterval(() => {
			if (sends().some((entry) => entry.code === 2005)) {
				env.sim.control.setBalance('CI', 1_000_000);
				clearInterval(topUp);
			}
		}, 5);
		const run = await runWorkflow(
			send({ options: { sendsInFlight: 1 } }),
			[receivers(1)[0], { ...receivers(1)[0], amount: 9000 }],
			{
				store: env.store,
				retryOnFail: true,
				maxTries: 2,
				waitBetweenTries: 300,
				executionId: 'retry-2026-b',
			},
		);
		clearInterval(topUp);
		expect(run.nodeRuns).toBe(2);
		expect(run.error).toBeUndefined();
		const [a, b] = sentIds().filter((id, index, all) => all.indexOf(id) === index);
		expect(sentIds()).toEqual([a, b, b]);
		expect(
			run.main.map((item) => [
				outcomeOf(item),
				item.json.client_transaction_id,
				item.json.sent_by_earlier_try,
			]),
		).toEqual([
			['sent', a, true],
			['sent', b, undefined],
		]);
		expect(run.main[0].json.transaction_id).toEqual(expect.any(String));
		expect(env.sim.control.transfers()).toHaveLength(2);
	});

	test('an unknown outcome stays unknown on later tries: never sent again', async () => {
		env.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const run = await runWorkflow(
			send({ options: { timeout: 5, sendsInFlight: 1 } }),
			[receivers(1)[0], receivers(1, 1100)[0]],
			{ store: env.store, retryOnFail: true, maxTries: 3, executionId: 'retry-2026-unknown' },
		);
		expect(run.nodeRuns).toBe(3);
		const [lost, sent] = sentIds();
		expect(sentIds()).toEqual([lost, sent]);
		expect(run.error?.message).toMatch(/Outcome unknown/);
		const description = String(run.error?.description);
		expect(description).toContain(lost);
		expect(description).toContain(sent);
		expect(description).toMatch(/dashboard/);
		expect(env.sim.control.transfersByMerchantId('CI', lost)).toHaveLength(1);
	});
});

describe('what the editor shows', () => {
	const names = (values: IDataObject) =>
		shownProperties({
			resource: 'transfer',
			operation: 'send',
			dataMode: 'defineBelow',
			...values,
		});
	const optionNames = (values: IDataObject) =>
		(names(values).find((p) => p.name === 'options')?.options ?? []).map((o) => o.name);

	test('options per platform: Sends In Flight only on 2026; Batch Size, Add Contact, Language only on v1', () => {
		expect(optionNames({ platform: '2026' })).toEqual([
			'checkDeadline',
			'maximumAmount',
			'reason',
			'sendsInFlight',
			'timeout',
		]);
		const v1 = optionNames({});
		for (const name of ['batchSize', 'addContact', 'lang', 'paymentMethod'])
			expect(v1).toContain(name);
		expect(v1).not.toContain('sendsInFlight');
	});

	test('on 2026 Payment Method is required (a list from the credential) and Notify URL optional; the v1 names are kept', () => {
		const on2026Shown = names({ platform: '2026' });
		const byName = (name: string) => on2026Shown.find((p) => p.name === name);
		expect(byName('paymentMethod')).toMatchObject({
			required: true,
			typeOptions: { loadOptionsMethod: 'getPaymentMethods2026' },
		});
		expect(byName('notifyUrl')?.required).toBeFalsy();
		for (const name of ['prefix', 'phone', 'amount', 'clientTransactionId'])
			expect(byName(name)).toBeDefined();
		expect(names({}).find((p) => p.name === 'notifyUrl')?.required).toBe(true);
		expect(names({}).find((p) => p.name === 'paymentMethod')).toBeUndefined();
	});
});

describe('the Payment Method list (loadOptions)', () => {
	const BRIEF_CODES = [
		'OM_CI',
		'MTN_CI',
		'WAVE_CI',
		'OM_SN',
		'FREE_SN',
		'WAVE_SN',
		'MTN_CM',
		'OM_CM',
		'MTN_BJ',
		'MOOV_BJ',
		'OM_BF',
		'MOOV_BF',
		'OM_ML',
		'MOOV_ML',
		'TMONEY_TG',
		'MOOV_TG',
		'AIRTEL_NE',
		'MOOV_NE',
		'MPESA_CD',
		'AIRTEL_CD',
		'OM_CD',
	];
	const listFor = async (credentials: IDataObject | Error) =>
		await getPaymentMethods2026.call({
			getCredentials: async () => {
				if (credentials instanceof Error) throw credentials;
				return credentials;
			},
		} as unknown as ILoadOptionsFunctions);
	const values = (options: INodePropertyOptions[]) => options.map((option) => option.value);

	test("the credential's country's codes only, and Custom…, in alphabetical order", async () => {
		const options = await listFor({ country: 'SN', apiKey: 'sk_test_x' });
		expect(values(options).sort()).toEqual(
			['EXPRESSO_SN', 'FREE_SN', 'OM_SN', 'WAVE_SN', 'custom'].sort(),
		);
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(names).toContain('Orange Money – Senegal (OM_SN)');
	});

	test("every known code while no credential is chosen: the spec's list, from the transport's facts", async () => {
		const all = values(await listFor(new Error('no credential')));
		expect(all).toEqual(expect.arrayContaining([...BRIEF_CODES, 'custom']));
		expect(PAYMENT_METHODS['2026'].map((method) => method.code).sort()).toEqual(
			Object.values(COUNTRIES_2026)
				.flatMap((country) => country.paymentMethods)
				.sort(),
		);
	});
});
