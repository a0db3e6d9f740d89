/**
 * The 2026 platform as the trigger meets it. CinetPay posts JSON `{notify_token,
 * merchant_transaction_id, transaction_id, user}` without a status, and may never post at all
 * (polling with Transfer → Get is the main path). The transfer is looked up by its transaction_id
 * with the 2026 credential (getTransfer2026); the API's status decides (decide.ts). The steps
 * around it are steps.ts.
 *
 * The HMAC signature CinetPay's SDK mentions is not checked: its header and key are guesses, a
 * wrong guess would refuse real notifications, and the lookup is the check that counts anyway.
 * Verification cannot be turned off here: without a status the notification says nothing by itself.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { factsOf } from '../transport/shared/errors';
import { CREDENTIAL_TYPE_2026, getTransfer2026 } from '../transport/platform2026';
import { boundedEcho, transactionIdOf } from './notification';
import { SIMPLIFIED_FIELDS_2026, verifiedItem2026 } from './output2026';
import type { TriggerPlatform } from './steps';

/** [prod] CinetPay's answer for a transfer of another country's account. */
const OTHER_ACCOUNT_CODE = '422';

/**
 * Fields of the notification not kept in the output. `notify_token` is derived from the account's
 * secrets (the simulator makes it with an HMAC keyed with the API password): kept out like any
 * secret.
 */
const UNSHOWN_NOTIFICATION_FIELDS = new Set(['notify_token']);

export const platform2026: TriggerPlatform = {
	platform: '2026',
	credentialType: CREDENTIAL_TYPE_2026,
	read(object) {
		const transactionId = transactionIdOf(object);
		if (typeof transactionId !== 'string') return transactionId;
		return { transactionId, echo: boundedEcho(object, UNSHOWN_NOTIFICATION_FIELDS) };
	},
	/** GET /v1/transfer/{transaction_id}: the transfer in the shared shape, none on HTTP 404. */
	async find(transactionId, timeoutMs) {
		const lookup = await getTransfer2026.call(this, transactionId, { timeoutMs, retry: false });
		return lookup.found ? [lookup.transfer] : [];
	},
	// normalizeTransfer2026's status in v1's names; UNKNOWN (not final) for a code this node does
	// not know: answered 503 until CinetPay's API reports a status it does.
	stateOf: (transfer) => ({ status: String(transfer.status), final: transfer.final === true }),
	itemOf: (transfer, notification) => verifiedItem2026(transfer, notification.echo),
	simplifiedFields: SIMPLIFIED_FIELDS_2026,
	answerLookupError: otherAccount,
};

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
