/**
 * Transfers on the 2026 platform as the operations see them: one send call, a transfer by
 * CinetPay's ID or (where CinetPay has it) by the merchant's ID, each in the same shape as v1's
 * outputs where the meanings match. What a send's answer means is the payout protocol's to say
 * (payout/platform2026/strategy.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { TransportContext } from '../shared/authenticatedCall';
import { callPlatform2026, isOk2026, type Answer2026, type Call2026 } from './call';
import { code2026Info } from './codes';
import { cinetPay2026Error } from './errors';
import { ENDPOINTS_2026, MERCHANT_LOOKUP_2026, type MerchantLookup2026 } from './facts';
import type { Send2026Payload } from './transferPayload';

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
		// null stays null: an answer without the amount says nothing about it (never 0).
		amount: body.amount === undefined || body.amount === null ? null : Number(body.amount),
		currency: body.currency ?? null,
		fee: body.fee_amount !== undefined && body.fee_amount !== null ? Number(body.fee_amount) : null,
		payment_method: body.payment_method ?? null,
		// [prod] the spec's answer has the receiver in `user.phone_number`; some answers at the top.
		phone_number: body.phone_number ?? (body.user as IDataObject | null)?.phone_number ?? null,
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
	if (!isOk2026(answer) || answer.body.transaction_id === undefined)
		throw cinetPay2026Error(context, answer, itemIndex);
	return { found: true, transfer: normalizeTransfer2026(answer.body as IDataObject) };
}

/** One send call. What its answer means is the payout protocol's to say (payout/platform2026/strategy.ts). */
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
