/**
 * Where a notification is verified. CinetPay signs nothing, and its document says to always fetch
 * the real values from the API: a notification only says "look at transfer X". It starts the
 * workflow when the API knows X, agrees with every claim the notification makes, and is in a
 * status the user selected. A pure function: the trigger fetches, this decides.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TreatmentStatus } from '../helpers/interfaces';
import type { CinetPayNotification } from './notification';

export type IgnoreReason = 'unknown-transfer' | 'contradicted' | 'status-not-selected';

export type Verdict =
	| { start: true; transfer: IDataObject }
	| { start: false; reason: IgnoreReason; detail: string };

interface Claim {
	field: string;
	/** Whether the notification's value and the API's (`actual`, from the same field) say the same thing. */
	agrees: (claimed: string, actual: unknown, transfer: IDataObject) => boolean;
}

/**
 * What a notification claims that the API can confirm. A claim the notification leaves empty is
 * not checked; one it makes must match. The API's `comment` (its language follows `lang`) and
 * `validated_at` (formats vary) are not claims; the output carries the API's values anyway.
 */
const CLAIMS: readonly Claim[] = [
	{ field: 'treatment_status', agrees: sameStatus },
	{ field: 'amount', agrees: sameAmount },
	{ field: 'client_transaction_id', agrees: sameText },
	{ field: 'lot', agrees: sameText },
	{ field: 'receiver', agrees: sameReceiver },
];

export function verifyNotification(
	notification: CinetPayNotification,
	apiTransfers: readonly IDataObject[],
	selectedStatuses: readonly TreatmentStatus[],
): Verdict {
	const transfer = apiTransfers.find((candidate) => text(candidate.transaction_id) === notification.transaction_id);
	if (!transfer) {
		return { start: false, reason: 'unknown-transfer', detail: 'CinetPay does not know this transaction_id' };
	}
	const contradicted = CLAIMS.filter(({ field, agrees }) => {
		const claimed = notification.fields[field] ?? '';
		return claimed !== '' && !agrees(claimed, transfer[field], transfer);
	}).map(({ field }) => field);
	if (contradicted.length > 0) {
		return {
			start: false,
			reason: 'contradicted',
			detail: `CinetPay's API disagrees with the notification's ${contradicted.join(', ')}`,
		};
	}
	const status = text(transfer.treatment_status) as TreatmentStatus;
	if (!selectedStatuses.includes(status)) {
		return { start: false, reason: 'status-not-selected', detail: `Status ${status} is not selected` };
	}
	return { start: true, transfer };
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function sameText(claimed: string, actual: unknown): boolean {
	return claimed === text(actual);
}

function sameStatus(claimed: string, actual: unknown): boolean {
	return claimed.toUpperCase() === text(actual).toUpperCase();
}

/** "2500" and "2500.00" are the same amount; CinetPay's API gives amounts as strings. */
function sameAmount(claimed: string, actual: unknown): boolean {
	const expected = Number(text(actual));
	return text(actual) !== '' && Number.isFinite(expected) && Number(claimed) === expected;
}

/** A phone number as written: digits, with spaces, dots, dashes, parentheses or a leading +. */
const PHONE = /^\+?[\d\s.()-]+$/;

/**
 * The same phone number, written as the API's `receiver` (national, as CinetPay notifies it) or
 * its `receiver_e164`; spaces, dots, dashes and the + aside. An API giving neither cannot confirm
 * one.
 */
function sameReceiver(claimed: string, actual: unknown, transfer: IDataObject): boolean {
	if (!PHONE.test(claimed)) return false;
	const digits = claimed.replace(/\D/g, '');
	return (
		digits !== '' &&
		[actual, transfer.receiver_e164].some((value) => text(value) !== '' && text(value).replace(/\D/g, '') === digits)
	);
}
