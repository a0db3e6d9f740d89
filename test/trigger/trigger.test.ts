/**
 * The trigger's webhook() branch by branch, with plain request objects and a mocked CinetPay
 * (httpRequestWithAuthentication): what it answers, whether it calls the API, what it starts.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import { NodeHelpers, sleep } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import { runWebhook, StaticDataDb, type TriggerSetup, type WebhookRequest } from '../helpers/webhookHarness';
import { API_TRANSFER, NOTIFICATION } from './helpers';

type Answer = { statusCode: number; body: string } | (() => Promise<never>);

/** A CinetPay that answers transfer lookups from a table, counting calls. */
function mockCinetPay(transfers: IDataObject[] | (() => Answer)) {
	const calls: IDataObject[] = [];
	const fn = async (_type: string, request: IDataObject) => {
		calls.push(request);
		if (typeof transfers === 'function') {
			const answer = transfers();
			return typeof answer === 'function' ? await answer() : answer;
		}
		const id = (request.qs as IDataObject).transaction_id;
		const found = transfers.filter((transfer) => transfer.transaction_id === id);
		const envelope = found.length
			? { code: 0, message: 'OPERATION_SUCCES', data: found }
			: { code: 723, message: 'NOT_FOUND', description: 'Not found', data: [] };
		return { statusCode: 200, body: JSON.stringify(envelope) };
	};
	return { calls, fn };
}

const credentials = {
	apiKey: DEMO_API_KEY,
	password: DEMO_PASSWORD,
	baseUrl: 'https://client.cinetpay.com',
	sessionToken: 'session-token-abc',
	sessionIssuedAt: Date.now() + 60 * 60 * 1000 - 60 * 60 * 1000,
};

let trigger: INodeType;
let db: StaticDataDb;
let cinetPay: ReturnType<typeof mockCinetPay>;
let workflowCounter = 0;
let workflowId: string;

beforeEach(() => {
	trigger = new CinetPayTransferTrigger();
	db = new StaticDataDb();
	cinetPay = mockCinetPay([API_TRANSFER]);
	// The process-wide memory is shared by every test of this file: one workflow per test.
	workflowId = `wf-unit-${++workflowCounter}`;
	credentials.sessionIssuedAt = Date.now();
});

function setup(parameters: IDataObject = {}): TriggerSetup {
	return { parameters, db, workflowId, credentials, httpRequestWithAuthentication: cinetPay.fn };
}

const post = (body: unknown, query: IDataObject = {}, rawBody?: Buffer): WebhookRequest => ({
	method: 'POST',
	body,
	query,
	rawBody,
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

/** The same notification posted `times` times, one after the other: the answers, and the starts. */
async function postedTimes(times: number, body: IDataObject) {
	const statuses: number[] = [];
	let starts = 0;
	for (let i = 0; i < times; i++) {
		const outcome = await runWebhook(trigger, setup(), post(body));
		statuses.push(outcome.status);
		if (outcome.started) starts++;
	}
	return { statuses, starts };
}

/** A promise that stays pending until the test calls `release`: holds CinetPay's answers. */
function heldGate(): { gate: Promise<void>; release: () => void } {
	let release: () => void = () => {};
	const gate = new Promise<void>((resolve) => (release = resolve));
	return { gate, release: () => release() };
}

describe('description', () => {
	const { description } = new CinetPayTransferTrigger();

	test('a webhook trigger without inputs, GET and POST on one path, answering when received', () => {
		expect(description).toMatchObject({ name: 'cinetPayTransferTrigger', version: [1, 2], defaultVersion: 2, inputs: [], group: ['trigger'] });
		expect(description.credentials).toEqual([
			{ name: 'cinetPayTransferApi', required: true, displayOptions: { show: { platform: ['v1'] } } },
			{ name: 'cinetPayApi', required: true, displayOptions: { show: { platform: ['2026'] } } },
		]);
		expect(description.webhooks?.map(({ httpMethod, path, responseMode }) => [httpMethod, path, responseMode])).toEqual([
			['GET', 'webhook', 'onReceived'],
			['POST', 'webhook', 'onReceived'],
		]);
		expect(description.usableAsTool).toBeUndefined();
	});

	test('tells where the URL goes, and what turning verification off gives up', () => {
		const notice = description.properties.find((property) => property.name === 'notifyUrlNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toMatch(/Production URL.*Notify URL.*CinetPay Transfer/);
		expect(notice?.displayName).toMatch(/Test URL/);
		const options = description.properties.find((property) => property.name === 'options')?.options as unknown as IDataObject[];
		const verify = options.find((option) => option.name === 'verify');
		expect(verify).toMatchObject({ type: 'boolean', default: true });
		expect(verify?.description).toMatch(/anyone who knows this URL can start it with any amount and status/);
		expect(options.find((option) => option.name === 'secret')).toMatchObject({
			typeOptions: { password: true },
			default: '',
		});
	});

	test('a warning shows while verification is off, and only then', () => {
		const warning = description.properties.find((property) => property.name === 'unverifiedNotice')!;
		expect(warning.displayName).toMatch(/anyone who knows this URL can start the workflow with any amount and status/);
		const shown = (values: IDataObject) => NodeHelpers.displayParameter(values as never, warning, null, description);
		expect([{}, { options: {} }, { options: { verify: true } }].map(shown)).toEqual([false, false, false]);
		expect(shown({ options: { verify: false } })).toBe(true);
	});

	test('statuses: all five, the final ones by default', () => {
		const statuses = description.properties.find((property) => property.name === 'statuses');
		expect(statuses?.type).toBe('multiOptions');
		expect((statuses?.options as unknown as IDataObject[]).map((option) => option.value)).toEqual(['NEW', 'NOS', 'REC', 'REJ', 'VAL']);
		expect(statuses?.default).toEqual(['VAL', 'REJ']);
	});

	test('lifecycle methods register nothing anywhere', async () => {
		const hooks = new CinetPayTransferTrigger().webhookMethods.default;
		const context = new Proxy({}, {
			get: (_target, name) => {
				throw new Error(`lifecycle method used this.${String(name)}`);
			},
		});
		expect(await hooks.checkExists.call(context as never)).toBe(true);
		expect(await hooks.create.call(context as never)).toBe(true);
		expect(await hooks.delete.call(context as never)).toBe(true);
	});
});

describe('secret', () => {
	const withSecret = () => setup({ options: { secret: 's3cret-value' } });

	test('missing → 401, wrong → 403, before anything else and without an API call', async () => {
		const missing = await runWebhook(trigger, withSecret(), post(NOTIFICATION));
		const wrong = await runWebhook(trigger, withSecret(), post(NOTIFICATION, { secret: 'guess' }));
		const repeated = await runWebhook(trigger, withSecret(), post(NOTIFICATION, { secret: ['s3cret-value', 'x'] }));
		const garbage = await runWebhook(trigger, withSecret(), post('garbage', { secret: 'guess' }));
		const ping = await runWebhook(trigger, withSecret(), { method: 'GET' });
		expect([missing, wrong, repeated, garbage, ping].map((outcome) => outcome.status)).toEqual([401, 403, 403, 403, 401]);
		for (const outcome of [missing, wrong, repeated, garbage, ping]) {
			expect(outcome.started).toBeUndefined();
			expect(JSON.stringify(outcome.body)).not.toContain('s3cret-value');
		}
		expect(cinetPay.calls).toHaveLength(0);
		expect(db.saves).toBe(0);
	});

	test('the right secret lets the notification through', async () => {
		const ping = await runWebhook(trigger, withSecret(), { method: 'GET', query: { secret: 's3cret-value' } });
		expect(ping.status).toBe(200);
		const outcome = await runWebhook(trigger, withSecret(), post(NOTIFICATION, { secret: 's3cret-value' }));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toHaveLength(1);
	});
});

describe('GET', () => {
	test("CinetPay's reachability ping gets 200, starts nothing, calls nothing", async () => {
		const outcome = await runWebhook(trigger, setup(), { method: 'GET' });
		expect(outcome).toMatchObject({ status: 200, started: undefined });
		expect(cinetPay.calls).toHaveLength(0);
	});
});

describe('unreadable bodies', () => {
	test.each<[string, number, unknown, Buffer | undefined]>([
		['garbage text', 400, 'not a notification', undefined],
		['garbage bytes without a Content-Type', 400, undefined, Buffer.from([0xff, 0xfe, 0x00, 0x41])],
		['no body', 400, undefined, undefined],
		['no transaction_id', 400, { amount: '2500', treatment_status: 'VAL' }, undefined],
		['a repeated amount', 400, { ...NOTIFICATION, amount: ['2500', '250000'] }, undefined],
		['too many fields', 413, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, 'x'])), undefined],
	])('%s → %i, no API call', async (_label, status, body, raw) => {
		const outcome = await runWebhook(trigger, setup(), post(body, {}, raw));
		expect(outcome.status).toBe(status);
		expect(outcome.body).toEqual({ message: expect.stringMatching(/^Not a CinetPay notification: /) });
		expect(outcome.started).toBeUndefined();
		expect(cinetPay.calls).toHaveLength(0);
	});
});

describe('verification (default)', () => {
	test("starts with the API's values, the raw notification beside them, and the idempotency key", async () => {
		cinetPay = mockCinetPay([{ ...API_TRANSFER, comment: 'From the API' }]);
		const outcome = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toHaveLength(1);
		expect(outcome.started![0]).toHaveLength(1);
		expect(outcome.started![0][0].json).toEqual({
			...API_TRANSFER,
			comment: 'From the API',
			verified: true,
			idempotency_key: 'EA180627.122753.M279245:VAL',
			notification: NOTIFICATION,
		});
		expect(cinetPay.calls).toHaveLength(1);
		expect(cinetPay.calls[0]).toMatchObject({
			method: 'GET',
			url: 'https://client.cinetpay.com/v1/transfer/check/money',
			qs: { transaction_id: API_TRANSFER.transaction_id },
		});
		// Nothing in static data: n8n 2.x would keep only its first write (docs/n8n-findings.md §1).
		expect(outcome.savedStaticData).toBe(false);
	});

	test('a form body n8n left unread (no Content-Type: version 2 parses only known types) is read through n8n\'s request and starts', async () => {
		const outcome = await runWebhook(trigger, setup(), {
			method: 'POST',
			headers: {},
			body: {},
			unreadBody: Buffer.from(new URLSearchParams(NOTIFICATION).toString()),
		});
		expect(outcome.rawBodyReads).toBe(1);
		expect(outcome.started?.[0][0].json).toMatchObject({ transaction_id: API_TRANSFER.transaction_id, verified: true });
	});

	test('a body n8n parsed is not read again', async () => {
		const outcome = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(outcome.rawBodyReads).toBe(0);
		expect(outcome.started).toHaveLength(1);
	});

	test('a JSON notification is read the same', async () => {
		const outcome = await runWebhook(trigger, setup(), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: { ...NOTIFICATION, amount: 2500 },
		});
		expect(outcome.started?.[0][0].json).toMatchObject({ transaction_id: API_TRANSFER.transaction_id, verified: true });
	});

	test.each<[string, IDataObject]>([
		['a changed amount', { amount: '2500000' }],
		['another client_transaction_id', { client_transaction_id: 'payout-999' }],
	])("%s: the API decides, and the item carries the API's values", async (_label, change) => {
		const outcome = await runWebhook(trigger, setup(), post({ ...NOTIFICATION, ...change }));
		expect(outcome.started?.[0][0].json).toMatchObject({ amount: '2500', client_transaction_id: 'payout-42', verified: true });
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('VAL claimed while the API says REJ, only VAL selected: 200, nothing starts', async () => {
		cinetPay = mockCinetPay([{ ...API_TRANSFER, treatment_status: 'REJ' }]);
		const outcome = await runWebhook(trigger, setup({ statuses: ['VAL'] }), post(NOTIFICATION));
		expect(outcome).toMatchObject({ status: 200, started: undefined });
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('an unknown transaction_id: looked up a few times, 503 (CinetPay may send again), nothing starts', async () => {
		cinetPay = mockCinetPay([]);
		const outcome = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(outcome).toMatchObject({ status: 503, started: undefined });
		// At 0, 0.25, 0.75, 1.75 and 3.75 s, within the 5 s Lookup Timeout.
		expect(cinetPay.calls).toHaveLength(5);
		expect(outcome.logs).toContainEqual({ level: 'warn', message: expect.stringMatching(/does not know this transaction_id/) });
		// The genuine notification still starts once CinetPay knows the transfer.
		cinetPay = mockCinetPay([API_TRANSFER]);
		await sleep(5_100);
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
	});

	test('a status that is not selected: 200, nothing starts, no API call', async () => {
		const outcome = await runWebhook(trigger, setup(), post({ ...NOTIFICATION, treatment_status: 'REC' }));
		expect(outcome).toMatchObject({ status: 200, started: undefined });
		expect(cinetPay.calls).toHaveLength(0);
	});

	test('a selected non-final status starts when the API agrees', async () => {
		cinetPay = mockCinetPay([{ ...API_TRANSFER, treatment_status: 'REC' }]);
		const outcome = await runWebhook(trigger, setup({ statuses: ['REC'] }), post({ ...NOTIFICATION, treatment_status: 'REC' }));
		expect(outcome.started?.[0][0].json).toMatchObject({ treatment_status: 'REC', idempotency_key: `${API_TRANSFER.transaction_id}:REC` });
	});

	test('CinetPay failing: 503, nothing starts, nothing is recorded, a later delivery can start', async () => {
		cinetPay = mockCinetPay(() => ({
			statusCode: 200,
			body: JSON.stringify({ code: '-1', message: 'OPERATION_ERROR', description: 'boom', data: [] }),
		}));
		const outcome = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(outcome).toMatchObject({ status: 503, started: undefined, savedStaticData: false });
		expect(outcome.logs).toContainEqual({ level: 'warn', message: expect.stringMatching(/could not be verified: OPERATION_ERROR/) });
		expect(JSON.stringify(outcome)).not.toContain(credentials.sessionToken);
		expect(JSON.stringify(outcome)).not.toContain(credentials.password);

		cinetPay = mockCinetPay([API_TRANSFER]);
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
	});

	test('CinetPay too slow: 503 once the lookup timeout is reached, not later', async () => {
		// CinetPay never answers; the HTTP client gives up at the request's timeout, as n8n's does.
		cinetPay = {
			calls: [],
			fn: async (_type: string, request: IDataObject) => {
				cinetPay.calls.push(request);
				await sleep(Number(request.timeout));
				throw Object.assign(new Error(`timeout of ${String(request.timeout)}ms exceeded`), { code: 'ECONNABORTED' });
			},
		};
		const started = Date.now();
		const outcome = await runWebhook(trigger, setup({ options: { timeout: 1 } }), post(NOTIFICATION));
		const elapsed = Date.now() - started;
		expect(outcome).toMatchObject({ status: 503, started: undefined, savedStaticData: false });
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(1500);
		expect(cinetPay.calls).toHaveLength(1);
	});
});

/** A transaction_id in CinetPay's format, made `agoMs` ago. */
let idCounter = 0;
function transactionIdAt(agoMs: number): string {
	const iso = new Date(Date.now() - agoMs).toISOString(); // 2026-11-29T18:05:07.123Z
	const date = iso.slice(2, 10).replace(/-/g, '');
	const time = iso.slice(11, 19).replace(/:/g, '');
	return `EA${date}.${time}.T${String(++idCounter).padStart(6, '0')}`;
}

/** A CinetPay whose answers come from `answer(callIndex)`, counting calls and calls in flight. */
function scriptedCinetPay(answer: (call: number) => IDataObject[] | Promise<IDataObject[]>) {
	const calls: IDataObject[] = [];
	let inFlight = 0;
	const stats = { maxInFlight: 0 };
	const fn = async (_type: string, request: IDataObject) => {
		calls.push(request);
		inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
		try {
			const found = await answer(calls.length - 1);
			const envelope = found.length
				? { code: 0, message: 'OPERATION_SUCCES', data: found }
				: { code: 723, message: 'NOT_FOUND', description: 'Not found', data: [] };
			return { statusCode: 200, body: JSON.stringify(envelope) };
		} finally {
			inFlight--;
		}
	};
	return { calls, fn, stats };
}

describe('the API behind the notification (reads that lag behind CinetPay\'s writes)', () => {
	test('VAL notified while the API still says REC: looks again, starts once the API says VAL', async () => {
		const script = scriptedCinetPay((call) => [{ ...API_TRANSFER, treatment_status: call < 2 ? 'REC' : 'VAL' }]);
		cinetPay = script;
		const outcome = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(outcome).toMatchObject({ status: 200 });
		expect(outcome.started?.[0][0].json).toMatchObject({ treatment_status: 'VAL', verified: true });
		expect(cinetPay.calls).toHaveLength(3);
	});

	test('still behind at the deadline: 503, nothing started or recorded, within the lookup timeout; the next delivery starts', async () => {
		cinetPay = mockCinetPay([{ ...API_TRANSFER, treatment_status: 'REC' }]);
		const startedAt = Date.now();
		const outcome = await runWebhook(trigger, setup({ options: { timeout: 1 } }), post(NOTIFICATION));
		const elapsed = Date.now() - startedAt;
		expect(outcome).toMatchObject({ status: 503, started: undefined, savedStaticData: false });
		expect(outcome.logs).toContainEqual({ level: 'warn', message: expect.stringMatching(/still says REC where the notification says VAL/) });
		expect(elapsed).toBeLessThan(1300);
		// A few looks within the deadline (at 0, 250 and 750 ms), not one per millisecond.
		expect(cinetPay.calls.length).toBeGreaterThanOrEqual(2);
		expect(cinetPay.calls.length).toBeLessThanOrEqual(3);

		cinetPay = mockCinetPay([API_TRANSFER]);
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
	});

	test('a transfer sent moments ago that the API does not know yet (723): looks again, then starts', async () => {
		const id = transactionIdAt(2000);
		const transfer = { ...API_TRANSFER, transaction_id: id };
		cinetPay = scriptedCinetPay((call) => (call === 0 ? [] : [transfer]));
		const outcome = await runWebhook(trigger, setup(), post({ ...NOTIFICATION, transaction_id: id }));
		expect(outcome.started?.[0][0].json).toMatchObject({ transaction_id: id, verified: true });
		expect(cinetPay.calls).toHaveLength(2);
	});

	test('a REC notified after the API reached VAL: the API decides, VAL starts once, one call', async () => {
		const outcome = await runWebhook(trigger, setup({ statuses: ['REC', 'VAL'] }), post({ ...NOTIFICATION, treatment_status: 'REC' }));
		expect(outcome.started?.[0][0].json).toMatchObject({ treatment_status: 'VAL' });
		expect((await runWebhook(trigger, setup({ statuses: ['REC', 'VAL'] }), post(NOTIFICATION))).started).toBeUndefined();
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('a notification is never judged by a lookup that began before it arrived', async () => {
		// CinetPay reads the transfer when the call reaches it, and answers later.
		let status = 'REC';
		const { gate, release } = heldGate();
		cinetPay = scriptedCinetPay(async () => {
			const seen = status;
			await gate;
			return [{ ...API_TRANSFER, treatment_status: seen }];
		});
		// A REC-claiming copy's lookup is in flight (REC selected, so it is looked up) …
		const statuses = ['REC', 'VAL'];
		const early = runWebhook(trigger, setup({ statuses }), post({ ...NOTIFICATION, treatment_status: 'REC' }));
		await sleep(20);
		expect(cinetPay.calls).toHaveLength(1);
		// … when the transfer becomes VAL and its notification arrives: it does not take that answer.
		status = 'VAL';
		const late = runWebhook(trigger, setup({ statuses }), post(NOTIFICATION));
		await sleep(20);
		release();
		const [earlyOutcome, lateOutcome] = await Promise.all([early, late]);
		expect(earlyOutcome.started?.[0][0].json).toMatchObject({ treatment_status: 'REC' });
		expect(lateOutcome.started?.[0][0].json).toMatchObject({ treatment_status: 'VAL' });
		// Its own call, at once: not a look again after a REC answer.
		expect(cinetPay.calls).toHaveLength(2);
	});
});

describe('forged notifications in bulk', () => {
	test('an unknown transaction_id: five lookups, then its copies cost none for a while; all answered 503', async () => {
		const forged = { ...NOTIFICATION, transaction_id: 'EA180101.000000.F000001' };
		expect(await postedTimes(5, forged)).toEqual({ statuses: [503, 503, 503, 503, 503], starts: 0 });
		expect(cinetPay.calls).toHaveLength(5);
	});

	test('60 forged IDs at once at one trigger: at most 2 lookups in flight, 16 waiting, the rest 503 with no call', async () => {
		const { gate, release } = heldGate();
		const script = scriptedCinetPay(async () => {
			await gate;
			return [];
		});
		cinetPay = script;
		const pending = Array.from({ length: 60 }, (_, i) =>
			runWebhook(trigger, setup({ options: { timeout: 1 } }), post({ ...NOTIFICATION, transaction_id: `EA170101.000000.B${String(i).padStart(6, '0')}` })),
		);
		await sleep(50);
		expect(script.stats.maxInFlight).toBe(2);
		expect(script.calls).toHaveLength(2);
		release();
		const outcomes = await Promise.all(pending);
		expect(script.stats.maxInFlight).toBe(2);
		expect(outcomes.every((outcome) => outcome.status === 503 && !outcome.started)).toBe(true);
		// Only the 18 that found a place were looked up.
		expect(new Set(script.calls.map((call) => (call.qs as IDataObject).transaction_id)).size).toBeLessThanOrEqual(18);

		// The flood over, a genuine notification starts at once.
		cinetPay = mockCinetPay([API_TRANSFER]);
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
	});
});

describe('de-duplication', () => {
	test('the same notification 5 times: one start, one API call', async () => {
		expect(await postedTimes(5, NOTIFICATION)).toEqual({ statuses: [200, 200, 200, 200, 200], starts: 1 });
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('5 at once: one start, one shared API call', async () => {
		const { gate, release } = heldGate();
		const slow = mockCinetPay([API_TRANSFER]);
		cinetPay = {
			calls: slow.calls,
			fn: async (...args: Parameters<typeof slow.fn>) => {
				await gate;
				return await slow.fn(...args);
			},
		};
		const pending = Array.from({ length: 5 }, async () => await runWebhook(trigger, setup(), post(NOTIFICATION)));
		await sleep(20);
		release();
		const outcomes = await Promise.all(pending);
		expect(outcomes.map((outcome) => outcome.status)).toEqual([200, 200, 200, 200, 200]);
		expect(outcomes.filter((outcome) => outcome.started)).toHaveLength(1);
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('a transfer started in a final status: its later notifications start nothing and cost no lookup', async () => {
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
		const rejected = await runWebhook(trigger, setup(), post({ ...NOTIFICATION, treatment_status: 'REJ' }));
		expect(rejected).toMatchObject({ status: 200, started: undefined });
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('another workflow, or the Test URL, keeps its own memory: the same notification starts there too', async () => {
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
		const elsewhere = await runWebhook(trigger, { ...setup(), workflowId: `${workflowId}-other` }, post(NOTIFICATION));
		const testUrl = await runWebhook(trigger, { ...setup(), mode: 'manual' }, post(NOTIFICATION));
		expect(elsewhere.started).toHaveLength(1);
		expect(testUrl.started).toHaveLength(1);
	});

	test('a restart of n8n forgets (README: Remove Duplicates after the trigger is the durable once)', async () => {
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
		let restarted: INodeType | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require('../../nodes/CinetPay/CinetPayTransferTrigger.node') as typeof import('../../nodes/CinetPay/CinetPayTransferTrigger.node');
			restarted = new module.CinetPayTransferTrigger();
		});
		const again = await runWebhook(restarted!, setup(), post(NOTIFICATION));
		expect(again.started).toHaveLength(1);
	});

	test('a key lost by a concurrent save is still known to the process', async () => {
		expect((await runWebhook(trigger, setup(), post(NOTIFICATION))).started).toHaveLength(1);
		db.json = '{}'; // another request's save, made from data loaded before this one's, won
		const again = await runWebhook(trigger, setup(), post(NOTIFICATION));
		expect(again.started).toBeUndefined();
	});
});

describe('verification off', () => {
	test("starts with the notification's own fields, marked unverified, without an API call, once", async () => {
		const unverified = () => setup({ options: { verify: false } });
		const first = await runWebhook(trigger, unverified(), post({ ...NOTIFICATION, amount: '999999' }));
		const second = await runWebhook(trigger, unverified(), post({ ...NOTIFICATION, amount: '999999' }));
		expect(first.started?.[0][0].json).toEqual({
			...NOTIFICATION,
			amount: '999999',
			verified: false,
			idempotency_key: 'EA180627.122753.M279245:VAL',
		});
		expect(second.started).toBeUndefined();
		expect(cinetPay.calls).toHaveLength(0);
	});

	test('still refuses unreadable bodies and unselected statuses', async () => {
		const unverified = () => setup({ options: { verify: false } });
		expect((await runWebhook(trigger, unverified(), post('junk'))).status).toBe(400);
		expect((await runWebhook(trigger, unverified(), post({ ...NOTIFICATION, treatment_status: 'NEW' }))).started).toBeUndefined();
	});
});
