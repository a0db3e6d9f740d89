/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness: plays n8n's HTTP client, never published */
/**
 * The smallest faithful stand-in for what n8n gives a node at run time, so node and transport
 * code can be tested against the simulator over real HTTP without a running n8n:
 * - `n8nHttpRequest` behaves like n8n's `helpers.httpRequest` (axios underneath): qs, string bodies,
 *   `encoding: 'text'`, `returnFullResponse`, `ignoreHttpStatusErrors`, timeouts as ECONNABORTED,
 *   socket errors with their codes.
 * - `httpRequestWithAuthentication` follows n8n-core 2.41's code path: credentials from
 *   `credentialsDecrypted` or the store, preAuthentication when the expirable field is empty,
 *   the credential's `authenticate` (token into qs), refresh-and-resend on HTTP 401, errors wrapped in
 *   NodeApiError.
 * - the credential store plays n8n's database: preAuthentication output is persisted into it.
 * What the real n8n does beyond this is proven by the e2e suite in e2e/.
 */
import * as http from 'node:http';
import * as https from 'node:https';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CinetPay2026Api } from '../../credentials/CinetPay2026Api.credentials';
import { CinetPayTransferV1Api } from '../../credentials/CinetPayTransferV1Api.credentials';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';

/** Every line a node logged through the harness, for secret scans. */
export const capturedLogLines: string[] = [];

/** n8n's credential row: the decrypted data, and how often n8n wrote it back. */
export interface CredentialStore {
	data: ICredentialDataDecryptedObject;
	writes: number;
}

export function credentialStore(data: ICredentialDataDecryptedObject): CredentialStore {
	return { data: { sessionToken: '', sessionIssuedAt: 0, ...data }, writes: 0 };
}

interface FullResponse {
	body: unknown;
	headers: http.IncomingHttpHeaders;
	statusCode: number;
	statusMessage: string;
}

class HttpError extends Error {
	constructor(
		message: string,
		readonly code?: string,
		readonly response?: { status: number; data: unknown },
	) {
		super(message);
	}
}

/** Like n8n's helpers.httpRequest for the options the transport uses. */
export async function n8nHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL(options.url, options.baseURL);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) headers[key] = String(value);
	let payload: string | undefined;
	if (typeof options.body === 'string') payload = options.body;
	else if (options.body instanceof URLSearchParams) {
		payload = options.body.toString();
		headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
	} else if (options.body !== undefined && options.body !== null) {
		const isForm = Object.entries(headers).some(
			([key, value]) => key.toLowerCase() === 'content-type' && value.includes('x-www-form-urlencoded'),
		);
		payload = isForm
			? new URLSearchParams(options.body as Record<string, string>).toString()
			: JSON.stringify(options.body);
		if (!isForm) headers['Content-Type'] ??= 'application/json';
	}
	if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));

	const response = await new Promise<FullResponse>((resolve, reject) => {
		const client = url.protocol === 'https:' ? https : http;
		const request = client.request(url, { method: options.method ?? 'GET', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					body: Buffer.concat(chunks).toString('utf8'),
					headers: res.headers,
					statusCode: res.statusCode ?? 0,
					statusMessage: res.statusMessage ?? '',
				}),
			);
			res.on('error', (error) => reject(new HttpError(error.message, 'ECONNRESET')));
		});
		if (options.timeout) {
			request.setTimeout(options.timeout, () => {
				request.destroy(new HttpError(`timeout of ${options.timeout}ms exceeded`, 'ECONNABORTED'));
			});
		}
		request.on('error', (error: NodeJS.ErrnoException) =>
			reject(error instanceof HttpError ? error : new HttpError(error.message, error.code)),
		);
		request.end(payload);
	});

	let body: unknown = response.body;
	if (options.encoding !== 'text' && typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			// axios keeps non-JSON bodies as text
		}
	}
	if (!options.ignoreHttpStatusErrors && (response.statusCode < 200 || response.statusCode >= 300)) {
		throw new HttpError(`Request failed with status code ${response.statusCode}`, 'ERR_BAD_RESPONSE', {
			status: response.statusCode,
			data: body,
		});
	}
	return options.returnFullResponse ? { ...response, body } : body;
}

/** The package's credential types by name (v1's, and the 2026 platform's). */
const credentialTypes = { cinetPayTransferApi: new CinetPayTransferV1Api(), cinetPayApi: new CinetPay2026Api() };

function credentialTypeOf(type: string) {
	return credentialTypes[type as keyof typeof credentialTypes] ?? credentialTypes.cinetPayTransferApi;
}

/** n8n's CredentialsHelper.preAuthentication for this credential type (2.41's logic). */
async function preAuthentication(
	store: CredentialStore,
	credentials: ICredentialDataDecryptedObject,
	expired: boolean,
	type = CREDENTIAL_TYPE,
): Promise<ICredentialDataDecryptedObject | undefined> {
	if (credentials.sessionToken !== '' && !expired) return undefined;
	const output = await credentialTypeOf(type).preAuthentication.call(
		{ helpers: { httpRequest: n8nHttpRequest as never } },
		credentials,
	);
	if (output.sessionToken === undefined) return undefined;
	store.data = { ...store.data, ...(output as ICredentialDataDecryptedObject) };
	store.writes++;
	return Object.assign(credentials, output);
}

/** The credential's own authenticate, as n8n calls it before each request. */
async function authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions, type = CREDENTIAL_TYPE) {
	return await credentialTypeOf(type).authenticate(credentials, options);
}

/** helpers.httpRequestWithAuthentication as n8n-core 2.41 runs it. */
export function httpRequestWithAuthentication(store: CredentialStore, node: () => INode) {
	return async function (
		type: string,
		requestOptions: IHttpRequestOptions,
		additional?: { credentialsDecrypted?: { data?: ICredentialDataDecryptedObject } },
	): Promise<unknown> {
		let credentials: ICredentialDataDecryptedObject | undefined;
		try {
			credentials = additional?.credentialsDecrypted?.data ?? { ...store.data };
			const data = await preAuthentication(store, credentials, false, type);
			if (data) Object.assign(credentials, data);
			return await n8nHttpRequest(await authenticate(credentials, requestOptions, type));
		} catch (error) {
			if ((error as HttpError).response?.status === 401 && credentials !== undefined) {
				try {
					await preAuthentication(store, credentials, true, type);
					return await n8nHttpRequest(await authenticate(credentials, requestOptions, type));
				} catch (retryError) {
					throw new NodeApiError(node(), retryError as never);
				}
			}
			throw new NodeApiError(node(), error as never);
		}
	};
}

/** Node context data by execution ID, as n8n keeps it in each execution's run data. */
const nodeContexts = new Map<string, IDataObject>();

function executionNodeContext(executionId: string): IDataObject {
	let context = nodeContexts.get(executionId);
	if (!context) nodeContexts.set(executionId, (context = {}));
	return context;
}

export interface ExecuteContextOptions {
	parameters: IDataObject;
	items?: INodeExecutionData[];
	store: CredentialStore;
	continueOnFail?: boolean;
	executionId?: string;
	runIndex?: number;
	nodeId?: string;
	/**
	 * n8n's per-execution context data of this node (`getContext('node')`). n8n keeps it for the
	 * whole execution, so "Retry On Fail" sees what the first try stored. By default the harness
	 * keeps one per execution ID (runs with the same executionId play tries of one execution);
	 * pass a fresh object to play another instance whose execution IDs started again at 1.
	 */
	nodeContext?: IDataObject;
	/** n8n's instance ID (`getInstanceId()`). */
	instanceId?: string;
}

/** What the harness saw while the node ran. */
export interface ExecuteContextProbe {
	expressionEvaluations: number;
}

/**
 * An IExecuteFunctions for one node run. Parameters may hold `={{ $json.field }}` expressions,
 * resolved per item like n8n does (and counted), so both input modes can be compared.
 */
export function executeContext(options: ExecuteContextOptions): IExecuteFunctions & { probe: ExecuteContextProbe } {
	const items = options.items ?? [{ json: {} }];
	const probe: ExecuteContextProbe = { expressionEvaluations: 0 };
	const nodeContext = options.nodeContext ?? executionNodeContext(options.executionId ?? '101');
	const node: INode = {
		id: options.nodeId ?? '4f1c2a9e-1111-4222-8333-944455556666',
		name: 'CinetPay Transfer',
		type: 'CUSTOM.cinetPayTransfer',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'CinetPay account' } },
	};
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) {
			probe.expressionEvaluations++;
			const match = /^=\{\{\s*\$json\.([A-Za-z0-9_]+)\s*\}\}$/.exec(value);
			if (!match) throw new Error(`The test harness only resolves ={{ $json.field }}, not ${value}`);
			return (items[itemIndex].json as IDataObject)[match[1]];
		}
		if (Array.isArray(value)) return value.map((entry) => resolve(entry, itemIndex));
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]));
		}
		return value;
	};
	const context = {
		probe,
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionId: () => options.executionId ?? '101',
		getInstanceId: () => options.instanceId ?? 'test-instance-0001',
		getContext: (type: string) => {
			if (type !== 'node') throw new Error(`The test harness only keeps node context, not ${type}`);
			return nodeContext;
		},
		getWorkflowDataProxy: () => ({ $runIndex: options.runIndex ?? 0 }),
		getNodeParameter: (path: string, itemIndex: number, fallback?: unknown) => {
			const raw = path
				.split('.')
				.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], options.parameters);
			const value = resolve(raw, itemIndex);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${path}"`);
			}
			return value;
		},
		getCredentials: async () => ({ ...options.store.data }),
		helpers: {
			httpRequest: n8nHttpRequest,
			httpRequestWithAuthentication: httpRequestWithAuthentication(options.store, () => node),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: itemData })),
		},
		logger: Object.fromEntries(
			(['debug', 'info', 'warn', 'error'] as const).map((level) => [
				level,
				(message: string, meta?: unknown) => capturedLogLines.push(`${level} ${message} ${JSON.stringify(meta ?? '')}`),
			]),
		),
	};
	return context as unknown as IExecuteFunctions & { probe: ExecuteContextProbe };
}
