import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FINAL_STATUSES, TREATMENT_STATUSES } from './helpers/interfaces';
import {
	onPlatform,
	PLATFORM_PARAMETER,
	platformCredentials,
	platformProperty,
	type Platform,
} from './helpers/platform';
import { CODES_2026 } from './transport/platform2026/codes';
import { rawBodyOf, refuse } from './trigger/answers';
import { arrival, DEFAULT_LOOKUP_TIMEOUT_SECONDS } from './trigger/lookup';
import { platform2026 } from './trigger/platform2026';
import { platformV1 } from './trigger/platformV1';
import { checkSecret, SECRET_QUERY_PARAMETER } from './trigger/secret';
import { receiveNotification, TriggerState, type TriggerOptions } from './trigger/steps';

/** Process-wide, bounded, kept per trigger: see trigger/memory.ts and trigger/limits.ts. */
const state = new TriggerState();

/** Alphabetical, as n8n's guidelines want (the names start with the status code). */
const STATUS_OPTIONS = TREATMENT_STATUSES.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** On 2026, the statuses its codes map to (codes.ts), each described by CinetPay's own names. */
const STATUS_OPTIONS_2026 = STATUS_OPTIONS.flatMap((option) => {
	const codes = Object.entries(CODES_2026)
		.filter(([, info]) => info.transferState?.normalized === option.value)
		.map(([code, info]) => `${info.status} (${code})`);
	return codes.length === 0 ? [] : [{ ...option, description: `CinetPay ${codes.join(' or ')}` }];
});

const onV1 = { show: onPlatform('v1', {}) };
const on2026 = { show: onPlatform('2026', {}) };

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
		description:
			'Starts the workflow when CinetPay reports a transfer status, checked against its API (on the 2026 platform notifications may never come: poll with Transfer → Get)',
		defaults: { name: 'CinetPay Transfer Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: platformCredentials,
		// CinetPay pings the notify URL with GET before it posts notifications to it. Same URL: the
		// panel lists it once.
		webhooks: [
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			platformProperty,
			{
				displayName:
					'Copy the Production URL above into the Notify URL of the CinetPay Transfer node (Send). CinetPay then calls it each time one of those transfers changes status. The Test URL works only while you listen for a test event here. With a Secret (Options), add ?secret= and the secret to the end of the URL.',
				name: 'notifyUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'On the 2026 platform CinetPay may never call this URL: merchants saw no payout notification in months. Check transfers with CinetPay Transfer → Get (by polling) as the main path; this trigger only starts a workflow sooner when a notification does come. Each one is checked with CinetPay before anything starts.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
				displayOptions: on2026,
			},
			{
				displayName:
					'Verification is off: anyone who knows this URL can start the workflow with any amount and status',
				name: 'unverifiedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '/options.verify': [false] }, hide: { platform: ['2026'] } },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS,
				default: [...FINAL_STATUSES],
				description:
					'Which treatment statuses start the workflow. VAL and REJ are final: the money was delivered, or will not be.',
				displayOptions: onV1,
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS_2026,
				default: [...FINAL_STATUSES],
				description:
					"Which statuses, as CinetPay's API reports them when the trigger looks the transfer up, start the workflow. VAL and REJ are final: the money was delivered, or will not be.",
				displayOptions: on2026,
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				// Off by default: existing workflows keep the full item they were built on.
				default: false,
				description:
					'Whether to return a simplified version of the response instead of the raw data',
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
						// Always on for 2026: its notifications carry no status to start with.
						displayOptions: { show: { '/platform': ['v1'] } },
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
		const rawBody = await rawBodyOf(this, body);
		// A webhook has no item index: the parameter is read without one.
		const platform = this.getNodeParameter(PLATFORM_PARAMETER, 'v1') as Platform;
		const contentType = String(this.getHeaderData()['content-type'] ?? '');
		return await receiveNotification.call(
			this,
			state,
			platform === '2026' ? platform2026 : platformV1,
			{
				arrivedAt,
				receivedAt,
				options,
				body,
				rawBody,
				contentType,
			},
		);
	}
}
