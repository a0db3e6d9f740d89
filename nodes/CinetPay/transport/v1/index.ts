/**
 * The one door to CinetPay's transfer API v1, shared by the Transfer node and the Trigger: the
 * endpoints, `lang`, the form encoding of `data`, and the reading of its envelopes. Its parts:
 * session.ts decides when the token is renewed, login.ts logs in, codes.ts and errors.ts turn
 * CinetPay codes into node errors that never carry the API key, password or token. What the 2026
 * platform (../platform2026/) does the same way is in ../shared/: the call with one fresh login and one
 * repeat and the read retries (authenticatedCall.ts), the sharing of a fresh login across this n8n
 * instance (session.ts), the errors of calls without an answer (failedCalls.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { NOT_FOUND_CODE } from './codes';
import { parseEnvelope, resultItems, type CinetPayEnvelope } from './envelope';
import { cinetPayError } from './errors';
import { isSessionRejected, v1Sessions } from './session';
import {
	callWithSession,
	READ_RETRY_DELAYS_MS,
	type TransportContext,
} from '../shared/authenticatedCall';

export { callOutcome, redact } from '../shared/errors';
export { cinetPayError } from './errors';
export type { TransportContext } from '../shared/authenticatedCall';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';

export type CinetPayLang = 'en' | 'fr';

export const ENDPOINTS = {
	balance: { method: 'GET', path: '/v1/transfer/check/balance' },
	addContacts: { method: 'POST', path: '/v1/transfer/contact' },
	sendMoney: { method: 'POST', path: '/v1/transfer/money/send/contact' },
	transferInfo: { method: 'GET', path: '/v1/transfer/check/money' },
} as const;

export type CinetPayEndpoint = keyof typeof ENDPOINTS;

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
	const endpoint = ENDPOINTS[call.endpoint];
	return await callWithSession(this, {
		credentialType: CREDENTIAL_TYPE,
		sessions: v1Sessions,
		request: (baseUrl) => ({
			method: endpoint.method,
			url: `${baseUrl}${endpoint.path}`,
			qs: { ...call.qs, lang: call.lang ?? 'en' },
			// CinetPay reads POST parameters from a form; `data` holds the JSON list.
			...(call.data !== undefined && {
				body: new URLSearchParams({ data: JSON.stringify(call.data) }).toString(),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			}),
			timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		}),
		isSend: call.endpoint === 'sendMoney',
		// Reads (GET) are retried on transient failures; a send never is (see the send operation).
		retryDelaysMs: endpoint.method === 'GET' && call.retry !== false ? READ_RETRY_DELAYS_MS : [],
		readAnswer: parseEnvelope,
		isSessionRejected,
	});
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
