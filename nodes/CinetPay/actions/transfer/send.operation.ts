import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { CUSTOM_PAYMENT_METHOD, paymentMethodOptions } from '../../helpers/paymentMethods';
import { onPlatform } from '../../helpers/platform';
import { ItemResults } from '../../helpers/results';
import { filledByAgent } from '../../helpers/tool';
import { failureNamingSends } from '../../payout/output';
import type { PayoutItem, PayoutPlatform } from '../../payout/platform';
import { payItems } from '../../payout/protocol';
import { PayoutRun } from '../../payout/run';
import { v1Item, V1Payout } from '../../payout/v1/strategy';
import {
	batchSizeOption,
	langOption,
	optionsCollection,
	receiverInputProperties,
	timeoutOption,
} from '../common.descriptions';

import { properties2026, read2026 } from './send2026';
import {
	checkDeadlineOption,
	maximumAmountOption,
	readSendSettings,
	type SendSettings,
} from './sendOptions';
import { readTransferRequests } from './transferRequests';

// Shown on both platforms, with the same names; what only v1 has is shown with `showV1`.
const show = { resource: ['transfer'], operation: ['send'] };
const showDefineBelow = { ...show, dataMode: ['defineBelow'] };
const showV1 = onPlatform('v1', show);

const clientTransactionIdField: INodeProperties = {
	displayName: 'Client Transaction ID',
	name: 'clientTransactionId',
	type: 'string',
	default: '',
	placeholder: 'e.g. payout-2026-11-0042',
};

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
	// One field, its rule and promise told per platform: only v1's 805 is known to refuse a reused ID.
	...filledByAgent(
		{
			...clientTransactionIdField,
			description:
				"Your own unique ID for this transfer (up to 64 letters, digits, _ . : -). CinetPay refuses an ID it has seen (805), so an ID from your data (e.g. the payout row's ID) makes re-running a workflow safe. Empty: the node makes one per item, the same when n8n retries this execution and new in any other execution.",
			displayOptions: { show: { ...showDefineBelow, platform: ['v1'] } },
		},
		'client_transaction_id',
		'A unique ID for this payout, up to 64 letters, digits, _ . : -, e.g. the invoice or payout ID it settles. Use the same ID again when retrying the same payout: CinetPay then refuses to pay it twice.',
	),
	...filledByAgent(
		{
			...clientTransactionIdField,
			description:
				'Your own unique ID for this transfer (up to 30 letters, digits or -), kept by CinetPay as merchant_transaction_id. On the 2026 platform CinetPay is not known to refuse an ID it has seen: re-running a workflow with the same IDs may pay again, so check your CinetPay dashboard before a re-run. Empty: the node makes one per item, the same when n8n retries this execution and new in any other execution.',
			displayOptions: { show: { ...showDefineBelow, platform: ['2026'] } },
		},
		'client_transaction_id',
		'A unique ID for this payout, up to 30 letters, digits or -, e.g. the invoice or payout ID it settles. Never give the same ID to two payouts. Sending it again does not protect against paying twice on this platform: before retrying, check whether the first payout was made.',
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
		checkDeadlineOption,
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
		maximumAmountOption,
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
	return await sendTransfers(this, readV1);
}

export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendTransfers(this, read2026);
}

type ReadItems = (
	context: IExecuteFunctions,
	results: ItemResults,
	settings: SendSettings,
) => Promise<{ platform: PayoutPlatform; items: PayoutItem[] }>;

/**
 * Both platforms: every item checked before any call, then paid by the one payout protocol with
 * the platform's strategy; one result per item, failed items on the error output.
 */
async function sendTransfers(
	context: IExecuteFunctions,
	read: ReadItems,
): Promise<INodeExecutionData[]> {
	const results = new ItemResults(context, context.getInputData().length);
	const settings = readSendSettings(context);
	const { platform, items } = await read(context, results, settings);
	// Without "continue on fail", one bad row stops the run before any money moves.
	if (results.hasFailures() && !context.continueOnFail()) throw results.firstFailure();

	await payItems(new PayoutRun(context, results, settings), platform, items);
	if (results.hasFailures() && !context.continueOnFail())
		throw failureNamingSends(context, results, items, platform.texts);
	return results.toOutput();
}

/** v1's items and strategy for the payout protocol. */
async function readV1(context: IExecuteFunctions, results: ItemResults, settings: SendSettings) {
	const addContact = Boolean(context.getNodeParameter('options.addContact', 0, false));
	const requests = readTransferRequests(context, results, addContact, settings.maximumAmount);
	const contacts = addContact
		? new Map(requests.map((request) => [request.itemIndex, request.contact!]))
		: undefined;
	const platform = new V1Payout(context, readOperationOptions(context), contacts);
	return { platform, items: requests.map(v1Item) };
}
