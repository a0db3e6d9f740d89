import type { INodeProperties } from 'n8n-workflow';

import { platformProperty } from '../helpers/platform';
import * as getBalance from './balance/get.operation';
import * as addContact from './contact/add.operation';
import * as getTransfer from './transfer/get.operation';
import * as sendTransfer from './transfer/send.operation';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Balance', value: 'balance' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Transfer', value: 'transfer' },
	],
	default: 'transfer',
};

export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['balance'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the transfer balance: amount, in use and available',
				action: 'Get a balance',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description:
					'Add receivers to your CinetPay contacts (v1 only pays contacts; not needed on the 2026 platform)',
				action: 'Add a contact',
			},
		],
		default: 'add',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transfer'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get transfers by transaction ID, client transaction ID or lot (lot: v1 only)',
				action: 'Get a transfer',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send money to mobile-money wallets, one transfer per item (money leaves your account)',
				action: 'Send a transfer',
			},
		],
		default: 'send',
	},
];

export const properties: INodeProperties[] = [
	platformProperty,
	resourceProperty,
	...operationProperties,
	...getBalance.description,
	...addContact.description,
	...sendTransfer.description,
	...getTransfer.description,
];
