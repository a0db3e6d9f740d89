import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk, readBatchOptions } from '../../helpers/batches';
import { ItemResults } from '../../helpers/results';
import {
	autoMapNotice,
	batchSizeOption,
	dataModeProperty,
	langOption,
	receiverProperties,
	timeoutOption,
} from '../common.descriptions';

import {
	failUnsent,
	payBatch,
	PayoutRun,
	withContacts,
	type PayoutOptions,
} from './payoutProtocol';
import { failureAfterSends } from './transferOutput';
import { readTransferRequests } from './transferRequests';

const show = { resource: ['transfer'], operation: ['send'] };
const showDefineBelow = { ...show, dataMode: ['defineBelow'] };

/** Default of the Check Deadline option, in seconds. */
const DEFAULT_CHECK_DEADLINE_S = 180;

export const description: INodeProperties[] = [
	dataModeProperty('transfer', 'send'),
	autoMapNotice(
		'transfer',
		'send',
		'prefix, phone and amount; optionally client_transaction_id and payment_method, and name, surname and email when "Add Contact" is on',
	),
	...receiverProperties(showDefineBelow, "The receiver's"),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			"Whole amount in the currency of the receiver's country (XOF for 225). CinetPay takes more than 200 and less than 1,500,000 XOF per transfer.",
		displayOptions: { show: showDefineBelow },
	},
	{
		displayName: 'Client Transaction ID',
		name: 'clientTransactionId',
		type: 'string',
		default: '',
		placeholder: 'payout-2026-11-0042',
		description:
			"Your own unique ID for this transfer (up to 64 letters, digits, _ . : -). CinetPay refuses an ID it has seen (805), so an ID from your data (e.g. the payout row's ID) makes re-running a workflow safe. Empty: the node makes one per item, stable within this execution only.",
		displayOptions: { show: showDefineBelow },
	},
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/cinetpay',
		description:
			"CinetPay calls this URL when the transfer's status changes. Use the production URL of a CinetPay Transfer Trigger node to react to delivered and rejected transfers.",
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Add Contact',
				name: 'addContact',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the receivers to your CinetPay contacts before sending (CinetPay only pays contacts; one call per batch, existing contacts are fine)',
			},
			{
				displayName: 'Check Deadline (Seconds)',
				name: 'checkDeadline',
				type: 'number',
				default: DEFAULT_CHECK_DEADLINE_S,
				typeOptions: { minValue: 1 },
				description:
					'When CinetPay leaves transfers without a clear answer, how long the node may spend checking them by client transaction ID. Transfers still unclear then are reported with outcome "unknown", and the run sends nothing more.',
			},
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: "With Add Contact: the receiver's e-mail address",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				default: '',
				description: "With Add Contact: the receiver's last name",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			{
				displayName: 'Contact Surname',
				name: 'contactSurname',
				type: 'string',
				default: '',
				description: "With Add Contact: the receiver's first name",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			batchSizeOption,
			langOption,
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'string',
				default: '',
				placeholder: 'WAVECI',
				description:
					"CinetPay's payment method code, e.g. WAVECI or WAVESN for Wave. Empty: CinetPay picks the operator from the number. In Map Automatically mode an item's own payment_method wins.",
			},
			timeoutOption,
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const results = new ItemResults(this, this.getInputData().length);
	const addContact = Boolean(this.getNodeParameter('options.addContact', 0, false));
	const requests = readTransferRequests(this, results, addContact);
	// Without "continue on fail", one bad row stops the run before any money moves.
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	const run = new PayoutRun(this, readPayoutOptions(this), results);
	const batches = chunk(requests, run.options.batchSize);
	for (const [position, batch] of batches.entries()) {
		if (!run.maySend) {
			failUnsent(run, batches.slice(position).flat());
			break;
		}
		await payBatch(run, addContact ? await withContacts(run, batch) : batch);
		if (results.hasFailures() && !this.continueOnFail()) break;
	}
	if (results.hasFailures() && !this.continueOnFail()) throw failureAfterSends(results, requests);
	return results.toOutput();
}

function readPayoutOptions(context: IExecuteFunctions): PayoutOptions {
	const seconds = Number(
		context.getNodeParameter('options.checkDeadline', 0, DEFAULT_CHECK_DEADLINE_S),
	);
	return {
		...readBatchOptions(context),
		checkDeadlineMs:
			Math.max(Number.isFinite(seconds) ? seconds : DEFAULT_CHECK_DEADLINE_S, 1) * 1000,
	};
}
