/**
 * What a 2026 notification says, read as a hint. [prod] CinetPay POSTs JSON `{notify_token,
 * merchant_transaction_id, transaction_id, user}` with no status, and may send none at all: the
 * trigger looks the transfer up by `transaction_id` (getTransfer2026) before starting anything,
 * and starts only if the API's transfer carries the same merchant ID. Pure functions; the trigger
 * wires them (as v1's verifyNotification.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { MERCHANT_ID_PATTERN } from './facts';

export interface Notification2026 {
	transactionId: string;
	/** The merchant's ID the notification claims; checked against the API's transfer. */
	merchantTransactionId?: string;
}

/** UUIDs as the 2026 platform gives them; anything else is not looked up. */
const TRANSACTION_ID_PATTERN = /^[0-9A-Za-z-]{8,64}$/;

/**
 * The transfer a notification points at, or why it is ignored. Accepts the body n8n parsed (JSON)
 * or a raw text body.
 */
export function readNotification2026(
	body: unknown,
): { notification: Notification2026 } | { ignored: string } {
	let value = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body);
		} catch {
			return { ignored: 'the body is not JSON' };
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ignored: 'the body is not a JSON object' };
	const fields = value as IDataObject;
	const transactionId =
		typeof fields.transaction_id === 'string' ? fields.transaction_id.trim() : '';
	if (!TRANSACTION_ID_PATTERN.test(transactionId)) return { ignored: 'no usable transaction_id' };
	const merchant =
		typeof fields.merchant_transaction_id === 'string' ? fields.merchant_transaction_id.trim() : '';
	if (merchant !== '' && !MERCHANT_ID_PATTERN.test(merchant))
		return { ignored: 'merchant_transaction_id is malformed' };
	return {
		notification: { transactionId, ...(merchant !== '' && { merchantTransactionId: merchant }) },
	};
}

/**
 * Whether the API's transfer (normalizeTransfer2026's shape) is the one the notification claims:
 * same CinetPay ID, and the same merchant ID when the notification gives one.
 */
export function notificationAgrees2026(
	notification: Notification2026,
	transfer: IDataObject,
): boolean {
	if (transfer.transaction_id !== notification.transactionId) return false;
	return (
		notification.merchantTransactionId === undefined ||
		transfer.merchant_transaction_id === notification.merchantTransactionId
	);
}
