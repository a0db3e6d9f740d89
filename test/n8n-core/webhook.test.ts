/**
 * The trigger's webhook in n8n-core's own WebhookContext: the context n8n builds for a request,
 * the production URL n8n computes, parameters with the description's defaults, the node's static
 * data (left unwritten), and the credential's preAuthentication stored by n8n when the trigger checks CinetPay.
 */
import { WebhookContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';
import { Expression, isExpression } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { callCinetPay } from '../../nodes/CinetPay/transport/v1';
import { resultItems } from '../../nodes/CinetPay/transport/v1/envelope';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { executeContext, TestCredentialsHelper, type CredentialStore } from '../helpers/n8nCore';
import { receivers, simulatorCredentials } from '../helpers/runNode';
import { runWebhook, StaticDataDb, WEBHOOK_ID, webhookContext } from '../helpers/webhookHarness';

let sim: RunningSimulator;
let store: CredentialStore;

beforeAll(async () => {
	sim = await startSimulator({ initialBalance: 1_000_000_000, variants: { autoConfirm: true } });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.control.reset();
	store = simulatorCredentials(sim);
});

/** Transfers sent and settled VAL; their notification fields as CinetPay posts them. */
async function settledTransfers(count: number): Promise<Array<Record<string, string>>> {
	const api = executeContext({ store });
	const paid = receivers(count);
	await callCinetPay.call(api, { endpoint: 'addContacts', data: paid });
	const envelope = await callCinetPay.call(api, {
		endpoint: 'sendMoney',
		data: paid.map((receiver) => ({
			prefix: '225',
			phone: String(receiver.phone),
			amount: 1500,
			notify_url: 'http://127.0.0.1:9/n',
		})),
	});
	return resultItems(envelope.data).map((sent) => {
		const id = String(sent.transaction_id);
		for (let step = 0; step < 3; step++) sim.control.advance(id);
		return sim.control.notificationFields(id);
	});
}

/** Posts a notification's fields, form-encoded, to one production trigger through n8n's webhook path. */
function deliveryTo(workflowId: string, credentials: CredentialStore, db: StaticDataDb) {
	return async (fields: Record<string, string>) =>
		await runWebhook(
			new CinetPayTransferTrigger(),
			{ store: credentials, db, workflowId },
			{
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: fields as IDataObject,
			},
		);
}

async function settledTransfer(): Promise<Record<string, string>> {
	const [fields] = await settledTransfers(1);
	return fields;
}

test("the trigger runs in n8n-core's WebhookContext, with n8n's production URL and the description's defaults", () => {
	const trigger = new CinetPayTransferTrigger();
	const context = webhookContext(
		trigger,
		{ store, baseUrl: 'http://127.0.0.1:5678' },
		{ method: 'POST' },
	);
	expect(context).toBeInstanceOf(WebhookContext);
	expect(context.getNodeWebhookUrl('default')).toBe(
		`http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/webhook`,
	);
	expect(context.getWebhookName()).toBe('default');
	expect(context.getNodeParameter('statuses')).toEqual(['VAL', 'REJ']);
	expect(context.getNodeParameter('options')).toEqual({});
});

test('a genuine notification: checked against CinetPay, the workflow started, no static data written', async () => {
	const fields = await settledTransfer();
	const freshStore = simulatorCredentials(sim);
	const db = new StaticDataDb();
	const deliver = () => deliveryTo('wf-core-webhook', freshStore, db)(fields);
	sim.control.clearRequests();
	const outcome = await deliver();
	expect(outcome.status).toBe(200);
	expect(outcome.started?.[0]).toHaveLength(1);
	expect(outcome.started?.[0][0].json).toMatchObject({
		transaction_id: fields.transaction_id,
		treatment_status: 'VAL',
	});
	// n8n-core's request helper asked the credential to log in (no token yet) and n8n stored it.
	expect(sim.control.requests().map((entry) => entry.path)).toEqual([
		'/v1/auth/login',
		'/v1/transfer/check/money',
	]);
	expect(freshStore.writes).toBe(1);
	expect(freshStore.data.sessionToken).toEqual(expect.any(String));
	// n8n 2.x would keep only the first write of a production webhook (docs/n8n-findings.md §1).
	expect(outcome.savedStaticData).toBe(false);
	expect(db.saves).toBe(0);

	// The same notification again: de-duplicated from the trigger's own memory, no API call.
	sim.control.clearRequests();
	const again = await deliver();
	expect(again.status).toBe(200);
	expect(again.started).toBeUndefined();
	expect(sim.control.requests()).toHaveLength(0);
});

/**
 * What a true notification costs in n8n, counted rather than timed (bench/ times it). Each
 * credential read in a webhook is one expression isolate that n8n 2.x builds with its defaults
 * (docs/n8n-findings.md §2), the costliest part of a notification; each lookup is a CinetPay call
 * the notification waits for. A second read or a second lookup on the happy path is a regression.
 */
test('a true notification costs one credential read, one lookup and no expression evaluation', async () => {
	const notifications = await settledTransfers(3);
	const deliver = deliveryTo('wf-core-costs', simulatorCredentials(sim), new StaticDataDb());
	const credentialReads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
	const evaluate = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
	const expressionsEvaluated = () =>
		evaluate.mock.calls.filter(([value]) => isExpression(value)).length;
	try {
		sim.control.clearRequests();
		for (const fields of notifications) {
			const outcome = await deliver(fields);
			expect(outcome.status).toBe(200);
			expect(outcome.started?.[0]).toHaveLength(1);
		}
		const lookups = sim.control
			.requests()
			.filter((entry) => entry.path === '/v1/transfer/check/money');
		expect(lookups.map((entry) => entry.query.transaction_id)).toEqual(
			notifications.map((fields) => fields.transaction_id),
		);
		// The first notification also logs in (the credential has no token yet); n8n stores it.
		expect(sim.control.requests().filter((entry) => entry.path === '/v1/auth/login')).toHaveLength(
			1,
		);
		expect(credentialReads).toHaveBeenCalledTimes(notifications.length);
		expect(expressionsEvaluated()).toBe(0);

		// A repeat is answered from the trigger's memory: no read, no call.
		credentialReads.mockClear();
		sim.control.clearRequests();
		expect((await deliver(notifications[0])).started).toBeUndefined();
		expect(credentialReads).not.toHaveBeenCalled();
		expect(sim.control.requests()).toHaveLength(0);
	} finally {
		credentialReads.mockRestore();
		evaluate.mockRestore();
	}
});
