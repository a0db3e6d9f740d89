/**
 * Transfer → Send on CinetPay's 2026 platform: its own parameters (a required Payment Method per
 * country, an optional Notify URL, Sends In Flight) and how its items are read. Paying them is the
 * one payout protocol's (payout/protocol.ts) with the 2026 platform's strategy (payout/platform2026/strategy.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSTOM_PAYMENT_METHOD } from '../../helpers/paymentMethods';
import { onPlatform } from '../../helpers/platform';
import type { ItemResults } from '../../helpers/results';
import {
	DEFAULT_SENDS_IN_FLIGHT_2026,
	item2026,
	Payout2026,
} from '../../payout/platform2026/strategy';
import { CREDENTIAL_TYPE_2026, sessions2026 } from '../../transport/platform2026';
import { runSessionOf } from '../../transport/shared/runSession';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { checkDeadlineOption, maximumAmountOption, type SendSettings } from './sendOptions';
import { readTransferRequests2026 } from './transferRequests2026';

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
			"The operator CinetPay pays through, e.g. Orange Money Côte d'Ivoire (OM_CI). The list shows the codes of your credential's country. In Map Automatically mode an item's own payment_method wins. Choose from the list, or specify an ID using an <a href=\"https://docs.n8n.io/code/expressions/\">expression</a>.",
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
	// Alphabetical by display name (test/node/descriptions.test.ts checks it).
	optionsCollection(show, [
		checkDeadlineOption,
		maximumAmountOption,
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

/** The 2026 platform's items and strategy for the payout protocol. */
export async function read2026(
	context: IExecuteFunctions,
	results: ItemResults,
	settings: SendSettings,
) {
	// The run's session reads the credential once for the whole run (its calls share it).
	const session = await runSessionOf(context, CREDENTIAL_TYPE_2026, sessions2026);
	const requests = readTransferRequests2026(
		context,
		results,
		String(session.credentials.country ?? ''),
		settings.maximumAmount,
	);
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const platform = new Payout2026(context, {
		inFlight: Number(options.sendsInFlight ?? DEFAULT_SENDS_IN_FLIGHT_2026),
		timeoutMs: settings.timeoutMs,
		gate: session.gate,
	});
	return { platform, items: requests.map(item2026) };
}
