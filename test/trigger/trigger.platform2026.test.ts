/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only test, never published: made-up tokens and a wrong password */
/**
 * The trigger on the 2026 platform, in n8n-core's WebhookContext behind a loopback "n8n"
 * (webhookHarness), receiving the 2026 simulator's real JSON notifications (no status) about real
 * sends: each is looked up with the 2026 credential before anything starts, and the API decides.
 * Forged, unverifiable, repeated and other-platform notifications start nothing; a read that lags
 * is answered 503, never 200 and lost.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers, sleep } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { SIMPLIFIED_FIELDS_2026 } from '../../nodes/CinetPay/trigger/output2026';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import { capturedLogLines, credentialStore, type CredentialStore } from '../helpers/n8nCore';
import { findSecrets } from '../helpers/secrets';
import {
	runWebhook,
	StaticDataDb,
	startWebhookServer,
	type TriggerSetup,
	type WebhookServer,
} from '../helpers/webhookHarness';

const [CI, SN] = DEMO_ACCOUNTS_2026;
const { succeeds: OK, fails: FAILS, pending: PENDING } = TEST_NUMBERS_2026.CI;
const TRANSFER_PATH = '/v1/transfer/';

let sim: RunningSimulator2026;
let store: CredentialStore;
let server: WebhookServer | undefined;
let workflowCounter = 0;
let nextId = 0;

const accountData = (account: typeof CI) => ({
	apiKey: account.apiKey,
	password: account.apiPassword,
	country: account.country,
	environment: 'auto',
	baseUrl: sim.baseUrl,
	sessionExpiresAt: 0,
	sessionAccount: '',
});

beforeAll(async () => {
	sim = await startSimulator2026();
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.control.reset();
	sim.control.setVariants({ notifications: 'final', notificationSignature: 'none' });
	store = credentialStore(accountData(CI));
});
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function listen(
	parameters: IDataObject = {},
	extra: Partial<TriggerSetup> = {},
): Promise<WebhookServer> {
	// The process-wide memory outlives a test: one workflow per test, as in separate n8n workflows.
	server = await startWebhookServer(new CinetPayTransferTrigger(), {
		store,
		parameters: { platform: '2026', ...parameters },
		workflowId: `wf-2026-${++workflowCounter}`,
		...extra,
	});
	return server;
}

/** One send, straight to the simulator (the trigger is under test, not Send); its IDs. */
async function send(
	phone: string,
	over: IDataObject = {},
	account = CI,
): Promise<{ id: string; merchantId: string }> {
	const call = async (path: string, body: IDataObject, token?: string) => {
		const response = await fetch(`${sim.baseUrl}${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {}),
			},
			body: JSON.stringify(body),
		});
		return (await response.json()) as IDataObject;
	};
	const login = await call('/v1/oauth/login', {
		api_key: account.apiKey,
		api_password: account.apiPassword,
	});
	const merchantId = `T26-${Date.now().toString(36)}-${++nextId}`;
	const answer = await call(
		'/v1/transfer',
		{
			currency: 'XOF',
			payment_method: account === SN ? 'OM_SN' : 'OM_CI',
			merchant_transaction_id: merchantId,
			amount: 1000,
			phone_number: phone,
			reason: 'trigger test',
			...over,
		},
		String(login.access_token),
	);
	expect(answer).toMatchObject({ code: 2001, merchant_transaction_id: merchantId });
	return { id: String(answer.transaction_id), merchantId };
}

/** Moves a transfer to its end (INITIATED → PENDING → final), then lets notifications land. */
async function settle(...ids: string[]) {
	for (let step = 0; step < 2; step++) for (const id of ids) sim.control.advance(id);
	await sim.control.waitForIdle();
}

const lookups = (id?: string) =>
	sim.control
		.requests()
		.filter(
			(entry) =>
				entry.method === 'GET' &&
				entry.path.startsWith(TRANSFER_PATH) &&
				(id === undefined || entry.path === `${TRANSFER_PATH}${id}`),
		);

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return {
		status: response.status,
		body: (await response.json().catch(() => null)) as IDataObject,
	};
}

/** What CinetPay would post about a transfer: the simulator's own notification body. */
function notificationBody(id: string, merchantId: string): IDataObject {
	return {
		notify_token: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
		merchant_transaction_id: merchantId,
		transaction_id: id,
		user: { name: 'Simulator merchant CI', email: 'merchant-ci@simulator.invalid' },
	};
}

describe('real notifications from the 2026 simulator', () => {
	test.each([
		['without a signature header', 'none'],
		['with the guessed HMAC header', 'hmacSha256'],
	] as const)(
		'%s: looked up first, then started once with the looked-up status',
		async (_, signature) => {
			sim.control.setVariants({ notificationSignature: signature });
			const { url, starts, outcomes } = await listen();
			const delivered = await send(OK.phone, { notify_url: url });
			const failed = await send(FAILS.phone, { notify_url: url, amount: 2000 });
			await settle(delivered.id, failed.id);

			const log = sim.control.notifications();
			expect(log.map((entry) => [entry.transactionId, entry.status])).toEqual([
				[delivered.id, 200],
				[failed.id, 200],
			]);
			expect(log.every((entry) => !('status' in entry.body))).toBe(true);
			expect(log.every((e) => 'x-cinetpay-signature' in e.headers === (signature !== 'none'))).toBe(
				true,
			);
			expect(outcomes.map((outcome) => outcome.status)).toEqual([200, 200]);
			// Each start came after a lookup of its own transfer, answered 200 by CinetPay.
			expect(lookups(delivered.id).map((entry) => entry.httpStatus)).toEqual([200]);
			expect(lookups(failed.id).map((entry) => entry.httpStatus)).toEqual([200]);

			expect(starts).toHaveLength(2);
			const [paid, refused] = starts;
			expect(paid).toMatchObject({
				transaction_id: delivered.id,
				client_transaction_id: delivered.merchantId,
				merchant_transaction_id: delivered.merchantId,
				treatment_status: 'VAL',
				status: 'VAL',
				final: true,
				cinetpay_code: '100',
				cinetpay_status: 'SUCCESS',
				amount: 1000,
				currency: 'XOF',
				fee: 10,
				operator: 'OM_CI',
				payment_method: 'OM_CI',
				receiver_e164: OK.phone,
				phone_number: OK.phone,
				platform: '2026',
				verified: true,
				idempotency_key: `${delivered.id}:VAL`,
			});
			expect(refused).toMatchObject({
				transaction_id: failed.id,
				treatment_status: 'REJ',
				cinetpay_code: '2010',
				cinetpay_status: 'FAILED',
				amount: 2000,
				fee: 20,
				idempotency_key: `${failed.id}:REJ`,
			});
			// v1's fields the 2026 platform has no value for are there, null: one shape on both.
			expect(paid).toMatchObject({ lot: null, comment: null, validated_at: null });
			// The notification is kept beside the API's values, without its token.
			expect(paid.notification).toEqual({
				merchant_transaction_id: delivered.merchantId,
				transaction_id: delivered.id,
				user: expect.objectContaining({ name: 'Simulator merchant CI' }),
			});
		},
	);

	test('a notification for every change: only the selected statuses start, once per transfer', async () => {
		sim.control.setVariants({ notifications: 'everyChange' });
		const { url, starts } = await listen();
		const { id } = await send(OK.phone, { notify_url: url });
		await settle(id);
		expect(sim.control.notifications().map((entry) => entry.status)).toEqual([200, 200, 200]);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
	});

	test('Simplify: the handful of fields, the 2026 money fields among them', async () => {
		const { url, starts } = await listen({ simplify: true });
		const { id, merchantId } = await send(OK.phone, { notify_url: url });
		await settle(id);
		expect(starts).toHaveLength(1);
		expect(Object.keys(starts[0])).toEqual([...SIMPLIFIED_FIELDS_2026]);
		expect(starts[0]).toMatchObject({
			transaction_id: id,
			client_transaction_id: merchantId,
			treatment_status: 'VAL',
			currency: 'XOF',
			fee: 10,
			verified: true,
		});
	});

	test('not final while only final statuses are selected: 503 (CinetPay sends again), nothing starts; selected, it starts', async () => {
		const { id, merchantId } = await send(PENDING.phone);
		sim.control.advance(id);
		const finalsOnly = await listen({ options: { timeout: 1 } });
		expect((await postJson(finalsOnly.url, notificationBody(id, merchantId))).status).toBe(503);
		expect(finalsOnly.starts).toHaveLength(0);
		await finalsOnly.close();

		const pendingToo = await listen({ statuses: ['REC', 'VAL', 'REJ'] });
		expect((await postJson(pendingToo.url, notificationBody(id, merchantId))).status).toBe(200);
		expect(pendingToo.starts.map((json) => [json.treatment_status, json.cinetpay_status])).toEqual([
			['REC', 'PENDING'],
		]);
	});
});

describe('forged notifications start nothing', () => {
	test('Verify With CinetPay left off from v1 changes nothing on 2026: still looked up, forged starts nothing', async () => {
		const { url, starts } = await listen({ options: { verify: false } });
		const forged = notificationBody('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'T26-forged-2');
		expect((await postJson(url, forged)).status).toBe(503);
		expect(starts).toHaveLength(0);
		expect(lookups().map((entry) => entry.httpStatus)).toEqual([404, 404, 404, 404, 404]);
	});
	test('an unknown transaction_id: five lookups (404) within the deadline, 503 (never 200: it may be a read lagging); copies within seconds cost none', async () => {
		const { url, starts, outcomes } = await listen();
		const forged = notificationBody('6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', 'T26-forged-1');
		expect((await postJson(url, forged)).status).toBe(503);
		expect((await postJson(url, forged)).status).toBe(503);
		expect(starts).toHaveLength(0);
		expect(lookups().map((entry) => entry.httpStatus)).toEqual([404, 404, 404, 404, 404]);
		expect(outcomes[0].logs.map((entry) => entry.message)).toContainEqual(
			expect.stringMatching(/could not be verified: CinetPay does not know this transaction_id yet/),
		);
	});

	test("a real transaction_id with another merchant ID: the API decides, the item carries the API's", async () => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const { url, starts } = await listen();
		expect((await postJson(url, notificationBody(id, 'T26-not-mine'))).status).toBe(200);
		expect(starts.map((json) => json.merchant_transaction_id)).toEqual([merchantId]);
		expect(lookups(id)).toHaveLength(1);
	});

	test("another country's transfer (HTTP 422): nothing starts, and the log says which credential to use", async () => {
		const { id, merchantId } = await send(TEST_NUMBERS_2026.SN.succeeds.phone, {}, SN);
		await settle(id);
		const { url, starts, outcomes } = await listen();
		expect((await postJson(url, notificationBody(id, merchantId))).status).toBe(200);
		expect(starts).toHaveLength(0);
		expect(lookups(id).map((entry) => entry.httpStatus)).toEqual([422]);
		expect(outcomes[0].logs.map((entry) => entry.message)).toContainEqual(
			expect.stringMatching(/another country's account.*its credential/),
		);
	});
});

describe('a lookup that fails: 503, nothing recorded, a later delivery starts', () => {
	test('CinetPay answers 5xx (no retry inside the deadline), then recovers', async () => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const { url, starts } = await listen();
		sim.control.injectFaults({ http5xxNext: 1 });
		const refused = await postJson(url, notificationBody(id, merchantId));
		expect(refused).toEqual({
			status: 503,
			body: { message: 'Could not check the notification with CinetPay' },
		});
		expect(starts).toHaveLength(0);

		expect((await postJson(url, notificationBody(id, merchantId))).status).toBe(200);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
	});

	test('CinetPay too slow for the Lookup Timeout: 503 in about that time', async () => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const { url, starts } = await listen({ options: { timeout: 1 } });
		sim.control.injectFaults({ slowNextMs: { ms: 3000, count: 1 } });
		const began = Date.now();
		const answer = await postJson(url, notificationBody(id, merchantId));
		expect(answer.status).toBe(503);
		expect(Date.now() - began).toBeLessThan(2500);
		expect(starts).toHaveLength(0);
	});

	test('a refused login (wrong password): 503, and no secret in the answer or the logs', async () => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const wrongPassword = 'wrong-password-1f2e3d';
		store = credentialStore({ ...accountData(CI), password: wrongPassword });
		const { url, starts, outcomes } = await listen();
		const linesBefore = capturedLogLines.length;
		const answer = await postJson(url, notificationBody(id, merchantId));
		expect(answer.status).toBe(503);
		expect(starts).toHaveLength(0);
		const seen = [answer, outcomes, capturedLogLines.slice(linesBefore)];
		expect(findSecrets(seen, [wrongPassword, CI.apiKey])).toEqual([]);
	});
});

describe('duplicates: one start per transfer and status', () => {
	test('the same notification again, or three at once: one start; after a final start no more lookups', async () => {
		const { url, starts } = await listen();
		const { id, merchantId } = await send(OK.phone, { notify_url: url });
		await settle(id);
		expect(starts).toHaveLength(1);
		const lookupsAfterStart = lookups(id).length;

		const answers = await Promise.all(
			[1, 2, 3].map(() => postJson(url, notificationBody(id, merchantId))),
		);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		expect(starts).toHaveLength(1);
		expect(lookups(id)).toHaveLength(lookupsAfterStart);
	});

	test('copies arriving together before any start: one start', async () => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const { url, starts } = await listen();
		const answers = await Promise.all(
			[1, 2, 3, 4].map(() => postJson(url, notificationBody(id, merchantId))),
		);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
	});

	test('after a restart of n8n the trigger has forgotten (README: Remove Duplicates after it)', async () => {
		const db = new StaticDataDb();
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const first = await listen({}, { db, workflowId: 'wf-2026-restart' });
		expect((await postJson(first.url, notificationBody(id, merchantId))).status).toBe(200);
		expect(first.starts).toHaveLength(1);
		await first.close();

		let restarted: INodeType | undefined;
		jest.isolateModules(() => {
			type TriggerModule = typeof import('../../nodes/CinetPay/CinetPayTransferTrigger.node');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require('../../nodes/CinetPay/CinetPayTransferTrigger.node') as TriggerModule;
			restarted = new module.CinetPayTransferTrigger();
		});
		const before = lookups(id).length;
		server = await startWebhookServer(restarted!, {
			store,
			db,
			parameters: { platform: '2026' },
			workflowId: 'wf-2026-restart',
		});
		expect((await postJson(server.url, notificationBody(id, merchantId))).status).toBe(200);
		expect(server.starts).toHaveLength(1);
		expect(lookups(id)).toHaveLength(before + 1);
	});
});

describe("the other platform's notifications and bodies that are none: a clear 400", () => {
	const V1_FIELDS = {
		transaction_id: 'EA180627.122753.M279245',
		client_transaction_id: 'payout-42',
		amount: '2500',
		treatment_status: 'VAL',
	};

	test('a v1 notification at a 2026 trigger, as form fields or JSON', async () => {
		const { url, starts } = await listen();
		const form = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(V1_FIELDS).toString(),
		});
		expect(form.status).toBe(400);
		expect(((await form.json()) as IDataObject).message).toMatch(
			/Transfer API V1 \(client.cinetpay.com\) notification.*Platform is 2026 Platform/,
		);
		expect((await postJson(url, V1_FIELDS)).status).toBe(400);
		expect(starts).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});

	test('a 2026 notification at a v1 trigger', async () => {
		const { id, merchantId } = await send(OK.phone);
		const { url, starts } = await listen({ platform: 'v1' });
		const answer = await postJson(url, notificationBody(id, merchantId));
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(
			/2026 Platform \(api.cinetpay.co\) notification.*Platform is Transfer API V1/,
		);
		expect(starts).toHaveLength(0);
	});

	test.each([
		[
			'no transaction_id',
			{ merchant_transaction_id: 'T26-1', notify_token: 'x' },
			/transaction_id/,
		],
		[
			'a transaction_id with spaces in it',
			{ transaction_id: '6f1d2c3b 4a5e', merchant_transaction_id: 'T26-1' },
			/transaction_id/,
		],
		['a JSON list', [1, 2], /JSON object/],
		['broken JSON as text', '{"transaction_id": ', /not valid JSON/],
	])('%s', async (_, body, message) => {
		const { url, starts } = await listen();
		const answer =
			typeof body === 'string'
				? await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'text/plain' },
						body,
					}).then(async (response) => ({
						status: response.status,
						body: (await response.json()) as IDataObject,
					}))
				: await postJson(url, body);
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(message);
		expect(starts).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});
});

describe('no secret in outputs or logs', () => {
	test("the key, the password, the session token and the notification's token stay out", async () => {
		sim.control.setVariants({ notifications: 'everyChange', notificationSignature: 'hmacSha256' });
		const linesBefore = capturedLogLines.length;
		const { url, starts, outcomes } = await listen();
		const { id } = await send(OK.phone, { notify_url: url });
		await settle(id);
		expect(starts).toHaveLength(1);
		const tokens = sim.control.notifications().map((entry) => String(entry.body.notify_token));
		const secrets = [CI.apiKey, CI.apiPassword, String(store.data.sessionToken), ...tokens];
		expect(String(store.data.sessionToken)).not.toBe('');
		const seen = [starts, outcomes, capturedLogLines.slice(linesBefore)];
		expect(findSecrets(seen, secrets)).toEqual([]);
	});
});

// The second review (issue 21), 2026 items: each of these failed on 7ce042c (with this simulator's
// readLagMs).
describe('1. a read that lags: 503 and nothing recorded, never 200 and lost', () => {
	test('a notification CinetPay still answers 404: 503 (looked again); its next delivery after the lag starts', async () => {
		sim.control.setVariants({ readLagMs: 2_500 });
		const { url, starts } = await listen({ options: { timeout: 1 } });
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const first = await postJson(url, notificationBody(id, merchantId));
		expect(first.status).toBe(503);
		expect(lookups(id).length).toBeGreaterThan(1);
		// A repeat is never answered 200 from a memory of "unknown": after three not-founds the ID
		// is not asked for 5 s (memory.ts), and CinetPay's back-off (1 min, 5 min…) is longer.
		const repeat = await postJson(url, notificationBody(id, merchantId));
		expect(repeat.status).toBe(503);
		await sleep(5_100);
		const later = await postJson(url, notificationBody(id, merchantId));
		expect(later.status).toBe(200);
		expect(starts.map((json) => json.idempotency_key)).toEqual([`${id}:VAL`]);
	});

	test('the API still says PENDING while the transfer is final, only final statuses selected: 503, then it starts', async () => {
		const { id, merchantId } = await send(OK.phone);
		sim.control.advance(id);
		sim.control.setVariants({ readLagMs: 1_500 });
		await sleep(1_600);
		sim.control.advance(id);
		const { url, starts } = await listen({ options: { timeout: 1 } });
		const first = await postJson(url, notificationBody(id, merchantId));
		expect(first.status).toBe(503);
		expect(starts).toHaveLength(0);
		await sleep(1_600);
		expect((await postJson(url, notificationBody(id, merchantId))).status).toBe(200);
		expect(starts.map((json) => json.treatment_status)).toEqual(['VAL']);
	});
});

describe('4. a merchant ID of any shape: looked up by transaction_id, the API decides', () => {
	test.each([
		['order_123', 'order_123'],
		['longer than 30 characters', `order-${'x'.repeat(40)}`],
	])("%s: started with the API's merchant ID", async (_label, claimed) => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const { url, starts } = await listen();
		expect((await postJson(url, notificationBody(id, claimed))).status).toBe(200);
		expect(lookups(id)).toHaveLength(1);
		expect(starts.map((json) => json.merchant_transaction_id)).toEqual([merchantId]);
	});
});

describe("7. the output's echo of a 2026 body is bounded", () => {
	const nested = (depth: number): IDataObject => {
		let value: IDataObject = { leaf: true };
		for (let level = 0; level < depth; level++) value = { inner: value };
		return value;
	};
	test.each([
		['a 5 MB user', () => 'x'.repeat(5 * 1024 * 1024)],
		['a user 5,000 levels deep', () => nested(5_000)],
	])('%s: started, the echo stays small, the API\'s fields whole', async (_label, user) => {
		const { id, merchantId } = await send(OK.phone);
		await settle(id);
		const setup: TriggerSetup = {
			store,
			parameters: { platform: '2026' },
			workflowId: `wf-2026-${++workflowCounter}`,
			db: new StaticDataDb(),
		};
		const outcome = await runWebhook(new CinetPayTransferTrigger(), setup, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: { ...notificationBody(id, merchantId), user: user() },
		});
		expect(outcome.status).toBe(200);
		const json = outcome.started?.[0][0].json as IDataObject;
		expect(json).toMatchObject({ transaction_id: id, merchant_transaction_id: merchantId, amount: 1000, treatment_status: 'VAL' });
		expect(JSON.stringify(json.notification).length).toBeLessThan(70 * 1024);
		expect(json.notification).toMatchObject({ transaction_id: id, merchant_transaction_id: merchantId });
	});
});

describe('description on the 2026 platform', () => {
	const description = new CinetPayTransferTrigger().description;
	const shown = (property: INodeProperties, platform: string) =>
		NodeHelpers.displayParameter({ platform } as never, property, null, description);
	const named = (name: string) => description.properties.filter((p) => p.name === name);

	test('Platform comes first, v1 by default; each platform shows its own credential', () => {
		expect(description.properties[0]).toMatchObject({
			name: 'platform',
			default: 'v1',
			noDataExpression: true,
		});
		const credentials = (platform: string) =>
			description.credentials!.filter((c) => shown(c as never, platform)).map((c) => c.name);
		expect(credentials('v1')).toEqual(['cinetPayTransferApi']);
		expect(credentials('2026')).toEqual(['cinetPayApi']);
	});

	test('says that notifications may never come and that polling is the main path, on 2026 only', () => {
		const [notice] = named('pollingNotice');
		expect(notice.displayName).toMatch(/may never call this URL.*Transfer → Get.*main path/);
		expect([shown(notice, 'v1'), shown(notice, '2026')]).toEqual([false, true]);
		expect(description.description).toMatch(/2026 platform notifications may never come/);
	});

	test("2026's statuses: those its codes map to, final ones by default; no Verify option", () => {
		const [, statuses2026] = named('statuses');
		expect(shown(statuses2026, '2026')).toBe(true);
		expect((statuses2026.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'NEW',
			'REC',
			'REJ',
			'VAL',
		]);
		expect(statuses2026.default).toEqual(['VAL', 'REJ']);
		const verify = (named('options')[0].options as INodeProperties[]).find(
			(o) => o.name === 'verify',
		)!;
		const visible = (platform: string) =>
			NodeHelpers.displayParameter({ platform, options: {} } as never, verify, null, description, {
				platform,
			} as never);
		expect([visible('v1'), visible('2026')]).toEqual([true, false]);
	});
});
