/**
 * The one door to CinetPay's transfer API v1, shared by the Transfer node and the Trigger: the
 * endpoints, `lang`, the form encoding of `data`, the reading of answers, and the retries that are
 * safe (reads only). Its parts: session.ts decides when the token is renewed and shares a fresh
 * login across this n8n instance, login.ts logs in, errors.ts turns CinetPay codes and failed calls into
 * node errors that never carry the API key, password or token.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { NOT_FOUND_CODE } from './codes';
import { parseEnvelope, resultItems, type CinetPayEnvelope } from './envelope';
import {
	callOutcome,
	cinetPayError,
	factsOf,
	failedCallError,
	unreadableAnswerError,
} from './errors';
import { normalizeBaseUrl } from './login';
import { adoptSession, isSessionRejected, sessionForCall, withoutSession } from './session';

export { callOutcome, cinetPayError, redact } from './errors';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';

export type CinetPayLang = 'en' | 'fr';

export const ENDPOINTS = {
	balance: { method: 'GET', path: '/v1/transfer/check/balance' },
	addContacts: { method: 'POST', path: '/v1/transfer/contact' },
	sendMoney: { method: 'POST', path: '/v1/transfer/money/send/contact' },
	transferInfo: { method: 'GET', path: '/v1/transfer/check/money' },
} as const;

export type CinetPayEndpoint = keyof typeof ENDPOINTS;

export type TransportContext =
	| IExecuteFunctions
	| IWebhookFunctions
	| IHookFunctions
	| ILoadOptionsFunctions;

export interface CinetPayCall {
	endpoint: CinetPayEndpoint;
	/** Query parameters besides `token` and `lang`. */
	qs?: IDataObject;
	/** Sent as the form field `data`, JSON-encoded, as CinetPay expects for POST calls. */
	data?: IDataObject[];
	lang?: CinetPayLang;
	timeoutMs?: number;
	/**
	 * Retry a read after a transient failure (default for GET calls). The trigger turns it off:
	 * CinetPay waits for its answer, and will notify again anyway.
	 */
	retry?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Reads (GET) are retried on transient failures; a send never is (see the send operation). */
const READ_RETRY_DELAYS_MS = [300, 1200];

/**
 * Calls CinetPay and returns its envelope, whatever its code: what a code means depends on the
 * operation (805 on a send, 723 on a lookup), so callers decide. Throws only when there is no
 * CinetPay answer to give (network, timeout, 5xx page, failed login).
 *
 * The session: a stored token younger than SESSION_REUSE_MS is reused; an older one is renewed
 * before the call. If CinetPay still rejects the token (705/706/707, with HTTP 200 or 401), the
 * call is repeated exactly once after exactly one fresh login.
 */
export async function callCinetPay(
	this: TransportContext,
	call: CinetPayCall,
): Promise<CinetPayEnvelope> {
	let credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const session = sessionForCall(credentials);
	credentials = session.credentials;
	const endpoint = ENDPOINTS[call.endpoint];
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
	} catch (error) {
		throw failedCallError(this, error, { credentials, isSend: false, timeoutMs: 0 });
	}
	const request: IHttpRequestOptions = {
		method: endpoint.method,
		url: `${baseUrl}${endpoint.path}`,
		qs: { ...call.qs, lang: call.lang ?? 'en' },
		// CinetPay reads POST parameters from a form; `data` holds the JSON list.
		...(call.data !== undefined && {
			body: new URLSearchParams({ data: JSON.stringify(call.data) }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		}),
		// Read the body as text and parse it here: error bodies come with 4xx too, and 5xx pages
		// are HTML.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	const retryDelays = endpoint.method === 'GET' && call.retry !== false ? READ_RETRY_DELAYS_MS : [];

	let renewed = session.renewFirst;
	let envelope = await sendWithRetries(this, request, credentials, renewed, retryDelays);
	if (isSessionRejected(envelope) && !renewed) {
		renewed = true;
		envelope = await sendWithRetries(this, request, credentials, true, retryDelays);
	}
	return envelope;
}

/** Throws the node error for a CinetPay error envelope; does nothing on success. */
export function throwIfCinetPayError(
	context: TransportContext,
	envelope: CinetPayEnvelope,
	itemIndex?: number,
): void {
	if (envelope.code === '0') return;
	throw cinetPayError(context, envelope, itemIndex);
}

async function sendWithRetries(
	context: TransportContext,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewSession: boolean,
	retryDelays: number[],
): Promise<CinetPayEnvelope> {
	for (let attempt = 0; ; attempt++) {
		// Renew at most once per call: a retry after a renewal reuses the new token.
		const result = await sendOnce(
			context,
			request,
			credentials,
			renewSession && attempt === 0,
		).then(
			(envelope) => ({ envelope }),
			(error: NodeApiError) => ({ error }),
		);
		if ('envelope' in result) return result.envelope;
		const retryable = attempt < retryDelays.length && callOutcome(result.error) !== undefined;
		// A login CinetPay refused with a code is not transient: the same key and password would
		// fail again.
		if (!retryable || factsOf(result.error).code !== undefined) throw result.error;
		await sleep(retryDelays[attempt]);
	}
}

async function sendOnce(
	context: TransportContext,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewSession: boolean,
): Promise<CinetPayEnvelope> {
	// The credential callCinetPay read, handed to n8n so that it does not read and decrypt it a
	// second time per call (in a webhook, n8n 2.x also builds a fresh expression isolate per read).
	// With an empty token n8n logs in first, and writes the new session into `data`.
	const data = renewSession ? withoutSession(credentials) : { ...credentials };
	let response: { statusCode: number; body: unknown };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			// n8n adds the token to `qs` in place: give it a copy so the next attempt starts clean.
			{ ...request, qs: { ...request.qs } },
			{ credentialsDecrypted: asDecrypted(context, data) },
		)) as { statusCode: number; body: unknown };
	} catch (error) {
		adoptSession(credentials, data);
		throw failedCallError(context, error, {
			credentials,
			isSend: isSend(request),
			timeoutMs: Number(request.timeout),
		});
	}
	adoptSession(credentials, data);

	const envelope = parseEnvelope(response.statusCode, response.body);
	if (envelope) return envelope;
	throw unreadableAnswerError(context, response.statusCode, isSend(request));
}

function isSend(request: IHttpRequestOptions): boolean {
	return String(request.url).endsWith(ENDPOINTS.sendMoney.path);
}

/**
 * The node's credential with the given data. With an empty token n8n runs the credential's
 * preAuthentication (one login) and stores the new token, so later calls, executions and workers
 * reuse it too.
 */
function asDecrypted(context: TransportContext, data: ICredentialDataDecryptedObject) {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data };
}

export type TransferSearchBy = 'transaction_id' | 'client_transaction_id' | 'lot';

/**
 * The transfers CinetPay knows for one id (a lot gives all of its transfers); an empty list when
 * it knows none (723 NOT_FOUND, whether it arrives with HTTP 200 or 404).
 */
export async function findTransfers(
	this: TransportContext,
	searchBy: TransferSearchBy,
	value: string,
	options: Pick<CinetPayCall, 'lang' | 'timeoutMs' | 'retry'> & { itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const envelope = await callCinetPay.call(this, {
		endpoint: 'transferInfo',
		qs: { [searchBy]: value },
		lang: options.lang,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});
	if (envelope.code === NOT_FOUND_CODE) return [];
	throwIfCinetPayError(this, envelope, options.itemIndex);
	return resultItems(envelope.data);
}
