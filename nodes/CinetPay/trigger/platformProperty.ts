/**
 * Stand-in for the shared `platform` parameter (common contract), until the Transfer node's own
 * definition is merged and imported instead.
 */
import type { INodeProperties } from 'n8n-workflow';

export const platformProperty: INodeProperties = {
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: '2026 Platform (api.cinetpay.co)', value: '2026' },
		{ name: 'Transfer API v1 (client.cinetpay.com)', value: 'v1' },
	],
	default: 'v1',
};
