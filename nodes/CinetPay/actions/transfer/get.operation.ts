import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readOperationOptions } from '../../helpers/options';
import { parameterReader } from '../../helpers/parameters';
import { onPlatform } from '../../helpers/platform';
import { ItemResults, type ItemError } from '../../helpers/results';
import { filledByAgent } from '../../helpers/tool';
import { FieldError } from '../../helpers/validation';
import { cinetPayError, type TransferSearchBy } from '../../transport/v1';
import { NOT_FOUND_CODE } from '../../transport/v1/codes';
import { langOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { properties2026 } from './get2026';
import { lookUpAll, type Lookup } from './transferLookups';
import {
	pollIntervalOption,
	searchByIdOptions,
	waitForTransfers,
	waitOptions,
} from './waitForTransfers';

// The IDs' fields are shown on both platforms; Search By, Lot and the options have a 2026 twin
// (get2026.ts): no lot there, no language.
const show = { resource: ['transfer'], operation: ['get'] };
const showV1 = onPlatform('v1', show);

const SEARCHES = {
	transactionId: { field: 'transaction_id', label: 'Transaction ID' },
	clientTransactionId: { field: 'client_transaction_id', label: 'Client Transaction ID' },
	lot: { field: 'lot', label: 'Lot' },
} as const satisfies Record<string, { field: TransferSearchBy; label: string }>;

type SearchBy = keyof typeof SEARCHES;

/** Both platforms' choices, and v1's Lot; alphabetical (test/node/descriptions.test.ts checks). */
const SEARCH_BY_OPTIONS = [
	searchByIdOptions[0],
	{
		name: 'Lot',
		value: 'lot',
		description: 'The lot of a send call: gives every transfer of that call, one item each',
	},
	searchByIdOptions[1],
];

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: SEARCH_BY_OPTIONS,
		default: 'transactionId',
		displayOptions: { show: showV1 },
	},
	...filledByAgent(
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. EA180627.122753.M279245',
			displayOptions: { show: { ...show, searchBy: ['transactionId'] } },
		},
		'transaction_id',
		'The CinetPay transaction_id of the transfer to look up',
	),
	...filledByAgent(
		{
			displayName: 'Client Transaction ID',
			name: 'clientTransactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. payout-2026-11-0042',
			displayOptions: { show: { ...show, searchBy: ['clientTransactionId'] } },
		},
		'client_transaction_id',
		'The client_transaction_id the transfer was sent with',
	),
	...filledByAgent(
		{
			displayName: 'Lot',
			name: 'lot',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0044557641201530102473',
			displayOptions: { show: { ...showV1, searchBy: ['lot'] } },
		},
		'lot',
		'The lot CinetPay gave the send call, to get all its transfers',
	),
	optionsCollection(showV1, [langOption, pollIntervalOption, timeoutOption, ...waitOptions]),
	...properties2026,
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results = new ItemResults(this, items.length);
	const { lang, timeoutMs } = readOperationOptions(this);
	const searchBy = this.getNodeParameter('searchBy', 0) as SearchBy;
	const { field, label } = SEARCHES[searchBy];
	const readValue = parameterReader<string>(this, searchBy, '');

	const pending: Lookup[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = String(readValue(itemIndex) ?? '').trim();
			if (value === '') throw new FieldError(searchBy, `${label} is required`);
			const lot = items[itemIndex].json.lot;
			pending.push({
				itemIndex,
				searchBy: field,
				value,
				lot: typeof lot === 'string' && lot !== '' ? lot : undefined,
			});
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	await waitForTransfers(this, results, pending, {
		lookUp: async (lookups) => await lookUpAll(this, lookups, { lang, timeoutMs }),
		notFound: (lookup) => notFound(this, label, lookup.value),
	});
	return results.toOutput();
}

function notFound(context: IExecuteFunctions, label: string, value: string): ItemError {
	return cinetPayError(context, {
		code: NOT_FOUND_CODE,
		message: 'NOT_FOUND',
		description: `No transfer with ${label} "${value}"`,
	});
}

export { execute2026 } from './get2026';
