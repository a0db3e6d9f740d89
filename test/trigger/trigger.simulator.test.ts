/**
 * The trigger behind a loopback "n8n" (webhookHarness), receiving the simulator's real
 * notifications: form-encoded POSTs and GET pings to the notify_url of real sends.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { callCinetPay, findTransfers } from '../../nodes/CinetPay/transport/v1';
import { resultItems } from '../../nodes/CinetPay/transport/v1/envelope';
import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator, TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { credentialStore, executeContext, type CredentialStore } from '../helpers/n8nCore';
import { runNode } from '../helpers/runNode';
import { StaticDataDb, startWebhookServer, type TriggerSetup, type WebhookServer } from '../helpers/webhookHarness';

const { succeeds: OK, rejected: REJECTED, pending: PENDING } = TEST_NUMBERS.CI;
/** The simulator never contacts a host that is not loopback: a send whose notifications go nowhere. */
const NOWHERE = 'https://example.com/cinetpay-notify';
const CHECK = '/v1/transfer/check/money';

let sim: RunningSimulator;
let store: CredentialStore;
let server: WebhookServer | undefined;
let workflowCounter = 0;

beforeAll(async () => {
	sim = await startSimulator({ variants: { autoConfirm: true, stepMs: 0 } });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(async () => {
	sim.control.reset();
	store = credentialStore({ apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl: sim.baseUrl });
	await callCinetPay.call(api(), {
		endpoint: 'addContacts',
		data: [OK, REJECTED, PENDING].map(({ prefix, phone }, i) => ({
			prefix,
			phone,
			name: 'Kone',
			surname: `Receiver ${i}`,
			email: `receiver${i}@example.com`,
		})),
	});
});
afterEach(async () => {
	await server?.close();
	server = undefined;
});

const api = () => executeContext({ parameters: {}, store });

async function listen(parameters: IDataObject = {}, extra: Partial<TriggerSetup> = {}): Promise<WebhookServer> {
	// The process-wide memory outlives a test: one workflow per test, as in separate n8n workflows.
	server = await startWebhookServer(new CinetPayTransferTrigger(), {
		store,
		parameters,
		workflowId: `wf-sim-${++workflowCounter}`,
		...extra,
	});
	return server;
}

/** Sends through the shared transport; returns the transaction_ids in order. */
async function send(transfers: Array<{ prefix: string; phone: string; amount: number; notify_url: string }>) {
	const envelope = await callCinetPay.call(api(), { endpoint: 'sendMoney', data: transfers });
	const ids = resultItems(envelope.data).map((item) => String(item.transaction_id));
	expect(ids).toHaveLength(transfers.length);
	return ids;
}

/** Moves a transfer through its life cycle to its end, then lets every notification land. */
async function settle(...ids: string[]) {
	for (let step = 0; step < 3; step++) for (const id of ids) sim.control.advance(id);
	await sim.control.waitForIdle();
}

/** Pays 2,500 to the number that succeeds, notifications to `notifyUrl`, and settles it: its ID. */
async function paidAndSettled(notifyUrl: string): Promise<string> {
	const [id] = await send([{ prefix: OK.prefix, phone: OK.phone, amount: 2500, notify_url: notifyUrl }]);
	await settle(id);
	return id;
}

/** How the trigger answered each delivery of the VAL notification (HTTP statuses). */
const answersToVal = () =>
	sim.control
		.notifications()
		.filter((entry) => entry.fields?.treatment_status === 'VAL')
		.map((entry) => entry.status);

const checks = () => sim.control.requests().filter((entry) => entry.path === CHECK).length;

async function postForm(url: string, fields: Record<string, string>) {
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
}

/** What CinetPay would post for a transfer in its current state (the simulator's own fields). */
function genuineFields(id: string): Record<string, string> {
	return sim.control.notificationFields(id);
}

describe('real notifications from the simulator', () => {
	test("a send pointed at the trigger: one start per selected final status, with the API's data", async () => {
		const { url, starts, outcomes } = await listen();
		const [delivered, rejected, pending] = await send([
			{ prefix: OK.prefix, phone: OK.phone, amount: 2500, notify_url: url },
			{ prefix: REJECTED.prefix, phone: REJECTED.phone, amount: 3000, notify_url: url },
			{ prefix: PENDING.prefix, phone: PENDING.phone, amount: 3500, notify_url: url },
		]);
		await settle(delivered, rejected, pending);

		const log = sim.control.notifications();
		expect(log.filter((entry) => entry.method === 'GET').map((entry) => entry.status)).toEqual([200]);
		const posts = log.filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => `${entry.transactionId}:${entry.fields?.treatment_status}`).sort()).toEqual(
			[`${delivered}:NEW`, `${delivered}:REC`, `${delivered}:VAL`, `${rejected}:NEW`, `${rejected}:REC`, `${rejected}:REJ`, `${pending}:NEW`, `${pending}:REC`].sort(),
		);
		expect(posts.every((entry) => entry.status === 200)).toBe(true);

		// NEW and REC are not selected: only the two final notifications cost an API call.
		expect(checks()).toBe(2);
		expect(outcomes).toHaveLength(9);
		expect(starts.map((json) => json.idempotency_key).sort()).toEqual([`${delivered}:VAL`, `${rejected}:REJ`].sort());

		const [api1] = await findTransfers.call(api(), 'transaction_id', delivered);
		const [api2] = await findTransfers.call(api(), 'transaction_id', rejected);
		const byKey = Object.fromEntries(starts.map((json) => [json.idempotency_key, json]));
		for (const [transfer, status] of [[api1, 'VAL'], [api2, 'REJ']] as const) {
			const json = byKey[`${transfer.transaction_id}:${status}`] as IDataObject;
			expect(json).toMatchObject({ ...transfer, verified: true });
			expect(json.notification).toMatchObject({ transaction_id: transfer.transaction_id, treatment_status: status });
		}
		// The API's values, not the notification's: the simulator's comment is French in notifications
		// and English in the API (lang=en).
		const deliveredJson = byKey[`${delivered}:VAL`] as IDataObject;
		expect(deliveredJson.comment).toBe(api1.comment);
		expect((deliveredJson.notification as IDataObject).comment).not.toBe(api1.comment);
		expect(deliveredJson.receiver_e164).toBe(OK.e164);
	});

	test('the CinetPay Transfer node sending with the trigger as Notify URL', async () => {
		const { url, starts } = await listen();
		const output = await runNode(
			{
				resource: 'transfer',
				operation: 'send',
				dataMode: 'autoMapInputData',
				notifyUrl: url,
				options: {},
			},
			[{ prefix: OK.prefix, phone: OK.phone, amount: 4000, client_transaction_id: 'trigger-e2e-1' }],
			{ store },
		);
		const id = String(output[0].json.transaction_id);
		await settle(id);
		expect(starts).toHaveLength(1);
		expect(starts[0]).toMatchObject({
			transaction_id: id,
			client_transaction_id: 'trigger-e2e-1',
			amount: '4000',
			treatment_status: 'VAL',
			verified: true,
			idempotency_key: `${id}:VAL`,
		});
	});

	test('the same notification 5 times: one start, one API call', async () => {
		sim.control.setVariants({ notifyRepeat: 5 });
		const { url, starts } = await listen();
		await paidAndSettled(url);
		expect(answersToVal()).toEqual([200, 200, 200, 200, 200]);
		expect(starts).toHaveLength(1);
		expect(checks()).toBe(1);
	});

	test('a restart of n8n forgets what was started (README: Remove Duplicates after the trigger)', async () => {
		const db = new StaticDataDb();
		const first = await listen({}, { db, workflowId: 'wf-restart' });
		const id = await paidAndSettled(NOWHERE);
		expect((await postForm(first.url, genuineFields(id))).status).toBe(200);
		expect(first.starts).toHaveLength(1);
		await first.close();

		let restarted: INodeType | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require('../../nodes/CinetPay/CinetPayTransferTrigger.node') as typeof import('../../nodes/CinetPay/CinetPayTransferTrigger.node');
			restarted = new module.CinetPayTransferTrigger();
		});
		const before = checks();
		server = await startWebhookServer(restarted!, { store, db, workflowId: 'wf-restart' });
		expect((await postForm(server.url, genuineFields(id))).status).toBe(200);
		expect(server.starts).toHaveLength(1);
		expect(checks()).toBe(before + 1);
	});
});

describe('reads that lag behind the notifications (simulator readLagMs)', () => {
	test('a true VAL notification the API shows 1.5 s later: looked at again, started once, answered 200', async () => {
		sim.control.setVariants({ readLagMs: 1500 });
		const { url, starts } = await listen();
		const id = await paidAndSettled(url);
		expect(answersToVal()).toEqual([200]);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
		expect(checks()).toBeGreaterThanOrEqual(2);
	});

	test('a VAL notification out of order (newest first, the API 1.5 s behind): started once; the stale REC and NEW after it start nothing', async () => {
		sim.control.setVariants({ readLagMs: 1500, notifications: 'newestFirst', notifyDelayMs: 100 });
		const { url, starts, outcomes } = await listen({ statuses: ['REC', 'VAL'] });
		const [id] = await send([{ prefix: OK.prefix, phone: OK.phone, amount: 2500, notify_url: url }]);
		sim.control.advance(id);
		sim.control.advance(id);
		await sim.control.waitForIdle(15_000);
		const posts = sim.control.notifications().filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => entry.fields?.treatment_status)).toEqual(['VAL', 'REC', 'NEW']);
		expect(posts.map((entry) => entry.status)).toEqual([200, 200, 200]);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
		expect(outcomes.filter((outcome) => outcome.started)).toHaveLength(1);
	});
});

describe('forged and broken notifications', () => {
	test("unknown id: 503; REJ claimed while the API says VAL, or a changed amount: the API decides, VAL starts once with the API's amount", async () => {
		const { url, starts } = await listen({ options: { timeout: 1 } });
		const [delivered] = await send([{ prefix: OK.prefix, phone: OK.phone, amount: 2500, notify_url: NOWHERE }]);
		await settle(delivered);
		expect(sim.control.transfer(delivered)?.treatmentStatus).toBe('VAL');

		expect((await postForm(url, { ...genuineFields(delivered), transaction_id: 'EA991231.235959.X999999' })).status).toBe(503);
		expect(starts).toHaveLength(0);
		for (const fields of [{ ...genuineFields(delivered), treatment_status: 'REJ' }, { ...genuineFields(delivered), amount: '1250000' }]) {
			expect((await postForm(url, fields)).status).toBe(200);
		}
		expect(starts.map((json) => [json.idempotency_key, json.amount])).toEqual([[`${delivered}:VAL`, '2500']]);
	});

	test('missing fields and garbage bodies: refused before any API call', async () => {
		const { url, starts } = await listen();
		const id = await paidAndSettled(NOWHERE);
		const withoutId = genuineFields(id);
		delete withoutId.transaction_id;
		const requests: Array<[string, RequestInit, number]> = [
			['without transaction_id', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(withoutId).toString() }, 400],
			['garbage as a form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '%%%garbage' }, 400],
			['garbage as text', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 400],
			['bytes without a type', { method: 'POST', body: new Uint8Array([0, 159, 146, 150]) }, 400],
			['empty', { method: 'POST' }, 400],
			// n8n itself answers 422 before the node runs when a JSON body does not parse.
			['broken JSON', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"transaction_id":' }, 422],
		];
		for (const [label, init, status] of requests) {
			const response = await fetch(url, init);
			expect([label, response.status]).toEqual([label, status]);
		}
		expect(starts).toHaveLength(0);
		expect(checks()).toBe(0);
	});

	test('a JSON notification is tolerated', async () => {
		const { url, starts } = await listen();
		const id = await paidAndSettled(NOWHERE);
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...genuineFields(id), amount: 2500 }),
		});
		expect(response.status).toBe(200);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
	});
});

describe('GET and the secret', () => {
	test('GET → 200, nothing starts, no API call', async () => {
		const { url, starts } = await listen();
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(starts).toHaveLength(0);
		expect(sim.control.requests().filter((entry) => entry.path !== '/v1/transfer/contact' && entry.path !== '/v1/auth/login')).toHaveLength(0);
	});

	test('with a secret: the notify URL carrying it works; a missing or wrong one is refused without an API call', async () => {
		const { url, starts } = await listen({ options: { secret: 'Vt9kQ2xLm7' } });
		const id = await paidAndSettled(`${url}?secret=Vt9kQ2xLm7`);
		expect(sim.control.notifications().every((entry) => entry.status === 200)).toBe(true);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);

		sim.control.clearRequests();
		const replay = genuineFields(id);
		expect((await postForm(url, replay)).status).toBe(401);
		expect((await postForm(`${url}?secret=guess`, replay)).status).toBe(403);
		expect((await postForm(`${url}?secret=Vt9kQ2xLm7&secret=guess`, replay)).status).toBe(403);
		expect((await fetch(url)).status).toBe(401);
		expect((await fetch(`${url}?secret=Vt9kQ2xLm7`)).status).toBe(200);
		expect(sim.control.requests()).toHaveLength(0);
		expect(starts).toHaveLength(1);
	});
});
