import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../helpers/options';
import { filledByAgent, inTool, outsideTool } from '../helpers/tool';

export const langOption: INodeProperties = {
	displayName: 'Language',
	name: 'lang',
	type: 'options',
	options: [
		{ name: 'English', value: 'en' },
		{ name: 'French', value: 'fr' },
	],
	default: 'en',
	description: "Language of CinetPay's error descriptions",
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: 60,
	description: 'How long to wait for each CinetPay answer',
};

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
	default: DEFAULT_BATCH_SIZE,
	description:
		'How many items go to CinetPay in one call. All input items are sent in as few calls as this allows.',
};

/** The options of a v1 operation that sends items in batches (alphabetical). */
export const v1BatchOptions: INodeProperties[] = [batchSizeOption, langOption, timeoutOption];

/**
 * Input Data Mode. As an AI agent's tool the node has no input items to map: there it is Map Each
 * Field Below, whose fields the agent fills.
 */
export function dataModeProperties(
	resource: string,
	operation: string,
	show: IDisplayOptions['show'] = { resource: [resource], operation: [operation] },
): INodeProperties[] {
	const property: INodeProperties = {
		displayName: 'Input Data Mode',
		name: 'dataMode',
		type: 'options',
		options: [
			{
				name: 'Map Automatically',
				value: 'autoMapInputData',
				description:
					"Read each input item's own fields (prefix, phone, amount, …; see the notice below). Fastest on many items.",
			},
			{
				name: 'Map Each Field Below',
				value: 'defineBelow',
				description: 'Set each field below, usually with expressions',
			},
		],
		default: 'autoMapInputData',
		displayOptions: { show },
	};
	// A tool has no input items to map: the field is hidden there, set to Map Each Field Below.
	return [outsideTool(property), inTool({ ...property, type: 'hidden' }, 'defineBelow')];
}

export function autoMapNotice(
	resource: string,
	operation: string,
	fields: string,
	show: IDisplayOptions['show'] = { resource: [resource], operation: [operation] },
): INodeProperties {
	return {
		displayName: `Each input item must have the fields ${fields}. Rename fields with an Edit Fields (Set) node if needed.`,
		name: 'autoMapNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, dataMode: ['autoMapInputData'] } },
	};
}

/**
 * The receiver's country prefix and national number, as Contact → Add and Transfer → Send ask
 * them; an agent fills both when the node is its tool.
 */
export function receiverProperties(
	show: IDisplayOptions['show'],
	whose: string,
): INodeProperties[] {
	return [
		...filledByAgent(
			{
				displayName: 'Country Prefix',
				name: 'prefix',
				type: 'string',
				required: true,
				default: '225',
				placeholder: 'e.g. 225',
				description: "Country calling code without +, e.g. 225 for Côte d'Ivoire, 221 for Senegal",
				displayOptions: { show },
			},
			'prefix',
			'Country calling code of the receiver, digits only without +, e.g. 225 for Ivory Coast or 221 for Senegal',
		),
		...filledByAgent(
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 0700000001',
				description: `${whose} national mobile number, digits only, without the country prefix`,
				displayOptions: { show },
			},
			'phone',
			'National mobile number of the receiver, digits only, without the country prefix',
		),
	];
}

/** An operation's "Options" collection, shown where `show` says. */
export function optionsCollection(
	show: IDisplayOptions['show'],
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options,
	};
}

/**
 * Where an operation's receivers come from (Input Data Mode, its notice) and, in Map Each Field
 * Below, the receiver's prefix and phone: the first fields of Contact → Add and Transfer → Send.
 */
export function receiverInputProperties(
	show: { resource: string[]; operation: string[] } & IDisplayOptions['show'],
	autoMapFields: string,
	whose: string,
): INodeProperties[] {
	const [resource] = show.resource;
	const [operation] = show.operation;
	return [
		...dataModeProperties(resource, operation, show),
		autoMapNotice(resource, operation, autoMapFields, show),
		...receiverProperties({ ...show, dataMode: ['defineBelow'] }, whose),
	];
}
