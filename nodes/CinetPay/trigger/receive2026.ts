/**
 * A 2026 platform notification, from its body to the trigger's answer. CinetPay posts JSON
 * `{notify_token, merchant_transaction_id, transaction_id, user}` without a status, and may never
 * post at all (polling with Transfer → Get is the main path). The transfer is looked up with the
 * 2026 credential (getTransfer2026) before anything starts; verifyNotification2026.ts decides.
 *
 * The HMAC signature CinetPay's SDK mentions is not checked: its header and key are guesses, a
 * wrong guess would refuse real notifications, and the lookup is the check that counts anyway.
 * Verification cannot be turned off here: without a status the notification says nothing by itself.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { FINAL_STATUSES, type TreatmentStatus } from '../helpers/interfaces';
import { factsOf } from '../transport/errors';
import { CREDENTIAL_TYPE_2026, getTransfer2026 } from '../transport/platform2026';
import { readNotification2026 } from '../transport/platform2026/notification';
import { accountOf, ignore, scopeOf } from './answers';
import { NOT_YET_KNOWN_MEMORY_MS } from './checkWithApi';
import { idempotencyKey, isClaimed } from './deduplication';
import type { FindTransfers } from './lookup';
import { readNotificationBody } from './notification';
import { SIMPLIFIED_FIELDS_2026, verifiedItem2026 } from './output2026';
import type { Arrival, TriggerMemory } from './receive';
import { refuseOtherPlatform, refuseUnreadable, verifyAndStart } from './receive';
import { verifyNotification2026 } from './verifyNotification2026';

/** GET /v1/transfer/{transaction_id}: the transfer in the shared shape, none on HTTP 404. */
export const findTransfers2026: FindTransfers = async function (transactionId, timeoutMs) {
	const lookup = await getTransfer2026.call(this, transactionId, { timeoutMs, retry: false });
	return lookup.found ? [lookup.transfer] : [];
};

/** [prod] CinetPay's answer for a transfer of another country's account. */
const OTHER_ACCOUNT_CODE = '422';

export async function receive2026(
	this: IWebhookFunctions,
	memory: TriggerMemory,
	arrival: Arrival,
): Promise<IWebhookResponseData> {
	const body = readNotificationBody(arrival.body, arrival.rawBody);
	if ('reason' in body) return refuseUnreadable(this, body);
	const otherPlatform = refuseOtherPlatform(this, body.object, '2026');
	if (otherPlatform) return otherPlatform;
	const reading = readNotification2026(body.object);
	if ('ignored' in reading) {
		return refuseUnreadable(this, { reason: 'invalid-field', message: reading.ignored });
	}
	const notification = reading.notification;
	const id = notification.transactionId;
	const statuses = this.getNodeParameter('statuses', []) as TreatmentStatus[];
	const staticData = this.getWorkflowStaticData('node');
	const scope = scopeOf(this);
	// No status to de-duplicate on before the lookup. But a transfer started in a final status
	// moves no more: any later notification of it costs CinetPay nothing.
	const finished = () =>
		FINAL_STATUSES.some((status) =>
			isClaimed(memory.startedKeys, scope, staticData, idempotencyKey(id, status)),
		);
	if (finished()) return ignore(this, id, 'already started in a final status');

	return await verifyAndStart.call(this, memory, arrival, staticData, {
		label: id,
		check: {
			transactionId: id,
			verify: (transfers) => verifyNotification2026(notification, transfers, statuses),
			find: findTransfers2026,
			// Unknown to CinetPay: not asked again for a short while (a burst of copies costs one
			// lookup), and asked again after it, as nothing in the ID says how old it is.
			unknownMemoryMs: NOT_YET_KNOWN_MEMORY_MS,
		},
		account: accountOf(this, CREDENTIAL_TYPE_2026),
		settled: finished,
		startOf: (transfer) => ({
			key: idempotencyKey(id, String(transfer.status)),
			json: verifiedItem2026(transfer, body.object),
			simplifiedFields: SIMPLIFIED_FIELDS_2026,
		}),
		answerLookupError: (error) => otherAccount(this, id, error),
	});
}

/**
 * A transfer of another country's account: this trigger's credential cannot check it, and never
 * will. Answered 200 (a retry would not help), with a warning that says what to do.
 */
function otherAccount(
	context: IWebhookFunctions,
	id: string,
	error: unknown,
): IWebhookResponseData | undefined {
	if (factsOf(error).code !== OTHER_ACCOUNT_CODE) return undefined;
	context.logger.warn(
		`CinetPay notification ${id} not started: the transfer belongs to another country's account. Point that account's transfers at a trigger that uses its credential.`,
	);
	return {};
}
