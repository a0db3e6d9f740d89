import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { addContacts, contactJson } from '../../helpers/contacts';
import type { ContactPayload, ItemRequest } from '../../helpers/interfaces';
import { parameterReader, pickField, type DataMode } from '../../helpers/parameters';
import { ItemResults } from '../../helpers/results';
import { onPlatform } from '../../helpers/platform';
import { filledByAgent } from '../../helpers/tool';
import { validateContact, validatePhone, validatePrefix } from '../../helpers/validation';
import { optionsCollection, receiverInputProperties, v1BatchOptions } from '../common.descriptions';

// Contacts exist only on v1: the 2026 platform pays any number (see execute2026).
const show = onPlatform('v1', { resource: ['contact'], operation: ['add'] });
const showDefineBelow = { ...show, dataMode: ['defineBelow'] };

export const description: INodeProperties[] = [
	...receiverInputProperties(show, 'prefix, phone, name, surname and email', "The contact's"),
	{
		displayName:
			'Not needed on the 2026 platform: any number can be paid. This operation does nothing there and outputs one "not needed" result per item, so a workflow made for v1 keeps running.',
		name: 'contactNotNeededNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: onPlatform('2026', { resource: ['contact'], operation: ['add'] }) },
	},
	...filledByAgent(
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: "The contact's last name",
			displayOptions: { show: showDefineBelow },
		},
		'name',
		'Last name of the contact',
	),
	...filledByAgent(
		{
			displayName: 'Surname',
			name: 'surname',
			type: 'string',
			required: true,
			default: '',
			description: "The contact's first name (CinetPay calls it surname)",
			displayOptions: { show: showDefineBelow },
		},
		'surname',
		'First name of the contact',
	),
	...filledByAgent(
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@email.com',
			required: true,
			default: '',
			description: "The contact's e-mail address",
			displayOptions: { show: showDefineBelow },
		},
		'email',
		'E-mail address of the contact',
	),
	optionsCollection(show, v1BatchOptions),
];

/** Reads and checks one item's contact, from its fields or from the parameters. */
export function contactReader(context: IExecuteFunctions, dataMode: DataMode) {
	const items = context.getInputData();
	const fields = ['prefix', 'phone', 'name', 'surname', 'email'] as const;
	const readers = Object.fromEntries(
		fields.map((field) => [field, parameterReader<string>(context, field, '')]),
	) as Record<(typeof fields)[number], (itemIndex: number) => string>;
	const raw = (itemIndex: number, field: (typeof fields)[number]): unknown =>
		dataMode === 'autoMapInputData'
			? pickField(items[itemIndex].json, field)
			: readers[field](itemIndex);

	return (itemIndex: number): ContactPayload => {
		const prefix = validatePrefix(raw(itemIndex, 'prefix'));
		return validateContact(prefix, validatePhone(raw(itemIndex, 'phone'), prefix), {
			name: raw(itemIndex, 'name'),
			surname: raw(itemIndex, 'surname'),
			email: raw(itemIndex, 'email'),
		});
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results = new ItemResults(this, items.length);
	const options = readOperationOptions(this);
	const readContact = contactReader(this, this.getNodeParameter('dataMode', 0) as DataMode);

	const requests: Array<ItemRequest<ContactPayload>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.push({ itemIndex, payload: readContact(itemIndex) });
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	const outcomes = await addContacts(this, requests, options);
	for (const { itemIndex, payload } of requests) {
		const outcome = outcomes.get(itemIndex)!;
		if ('added' in outcome) results.succeed(itemIndex, contactJson(payload, outcome));
		else results.fail(itemIndex, outcome.error);
	}
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();
	return results.toOutput();
}

/**
 * The 2026 platform has no contact step ([prod]: any number can be paid), so there is nothing to
 * add. Each item gets a success saying so rather than an error: a workflow made for v1
 * (Contact → Add, then Transfer → Send) keeps running when its nodes are switched to 2026, and
 * nothing lands on the error output that nobody needs to act on. No call is made.
 */
export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return this.getInputData().map((_item, itemIndex) => ({
		json: {
			added: false,
			contact_needed: false,
			platform: '2026',
			message: 'Not needed on the 2026 platform: any number can be paid',
		},
		pairedItem: { item: itemIndex },
	}));
}
