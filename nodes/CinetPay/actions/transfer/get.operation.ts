import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { FINAL_STATUSES, type TreatmentStatus } from '../../helpers/interfaces';
import { parameterReader } from '../../helpers/parameters';
import { ItemResults, type ItemError } from '../../helpers/results';
import { filledByAgent } from '../../helpers/tool';
import { FieldError } from '../../helpers/validation';
import { cinetPayError, type TransferSearchBy } from '../../transport';
import { NOT_FOUND_CODE } from '../../transport/codes';
import { langOption, timeoutOption } from '../common.descriptions';
import { lookUpAll, type Lookup } from './transferLookups';

const show = { resource: ['transfer'], operation: ['get'] };

const SEARCHES = {
	transactionId: { field: 'transaction_id', label: 'Transaction ID' },
	clientTransactionId: { field: 'client_transaction_id', label: 'Client Transaction ID' },
	lot: { field: 'lot', label: 'Lot' },
} as const satisfies Record<string, { field: TransferSearchBy; label: string }>;

type SearchBy = keyof typeof SEARCHES;

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{
				name: 'Client Transaction ID',
				value: 'clientTransactionId',
				description: 'Your ID of the transfer, as sent (client_transaction_id)',
			},
			{
				name: 'Lot',
				value: 'lot',
				description: 'The lot of a send call: gives every transfer of that call, one item each',
			},
			{
				name: 'Transaction ID',
				value: 'transactionId',
				description: "CinetPay's ID of the transfer (transaction_id)",
			},
		],
		default: 'transactionId',
		displayOptions: { show },
	},
	...filledByAgent(
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. EA180627.122753.M279245',
			displayOptions: { show: { ...show, searchBy: ['transactionId'] } },
		},
		'transaction_id',
		'The CinetPay transaction_id of the transfer to look up',
	),
	...filledByAgent(
		{
			displayName: 'Client Transaction ID',
			name: 'clientTransactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. payout-2026-11-0042',
			displayOptions: { show: { ...show, searchBy: ['clientTransactionId'] } },
		},
		'client_transaction_id',
		'The client_transaction_id the transfer was sent with',
	),
	...filledByAgent(
		{
			displayName: 'Lot',
			name: 'lot',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0044557641201530102473',
			displayOptions: { show: { ...show, searchBy: ['lot'] } },
		},
		'lot',
		'The lot CinetPay gave the send call, to get all its transfers',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			langOption,
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: 10,
				description:
					'With Wait for Final Status: the first pause before asking CinetPay again; each later pause is 1.5 times longer, up to 6 times this. Only transfers still pending are asked again.',
			},
			timeoutOption,
			{
				displayName: 'Wait for Final Status',
				name: 'waitForFinalStatus',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep asking CinetPay until the transfer is delivered (VAL) or rejected (REJ). For long waits, prefer the CinetPay Transfer Trigger.',
			},
			{
				displayName: 'Wait Timeout (Seconds)',
				name: 'waitTimeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description:
					'With Wait for Final Status: give up after this long and report the last status',
			},
		],
	},
];

/** With Wait for Final Status, each pause is this much longer than the one before… */
const POLL_BACKOFF = 1.5;
/** …up to this many times the Poll Interval. */
const MAX_POLL_INTERVAL_FACTOR = 6;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results = new ItemResults(this, items.length);
	const { lang, timeoutMs } = readOperationOptions(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const searchBy = this.getNodeParameter('searchBy', 0) as SearchBy;
	const { field, label } = SEARCHES[searchBy];
	const readValue = parameterReader<string>(this, searchBy, '');

	const pending: Lookup[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = String(readValue(itemIndex) ?? '').trim();
			if (value === '') throw new FieldError(searchBy, `${label} is required`);
			const lot = items[itemIndex].json.lot;
			pending.push({
				itemIndex,
				searchBy: field,
				value,
				lot: typeof lot === 'string' && lot !== '' ? lot : undefined,
			});
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	const wait = Boolean(options.waitForFinalStatus);
	const waitTimeoutSeconds = Number(options.waitTimeout ?? 120);
	const deadline = Date.now() + waitTimeoutSeconds * 1000;
	const intervalMs = Math.max(Number(options.pollInterval ?? 10), 1) * 1000;
	let pauseMs = intervalMs;
	let unsettled = pending;
	for (;;) {
		const answers = await lookUpAll(this, unsettled, { lang, timeoutMs });
		const stillOpen: Lookup[] = [];
		unsettled.forEach((lookup, index) => {
			const answer = answers[index];
			if (answer instanceof Error) {
				results.fail(lookup.itemIndex, answer as ItemError);
				return;
			}
			lookup.transfers = answer;
			if (answer.length === 0) results.fail(lookup.itemIndex, notFound(this, label, lookup.value));
			else if (wait && !answer.every(isFinal)) stillOpen.push(lookup);
			else results.succeed(lookup.itemIndex, answer);
		});
		if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();
		// Only what is still pending is asked again, less often as the wait goes on.
		unsettled = stillOpen;
		if (unsettled.length === 0) break;
		const remaining = deadline - Date.now();
		if (remaining <= 0) break;
		await sleep(Math.min(pauseMs, remaining));
		pauseMs = Math.min(pauseMs * POLL_BACKOFF, intervalMs * MAX_POLL_INTERVAL_FACTOR);
	}

	for (const lookup of unsettled) {
		const statuses = (lookup.transfers ?? []).map(
			(transfer) => `${String(transfer.transaction_id)}: ${String(transfer.treatment_status)}`,
		);
		const error = new NodeOperationError(
			this.getNode(),
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
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();
	return results.toOutput();
}

function isFinal(transfer: IDataObject): boolean {
	return FINAL_STATUSES.includes(transfer.treatment_status as TreatmentStatus);
}

function notFound(context: IExecuteFunctions, label: string, value: string): ItemError {
	return cinetPayError(context, {
		code: NOT_FOUND_CODE,
		message: 'NOT_FOUND',
		description: `No transfer with ${label} "${value}"`,
	});
}

export { execute2026 } from './get2026';
