/**
 * Where a notification is judged, the same on both platforms. CinetPay signs nothing, and its
 * document says to always fetch the real values from the API: a notification only says "look at
 * transfer X". The trigger looks X up by its transaction_id and decides on what the API says; the
 * notification's other fields (amount, receiver, lot, merchant ID) add no security, since the
 * output comes from the API, and are not compared. A pure function: the trigger fetches, this
 * decides.
 *
 * The API may be *behind* the notification (CinetPay's reads can lag its writes): it does not know
 * a transfer yet, or reports a status before the one notified, or (2026, no status notified) one
 * that is not final while a later selected status may still come. Then the trigger looks again,
 * and if the API is still behind it answers 503 and records nothing, so that CinetPay delivers
 * again later. Nothing true is answered 200 and lost.
 */
import { FINAL_STATUSES, type TreatmentStatus } from '../helpers/interfaces';

/** A transfer's status as the API reports it, in v1's names (2026 codes mapped by the transport). */
export interface TransferState {
	/** NEW, REC, NOS, VAL, REJ; anything else (a 2026 code this node does not know) is not final. */
	status: string;
	final: boolean;
}

export type Verdict =
	| { outcome: 'start' }
	/** Answered 200: this notification has nothing to start, and a repeat would not change it. */
	| { outcome: 'ignore'; detail: string }
	/** Looked at again, then answered 503 with nothing recorded. */
	| { outcome: 'behind'; detail: string };

/**
 * How far along its life a status is. CinetPay's document lists NEW → REC → NOS → VAL/REJ; accounts
 * that confirm by e-mail go NEW → NOS → REC (as the simulator does). Either way REC and NOS are one
 * stage: after NEW, before the final status. A late REC while the API says NOS is not behind.
 */
const STAGE: Readonly<Record<TreatmentStatus, number>> = { NEW: 0, REC: 1, NOS: 1, VAL: 2, REJ: 2 };

function stageOf(status: string): number | undefined {
	return Object.prototype.hasOwnProperty.call(STAGE, status)
		? STAGE[status as TreatmentStatus]
		: undefined;
}

/**
 * `claimed`: the status the notification names (v1), if it names one this node knows; `state`: the
 * API's transfer, undefined when the API does not know the ID.
 */
export function decide(
	claimed: TreatmentStatus | undefined,
	state: TransferState | undefined,
	selected: readonly TreatmentStatus[],
): Verdict {
	if (!state)
		return { outcome: 'behind', detail: 'CinetPay does not know this transaction_id yet' };
	const { status } = state;
	if (selected.includes(status as TreatmentStatus)) return { outcome: 'start' };
	const stage = stageOf(status);
	const final = state.final || FINAL_STATUSES.includes(status as TreatmentStatus);
	if (!final) {
		// A status this node does not know is not final: it may still become a selected one.
		const claimedStage = claimed === undefined ? undefined : STAGE[claimed];
		const later =
			claimedStage !== undefined
				? stage === undefined || stage < claimedStage
				: selected.some((wanted) => STAGE[wanted] > (stage ?? -1));
		if (later) {
			return {
				outcome: 'behind',
				detail: `CinetPay's API still says ${status || 'nothing'}${claimed ? ` where the notification says ${claimed}` : ', not final yet'}`,
			};
		}
	}
	return { outcome: 'ignore', detail: `Status ${status} is not selected` };
}
