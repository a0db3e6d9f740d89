/**
 * A notification checked against CinetPay's API, as named steps: remembered unknown → fresh,
 * bounded lookup → verdict → while the API is behind the notification, look again (with a growing
 * pause) until the deadline. What the trigger answers follows from the result alone. The same
 * steps on both platforms: how CinetPay is asked and how its answer is judged come with the check.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	BUSY,
	CredentialLimits,
	lookUpTransfer,
	SETTLED,
	SharedLookups,
	TIMED_OUT,
	UnknownTransfers,
	type FindTransfers,
	type LookupScope,
} from './lookup';
import type { Verdict } from './verifyNotification';

/** Pauses before each new look while the API is behind; the deadline cuts the list short. */
export const RELOOK_DELAYS_MS = [250, 500, 1000, 2000];

/** An ID CinetPay does not know, long after the time it carries: forged, or another account's. */
export const UNKNOWN_MEMORY_MS = 10 * 60 * 1000;
/** An ID made moments ago that CinetPay does not know yet: not asked again for this long. */
export const NOT_YET_KNOWN_MEMORY_MS = 10 * 1000;

export type ApiCheck =
	| { outcome: 'start'; transfer: IDataObject }
	/** Answered 200 and ignored: unknown, contradicted, or not selected. */
	| { outcome: 'ignore'; detail: string }
	/** Answered non-2xx, nothing recorded: a later delivery can still start. */
	| { outcome: 'retry-later'; detail: string };

/** Process-wide state of the checks; one per trigger class (see CinetPayTransferTrigger.node.ts). */
export class ApiChecks {
	readonly lookups = new SharedLookups();
	readonly limits = new CredentialLimits();
	readonly unknown = new UnknownTransfers();
	readonly notYetKnown = new UnknownTransfers();
}

/** What to check, and how: the parts that differ between the platforms. */
export interface TransferCheck {
	/** CinetPay's ID of the transfer the notification points at. */
	transactionId: string;
	/** Judges CinetPay's answer: verifyNotification (v1) or verifyNotification2026, bound to the notification. */
	verify: (apiTransfers: readonly IDataObject[]) => Verdict;
	/** How the platform is asked: findTransfersV1 or findTransfers2026. */
	find: FindTransfers;
	/** How long an ID CinetPay did not know is believed unknown (UNKNOWN_MEMORY_MS by default). */
	unknownMemoryMs?: number;
}

export async function checkWithApi(
	this: IWebhookFunctions,
	checks: ApiChecks,
	{ transactionId: id, verify, find, unknownMemoryMs = UNKNOWN_MEMORY_MS }: TransferCheck,
	scope: LookupScope,
): Promise<ApiCheck> {
	if (checks.unknown.isUnknown(scope.account, id)) {
		return { outcome: 'ignore', detail: 'CinetPay did not know this transaction_id moments ago' };
	}
	if (checks.notYetKnown.isUnknown(scope.account, id)) {
		return {
			outcome: 'retry-later',
			detail: 'CinetPay did not know this transaction_id yet moments ago',
		};
	}
	for (let look = 0; ; look++) {
		const transfers = await lookUpTransfer.call(
			this,
			checks.lookups,
			checks.limits,
			id,
			scope,
			find,
		);
		if (transfers === BUSY) {
			return {
				outcome: 'retry-later',
				detail: 'too many notifications are being checked with CinetPay',
			};
		}
		if (transfers === SETTLED) return { outcome: 'ignore', detail: 'already started' };
		if (transfers === TIMED_OUT) {
			return { outcome: 'retry-later', detail: 'CinetPay did not answer in time' };
		}
		const verdict = verify(transfers);
		if (verdict.start) return { outcome: 'start', transfer: verdict.transfer };
		if (verdict.reason === 'unknown-transfer')
			checks.unknown.remember(scope.account, id, unknownMemoryMs);
		if (verdict.reason !== 'api-behind') return { outcome: 'ignore', detail: verdict.detail };

		const pause = RELOOK_DELAYS_MS[look];
		if (pause === undefined || Date.now() + pause >= scope.until) {
			if (transfers.length === 0)
				checks.notYetKnown.remember(scope.account, id, NOT_YET_KNOWN_MEMORY_MS);
			return { outcome: 'retry-later', detail: `${verdict.detail} (looked ${look + 1} times)` };
		}
		await sleep(pause);
	}
}
