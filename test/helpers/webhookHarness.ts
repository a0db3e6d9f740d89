/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness: plays n8n's webhook server, never published */
/**
 * What n8n does around a webhook trigger, small enough to read, faithful where it matters:
 * - `webhookContext`: an IWebhookFunctions for one request (n8n-core 2.41's WebhookContext):
 *   body, query, headers, raw body, parameters with the node's defaults, the node's static data,
 *   credentials and helpers from n8nHarness (real HTTP to the simulator, or a mock).
 * - `runWebhook`: n8n 2.41's live-webhook path for one request (webhooks/live-webhooks.ts and
 *   webhook-helpers.ts): static data loaded from the "database" and wrapped in n8n-workflow's
 *   ObservableObject, `webhook()` called, its answer turned into the HTTP answer n8n gives
 *   (`noWebhookResponse` → what the node wrote; `workflowData` → a started execution and 200;
 *   else 200 "Webhook call received"; a throw → 500), static data saved only when n8n's observer
 *   saw a change, before the answer is sent.
 * - `startWebhookServer`: a loopback HTTP server at n8n's production path that reads bodies the
 *   way n8n does for a version-1 node (form → querystring object, JSON → object, parse error →
 *   422 before the node runs, text/plain → string, others unparsed with the raw body kept) and
 *   answers through `runWebhook`.
 * Restarting n8n = a fresh module instance of the node (jest.isolateModules) with the same
 * StaticDataDb.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as querystring from 'node:querystring';

import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IObservableObject,
	IWebhookFunctions,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ObservableObject } from 'n8n-workflow';

import { CREDENTIAL_TYPE, httpRequestWithAuthentication, type CredentialStore } from './n8nHarness';

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
	/** Real HTTP through n8nHarness's httpRequestWithAuthentication. */
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
export function parametersWithDefaults(trigger: INodeType, parameters: IDataObject = {}): IDataObject {
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
		type: 'CUSTOM.cinetPayTransferTrigger',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: parametersWithDefaults(trigger, setup.parameters) as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'CinetPay account' } },
	};
}

/**
 * One request's IWebhookFunctions. `staticData` is the workflow's (root) static data; the node's
 * part is made the way n8n-workflow's Workflow.getStaticData makes it.
 */
export function webhookContext(
	trigger: INodeType,
	setup: TriggerSetup,
	request: WebhookRequest,
	staticData: IDataObject = ObservableObject.create({}, undefined, { ignoreEmptyOnFirstChild: true }),
): IWebhookFunctions & { probe: WebhookContextProbe } {
	const node = triggerNode(trigger, setup);
	const probe: WebhookContextProbe = { logs: [], response: new RecordingResponse() };
	const webhookName = request.method === 'GET' ? 'setup' : 'default';
	const productionUrl = `${setup.baseUrl ?? 'http://127.0.0.1:5678'}/webhook/${WEBHOOK_ID}/${WEBHOOK_PATH}`;
	const log = (level: LogEntry['level']) => (message: string) => probe.logs.push({ level, message });
	const httpWithAuth: HttpRequestWithAuthentication =
		setup.httpRequestWithAuthentication ??
		(setup.store
			? (httpRequestWithAuthentication(setup.store, () => node) as unknown as HttpRequestWithAuthentication)
			: async () => {
					throw new Error('The test gave this trigger no way to call CinetPay');
				});
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

	const context = {
		probe,
		getNode: () => node,
		getWorkflow: () => ({ id: setup.workflowId ?? 'wf-1', name: 'CinetPay payouts', active: true }),
		getMode: () => setup.mode ?? 'webhook',
		getWebhookName: () => webhookName,
		getNodeWebhookUrl: (name: string) => (name === 'default' || name === 'setup' ? productionUrl : undefined),
		getRequestObject: () => requestObject,
		getResponseObject: () => probe.response,
		getBodyData: () => requestObject.body,
		getQueryData: () => requestObject.query,
		getHeaderData: () => requestObject.headers,
		getParamsData: () => requestObject.params,
		getNodeParameter: (path: string, fallback?: unknown) => {
			const value = path
				.split('.')
				.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], node.parameters);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${path}"`);
			}
			return value;
		},
		getWorkflowStaticData: (type: string) => {
			const key = type === 'global' ? 'global' : `node:${node.name}`;
			if (staticData[key] === undefined) {
				staticData[key] = ObservableObject.create({}, staticData as IObservableObject);
			}
			return staticData[key] as IDataObject;
		},
		getCredentials: async () => {
			if (setup.store) return { ...setup.store.data };
			if (setup.credentials) return { ...setup.credentials };
			throw new Error('Node does not have any credentials set');
		},
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			httpRequestWithAuthentication: function (this: unknown, ...args: Parameters<HttpRequestWithAuthentication>) {
				return httpWithAuth.apply(this, args);
			},
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
	return context as unknown as IWebhookFunctions & { probe: WebhookContextProbe };
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
	const staticData = ObservableObject.create(db.read(), undefined, { ignoreEmptyOnFirstChild: true });
	const context = webhookContext(trigger, setup, request, staticData);
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

	const savedStaticData = (staticData as { __dataChanged?: boolean }).__dataChanged === true;
	if (savedStaticData) {
		db.json = JSON.stringify(staticData);
		db.saves++;
	}

	const outcome = { logs: probe.logs, savedStaticData, rawBodyReads: probe.rawBodyReads ?? 0 };
	if (result.noWebhookResponse === true) {
		if (!probe.response.headersSent) throw new Error('noWebhookResponse, but the node wrote no response');
		return { ...outcome, status: probe.response.statusCode, body: probe.response.body, started: result.workflowData };
	}
	if (result.workflowData !== undefined) {
		return {
			...outcome,
			status: 200,
			body: result.webhookResponse ?? { message: 'Workflow was started' },
			started: result.workflowData,
		};
	}
	return { ...outcome, status: 200, body: result.webhookResponse ?? { message: 'Webhook call received' }, started: undefined };
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
		if (url.pathname !== `/webhook/${WEBHOOK_ID}/${WEBHOOK_PATH}` || (req.method !== 'GET' && req.method !== 'POST')) {
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
export function parseBodyLikeN8n(contentTypeHeader: string | undefined, rawBody: Buffer): { body: unknown } | { error: string } {
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
