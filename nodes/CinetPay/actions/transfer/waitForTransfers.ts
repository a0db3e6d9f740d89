/**
 * Transfer → Get's answers, on both platforms: each item's transfers, and with "Wait for Final
 * Status" the asking again, less often as the wait goes on, of the transfers still pending. The
 * platform says how to look transfers up; the waiting, the errors and the output are the same —
 * and so are the parameters that say what to look up and how long to wait.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { FINAL_STATUSES, type TreatmentStatus } from '../../helpers/interfaces';
import type { ItemError, ItemResults } from '../../helpers/results';
import type { Answer, Lookup } from './transferLookups';

/** With Wait for Final Status, each pause is this much longer than the one before… */
const POLL_BACKOFF = 1.5;
/** …up to this many times the Poll Interval. */
const MAX_POLL_INTERVAL_FACTOR = 6;

/** Search By's choices on both platforms (v1 adds Lot). */
export const searchByIdOptions: INodePropertyOptions[] = [
	{
		name: 'Client Transaction ID',
		value: 'clientTransactionId',
		description: 'Your ID of the transfer, as sent (client_transaction_id)',
	},
	{
		name: 'Transaction ID',
		value: 'transactionId',
		description: "CinetPay's ID of the transfer (transaction_id)",
	},
];

/** The options of Transfer → Get's waiting, the same on both platforms (alphabetical with theirs). */
export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 10,
	description:
		'With Wait for Final Status: the first pause before asking CinetPay again; each later pause is 1.5 times longer, up to 6 times this. Only transfers still pending are asked again.',
};

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait for Final Status',
		name: 'waitForFinalStatus',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep asking CinetPay until the transfer is delivered (VAL) or rejected (REJ). On v1, prefer the CinetPay Transfer Trigger for long waits; on the 2026 platform notifications may never come, so this is the way to wait.',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 120,
		description: 'With Wait for Final Status: give up after this long and report the last status',
	},
];

export interface TransferSource {
	/** Every lookup's transfers, or the error of the call that should have found them. */
	lookUp(lookups: Lookup[]): Promise<Answer[]>;
	/** The error of an item whose lookup found nothing. */
	notFound(lookup: Lookup): ItemError;
}

/** Fills `results` with every lookup's transfers (see the top of this file). */
export async function waitForTransfers(
	context: IExecuteFunctions,
	results: ItemResults,
	pending: Lookup[],
	source: TransferSource,
): Promise<void> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const wait = Boolean(options.waitForFinalStatus);
	const waitTimeoutSeconds = Number(options.waitTimeout ?? 120);
	const deadline = Date.now() + waitTimeoutSeconds * 1000;
	const intervalMs = Math.max(Number(options.pollInterval ?? 10), 1) * 1000;
	let pauseMs = intervalMs;
	let unsettled = pending;
	for (;;) {
		const answers = await source.lookUp(unsettled);
		const stillOpen: Lookup[] = [];
		unsettled.forEach((lookup, index) => {
			const answer = answers[index];
			if (answer instanceof Error) {
				results.fail(lookup.itemIndex, answer as ItemError);
				return;
			}
			lookup.transfers = answer;
			if (answer.length === 0) results.fail(lookup.itemIndex, source.notFound(lookup));
			else if (wait && !answer.every(isFinal)) stillOpen.push(lookup);
			else results.succeed(lookup.itemIndex, answer);
		});
		if (results.hasFailures() && !context.continueOnFail()) throw results.firstFailure();
		// Only what is still pending is asked again, less often as the wait goes on.
		unsettled = stillOpen;
		if (unsettled.length === 0) break;
		const remaining = deadline - Date.now();
		if (remaining <= 0) break;
		await sleep(Math.min(pauseMs, remaining));
		pauseMs = Math.min(pauseMs * POLL_BACKOFF, intervalMs * MAX_POLL_INTERVAL_FACTOR);
	}

	for (const lookup of unsettled) {
		// CinetPay's own status beside v1's name on 2026: REC may be PENDING or EXPIRED.
		const statuses = (lookup.transfers ?? []).map(
			(transfer) =>
				`${String(transfer.transaction_id)}: ${String(transfer.treatment_status)}${transfer.cinetpay_status ? ` (${String(transfer.cinetpay_status)})` : ''}`,
		);
		const error = new NodeOperationError(
			context.getNode(),
			`Not final after ${waitTimeoutSeconds} s: ${statuses.join(', ')}`,
			{
				itemIndex: lookup.itemIndex,
				description:
					'The transfer is still being processed (or waiting for your confirmation, NOS). Increase Wait Timeout, or use the CinetPay Transfer Trigger to react when it is delivered or rejected.',
			},
		);
		// The transfers as last seen, so a workflow can act on them from the error branch.
		results.fail(lookup.itemIndex, error, {}, { transfers: lookup.transfers ?? [] });
	}
	if (results.hasFailures() && !context.continueOnFail()) throw results.firstFailure();
}

function isFinal(transfer: IDataObject): boolean {
	return FINAL_STATUSES.includes(transfer.treatment_status as TreatmentStatus);
}
