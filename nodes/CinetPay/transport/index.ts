/**
 * The one door to CinetPay's transfer API v1, shared by the Transfer node and the Trigger.
 * It owns the base URL, the session (login through the credential, reuse, one renewal), `lang`,
 * the form encoding of `data`, retries that are safe, and turning failures into clear node errors
 * that never carry the API key, password or token.
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

import { NOT_FOUND_CODE, TOKEN_REJECTED_CODES } from './codes';
import { parseEnvelope, resultItems, type CinetPayEnvelope } from './envelope';
import { callError, callOutcome, cinetPayError, factsOf, redact, type SendOutcome } from './errors';
import {
	isCinetPayLoginError,
	isSessionFresh,
	normalizeBaseUrl,
	recentSession,
	type CinetPayLoginError,
} from './session';

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

/** Connection errors that prove the request never reached CinetPay. */
const NOT_SENT_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
	'ERR_INVALID_URL',
]);

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
	// Another call of this process renewed the session moments ago and n8n has not stored it yet
	// (queue mode: a busy worker or webhook processor): use that token rather than log in again.
	if (!isSessionFresh(credentials)) {
		const recent = recentSession(credentials);
		if (recent) credentials = { ...credentials, ...recent };
	}
	const endpoint = ENDPOINTS[call.endpoint];
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
	} catch (error) {
		throw loginFailure(this, error as CinetPayLoginError);
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

	let renewed = !isSessionFresh(credentials) && credentials.sessionToken !== '';
	let envelope = await sendWithRetries(this, request, credentials, renewed, retryDelays);
	if (isTokenRejected(envelope) && !renewed) {
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

function isTokenRejected(envelope: CinetPayEnvelope): boolean {
	return TOKEN_REJECTED_CODES.has(envelope.code) || envelope.httpStatus === 401;
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
	const data = renewSession
		? { ...credentials, sessionToken: '', sessionIssuedAt: 0, sessionAccount: '' }
		: { ...credentials };
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
		const loginError = findLoginError(error);
		if (loginError) throw loginFailure(context, loginError);
		throw connectionFailure(context, error, credentials, request);
	}
	adoptSession(credentials, data);

	const envelope = parseEnvelope(response.statusCode, response.body);
	if (envelope) return envelope;
	throw callError(context, {
		message: `CinetPay answered HTTP ${response.statusCode} without a CinetPay response`,
		description: outcomeAdvice('unknown', request),
		httpCode: String(response.statusCode),
		outcome: 'unknown',
	});
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

/**
 * A session n8n just created is the one to use from now on in this call: a retry after a renewal
 * must not go back to the rejected token (and redaction must know the new one).
 */
function adoptSession(
	credentials: ICredentialDataDecryptedObject,
	data: ICredentialDataDecryptedObject,
) {
	if (data.sessionToken && data.sessionToken !== credentials.sessionToken) {
		credentials.sessionToken = data.sessionToken;
		credentials.sessionIssuedAt = data.sessionIssuedAt;
		credentials.sessionAccount = data.sessionAccount;
	}
}

function findLoginError(error: unknown): CinetPayLoginError | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		if (isCinetPayLoginError(current)) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function loginFailure(context: TransportContext, error: CinetPayLoginError): NodeApiError {
	return callError(context, {
		message: error.message,
		description: error.description,
		outcome: 'not-sent',
		code: error.cinetPayCode,
	});
}

/** No answer from CinetPay. The request error itself is dropped: it holds the token in its URL. */
function connectionFailure(
	context: TransportContext,
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): NodeApiError {
	const code = findErrorCode(error);
	const timedOut =
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout/i.test(String((error as Error)?.message));
	const outcome: SendOutcome = code && NOT_SENT_ERROR_CODES.has(code) ? 'not-sent' : 'unknown';
	const what = timedOut
		? `CinetPay did not answer within ${Math.round(Number(request.timeout) / 1000)} s`
		: outcome === 'not-sent'
			? 'Could not connect to CinetPay'
			: 'The connection to CinetPay closed before its answer';
	// The error code goes to the description: n8n replaces a message naming ECONNRESET & co. by a
	// generic text that would hide whether the call may have gone through.
	return callError(context, {
		message: what,
		description: redact(
			`${outcomeAdvice(outcome, request)}${code ? ` (network error: ${code})` : ''}`,
			credentials,
		),
		outcome,
		timedOut,
	});
}

function outcomeAdvice(outcome: SendOutcome, request: IHttpRequestOptions): string {
	const isSend = String(request.url).endsWith(ENDPOINTS.sendMoney.path);
	if (outcome === 'not-sent')
		return 'Nothing reached CinetPay. Check the Base URL and the network, then run again.';
	return isSend
		? 'CinetPay may have received this send. Check each transfer by its client transaction ID (Transfer → Get) before sending it again.'
		: 'Nothing was changed by this call. Try again in a moment, or turn on "Retry On Fail" in the node settings.';
}

function findErrorCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
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
