/**
 * A Transfer API v1 notification, from its body to the trigger's answer: form fields claiming a
 * treatment_status, looked up with /v1/transfer/check/money (verifyNotification.ts decides), or
 * started unchecked when the user turned verification off.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { TreatmentStatus } from '../helpers/interfaces';
import { CREDENTIAL_TYPE, findTransfers } from '../transport';
import { accountOf, ignore, scopeOf, startWorkflow } from './answers';
import { claimKey, idempotencyKey, isClaimed } from './deduplication';
import type { FindTransfers } from './lookup';
import { readNotification, readNotificationBody } from './notification';
import { unverifiedItem, verifiedItem } from './output';
import type { Arrival, TriggerMemory } from './receive';
import { refuseOtherPlatform, refuseUnreadable, verifyAndStart } from './receive';
import { verifyNotification } from './verifyNotification';

/** /v1/transfer/check/money by transaction_id: the transfers CinetPay knows under it. */
export const findTransfersV1: FindTransfers = async function (transactionId, timeoutMs) {
	return await findTransfers.call(this, 'transaction_id', transactionId, {
		timeoutMs,
		retry: false,
	});
};

export async function receiveV1(
	this: IWebhookFunctions,
	memory: TriggerMemory,
	arrival: Arrival,
): Promise<IWebhookResponseData> {
	const reading = readNotification(arrival.body, arrival.rawBody);
	if (!reading.readable) {
		const body = readNotificationBody(arrival.body, arrival.rawBody);
		const otherPlatform = 'object' in body && refuseOtherPlatform(this, body.object, 'v1');
		return otherPlatform || refuseUnreadable(this, reading);
	}
	const notification = reading.notification;
	const statuses = this.getNodeParameter('statuses', []) as TreatmentStatus[];
	const key = idempotencyKey(notification.transaction_id, notification.treatment_status);
	const staticData = this.getWorkflowStaticData('node');
	const scope = scopeOf(this);
	const { startedKeys } = memory;

	// Both checks come before the API call: repeats and unwanted steps cost CinetPay nothing.
	if (!statuses.includes(notification.treatment_status))
		return ignore(this, key, 'status not selected');
	if (isClaimed(startedKeys, scope, staticData, key)) return ignore(this, key, 'already started');

	if (arrival.options.verify === false) {
		if (!claimKey(startedKeys, scope, staticData, key)) return ignore(this, key, 'already started');
		return startWorkflow(this, unverifiedItem(notification));
	}

	return await verifyAndStart.call(this, memory, arrival, staticData, {
		label: key,
		check: {
			transactionId: notification.transaction_id,
			verify: (transfers) => verifyNotification(notification, transfers, statuses),
			find: findTransfersV1,
		},
		account: accountOf(this, CREDENTIAL_TYPE),
		settled: () => isClaimed(startedKeys, scope, staticData, key),
		startOf: (transfer) => ({ key, json: verifiedItem(transfer, notification) }),
	});
}
