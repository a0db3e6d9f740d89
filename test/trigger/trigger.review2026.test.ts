/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only test, never published: made-up tokens */
/**
 * The second review of the trigger (issue 21), 2026 items, against the 2026 simulator behind a
 * loopback "n8n" (webhookHarness): a read that lags (readLagMs) never loses a true notification, a
 * merchant ID of any shape is looked up, and the output's echo of the body is bounded. Each test
 * failed on 7ce042c (with this simulator).
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import { credentialStore, type CredentialStore } from '../helpers/n8nCore';
import {
	StaticDataDb,
	runWebhook,
	startWebhookServer,
	type TriggerSetup,
	type WebhookServer,
} from '../helpers/webhookHarness';

const [CI, SN] = DEMO_ACCOUNTS_2026;
const { succeeds: OK } = TEST_NUMBERS_2026.CI;
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
		workflowId: `wf-review2026-${++workflowCounter}`,
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
			workflowId: `wf-review2026-${++workflowCounter}`,
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
