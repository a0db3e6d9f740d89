/**
 * Where a 2026 notification is verified. It carries no status, only "look at transfer X" (and the
 * merchant's ID of X): the trigger looks X up with the 2026 credential, and this decides. It starts
 * the workflow when the API knows X, agrees with the merchant ID the notification claims
 * (notificationAgrees2026), and reports a status the user selected. A pure function, as v1's
 * verifyNotification.
 *
 * An ID the API does not know is "unknown", not "not yet": the 2026 platform's IDs carry no time
 * (UUIDs), and CinetPay notifies about a transfer whose send was answered with that ID already.
 * Without a claimed status, the API cannot be "behind" the notification either.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TreatmentStatus } from '../helpers/interfaces';
import {
	notificationAgrees2026,
	type Notification2026,
} from '../transport/platform2026/notification';
import type { Verdict } from './verifyNotification';

export function verifyNotification2026(
	notification: Notification2026,
	apiTransfers: readonly IDataObject[],
	selectedStatuses: readonly TreatmentStatus[],
): Verdict {
	const transfer = apiTransfers.find(
		(candidate) => candidate.transaction_id === notification.transactionId,
	);
	if (!transfer) {
		return {
			start: false,
			reason: 'unknown-transfer',
			detail: 'CinetPay does not know this transaction_id',
		};
	}
	if (!notificationAgrees2026(notification, transfer)) {
		return {
			start: false,
			reason: 'contradicted',
			detail: "CinetPay's API disagrees with the notification's merchant_transaction_id",
		};
	}
	// The status in v1's names (normalizeTransfer2026); UNKNOWN for a code this node does not know.
	const status = String(transfer.status);
	if (!selectedStatuses.includes(status as TreatmentStatus)) {
		return {
			start: false,
			reason: 'status-not-selected',
			detail: `Status ${status} (CinetPay ${String(transfer.cinetpay_code)}) is not selected`,
		};
	}
	return { start: true, transfer };
}
