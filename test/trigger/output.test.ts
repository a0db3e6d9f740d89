/**
 * The trigger's Simplify option: off, the full item (unchanged for existing workflows); on, the
 * handful of fields a workflow acts on, verified or not.
 */
import type { IDataObject } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { SIMPLIFIED_FIELDS } from '../../nodes/CinetPay/trigger/output';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import { runWebhook, StaticDataDb, type WebhookRequest } from '../helpers/webhookHarness';
import { API_TRANSFER, NOTIFICATION } from './helpers';

const post = (body: IDataObject): WebhookRequest => ({
	method: 'POST',
	body,
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

let workflowCounter = 0;

async function started(parameters: IDataObject): Promise<IDataObject> {
	const envelope = { code: 0, message: 'OPERATION_SUCCES', data: [API_TRANSFER] };
	const outcome = await runWebhook(
		new CinetPayTransferTrigger(),
		{
			parameters,
			db: new StaticDataDb(),
			workflowId: `wf-simplify-${++workflowCounter}`,
			credentials: {
				apiKey: DEMO_API_KEY,
				password: DEMO_PASSWORD,
				baseUrl: 'https://client.cinetpay.com',
				sessionToken: 'session-token-abc',
				sessionIssuedAt: Date.now(),
			},
			httpRequestWithAuthentication: async () => ({
				statusCode: 200,
				body: JSON.stringify(envelope),
			}),
		},
		post(NOTIFICATION),
	);
	expect(outcome.started).toHaveLength(1);
	return outcome.started![0][0].json;
}

describe('Simplify', () => {
	test('is a boolean parameter, off by default', () => {
		const simplify = new CinetPayTransferTrigger().description.properties.find(
			(p) => p.name === 'simplify',
		);
		expect(simplify).toMatchObject({ type: 'boolean', default: false, displayName: 'Simplify' });
	});

	test('off: the full item, as before', async () => {
		const json = await started({});
		expect(Object.keys(json).length).toBeGreaterThan(12);
		expect(json.notification).toBeDefined();
	});

	test("on: a handful of fields, with the API's values", async () => {
		const json = await started({ simplify: true });
		expect(Object.keys(json)).toEqual([...SIMPLIFIED_FIELDS]);
		expect(SIMPLIFIED_FIELDS.length).toBeLessThanOrEqual(10);
		expect(json).toMatchObject({
			transaction_id: API_TRANSFER.transaction_id,
			client_transaction_id: 'payout-42',
			amount: '2500',
			receiver_e164: '+2250700000001',
			treatment_status: 'VAL',
			comment: 'Transfer done',
			verified: true,
			idempotency_key: expect.any(String),
		});
	});

	test('on, without verification: the same fields, null where the notification has none', async () => {
		const json = await started({ simplify: true, options: { verify: false } });
		expect(Object.keys(json)).toEqual([...SIMPLIFIED_FIELDS]);
		expect(json).toMatchObject({
			transaction_id: API_TRANSFER.transaction_id,
			verified: false,
			receiver_e164: null,
		});
	});
});
