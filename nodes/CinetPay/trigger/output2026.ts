/**
 * The item a 2026 notification starts the workflow with: the API's transfer in the shape v1's
 * verified notifications have (output.ts), so one workflow reads both. The status in v1's names
 * is both `treatment_status` (v1's trigger field) and `status` (the Transfer node's), CinetPay's
 * own code and status beside it; v1 fields the 2026 platform has no value for are null.
 */
import type { IDataObject } from 'n8n-workflow';

import { idempotencyKey } from './memory';
import { SIMPLIFIED_FIELDS, TRANSFER_FIELDS } from './output';

/** The 2026 platform's own fields, after v1's. */
export const TRANSFER_FIELDS_2026 = [
	'merchant_transaction_id',
	'status',
	'final',
	'cinetpay_code',
	'cinetpay_status',
	'currency',
	'fee',
	'payment_method',
	'phone_number',
	'platform',
] as const;

/** Simplify on 2026: v1's fields, and the money's currency and fee with CinetPay's own status. */
export const SIMPLIFIED_FIELDS_2026 = [
	...SIMPLIFIED_FIELDS,
	'currency',
	'fee',
	'cinetpay_status',
] as const;

/** `transfer` is normalizeTransfer2026's shape; `notification` the body's bounded echo (notification.ts). */
export function verifiedItem2026(transfer: IDataObject, notification: IDataObject): IDataObject {
	const v1Values: IDataObject = {
		...transfer,
		treatment_status: transfer.status,
		operator: transfer.payment_method,
		receiver_e164: transfer.phone_number,
	};
	const json: IDataObject = {};
	for (const field of [...TRANSFER_FIELDS, ...TRANSFER_FIELDS_2026])
		json[field] = v1Values[field] ?? null;
	json.verified = true;
	json.idempotency_key = idempotencyKey(String(transfer.transaction_id), String(transfer.status));
	json.notification = notification;
	return json;
}
