import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/node.description';
import { platformCredentials } from './helpers/platform';
import { getPaymentMethods2026 } from './methods/loadOptions';
import { router } from './actions/router';

export class CinetPayTransfer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CinetPay Transfer',
		name: 'cinetPayTransfer',
		icon: { light: 'file:cinetpay.svg', dark: 'file:cinetpay.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Pay out to mobile-money wallets with CinetPay's transfer API",
		defaults: { name: 'CinetPay Transfer' },
		// The tool variant ("CinetPay Transfer Tool") tells the agent, and the person who connects it,
		// that Send moves real money; its fields are filled by the agent (helpers/tool.ts).
		usableAsTool: {
			replacements: {
				description:
					'Pays out real money to mobile-money wallets with CinetPay (Transfer → Send: money leaves the merchant account and cannot be taken back); also reads the balance and transfers and adds contacts',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: platformCredentials,
		properties,
	};

	methods = { loadOptions: { getPaymentMethods2026 } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
