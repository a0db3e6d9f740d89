/**
 * "Retry On Fail" on the 2026 platform. n8n runs the node again with the same items after it
 * failed; default merchant IDs are the same on every try (executionMemory.ts), so a transfer the
 * failed try sent would be sent again under its own ID. v1 can rely on CinetPay refusing that
 * (805); on the 2026 platform whether CinetPay refuses a reused ID is a guess (facts.ts), and a
 * resend may pay twice. So a later try never resends what an earlier try sent or left unknown: it
 * reports the sent ones as they were, and the unknown ones as still unknown.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResults } from '../../helpers/results';
import type { Transfer2026Request } from './transferRequests2026';

/** Reports what earlier tries settled; returns the requests still to send. */
export function skipEarlierTries(
	context: IExecuteFunctions,
	results: ItemResults,
	requests: Transfer2026Request[],
	earlier: { sent: Record<string, IDataObject>; unknown: Set<string> },
): Transfer2026Request[] {
	return requests.filter((request) => {
		const id = request.payload.merchant_transaction_id;
		const sent = earlier.sent[id];
		if (sent) {
			results.succeed(request.itemIndex, { ...sent, sent_by_earlier_try: true });
			return false;
		}
		if (!earlier.unknown.has(id)) return true;
		const error = new NodeOperationError(
			context.getNode(),
			`Outcome unknown for transfer "${id}": an earlier try of this execution sent it without a clear answer`,
			{
				itemIndex: request.itemIndex,
				description:
					"Not sent again: on CinetPay's 2026 platform a second send with the same ID may pay twice. Check this transfer in your CinetPay dashboard before doing anything else.",
			},
		);
		results.fail(
			request.itemIndex,
			error,
			{ clientTransactionId: id, outcome: 'unknown' },
			{ prefix: request.prefix, phone: request.phone, amount: request.payload.amount },
		);
		return false;
	});
}
