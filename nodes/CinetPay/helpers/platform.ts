/**
 * Which CinetPay platform a node talks to, chosen per node: its first parameter, and the credential
 * each choice shows. Shared by the Transfer node and the trigger, so both read the same names.
 *
 * - `v1`: the transfer API of client.cinetpay.com (API key + transfer password), the default, so
 *   that every workflow saved before this parameter existed keeps working unchanged.
 * - `2026`: the platform of accounts opened in 2026 (api.cinetpay.co, its sandbox api.cinetpay.net),
 *   one credential per country account.
 */
import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeCredentialDescription,
	INodeProperties,
} from 'n8n-workflow';

export type Platform = 'v1' | '2026';

export const PLATFORM_PARAMETER = 'platform';

export const platformProperty: INodeProperties = {
	displayName: 'Platform',
	name: PLATFORM_PARAMETER,
	type: 'options',
	noDataExpression: true,
	// Alphabetical, as n8n's guidelines want; v1 stays the default.
	options: [
		{
			name: '2026 Platform (api.cinetpay.co)',
			value: '2026',
			description:
				'Accounts opened in 2026, with keys starting sk_live_ or sk_test_ (sandbox): one account per country',
		},
		{
			// "V1": n8n's strict lint wants each word of an option's name capitalised.
			name: 'Transfer API V1 (client.cinetpay.com)',
			value: 'v1',
			description: 'Accounts with an API key and a transfer password from client.cinetpay.com',
		},
	],
	default: 'v1',
};

/** The credential each platform uses, each shown only for its platform. */
export const platformCredentials: INodeCredentialDescription[] = [
	{ name: 'cinetPayTransferApi', required: true, displayOptions: { show: { platform: ['v1'] } } },
	{ name: 'cinetPayApi', required: true, displayOptions: { show: { platform: ['2026'] } } },
];

/** The node's platform, read once per run (it cannot hold an expression). */
export function readPlatform(context: Pick<IExecuteFunctions, 'getNodeParameter'>): Platform {
	return context.getNodeParameter(PLATFORM_PARAMETER, 0, 'v1') === '2026' ? '2026' : 'v1';
}

/** `displayOptions.show` limited to one platform. */
export function onPlatform<T extends NonNullable<IDisplayOptions['show']>>(
	platform: Platform,
	show: T,
): T & { platform: Platform[] } {
	return { ...show, platform: [platform] };
}
