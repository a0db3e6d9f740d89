/**
 * The workflows the benchmark compares. All but the trigger start the same way — a Webhook
 * (responseMode lastNode) that receives `{ n, tag }` and a Code node that makes N receivers — so
 * that the creation of the input costs the same everywhere; they differ only after that.
 *
 *   empty        → No-Op                                    n8n's own cost of N items
 *   expressions  → Edit Fields (Set) with the 7 expressions A2 uses, no API call
 *   A1           → CinetPay Transfer, Map Automatically      0 expressions per item
 *   A2           → CinetPay Transfer, Map Each Field Below   7 expressions per item
 *   B            → HTTP Request ×3: login once, contact per item, send per item (the DIY way)
 *   P2026        → CinetPay Transfer on the 2026 platform, Map Automatically, one call per
 *                  transfer (no contact step there), at the Sends In Flight given
 *   B2026        → HTTP Request ×2 on the 2026 platform: login once, one send per item (the DIY way)
 *   trigger      → CinetPay Transfer Trigger → No-Op
 */
import { randomUUID } from 'crypto';

import type { WorkflowNode } from '../e2e/n8n';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../simulator';
import { DEMO_ACCOUNTS_2026 } from '../simulator/platform2026';

export type WorkflowKind = 'empty' | 'expressions' | 'A1' | 'A2' | 'B' | 'P2026' | 'B2026';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';
export const CREDENTIAL_TYPE_2026 = 'cinetPayApi';
/** The 2026 bench pays Ivorian receivers: the simulator's CI account, and one of its operators. */
export const COUNTRY_2026 = 'CI';
export const PAYMENT_METHOD_2026 = 'OM_CI';
const CURRENCY_2026 = 'XOF';

/**
 * Transfers of the workflow runs notify a host the simulator never contacts (it only notifies
 * loopback URLs): no notification traffic runs beside the measured execution.
 */
export const NOTIFY_URL = 'https://n8n.example.com/webhook/cinetpay-bench/webhook';

export type Node = WorkflowNode;

export interface WorkflowJson {
	name: string;
	nodes: Node[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	settings: Record<string, unknown>;
}

export interface BuildOptions {
	/** Webhook path, unique per workflow. */
	path: string;
	simulatorUrl: string;
	batchSize: number;
	/** CinetPay credential for A1/A2/P2026 and the trigger (B and B2026 log in with plain HTTP). */
	credential?: { id: string; name: string };
	/** P2026: the node's Sends In Flight option; absent, its default. */
	sendsInFlight?: number;
}

const GENERATE = 'Generate receivers';

/**
 * N distinct, valid Ivorian receivers (07 + 8 digits, clear of both simulators' test numbers
 * 0700000001–5) with the fields Map Automatically reads, amounts from `minAmount` up (v1: 300 XOF;
 * the 2026 platform refuses less than 500).
 */
function generateCode(minAmount: number): string {
	return `const { n, tag } = $input.first().json.body;
const items = [];
for (let i = 0; i < n; i++) {
  items.push({ json: {
    prefix: '225',
    phone: '07' + String(10000000 + i),
    amount: ${minAmount} + (i % 200) * 5,
    client_transaction_id: tag + '-' + i,
    name: 'Kone',
    surname: 'Awa',
    email: 'receiver' + i + '@example.com',
  } });
}
return items;`;
}

/** The per-item fields A2 maps, as the expressions a user writes for them. */
const A2_EXPRESSIONS = {
	prefix: '={{ $json.prefix }}',
	phone: '={{ $json.phone }}',
	amount: '={{ $json.amount }}',
	clientTransactionId: '={{ $json.client_transaction_id }}',
	contactName: '={{ $json.name }}',
	contactSurname: '={{ $json.surname }}',
	contactEmail: '={{ $json.email }}',
};
export const EXPRESSIONS_PER_ITEM: Record<WorkflowKind, number> = {
	empty: 0,
	expressions: Object.keys(A2_EXPRESSIONS).length,
	A1: 0,
	A2: Object.keys(A2_EXPRESSIONS).length,
	B: 4,
	P2026: 0,
	B2026: 2,
};

function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
): Node {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters };
}

function chain(...names: string[]): WorkflowJson['connections'] {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** The Webhook and the Code node every workflow starts with. */
function start(path: string, minAmount = 300): Node[] {
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', 2.1, 0, {
		httpMethod: 'POST',
		path,
		responseMode: 'lastNode',
		// The first output item only: the answer stays small at 10,000 items; counts are checked in
		// the simulator and the execution.
		responseData: 'firstEntryJson',
		options: {},
	});
	webhook.webhookId = randomUUID();
	return [
		webhook,
		node(GENERATE, 'n8n-nodes-base.code', 2, 200, {
			mode: 'runOnceForAllItems',
			jsCode: generateCode(minAmount),
		}),
	];
}

export function buildWorkflow(kind: WorkflowKind, options: BuildOptions): WorkflowJson {
	const name = `bench ${kind} ${options.path}`;
	const settings = { executionOrder: 'v1' };
	/** The common start, then `last`: the node each workflow is about. */
	const startThen = (last: Node, minAmount?: number): WorkflowJson => ({
		name,
		nodes: [...start(options.path, minAmount), last],
		connections: chain('Webhook', GENERATE, last.name),
		settings,
	});
	switch (kind) {
		case 'empty':
			return startThen(node('No Operation', 'n8n-nodes-base.noOp', 1, 400, {}));
		case 'expressions': {
			const fields: Array<[string, string]> = [
				['prefix', A2_EXPRESSIONS.prefix],
				['phone', A2_EXPRESSIONS.phone],
				['amount', A2_EXPRESSIONS.amount],
				['client_transaction_id', A2_EXPRESSIONS.clientTransactionId],
				['name', A2_EXPRESSIONS.contactName],
				['surname', A2_EXPRESSIONS.contactSurname],
				['email', A2_EXPRESSIONS.contactEmail],
			];
			return startThen(
				node('Same expressions', 'n8n-nodes-base.set', 3.4, 400, {
					mode: 'manual',
					assignments: {
						assignments: fields.map(([field, value]) => ({
							id: randomUUID(),
							name: field,
							value,
							type: 'string',
						})),
					},
					options: {},
				}),
			);
		}
		case 'A1':
		case 'A2': {
			const parameters: Record<string, unknown> = {
				resource: 'transfer',
				operation: 'send',
				dataMode: kind === 'A1' ? 'autoMapInputData' : 'defineBelow',
				notifyUrl: NOTIFY_URL,
				options: { addContact: true, batchSize: options.batchSize },
			};
			if (kind === 'A2') {
				const { contactName, contactSurname, contactEmail, ...fields } = A2_EXPRESSIONS;
				Object.assign(parameters, fields);
				Object.assign(parameters.options as object, { contactName, contactSurname, contactEmail });
			}
			return startThen(cinetPayNode(parameters, CREDENTIAL_TYPE, options));
		}
		case 'P2026':
			// Everything but Sends In Flight at the node's defaults.
			return startThen(
				cinetPayNode(
					{
						platform: '2026',
						resource: 'transfer',
						operation: 'send',
						dataMode: 'autoMapInputData',
						paymentMethod: PAYMENT_METHOD_2026,
						notifyUrl: NOTIFY_URL,
						options:
							options.sendsInFlight === undefined ? {} : { sendsInFlight: options.sendsInFlight },
					},
					CREDENTIAL_TYPE_2026,
					options,
				),
				500,
			);
		case 'B':
			return diyWorkflow(name, start(options.path), options.simulatorUrl, settings);
		case 'B2026':
			return diyWorkflow2026(name, start(options.path, 500), options.simulatorUrl, settings);
	}
}

function cinetPayNode(
	parameters: Record<string, unknown>,
	credentialType: string,
	options: BuildOptions,
): Node {
	const cinetpay = node('CinetPay Transfer', 'CUSTOM.cinetPayTransfer', 1, 400, parameters);
	cinetpay.credentials = { [credentialType]: credentialRef(options) };
	return cinetpay;
}

function credentialRef(options: BuildOptions): { id: string; name: string } {
	if (!options.credential) throw new Error('this workflow needs a CinetPay credential');
	return options.credential;
}

/**
 * What a competent n8n user builds without the package, following CinetPay's document:
 * log in once (Execute Once), wait for it beside the items (Merge, "choose branch"), then one
 * contact call and one send call per item, with the token passed by expression in the query
 * string. The HTTP Request node's defaults are kept (no batching option, no retry).
 */
function diyWorkflow(
	name: string,
	head: Node[],
	api: string,
	settings: Record<string, unknown>,
): WorkflowJson {
	const form = (fields: Array<[string, string]>) => ({
		sendBody: true,
		contentType: 'form-urlencoded',
		specifyBody: 'keypair',
		bodyParameters: { parameters: fields.map(([n, value]) => ({ name: n, value })) },
	});
	const withToken = {
		sendQuery: true,
		specifyQuery: 'keypair',
		queryParameters: {
			parameters: [{ name: 'token', value: "={{ $('Log in').first().json.data.token }}" }],
		},
	};
	const login = node('Log in', 'n8n-nodes-base.httpRequest', 4.5, 400, {
		method: 'POST',
		url: `${api}/v1/auth/login`,
		...form([
			['apikey', DEMO_API_KEY],
			['password', DEMO_PASSWORD],
		]),
		options: {},
	});
	const contact = node('Add contact', 'n8n-nodes-base.httpRequest', 4.5, 800, {
		method: 'POST',
		url: `${api}/v1/transfer/contact`,
		...withToken,
		...form([
			[
				'data',
				'={{ JSON.stringify([{ prefix: $json.prefix, phone: $json.phone, name: $json.name, surname: $json.surname, email: $json.email }]) }}',
			],
		]),
		options: {},
	});
	const send = node('Send money', 'n8n-nodes-base.httpRequest', 4.5, 1000, {
		method: 'POST',
		url: `${api}/v1/transfer/money/send/contact`,
		...withToken,
		...form([
			[
				'data',
				`={{ JSON.stringify([{ prefix: $('Wait for login').item.json.prefix, phone: $('Wait for login').item.json.phone, amount: $('Wait for login').item.json.amount, notify_url: '${NOTIFY_URL}', client_transaction_id: $('Wait for login').item.json.client_transaction_id }]) }}`,
			],
		]),
		options: {},
	});
	return { name, ...loginThenPerItem(head, login, [contact, send]), settings };
}

/**
 * The DIY shape on both platforms: the items and the login (Execute Once) meet in a Merge that
 * waits for both ("choose branch", the items go on), then the per-item calls in a chain.
 */
function loginThenPerItem(
	head: Node[],
	login: Node,
	perItem: Node[],
): Pick<WorkflowJson, 'nodes' | 'connections'> {
	login.executeOnce = true;
	login.position = [400, -200];
	const merge = node('Wait for login', 'n8n-nodes-base.merge', 3.2, 600, {
		mode: 'chooseBranch',
		chooseBranchMode: 'waitForAll',
		output: 'specifiedInput',
		useDataOfInput: 1,
	});
	const connections = chain(merge.name, ...perItem.map((n) => n.name));
	connections.Webhook = { main: [[{ node: GENERATE, type: 'main', index: 0 }]] };
	connections[GENERATE] = {
		main: [
			[
				{ node: merge.name, type: 'main', index: 0 },
				{ node: login.name, type: 'main', index: 0 },
			],
		],
	};
	connections[login.name] = { main: [[{ node: merge.name, type: 'main', index: 1 }]] };
	return { nodes: [...head, login, merge, ...perItem], connections };
}

/**
 * The same on the 2026 platform: log in once (Execute Once, JSON body), wait for it beside the
 * items, then one send per item (POST /v1/transfer, the body as one JSON expression, the token in
 * the Authorization header by expression). HTTP Request defaults kept: every item's call leaves
 * at once.
 */
function diyWorkflow2026(
	name: string,
	head: Node[],
	api: string,
	settings: Record<string, unknown>,
): WorkflowJson {
	const account = DEMO_ACCOUNTS_2026.find((a) => a.country === COUNTRY_2026)!;
	const login = node('Log in', 'n8n-nodes-base.httpRequest', 4.5, 400, {
		method: 'POST',
		url: `${api}/v1/oauth/login`,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: JSON.stringify({ api_key: account.apiKey, api_password: account.apiPassword }),
		options: {},
	});
	const send = node('Send money', 'n8n-nodes-base.httpRequest', 4.5, 800, {
		method: 'POST',
		url: `${api}/v1/transfer`,
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: {
			parameters: [
				{ name: 'Authorization', value: "=Bearer {{ $('Log in').first().json.access_token }}" },
			],
		},
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ amount: $json.amount, currency: '${CURRENCY_2026}', payment_method: '${PAYMENT_METHOD_2026}', phone_number: '+' + $json.prefix + $json.phone, merchant_transaction_id: $json.client_transaction_id, notify_url: '${NOTIFY_URL}', reason: 'Payout' }) }}`,
		options: {},
	});
	return { name, ...loginThenPerItem(head, login, [send]), settings };
}

/** CinetPay Transfer Trigger (the statuses given) → No-Op. Its production URL: /webhook/<webhookId>/webhook. */
export function triggerWorkflow(
	credential: { id: string; name: string },
	statuses: string[],
): { workflow: WorkflowJson; webhookId: string } {
	const trigger = node('CinetPay Transfer Trigger', 'CUSTOM.cinetPayTransferTrigger', 2, 0, {
		statuses,
		options: {},
	});
	trigger.webhookId = randomUUID();
	trigger.credentials = { [CREDENTIAL_TYPE]: credential };
	const last = node('No Operation', 'n8n-nodes-base.noOp', 1, 200, {});
	return {
		workflow: {
			name: 'bench trigger',
			nodes: [trigger, last],
			connections: chain(trigger.name, last.name),
			settings: { executionOrder: 'v1' },
		},
		webhookId: trigger.webhookId,
	};
}

/**
 * n8n's own floor for a notification: its Webhook node (POST, answering when received) → No-Op.
 * No verification, no de-duplication, no API call: what any workflow started by a POST costs.
 */
export function plainWebhookWorkflow(path: string): WorkflowJson {
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', 2.1, 0, {
		httpMethod: 'POST',
		path,
		responseMode: 'onReceived',
		options: {},
	});
	webhook.webhookId = randomUUID();
	const last = node('No Operation', 'n8n-nodes-base.noOp', 1, 200, {});
	return {
		name: 'bench plain webhook',
		nodes: [webhook, last],
		connections: chain(webhook.name, last.name),
		settings: { executionOrder: 'v1' },
	};
}
