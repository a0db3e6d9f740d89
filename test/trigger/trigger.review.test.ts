/**
 * The second review of the trigger (issue 21), item by item, through n8n-core's WebhookContext with
 * a mocked CinetPay v1: no true notification answered 200 and lost, one trigger's flood never
 * refuses another's, one trigger's memory never evicted by another's, every real sender's shape
 * accepted. Each test failed on 7ce042c. The 2026 items are in trigger.platform2026.test.ts.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import { runWebhook, StaticDataDb, type TriggerSetup, type WebhookRequest } from '../helpers/webhookHarness';
import { API_TRANSFER, NOTIFICATION } from './helpers';

/** A CinetPay v1 whose lookups answer from `answer(call, transaction_id)`, after `latencyMs`. */
function cinetPayV1(answer: (call: number, id: string) => IDataObject[], latencyMs = 0) {
	const calls: string[] = [];
	const fn = async (_type: string, request: IDataObject) => {
		const id = String((request.qs as IDataObject).transaction_id);
		calls.push(id);
		const found = answer(calls.length - 1, id);
		if (latencyMs > 0) await sleep(latencyMs);
		const envelope = found.length
			? { code: 0, message: 'OPERATION_SUCCES', data: found }
			: { code: 723, message: 'NOT_FOUND', description: 'Not found', data: [] };
		return { statusCode: 200, body: JSON.stringify(envelope) };
	};
	return { calls, fn };
}

const known = (transfers: IDataObject[]) => (_call: number, id: string) =>
	transfers.filter((transfer) => transfer.transaction_id === id);

const credentials = () => ({
	apiKey: DEMO_API_KEY,
	password: DEMO_PASSWORD,
	baseUrl: 'https://client.cinetpay.com',
	sessionToken: 'session-token-abc',
	sessionIssuedAt: Date.now(),
});

let trigger: INodeType;
let workflowCounter = 0;
beforeEach(() => {
	trigger = new CinetPayTransferTrigger();
});

/** A trigger in a workflow of its own (the process-wide memory outlives a test). */
function workflow(cinetPay: ReturnType<typeof cinetPayV1>, parameters: IDataObject = {}) {
	const setup: TriggerSetup = {
		parameters,
		db: new StaticDataDb(),
		workflowId: `wf-review-${++workflowCounter}`,
		credentials: credentials(),
		httpRequestWithAuthentication: cinetPay.fn,
	};
	return {
		setup,
		post: async (body: unknown, headers: IDataObject = { 'content-type': 'application/x-www-form-urlencoded' }) =>
			await runWebhook(trigger, setup, { method: 'POST', body, headers } as WebhookRequest),
	};
}

/** A v1 transaction_id stamped `agoMs` ago, as CinetPay makes them. */
let idCounter = 0;
function transactionIdAt(agoMs: number): string {
	const iso = new Date(Date.now() - agoMs).toISOString();
	return `EA${iso.slice(2, 10).replace(/-/g, '')}.${iso.slice(11, 19).replace(/:/g, '')}.R${String(++idCounter).padStart(6, '0')}`;
}

describe('2. the lookup bound is per trigger: a flood at one never refuses another', () => {
	test('25 forged posts at trigger A (API at 800 ms): a true notification at trigger B on the same credential starts', async () => {
		const cinetPay = cinetPayV1(known([API_TRANSFER]), 800);
		const a = workflow(cinetPay);
		const b = workflow(cinetPay, { options: { secret: 'b-secret' } });
		const flood = Array.from({ length: 25 }, (_, i) =>
			a.post({ ...NOTIFICATION, transaction_id: transactionIdAt(0).replace(/R\d+$/, `F${i}`) }),
		);
		await sleep(50);
		const genuine = await runWebhook(trigger, b.setup, {
			method: 'POST',
			query: { secret: 'b-secret' },
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: NOTIFICATION,
		});
		expect(genuine.status).toBe(200);
		expect(genuine.started).toHaveLength(1);
		const floodOutcomes = await Promise.all(flood);
		expect(floodOutcomes.every((outcome) => outcome.started === undefined)).toBe(true);
		// A's refusals are 503 (CinetPay may send again); none is a 200 that loses a notification.
		expect(new Set(floodOutcomes.map((outcome) => outcome.status))).toEqual(new Set([503]));
	});
});

describe('3. each trigger de-duplicates in its own memory', () => {
	test("10,001 posts to an unverified trigger elsewhere do not evict a verified trigger's keys: the replay starts nothing", async () => {
		const cinetPay = cinetPayV1(known([API_TRANSFER]));
		const verified = workflow(cinetPay);
		// n8n 2.41 keeps only the first static-data write of a production webhook (docs/n8n-findings.md
		// §1): each call of the verified trigger loads static data that never saw its keys.
		const call = async () => await runWebhook(trigger, { ...verified.setup, db: new StaticDataDb() }, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: NOTIFICATION,
		});
		expect((await call()).started).toHaveLength(1);
		const unverified = workflow(cinetPay, { options: { verify: false } });
		for (let i = 0; i < 10_001; i++) {
			await unverified.post({ ...NOTIFICATION, transaction_id: `FORGED-${i}` });
		}
		const replay = await call();
		expect(replay.status).toBe(200);
		expect(replay.started).toBeUndefined();
	});
});

describe('4. every shape a real sender may use is accepted, and the API decides', () => {
	test('multipart/form-data, as n8n parses it ({ data, files }): looked up and started', async () => {
		const cinetPay = cinetPayV1(known([API_TRANSFER]));
		const outcome = await workflow(cinetPay).post(
			{ data: { ...NOTIFICATION }, files: {} },
			{ 'content-type': 'multipart/form-data; boundary=----cinetpay' },
		);
		expect(outcome.status).toBe(200);
		expect(outcome.started?.[0][0].json).toMatchObject({ transaction_id: API_TRANSFER.transaction_id, verified: true });
	});

	test.each<[string, IDataObject]>([
		['a receiver written 00225…', { receiver: '002250700000001' }],
		['another lot', { lot: '1' }],
		['an amount written "2 500"', { amount: '2 500' }],
		['no amount', { amount: '' }],
		['a status outside NEW/REC/NOS/VAL/REJ', { treatment_status: 'SUCCES' }],
	])("%s: looked up, started with the API's values", async (_label, change) => {
		const cinetPay = cinetPayV1(known([API_TRANSFER]));
		const outcome = await workflow(cinetPay).post({ ...NOTIFICATION, ...change });
		expect(outcome.status).toBe(200);
		expect(outcome.started?.[0][0].json).toMatchObject({ amount: '2500', receiver: API_TRANSFER.receiver, treatment_status: 'VAL' });
		expect(cinetPay.calls).toHaveLength(1);
	});
});

describe('5. "unknown" is remembered only after repeated not-founds', () => {
	test('one transient 723 for an ID stamped an hour ago does not silence the transfer', async () => {
		const id = transactionIdAt(60 * 60 * 1000);
		const transfer = { ...API_TRANSFER, transaction_id: id };
		const cinetPay = cinetPayV1((call, asked) => (call === 0 ? [] : known([transfer])(call, asked)));
		const trigger1 = workflow(cinetPay);
		const first = await trigger1.post({ ...NOTIFICATION, transaction_id: id });
		const second = first.started ? first : await trigger1.post({ ...NOTIFICATION, transaction_id: id });
		expect(second.started).toHaveLength(1);
		expect(first.status === 503 || first.started !== undefined).toBe(true);
	});

	test('an ID stamped 5 minutes ahead (a host clock off) that CinetPay shows a moment later still starts', async () => {
		const id = transactionIdAt(-6 * 60 * 1000);
		const transfer = { ...API_TRANSFER, transaction_id: id };
		let visible = false;
		const cinetPay = cinetPayV1((call, asked) => (visible ? known([transfer])(call, asked) : []));
		const trigger1 = workflow(cinetPay, { options: { timeout: 1 } });
		const first = await trigger1.post({ ...NOTIFICATION, transaction_id: id });
		expect(first.status).toBe(503);
		visible = true;
		await sleep(50);
		const again = await trigger1.post({ ...NOTIFICATION, transaction_id: id });
		// Three not-founds silence the ID for a few seconds (503, no lookup); then it is asked again.
		const retried = again.started ? again : (await sleep(5_100), await trigger1.post({ ...NOTIFICATION, transaction_id: id }));
		expect(retried.started).toHaveLength(1);
	});
});

describe('6. REC and NOS are one stage', () => {
	test('a late REC while the API says NOS: 200 at once with the API deciding, not 503 until final', async () => {
		const cinetPay = cinetPayV1(known([{ ...API_TRANSFER, treatment_status: 'NOS' }]));
		const outcome = await workflow(cinetPay, { statuses: ['REC'], options: { timeout: 2 } }).post({ ...NOTIFICATION, treatment_status: 'REC' });
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBeUndefined();
		expect(cinetPay.calls).toHaveLength(1);
	});

	test('selected, the API’s NOS starts', async () => {
		const cinetPay = cinetPayV1(known([{ ...API_TRANSFER, treatment_status: 'NOS' }]));
		const outcome = await workflow(cinetPay, { statuses: ['REC', 'NOS'], options: { timeout: 2 } }).post({ ...NOTIFICATION, treatment_status: 'REC' });
		expect(outcome.started?.[0][0].json).toMatchObject({ treatment_status: 'NOS', idempotency_key: `${API_TRANSFER.transaction_id}:NOS` });
	});
});
