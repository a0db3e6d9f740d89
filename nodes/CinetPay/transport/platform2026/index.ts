/**
 * The one door to CinetPay's 2026 platform: JSON requests with the credential's Bearer session,
 * the reading of answers, the retries that are safe (reads), and the calls the operations make —
 * balance, one send, a transfer by CinetPay's ID or (where CinetPay has it) by the merchant's ID —
 * each returning the same shape as v1's outputs where the meanings match.
 *
 * Its parts: facts.ts (what is known, in one place), codes.ts (what each code means), login.ts and
 * session.ts (when and how to log in), errors.ts (codes and failed calls as node errors, no secret),
 * payout2026.ts (the send protocol). It reuses v1's error helpers for calls that got no answer.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { callOutcome, factsOf, failedCallError, unreadableAnswerError } from '../errors';
import type { TransportContext } from '../index';
import { code2026Info, isSessionRejected2026 } from './codes';
import { cinetPay2026Error, type Answer2026 } from './errors';
import { ENDPOINTS_2026, MERCHANT_LOOKUP_2026, type MerchantLookup2026 } from './facts';
import { baseUrl2026, parseJsonObject } from './login';
import { adoptSession2026, session2026ForCall, withoutSession2026 } from './session';

export type { Answer2026 } from './errors';

export const CREDENTIAL_TYPE_2026 = 'cinetPayApi';

export const DEFAULT_TIMEOUT_MS_2026 = 60_000;

/** Reads are retried on transient failures; a send never is (see payout2026.ts). */
const READ_RETRY_DELAYS_MS = [300, 1200];

export interface Call2026 {
	method: 'GET' | 'POST';
	/** Path after the base URL, e.g. /v1/balances. */
	path: string;
	qs?: IDataObject;
	/** Sent as JSON. */
	body?: IDataObject;
	timeoutMs?: number;
	/** Retry a read after a transient failure (default for GET). */
	retry?: boolean;
}

/**
 * Calls the 2026 platform and returns its answer whatever its code (what a code means depends on
 * the call: 404 on a lookup, 1200 on a send). Throws only when there is no CinetPay answer (no
 * connection, timeout, a page that is not CinetPay's JSON, a failed login).
 *
 * Session: a stored token is used until RENEW_BEFORE_EXPIRY_MS before its expiry, then renewed
 * before the call. If CinetPay still rejects it (HTTP 401, or code 401 with HTTP 200), the call is
 * repeated exactly once after exactly one fresh login — a send too: a rejected token means the
 * send was not processed.
 */
export async function callPlatform2026(
	this: TransportContext,
	call: Call2026,
): Promise<Answer2026> {
	const stored = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE_2026);
	const session = session2026ForCall(stored);
	const credentials = session.credentials;
	const isSend = call.method === 'POST';
	let baseUrl: string;
	try {
		baseUrl = baseUrl2026(credentials);
	} catch (error) {
		throw failedCallError(this, error, { credentials, isSend: false, timeoutMs: 0 });
	}
	const request: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		...(call.qs && { qs: call.qs }),
		headers: {
			Accept: 'application/json',
			...(call.body !== undefined && { 'Content-Type': 'application/json' }),
		},
		...(call.body !== undefined && { body: JSON.stringify(call.body) }),
		// Parsed here: error bodies come with 4xx, and gateways answer 5xx with HTML.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS_2026,
	};
	const retryDelays = call.method === 'GET' && call.retry !== false ? READ_RETRY_DELAYS_MS : [];
	let renewed = session.renewFirst;
	let answer = await sendWithRetries(this, request, credentials, renewed, retryDelays, isSend);
	if (isSessionRejected2026(answer.code, answer.httpStatus) && !renewed) {
		renewed = true;
		answer = await sendWithRetries(this, request, credentials, true, retryDelays, isSend);
	}
	return answer;
}

async function sendWithRetries(
	context: TransportContext,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewSession: boolean,
	retryDelays: number[],
	isSend: boolean,
): Promise<Answer2026> {
	for (let attempt = 0; ; attempt++) {
		const result = await sendOnce(
			context,
			request,
			credentials,
			renewSession && attempt === 0,
			isSend,
		).then(
			(answer) => ({ answer }),
			(error: NodeApiError) => ({ error }),
		);
		if ('answer' in result) {
			// A read answered 5xx is transient like a lost answer; a send's 5xx is the protocol's call.
			const transient = !isSend && result.answer.httpStatus >= 500 && attempt < retryDelays.length;
			if (!transient) return result.answer;
			await sleep(retryDelays[attempt]);
			continue;
		}
		const retryable = attempt < retryDelays.length && callOutcome(result.error) !== undefined;
		if (!retryable || factsOf(result.error).code !== undefined) throw result.error;
		await sleep(retryDelays[attempt]);
	}
}

async function sendOnce(
	context: TransportContext,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	renewSession: boolean,
	isSend: boolean,
): Promise<Answer2026> {
	// With an empty token n8n runs the credential's preAuthentication (a login) and writes the new
	// session into `data`, and stores it with the credential.
	const data = renewSession ? withoutSession2026(credentials) : { ...credentials };
	let response: { statusCode: number; body: unknown };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE_2026,
			{ ...request, headers: { ...request.headers } },
			{ credentialsDecrypted: asDecrypted(context, data) },
		)) as { statusCode: number; body: unknown };
	} catch (error) {
		adoptSession2026(credentials, data);
		throw failedCallError(context, error, {
			credentials,
			isSend,
			timeoutMs: Number(request.timeout),
		});
	}
	adoptSession2026(credentials, data);
	const body = parseJsonObject(response.body);
	if (!body) throw unreadableAnswerError(context, response.statusCode, isSend);
	return {
		httpStatus: response.statusCode,
		code:
			body.code !== undefined && body.code !== null
				? String(body.code)
				: String(response.statusCode),
		status: typeof body.status === 'string' ? body.status : undefined,
		message: typeof body.message === 'string' ? body.message : undefined,
		body,
	};
}

function asDecrypted(context: TransportContext, data: ICredentialDataDecryptedObject) {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE_2026];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE_2026, data };
}

function isOk(answer: Answer2026): boolean {
	return (
		answer.httpStatus >= 200 &&
		answer.httpStatus < 300 &&
		!isSessionRejected2026(answer.code, answer.httpStatus)
	);
}

// ---------------------------------------------------------------------------------------------
// The calls the operations make, with v1's output shapes

/** v1's balance shape (`amount`, `inUsing`, `available`, `currency`) for the token's country. */
export async function getBalance2026(
	this: TransportContext,
	options: { timeoutMs?: number } = {},
): Promise<IDataObject> {
	const answer = await callPlatform2026.call(this, {
		...ENDPOINTS_2026.balance,
		timeoutMs: options.timeoutMs,
	});
	if (!isOk(answer)) throw cinetPay2026Error(this, answer);
	const real = Number(answer.body.real_balance ?? 0);
	const available = Number(answer.body.available_balance ?? 0);
	return {
		amount: real,
		inUsing: real - available,
		available,
		currency: String(answer.body.currency ?? ''),
		real_balance: real,
		available_balance: available,
		platform: '2026',
	};
}

/**
 * A transfer as the operations output it on both platforms: CinetPay's ID, the merchant's ID
 * (`client_transaction_id`, v1's name, and `merchant_transaction_id`, 2026's), `status` in v1's
 * names with CinetPay's own code and status beside it, amount, currency, fee.
 */
export function normalizeTransfer2026(body: IDataObject): IDataObject {
	const code = body.code !== undefined && body.code !== null ? String(body.code) : '';
	const state = code2026Info(code)?.transferState;
	const merchantId = body.merchant_transaction_id ?? null;
	return {
		transaction_id: body.transaction_id ?? null,
		client_transaction_id: merchantId,
		merchant_transaction_id: merchantId,
		status: state?.normalized ?? 'UNKNOWN',
		final: state?.final ?? false,
		cinetpay_code: code,
		cinetpay_status: body.status ?? null,
		amount: body.amount !== undefined ? Number(body.amount) : null,
		currency: body.currency ?? null,
		fee: body.fee_amount !== undefined && body.fee_amount !== null ? Number(body.fee_amount) : null,
		payment_method: body.payment_method ?? null,
		phone_number: body.phone_number ?? null,
		platform: '2026',
	};
}

/** What a lookup found: the transfer, or that CinetPay does not know it (404). */
export type Lookup2026 = { found: true; transfer: IDataObject } | { found: false };

/**
 * A transfer by CinetPay's ID. 404: not known to CinetPay; 422: another country's account (an
 * error saying which credential to use).
 */
export async function getTransfer2026(
	this: TransportContext,
	transactionId: string,
	options: { timeoutMs?: number; retry?: boolean; itemIndex?: number } = {},
): Promise<Lookup2026> {
	const answer = await callPlatform2026.call(this, {
		method: 'GET',
		path: `${ENDPOINTS_2026.transfer.path}${encodeURIComponent(transactionId)}`,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});
	return lookupResult(this, answer, options.itemIndex);
}

/**
 * Whether the merchant's ID can be looked up, and how (facts.ts; an operation may pass what it
 * knows better, e.g. a test against a simulator variant).
 */
export function merchantLookupOf(override?: MerchantLookup2026): MerchantLookup2026 {
	return override ?? MERCHANT_LOOKUP_2026;
}

/** A transfer by the merchant's ID, where CinetPay has such a lookup; undefined where it has not. */
export async function findTransferByMerchantId2026(
	this: TransportContext,
	merchantTransactionId: string,
	options: {
		lookup?: MerchantLookup2026;
		timeoutMs?: number;
		retry?: boolean;
		itemIndex?: number;
	} = {},
): Promise<Lookup2026 | undefined> {
	const lookup = merchantLookupOf(options.lookup);
	if (lookup === 'none') return undefined;
	const call: Call2026 =
		lookup === 'query'
			? {
					method: 'GET',
					path: '/v1/transfer',
					qs: { merchant_transaction_id: merchantTransactionId },
				}
			: {
					method: 'GET',
					path: `/v1/transfer/merchant/${encodeURIComponent(merchantTransactionId)}`,
				};
	const answer = await callPlatform2026.call(this, {
		...call,
		timeoutMs: options.timeoutMs,
		retry: options.retry,
	});
	return lookupResult(this, answer, options.itemIndex);
}

function lookupResult(
	context: TransportContext,
	answer: Answer2026,
	itemIndex?: number,
): Lookup2026 {
	if (answer.httpStatus === 404) return { found: false };
	if (!isOk(answer) || answer.body.transaction_id === undefined)
		throw cinetPay2026Error(context, answer, itemIndex);
	return { found: true, transfer: normalizeTransfer2026(answer.body as IDataObject) };
}

/** The JSON body of one send ([prod] fields). */
export interface Send2026Payload extends IDataObject {
	currency: string;
	payment_method: string;
	merchant_transaction_id: string;
	amount: number;
	phone_number: string;
	reason: string;
	notify_url?: string;
}

/** One send call. What its answer means is the payout protocol's to say (payout2026.ts). */
export async function sendTransfer2026(
	this: TransportContext,
	payload: Send2026Payload,
	options: { timeoutMs?: number } = {},
): Promise<Answer2026> {
	return await callPlatform2026.call(this, {
		...ENDPOINTS_2026.send,
		body: payload,
		timeoutMs: options.timeoutMs,
	});
}

// The barrel for the operations and the trigger (they import only from here).
export {
	DEFAULT_SENDS_IN_FLIGHT_2026,
	payTransfers2026,
	type Payout2026Request,
	type Payout2026Result,
} from './payout2026';
export { defaultMerchantId2026, transferPayload2026, type Transfer2026Input } from './transferPayload';
export { COUNTRIES_2026, MERCHANT_LOOKUP_2026 } from './facts';
