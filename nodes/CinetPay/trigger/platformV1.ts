/**
 * The Transfer API v1 as the trigger meets it: form fields naming a transaction_id and a
 * treatment_status, looked up with /v1/transfer/check/money; or started unchecked when the user
 * turned verification off. The steps around it are steps.ts.
 */
import { TREATMENT_STATUSES, type TreatmentStatus } from '../helpers/interfaces';
import { CREDENTIAL_TYPE, findTransfers } from '../transport/v1';
import { textFields, transactionIdOf, unreadable } from './notification';
import { unverifiedItem, verifiedItem } from './output';
import type { TriggerPlatform } from './steps';

const STATUSES = new Set<string>(TREATMENT_STATUSES.map(({ value }) => value));

export const platformV1: TriggerPlatform = {
	platform: 'v1',
	credentialType: CREDENTIAL_TYPE,
	read(object) {
		const text = textFields(object);
		if ('reason' in text) return text;
		const { fields } = text;
		const transactionId = transactionIdOf(fields);
		if (typeof transactionId !== 'string') return transactionId;
		// A status this node does not know names nothing: the API's status decides.
		const status = (fields.treatment_status ?? '').toUpperCase();
		const claimed = STATUSES.has(status) ? (status as TreatmentStatus) : undefined;
		return { transactionId, claimed, echo: fields };
	},
	/** /v1/transfer/check/money by transaction_id: the transfers CinetPay knows under it. */
	async find(transactionId, timeoutMs) {
		return await findTransfers.call(this, 'transaction_id', transactionId, {
			timeoutMs,
			retry: false,
		});
	},
	stateOf(transfer) {
		const status = String(transfer.treatment_status ?? '')
			.trim()
			.toUpperCase();
		return { status, final: status === 'VAL' || status === 'REJ' };
	},
	itemOf: (transfer, notification) => verifiedItem(transfer, notification.echo),
	unverifiedItemOf(notification) {
		// Unchecked, the notification's own status is all there is to start on.
		if (!notification.claimed)
			return unreadable('invalid-field', 'treatment_status is not one of NEW, REC, NOS, VAL, REJ');
		return {
			item: unverifiedItem(
				notification.echo as Record<string, string>,
				notification.transactionId,
				notification.claimed,
			),
		};
	},
};
