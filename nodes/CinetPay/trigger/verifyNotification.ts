/**
 * Where a notification is verified. CinetPay signs nothing, and its document says to always fetch
 * the real values from the API: a notification only says "look at transfer X". It starts the
 * workflow when the API knows X, agrees with every claim the notification makes, and is in a
 * status the user selected. A pure function: the trigger fetches, this decides.
 *
 * The API may also be *behind* the notification (CinetPay's reads can lag its writes): it does not
 * know a transfer sent moments ago, or reports a status that comes before the one claimed. That is
 * not a contradiction: the trigger looks again, and if the API is still behind it answers non-2xx
 * so that the sender delivers again later.
 */
import type { IDataObject } from 'n8n-workflow';

import { FINAL_STATUSES, type TreatmentStatus } from '../helpers/interfaces';
import type { CinetPayNotification } from './notification';

export type IgnoreReason = 'unknown-transfer' | 'contradicted' | 'status-not-selected' | 'api-behind';

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
	{ field: 'amount', agrees: sameAmount },
	{ field: 'client_transaction_id', agrees: sameText },
	{ field: 'lot', agrees: sameText },
	{ field: 'receiver', agrees: sameReceiver },
];

/**
 * How far along its life a status is. CinetPay's document lists NEW → REC → NOS → VAL/REJ; accounts
 * that confirm by e-mail go NEW → NOS → REC (as the simulator does). Either way REC and NOS are the
 * same step: after NEW, before the final status.
 */
const STEP: Readonly<Record<TreatmentStatus, number>> = { NEW: 0, REC: 1, NOS: 1, VAL: 2, REJ: 2 };

/**
 * A transaction_id the API does not know may be one sent moments ago. CinetPay's IDs carry the
 * time they were made (`EA180627.122753.M279245`: 2018-06-27 12:27:53 UTC); within this window of
 * it (either side: clocks drift), "unknown" means "not yet".
 */
export const RECENTLY_SENT_MS = 5 * 60 * 1000;

const TRANSACTION_ID_TIME = /^[A-Z]{2}(\d{2})(\d{2})(\d{2})\.(\d{2})(\d{2})(\d{2})\./;

/** When CinetPay made this transaction_id (ms since the epoch), if the ID says. */
export function transactionIdTime(transactionId: string): number | undefined {
	const parts = TRANSACTION_ID_TIME.exec(transactionId);
	if (!parts) return undefined;
	const [year, month, day, hours, minutes, seconds] = parts.slice(1).map(Number);
	const time = Date.UTC(2000 + year, month - 1, day, hours, minutes, seconds);
	const date = new Date(time);
	// Date.UTC rolls 31 February over into March: such an ID was not made by CinetPay.
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hours
		? time
		: undefined;
}

export function sentRecently(transactionId: string, now: number): boolean {
	const time = transactionIdTime(transactionId);
	return time !== undefined && Math.abs(now - time) <= RECENTLY_SENT_MS;
}

export function verifyNotification(
	notification: CinetPayNotification,
	apiTransfers: readonly IDataObject[],
	selectedStatuses: readonly TreatmentStatus[],
	now = Date.now(),
): Verdict {
	const transfer = apiTransfers.find((candidate) => text(candidate.transaction_id) === notification.transaction_id);
	if (!transfer) {
		return sentRecently(notification.transaction_id, now)
			? { start: false, reason: 'api-behind', detail: 'CinetPay does not know this transaction_id yet' }
			: { start: false, reason: 'unknown-transfer', detail: 'CinetPay does not know this transaction_id' };
	}
	const contradicted = CLAIMS.filter(({ field, agrees }) => {
		const claimed = notification.fields[field] ?? '';
		return claimed !== '' && !agrees(claimed, transfer[field], transfer);
	}).map(({ field }) => field);
	const apiStatus = text(transfer.treatment_status).toUpperCase() as TreatmentStatus;
	const claimedStatus = notification.treatment_status;
	if (apiStatus !== claimedStatus) {
		if (contradicted.length === 0 && isBehind(apiStatus, claimedStatus)) {
			return {
				start: false,
				reason: 'api-behind',
				detail: `CinetPay's API still says ${apiStatus || 'nothing'} where the notification says ${claimedStatus}`,
			};
		}
		contradicted.unshift('treatment_status');
	}
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

/**
 * The API's status comes before the claimed one: not final yet, and not past the claimed step.
 * An API already past the claim (a late REC after VAL) or at another final status contradicts it.
 */
function isBehind(apiStatus: TreatmentStatus, claimedStatus: TreatmentStatus): boolean {
	const apiStep = STEP[apiStatus];
	return apiStep !== undefined && !FINAL_STATUSES.includes(apiStatus) && apiStep <= STEP[claimedStatus];
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
