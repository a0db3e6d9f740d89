/**
 * The item a notification starts the workflow with. Verified: the API's values, never the
 * notification's amount or status, with the raw notification beside them. Unverified: the
 * notification as received, marked so.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TreatmentStatus } from '../helpers/interfaces';
import { idempotencyKey } from './memory';

/** A transfer's fields as /v1/transfer/check/money gives them. */
export const TRANSFER_FIELDS = [
	'transaction_id',
	'client_transaction_id',
	'lot',
	'amount',
	'receiver',
	'receiver_e164',
	'operator',
	'sending_status',
	'transfer_valid',
	'treatment_status',
	'comment',
	'validated_at',
] as const;

/** `notification`: the notification's fields as received (notification.ts textFields). */
export function verifiedItem(
	transfer: IDataObject,
	notification: Record<string, string> | IDataObject,
): IDataObject {
	const json: IDataObject = {};
	for (const field of TRANSFER_FIELDS) json[field] = transfer[field] ?? null;
	json.verified = true;
	json.idempotency_key = idempotencyKey(
		String(transfer.transaction_id),
		String(transfer.treatment_status),
	);
	json.notification = { ...notification };
	return json;
}

export function unverifiedItem(
	fields: Record<string, string>,
	transactionId: string,
	treatmentStatus: TreatmentStatus,
): IDataObject {
	return {
		...fields,
		transaction_id: transactionId,
		treatment_status: treatmentStatus,
		verified: false,
		idempotency_key: idempotencyKey(transactionId, treatmentStatus),
	};
}

/**
 * The trigger's "Simplify" output: the handful of fields a workflow acts on (which transfer, whose
 * payout, how much, to whom, what happened and why, and the key to de-duplicate on).
 */
export const SIMPLIFIED_FIELDS = [
	'transaction_id',
	'client_transaction_id',
	'amount',
	'receiver_e164',
	'treatment_status',
	'comment',
	'validated_at',
	'verified',
	'idempotency_key',
] as const;

export function simplifiedItem(
	item: IDataObject,
	fields: readonly string[] = SIMPLIFIED_FIELDS,
): IDataObject {
	const json: IDataObject = {};
	for (const field of fields) json[field] = item[field] ?? null;
	return json;
}
