/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness: plays n8n's webhook server, never published */
/**
 * What n8n does around a webhook trigger. The node runs in n8n-core 2.41.1's own WebhookContext
 * (request, response, parameters with the description's defaults from n8n-workflow's Workflow, the
 * node's static data, the production URL, credentials through n8nCore.ts's credentials helper and
 * n8n's request helpers with real HTTP to the simulator — or a mock of CinetPay when a test gives
 * one). Around it, stand-ins for what lives in n8n's cli package, which cannot run here without
 * its database and server:
 * - `runWebhook`: n8n 2.41's live-webhook path for one request (webhooks/live-webhooks.ts and
 *   webhook-helpers.ts): the workflow's static data loaded from the "database", `webhook()`
 *   called, its answer turned into the HTTP answer n8n gives (`noWebhookResponse` → what the node
 *   wrote; `workflowData` → a started execution and 200; else 200 "Webhook call received"; a
 *   throw → 500), static data saved only when n8n-workflow's observer saw a change.
 * - `startWebhookServer`: a loopback HTTP server at n8n's production path that reads bodies the
 *   way n8n does for a version-1 node (form → querystring object, JSON → object, parse error →
 *   422 before the node runs, text/plain → string, others unparsed with the raw body kept) and
 *   answers through `runWebhook`.
 * - the request and response objects (express's in n8n): the fields and methods the node uses.
 * Restarting n8n = a fresh module instance of the node (jest.isolateModules) with the same
 * StaticDataDb.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as querystring from 'node:querystring';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookFunctions,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	additionalData,
	capturedLogLines,
	CREDENTIAL_REFERENCE,
	CREDENTIAL_TYPE,
	CREDENTIAL_TYPE_2026,
	credentialStore,
	lifecycleHooks,
	PackageNodeTypes,
	TestCredentialsHelper,
	TRIGGER_NODE_TYPE,
	type CredentialStore,
} from './n8nCore';

export const WEBHOOK_ID = '7d3a1c2e-5b6f-4a8d-9e0f-123456789abc';
export const WEBHOOK_PATH = 'webhook';

/** The workflow row's `staticData` column. */
export class StaticDataDb {
	json = '{}';
	saves = 0;

	read(): IDataObject {
		return JSON.parse(this.json) as IDataObject;
	}
}

export type HttpRequestWithAuthentication = (
	credentialType: string,
	requestOptions: IDataObject,
	additional?: IDataObject,
) => Promise<unknown>;

export interface TriggerSetup {
	/** The node's parameters; the description's defaults fill the rest, as n8n does. */
	parameters?: IDataObject;
	/** Real HTTP through n8n's request helpers and n8nCore's credentials helper. */
	store?: CredentialStore;
	/** Or a mock; called with `this` = the context, like n8n's helper. */
	httpRequestWithAuthentication?: HttpRequestWithAuthentication;
	/** Credential data for getCredentials when no store is given. */
	credentials?: IDataObject;
	db?: StaticDataDb;
	workflowId?: string;
	nodeId?: string;
	mode?: WorkflowExecuteMode;
	baseUrl?: string;
}

export interface WebhookRequest {
	method: 'GET' | 'POST';
	query?: IDataObject;
	headers?: http.IncomingHttpHeaders;
	/** As n8n's body parser left it. */
	body?: unknown;
	rawBody?: Buffer;
	/**
	 * A body n8n left unread (a version-2 trigger and a Content-Type it does not parse): only
	 * the request's `readRawBody()` reads it, into `rawBody`, as n8n's request object does.
	 */
	unreadBody?: Buffer;
}

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

/** The express Response methods a node uses, recording what it wrote. */
export class RecordingResponse {
	statusCode = 200;
	body: unknown = undefined;
	headers: Record<string, string> = {};
	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.headers['content-type'] = 'application/json; charset=utf-8';
		return this.send(body);
	}

	send(body?: unknown): this {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	end(): this {
		this.headersSent = true;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}
}

export interface WebhookContextProbe {
	logs: LogEntry[];
	response: RecordingResponse;
	/** How often the node asked n8n's request to read a body it had left unread. */
	rawBodyReads?: number;
}

/** The parameters n8n would hand the node: the description's defaults, then the node's own. */
export function parametersWithDefaults(
	trigger: INodeType,
	parameters: IDataObject = {},
): IDataObject {
	const defaults: IDataObject = {};
	for (const property of trigger.description.properties) {
		if (property.type === 'notice') continue;
		defaults[property.name] = property.default as IDataObject[keyof IDataObject];
	}
	return { ...defaults, ...parameters };
}

export function triggerNode(trigger: INodeType, setup: TriggerSetup): INode {
	return {
		id: setup.nodeId ?? 'b1e2c3d4-0000-4000-8000-00000000aaaa',
		name: 'CinetPay Transfer Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: parametersWithDefaults(trigger, setup.parameters) as INode['parameters'],
		// The credential the node's Platform selects, as the editor attaches it.
		credentials: {
			[setup.parameters?.platform === '2026' ? CREDENTIAL_TYPE_2026 : CREDENTIAL_TYPE]:
				CREDENTIAL_REFERENCE,
		},
	};
}

/**
 * One request's IWebhookFunctions: n8n-core's own WebhookContext on a Workflow holding the
 * trigger node (n8n-workflow fills the description's defaults, keeps the static data observed,
 * computes the production URL). `staticData` is the workflow row's static data as loaded.
 */
export function webhookContext(
	trigger: INodeType,
	setup: TriggerSetup,
	request: WebhookRequest,
	staticData: IDataObject = {},
): IWebhookFunctions & { probe: WebhookContextProbe } {
	return coreWebhookContext(trigger, setup, request, staticData).context;
}

function coreWebhookContext(
	trigger: INodeType,
	setup: TriggerSetup,
	request: WebhookRequest,
	staticData: IDataObject,
): { context: IWebhookFunctions & { probe: WebhookContextProbe }; workflow: Workflow } {
	const node: INode = {
		...triggerNode(trigger, setup),
		// n8n-workflow's Workflow adds the description's defaults, as n8n does.
		parameters: (setup.parameters ?? {}) as INode['parameters'],
	};
	const workflow = new Workflow({
		id: setup.workflowId ?? 'wf-1',
		name: 'CinetPay payouts',
		active: true,
		nodes: [node],
		connections: {},
		nodeTypes: new PackageNodeTypes(trigger),
		staticData,
	});
	const probe: WebhookContextProbe = { logs: [], response: new RecordingResponse() };
	const requestObject: {
		method: string;
		query: IDataObject;
		headers: http.IncomingHttpHeaders;
		params: IDataObject;
		body: unknown;
		rawBody?: Buffer;
		readRawBody: () => Promise<void>;
	} = {
		method: request.method,
		query: request.query ?? {},
		headers: request.headers ?? {},
		params: {},
		body: request.body,
		rawBody: request.rawBody,
		readRawBody: async () => {
			probe.rawBodyReads = (probe.rawBodyReads ?? 0) + 1;
			requestObject.rawBody ??= request.unreadBody;
		},
	};
	const mode = setup.mode ?? 'webhook';
	const store =
		setup.store ??
		(setup.credentials
			? credentialStore(setup.credentials as ICredentialDataDecryptedObject)
			: undefined);
	const data = additionalData({
		credentialsHelper: store ? new TestCredentialsHelper(store) : new NoCredentials(),
		executionId: '',
		hooks: lifecycleHooks(mode, '', workflow.id),
		webhookBaseUrl: `${setup.baseUrl ?? 'http://127.0.0.1:5678'}/webhook`,
		httpRequest: requestObject,
		httpResponse: probe.response,
	});
	const webhookDescription = trigger.description.webhooks?.find(
		(webhook) => webhook.httpMethod === request.method,
	);
	if (!webhookDescription) throw new Error(`The trigger has no ${request.method} webhook`);
	const webhookData: IWebhookData = {
		httpMethod: request.method,
		node: node.name,
		path: WEBHOOK_PATH,
		webhookDescription,
		workflowId: workflow.id,
		webhookId: WEBHOOK_ID,
		isTest: false,
		workflowExecuteAdditionalData: data,
	};
	const context = new WebhookContext(
		workflow,
		workflow.getNode(node.name)!,
		data,
		mode,
		webhookData,
		[],
		null,
	);
	// n8n's logger is a recorder in this harness (n8nCore.ts); this one also keeps the request's lines.
	const log = (level: LogEntry['level']) => (message: string, meta?: unknown) => {
		probe.logs.push({ level, message });
		capturedLogLines.push(`${level} ${message} ${JSON.stringify(meta ?? '')}`);
	};
	Object.defineProperty(context, 'logger', {
		value: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	});
	// A test that mocks CinetPay replaces n8n's request helper (and only that).
	const mock = setup.httpRequestWithAuthentication;
	if (mock) {
		(context.helpers as unknown as IDataObject).httpRequestWithAuthentication = function (
			this: unknown,
			...args: Parameters<HttpRequestWithAuthentication>
		) {
			return mock.apply(this, args);
		};
	}
	return {
		context: Object.assign(context, { probe }) as unknown as IWebhookFunctions & {
			probe: WebhookContextProbe;
		},
		workflow,
	};
}

/** A trigger set up without credentials: n8n's answer when the node has none. */
class NoCredentials extends TestCredentialsHelper {
	constructor() {
		super(credentialStore({}));
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		throw new Error('Node does not have any credentials set');
	}
}

export interface WebhookOutcome {
	status: number;
	body: unknown;
	/** The started execution's input, when the call started one. */
	started?: INodeExecutionData[][];
	logs: LogEntry[];
	/** Whether the static data was saved after the call. */
	savedStaticData: boolean;
	/** How often the node asked n8n to read a body it had left unread. */
	rawBodyReads: number;
}

/** One request through n8n's live-webhook path. */
export async function runWebhook(
	trigger: INodeType,
	setup: TriggerSetup,
	request: WebhookRequest,
): Promise<WebhookOutcome> {
	const db = setup.db ?? new StaticDataDb();
	const { context, workflow } = coreWebhookContext(trigger, setup, request, db.read());
	const { probe } = context;
	let result: IWebhookResponseData;
	try {
		result = await trigger.webhook!.call(context);
	} catch (error) {
		probe.logs.push({ level: 'error', message: (error as Error).message });
		return {
			status: 500,
			body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
			started: undefined,
			logs: probe.logs,
			savedStaticData: false,
			rawBodyReads: probe.rawBodyReads ?? 0,
		};
	}

	// cli's live-webhook path saves the static data when n8n-workflow's observer saw a change.
	const savedStaticData =
		(workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true;
	if (savedStaticData) {
		db.json = JSON.stringify(workflow.staticData);
		db.saves++;
	}

	const outcome = { logs: probe.logs, savedStaticData, rawBodyReads: probe.rawBodyReads ?? 0 };
	if (result.noWebhookResponse === true) {
		if (!probe.response.headersSent)
			throw new Error('noWebhookResponse, but the node wrote no response');
		return {
			...outcome,
			status: probe.response.statusCode,
			body: probe.response.body,
			started: result.workflowData,
		};
	}
	if (result.workflowData !== undefined) {
		return {
			...outcome,
			status: 200,
			body: result.webhookResponse ?? { message: 'Workflow was started' },
			started: result.workflowData,
		};
	}
	return {
		...outcome,
		status: 200,
		body: result.webhookResponse ?? { message: 'Webhook call received' },
		started: undefined,
	};
}

export interface WebhookServer {
	/** The production URL, like n8n's `{base}/webhook/{webhookId}/{path}`. */
	url: string;
	outcomes: WebhookOutcome[];
	/** Each started execution's first item. */
	starts: IDataObject[];
	close(): Promise<void>;
}

/** A loopback n8n for one trigger node: its production URL, n8n's body parsing, runWebhook. */
export async function startWebhookServer(
	trigger: INodeType | (() => INodeType),
	setup: TriggerSetup,
): Promise<WebhookServer> {
	const outcomes: WebhookOutcome[] = [];
	const starts: IDataObject[] = [];
	const db = setup.db ?? new StaticDataDb();
	const nodeFor = typeof trigger === 'function' ? trigger : () => trigger;
	const server = http.createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			res.statusCode = 500;
			res.end(JSON.stringify({ message: error.message }));
		});
	});
	let baseUrl = '';

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', baseUrl);
		const rawBody = await readBody(req);
		const send = (status: number, body: unknown) => {
			res.statusCode = status;
			if (typeof body === 'string') {
				res.setHeader('content-type', 'text/html; charset=utf-8');
				res.end(body);
			} else {
				res.setHeader('content-type', 'application/json; charset=utf-8');
				res.end(body === undefined ? '' : JSON.stringify(body));
			}
		};
		if (
			url.pathname !== `/webhook/${WEBHOOK_ID}/${WEBHOOK_PATH}` ||
			(req.method !== 'GET' && req.method !== 'POST')
		) {
			send(404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}
		const parsed = parseBodyLikeN8n(req.headers['content-type'], rawBody);
		if ('error' in parsed) {
			send(422, { code: 422, message: 'Failed to parse request body', hint: parsed.error });
			return;
		}
		const request: WebhookRequest = {
			method: req.method,
			// Express 5's "simple" query parser is node's querystring.
			query: querystring.parse(url.search.replace(/^\?/, '')) as IDataObject,
			headers: req.headers,
			body: parsed.body,
			rawBody,
		};
		const outcome = await runWebhook(nodeFor(), { ...setup, db, baseUrl }, request);
		outcomes.push(outcome);
		for (const items of outcome.started ?? []) starts.push(...items.map((item) => item.json));
		send(outcome.status, outcome.body);
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url: `${baseUrl}/webhook/${WEBHOOK_ID}/${WEBHOOK_PATH}`,
		outcomes,
		starts,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** n8n's parseBody (middlewares/body-parser.ts) as a version-1 webhook node gets it. */
export function parseBodyLikeN8n(
	contentTypeHeader: string | undefined,
	rawBody: Buffer,
): { body: unknown } | { error: string } {
	const contentType = contentTypeHeader?.split(';')[0].trim().toLowerCase();
	if (rawBody.length === 0) return { body: undefined };
	const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
	try {
		if (contentType === 'application/json') return { body: JSON.parse(text) as unknown };
		if (contentType === 'application/x-www-form-urlencoded') {
			return { body: querystring.parse(text, undefined, undefined, { maxKeys: 1000 }) };
		}
		if (contentType === 'text/plain') return { body: text };
	} catch (error) {
		return { error: (error as Error).message };
	}
	// XML is parsed by n8n with xml2js; CinetPay does not send it, so it stays unparsed here.
	return { body: undefined };
}
