/**
 * Transfer → Send's options of the payout protocol, the same on both platforms: Check Deadline and
 * Maximum Amount, and how the run reads them.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { DEFAULT_MAXIMUM_AMOUNT } from '../../helpers/validation';
import type { PayoutSettings } from '../../payout/run';

/** Default of the Check Deadline option, in seconds. */
const DEFAULT_CHECK_DEADLINE_S = 180;

export const checkDeadlineOption: INodeProperties = {
	displayName: 'Check Deadline (Seconds)',
	name: 'checkDeadline',
	type: 'number',
	default: DEFAULT_CHECK_DEADLINE_S,
	typeOptions: { minValue: 1 },
	description:
		'When CinetPay leaves transfers without a clear answer, how long the node may spend checking them by their ID. Transfers still unclear then are reported with outcome "unknown", and the run sends nothing more.',
};

export const maximumAmountOption: INodeProperties = {
	displayName: 'Maximum Amount',
	name: 'maximumAmount',
	type: 'number',
	default: DEFAULT_MAXIMUM_AMOUNT,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description:
		'The most one transfer may pay, a guard against a mistyped amount (an extra zero). An item above it is refused before anything is sent.',
};

export interface SendSettings extends PayoutSettings {
	maximumAmount: number;
}

export function readSendSettings(context: IExecuteFunctions): SendSettings {
	const seconds = Number(
		context.getNodeParameter('options.checkDeadline', 0, DEFAULT_CHECK_DEADLINE_S),
	);
	const maximum = Number(
		context.getNodeParameter('options.maximumAmount', 0, DEFAULT_MAXIMUM_AMOUNT),
	);
	return {
		timeoutMs: readOperationOptions(context).timeoutMs,
		checkDeadlineMs:
			Math.max(Number.isFinite(seconds) ? seconds : DEFAULT_CHECK_DEADLINE_S, 1) * 1000,
		maximumAmount: Number.isFinite(maximum) && maximum > 0 ? maximum : DEFAULT_MAXIMUM_AMOUNT,
	};
}
