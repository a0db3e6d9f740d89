import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FINAL_STATUSES, TREATMENT_STATUSES, type TreatmentStatus } from './helpers/interfaces';
import { claimKey, idempotencyKey, isClaimed, RecentKeys } from './trigger/deduplication';
import { ApiChecks, checkWithApi } from './trigger/checkWithApi';
import { arrival, DEFAULT_LOOKUP_TIMEOUT_SECONDS } from './trigger/lookup';
import { readNotification } from './trigger/notification';
import { simplifiedItem, unverifiedItem, verifiedItem } from './trigger/output';
import { checkSecret, SECRET_QUERY_PARAMETER } from './trigger/secret';

interface TriggerOptions {
	verify?: boolean;
	secret?: string;
	timeout?: number;
}

/** Process-wide, bounded: see trigger/deduplication.ts and trigger/lookup.ts. */
const startedKeys = new RecentKeys();
const apiChecks = new ApiChecks();

export class CinetPayTransferTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CinetPay Transfer Trigger',
		name: 'cinetPayTransferTrigger',
		icon: { light: 'file:cinetpay.svg', dark: 'file:cinetpay.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing for the user. n8n handles the body of a version-1 trigger like
		// its legacy Webhook v1: it evaluates an expression (an isolate in n8n 2.x) on every call.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"On " + ($parameter["statuses"] || []).join(", ")}}',
		description: 'Starts the workflow when CinetPay reports a transfer status, checked against its API',
		defaults: { name: 'CinetPay Transfer Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cinetPayTransferApi', required: true }],
		// CinetPay pings the notify URL with GET before it posts notifications to it. Same URL: the
		// panel lists it once.
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook', ndvHideUrl: true },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Copy the Production URL above into the Notify URL of the CinetPay Transfer node (Send). CinetPay then calls it each time one of those transfers changes status. The Test URL works only while you listen for a test event here. With a Secret (Options), add ?secret= and the secret to the end of the URL.',
				name: 'notifyUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Verification is off: anyone who knows this URL can start the workflow with any amount and status',
				name: 'unverifiedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '/options.verify': [false] } },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				// Alphabetical, as n8n's guidelines want (the names start with the status code).
				options: TREATMENT_STATUSES.map(({ name, value, description }) => ({ name, value, description })).sort(
					(a, b) => a.name.localeCompare(b.name, 'en'),
				),
				default: [...FINAL_STATUSES],
				description:
					'Which treatment statuses start the workflow. VAL and REJ are final: the money was delivered, or will not be.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				// Off by default: existing workflows keep the full item they were built on.
				default: false,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Lookup Timeout (Seconds)',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 30 },
						default: DEFAULT_LOOKUP_TIMEOUT_SECONDS,
						description:
							'How long to wait for CinetPay when checking a notification. Past it, CinetPay gets HTTP 503 and the workflow does not start.',
					},
					{
						displayName: 'Secret',
						name: 'secret',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'A random value (letters and digits) that the Notify URL must carry as ?secret=…; calls without it are refused before anything else. Useful as CinetPay signs nothing.',
					},
					{
						displayName: 'Verify With CinetPay',
						name: 'verify',
						type: 'boolean',
						default: true,
						description:
							"Whether to check each notification with CinetPay's API and use the API's values. Off: the notification's own fields start the workflow unchecked, so anyone who knows this URL can start it with any amount and status.",
					},
				],
			},
		],
	};

	// CinetPay has no webhook registration API: the URL travels with each transfer as its
	// notify_url. There is nothing to look up, create or delete on CinetPay's side.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// Before anything else: no lookup begun before this moment may judge this notification.
		const arrivedAt = arrival();
		const receivedAt = Date.now();
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const query = this.getQueryData() as IDataObject;
		const secret = checkSecret(String(options.secret ?? ''), query[SECRET_QUERY_PARAMETER]);
		if (secret === 'missing') return refuse(this, 401, 'This URL needs its secret');
		if (secret === 'wrong') return refuse(this, 403, 'Wrong secret');

		// CinetPay's reachability ping.
		if (this.getWebhookName() === 'setup') return {};

		const body = this.getBodyData();
		const reading = readNotification(body, await rawBodyOf(this, body));
		if (!reading.readable) {
			return refuse(this, reading.reason === 'too-large' ? 413 : 400, `Not a CinetPay notification: ${reading.message}`);
		}
		const notification = reading.notification;
		const statuses = this.getNodeParameter('statuses', []) as TreatmentStatus[];
		const key = idempotencyKey(notification.transaction_id, notification.treatment_status);
		const staticData = this.getWorkflowStaticData('node');
		const scope = scopeOf(this);

		// Both checks come before the API call: repeats and unwanted steps cost CinetPay nothing.
		if (!statuses.includes(notification.treatment_status)) return ignore(this, key, 'status not selected');
		if (isClaimed(startedKeys, scope, staticData, key)) return ignore(this, key, 'already started');

		if (options.verify === false) {
			if (!claimKey(startedKeys, scope, staticData, key)) return ignore(this, key, 'already started');
			return start(this, unverifiedItem(notification));
		}

		const timeoutMs = Math.max(Number(options.timeout ?? DEFAULT_LOOKUP_TIMEOUT_SECONDS), 1) * 1000;
		let check: Awaited<ReturnType<typeof checkWithApi>>;
		try {
			check = await checkWithApi.call(this, apiChecks, notification, statuses, {
				account: accountOf(this),
				scope,
				arrivedAt,
				until: receivedAt + timeoutMs,
				settled: () => isClaimed(startedKeys, scope, staticData, key),
			});
		} catch (error) {
			// Nothing is recorded: CinetPay's next delivery of this notification can still start it.
			this.logger.warn(`CinetPay notification ${key} could not be verified: ${(error as Error).message}`);
			return refuse(this, 503, 'Could not check the notification with CinetPay');
		}
		if (check.outcome === 'retry-later') {
			// Nothing is recorded: a sender that retries delivers it again, and then it can start.
			this.logger.warn(`CinetPay notification ${key} could not be verified: ${check.detail}`);
			return refuse(this, 503, 'Could not confirm the notification with CinetPay yet');
		}
		if (check.outcome === 'ignore') {
			// Unknown or contradicted: forged, or stale. Either way the API has the last word, and a
			// 200 does not invite the sender back.
			this.logger.warn(`CinetPay notification ${key} not started: ${check.detail}`);
			return {};
		}
		if (!claimKey(startedKeys, scope, staticData, key)) return ignore(this, key, 'already started');
		return start(this, verifiedItem(check.transfer, notification));
	}
}

function start(context: IWebhookFunctions, json: IDataObject): IWebhookResponseData {
	const simplify = context.getNodeParameter('simplify', false) === true;
	return { workflowData: [context.helpers.returnJsonArray([simplify ? simplifiedItem(json) : json])] };
}

/** Acknowledged with n8n's usual 200, and nothing starts. The same answer whatever the reason. */
function ignore(context: IWebhookFunctions, key: string, reason: string): IWebhookResponseData {
	context.logger.debug(`CinetPay notification ${key} ignored: ${reason}`);
	return {};
}

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The body as it came, for bodies n8n did not parse (a wrong or missing Content-Type). From
 * version 2, n8n reads a trigger's body only when its type is form, JSON, text or XML; for any
 * other, n8n's request object reads it on demand (`readRawBody`, n8n 1.x and 2.x).
 */
async function rawBodyOf(context: IWebhookFunctions, parsed: IDataObject): Promise<unknown> {
	const request = context.getRequestObject() as {
		rawBody?: unknown;
		readRawBody?: () => Promise<void>;
	};
	const nothingParsed = parsed === undefined || parsed === null || Object.keys(parsed).length === 0;
	if (request.rawBody === undefined && nothingParsed && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			// An aborted or unreadable stream: the notification is answered 400 as an empty one.
			context.logger.debug(`CinetPay notification body could not be read: ${(error as Error).message}`);
		}
	}
	return request.rawBody;
}

/**
 * The credential whose lookups are bounded together: n8n's ID of it (not a secret), so that the
 * account's key, password and token are never held as a key in the process's memory.
 */
function accountOf(context: IWebhookFunctions): string {
	const reference = context.getNode().credentials?.cinetPayTransferApi;
	return reference?.id ?? reference?.name ?? '';
}

/** Separates workflows, trigger nodes and test from production in the process-wide memories. */
function scopeOf(context: IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}/${context.getNode().id}/${context.getMode()}`;
}
