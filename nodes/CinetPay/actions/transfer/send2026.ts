/**
 * Transfer → Send on CinetPay's 2026 platform: its own parameters (a required Payment Method per
 * country, an optional Notify URL, Sends In Flight), and the run: every item checked before any
 * call, then one call per transfer, a bounded number in flight, by the transport's payout protocol
 * (payTransfers2026), with v1's output shape and v1's error items.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { CUSTOM_PAYMENT_METHOD } from '../../helpers/paymentMethods';
import { onPlatform } from '../../helpers/platform';
import { ItemResults } from '../../helpers/results';
import {
	CREDENTIAL_TYPE_2026,
	DEFAULT_SENDS_IN_FLIGHT_2026,
	payTransfers2026,
	type Payout2026Result,
} from '../../transport/platform2026';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { earlierTries, rememberSentTransfers } from './executionMemory';
import { failureNamingSends, sentItemJson, type AfterSendsAdvice } from './transferOutput';
import { readTransferRequests2026, type Transfer2026Request } from './transferRequests2026';
import { skipEarlierTries } from './earlierTries2026';

const show = onPlatform('2026', { resource: ['transfer'], operation: ['send'] });

/** Sends In Flight can go this high; CinetPay throttles merchants who send too many at once. */
const MAX_SENDS_IN_FLIGHT_2026 = 20;

export const properties2026: INodeProperties[] = [
	{
		// "Name or ID": what n8n's lint asks of a list filled from the credential.
		displayName: 'Payment Method Name or ID',
		name: 'paymentMethod',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentMethods2026' },
		required: true,
		default: '',
		description:
			'The operator CinetPay pays through, e.g. Orange Money Côte d\'Ivoire (OM_CI). The list shows the codes of your credential\'s country. In Map Automatically mode an item\'s own payment_method wins. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Custom Payment Method',
		name: 'customPaymentMethod',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MOOV_CI',
		description: 'With Payment Method "Custom…": the code, operator and country, e.g. MOOV_CI',
		displayOptions: { show: { ...show, paymentMethod: [CUSTOM_PAYMENT_METHOD] } },
	},
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/cinetpay',
		description:
			'Optional. CinetPay may call this URL about the transfer, but on the 2026 platform notifications may never come: check transfers with Transfer → Get.',
		displayOptions: { show },
	},
	optionsCollection(show, [
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Invoice 2026-11-0042',
			description: 'Free text CinetPay keeps with each transfer. Empty: "Payout".',
		},
		{
			displayName: 'Sends In Flight',
			name: 'sendsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_SENDS_IN_FLIGHT_2026 },
			default: DEFAULT_SENDS_IN_FLIGHT_2026,
			description:
				'The 2026 platform takes one transfer per call: how many calls may be under way at once',
		},
		timeoutOption,
	]),
];

const ADVICE_2026: AfterSendsAdvice = {
	check:
		"The 2026 platform cannot look a transfer up by your ID: check each in your CinetPay dashboard before doing anything else.",
	rerun:
		'Do not re-run the whole execution: it would send them again under new IDs. Turn on "Continue On Fail" (or "Continue (using error output)") to get one result per item.',
};

export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const results = new ItemResults(this, this.getInputData().length);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE_2026);
	const requests = readTransferRequests2026(this, results, String(credentials.country ?? ''));
	// Without "continue on fail", one bad row stops the run before any money moves.
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	const toSend = skipEarlierTries(this, results, requests, earlierTries(this));
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const outcomes = await payTransfers2026(this, toSend, {
		inFlight: Number(options.sendsInFlight ?? DEFAULT_SENDS_IN_FLIGHT_2026),
		timeoutMs: readOperationOptions(this).timeoutMs,
	});
	const sent: Record<string, IDataObject> = {};
	outcomes.forEach((outcome, index) => {
		const json = record(results, toSend[index], outcome);
		if (json) sent[toSend[index].payload.merchant_transaction_id] = json;
	});

	if (results.hasFailures() && !this.continueOnFail()) {
		// The next try of "Retry On Fail" reports these instead of sending them again.
		rememberSentTransfers(this, sent);
		const ids = requests.map(({ itemIndex, payload }) => ({
			itemIndex,
			id: payload.merchant_transaction_id,
		}));
		throw failureNamingSends(this, results, ids, ADVICE_2026);
	}
	return results.toOutput();
}

/** One item's result; returns the output of a sent transfer. */
function record(
	results: ItemResults,
	request: Transfer2026Request,
	result: Payout2026Result,
): IDataObject | undefined {
	const { itemIndex, payload, prefix, phone } = request;
	if (result.outcome !== 'sent') {
		results.fail(
			itemIndex,
			result.error,
			{ clientTransactionId: payload.merchant_transaction_id, outcome: result.outcome },
			{ prefix, phone, amount: payload.amount },
		);
		return undefined;
	}
	const json = sentItemJson(result.json, {
		transaction_id: result.json.transaction_id,
		client_transaction_id: payload.merchant_transaction_id,
		treatment_status: result.json.status,
		prefix,
		phone,
		amount: payload.amount,
		currency: payload.currency,
		notify_url: payload.notify_url ?? null,
	});
	results.succeed(itemIndex, json);
	return json;
}
