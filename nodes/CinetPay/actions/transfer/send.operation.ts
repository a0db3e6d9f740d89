import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../helpers/batching';
import { readOperationOptions } from '../../helpers/options';
import { CUSTOM_PAYMENT_METHOD, paymentMethodOptions } from '../../helpers/paymentMethods';
import { onPlatform } from '../../helpers/platform';
import { ItemResults } from '../../helpers/results';
import { filledByAgent } from '../../helpers/tool';
import {
	batchSizeOption,
	langOption,
	optionsCollection,
	receiverInputProperties,
	timeoutOption,
} from '../common.descriptions';

import { payBatch } from './payoutProtocol';
import { failUnsent, PayoutRun, withContacts, type PayoutOptions } from './payoutRun';
import { failureAfterSends } from './transferOutput';
import { readTransferRequests } from './transferRequests';
import { properties2026 } from './send2026';

// Shown on both platforms, with the same names; what only v1 has is shown with `showV1`.
const show = { resource: ['transfer'], operation: ['send'] };
const showDefineBelow = { ...show, dataMode: ['defineBelow'] };
const showV1 = onPlatform('v1', show);

/** Default of the Check Deadline option, in seconds. */
const DEFAULT_CHECK_DEADLINE_S = 180;

export const description: INodeProperties[] = [
	...receiverInputProperties(
		show,
		'prefix, phone and amount; optionally client_transaction_id and payment_method (on the 2026 platform an item\'s own wins over the list), and, on v1, name, surname and email when "Add Contact" is on',
		"The receiver's",
	),
	...filledByAgent(
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				"Whole amount in the currency of the receiver's country (XOF for 225). CinetPay takes more than 200 and less than 1,500,000 XOF per transfer on v1, at least 500 on the 2026 platform.",
			displayOptions: { show: showDefineBelow },
		},
		'amount',
		'Amount to pay, a whole number in the currency of the receiver country (XOF for 225 and 221), more than 200 and less than 1500000',
		'number',
	),
	...filledByAgent(
		{
			displayName: 'Client Transaction ID',
			name: 'clientTransactionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. payout-2026-11-0042',
			description:
				"Your own unique ID for this transfer (up to 64 letters, digits, _ . : -; on the 2026 platform up to 30 letters, digits, -). CinetPay refuses an ID it has seen (805), so an ID from your data (e.g. the payout row's ID) makes re-running a workflow safe. Empty: the node makes one per item, the same when n8n retries this execution and new in any other execution.",
			displayOptions: { show: showDefineBelow },
		},
		'client_transaction_id',
		'A unique ID for this payout, up to 64 letters, digits, _ . : -, e.g. the invoice or payout ID it settles. Use the same ID again when retrying the same payout: CinetPay then refuses to pay it twice.',
	),
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/cinetpay',
		description:
			"CinetPay calls this URL when the transfer's status changes. Use the production URL of a CinetPay Transfer Trigger node to react to delivered and rejected transfers.",
		displayOptions: { show: showV1 },
	},
	// Alphabetical by display name, as n8n's guidelines want (lint cannot see into the shared
	// constants; test/node/descriptions.test.ts checks it).
	optionsCollection(showV1, [
		{
			displayName: 'Add Contact',
			name: 'addContact',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the receivers to your CinetPay contacts before sending (CinetPay only pays contacts; one call per batch, existing contacts are fine)',
		},
		batchSizeOption,
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
			placeholder: 'e.g. name@email.com',
			default: '',
			description: "With Add Contact: the receiver's e-mail address",
			displayOptions: { show: { '/dataMode': ['defineBelow'] } },
		},
		{
			displayName: 'Contact Name',
			name: 'contactName',
			type: 'string',
			placeholder: 'e.g. Kouassi',
			default: '',
			description: "With Add Contact: the receiver's last name",
			displayOptions: { show: { '/dataMode': ['defineBelow'] } },
		},
		{
			displayName: 'Contact Surname',
			name: 'contactSurname',
			type: 'string',
			placeholder: 'e.g. Aya',
			default: '',
			description: "With Add Contact: the receiver's first name",
			displayOptions: { show: { '/dataMode': ['defineBelow'] } },
		},
		{
			displayName: 'Custom Payment Method',
			name: 'customPaymentMethod',
			type: 'string',
			default: '',
			placeholder: 'e.g. WAVECI',
			description:
				'With Payment Method "Custom…": the code CinetPay gave you for the operator. CinetPay refuses codes it does not know (811).',
			displayOptions: { show: { paymentMethod: [CUSTOM_PAYMENT_METHOD] } },
		},
		langOption,
		{
			displayName: 'Payment Method',
			name: 'paymentMethod',
			type: 'options',
			options: paymentMethodOptions('v1'),
			default: '',
			description:
				"The operator CinetPay pays through. Automatic: CinetPay picks it from the number; choose Wave to pay a Wave wallet. In Map Automatically mode an item's own payment_method wins.",
		},
		timeoutOption,
	]),
	...properties2026,
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
		if (addContact) {
			const { send, refused } = await withContacts(run, batch);
			await payBatch(run, send, refused);
		} else {
			await payBatch(run, batch);
		}
		if (results.hasFailures() && !this.continueOnFail()) break;
	}
	if (results.hasFailures() && !this.continueOnFail())
		throw failureAfterSends(this, results, requests);
	return results.toOutput();
}

function readPayoutOptions(context: IExecuteFunctions): PayoutOptions {
	const seconds = Number(
		context.getNodeParameter('options.checkDeadline', 0, DEFAULT_CHECK_DEADLINE_S),
	);
	return {
		...readOperationOptions(context),
		checkDeadlineMs:
			Math.max(Number.isFinite(seconds) ? seconds : DEFAULT_CHECK_DEADLINE_S, 1) * 1000,
	};
}

export { execute2026 } from './send2026';
