/**
 * Transfer → Get on CinetPay's 2026 platform: by CinetPay's transaction ID, and by the merchant's
 * own ID only where the transport says CinetPay can find a transfer by it (MERCHANT_LOOKUP_2026;
 * today it cannot, and each such item gets an error saying so). No lot: the 2026 platform has no
 * batches. Waiting for a final status and the output are v1's (waitForTransfers.ts).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT, mapBounded } from '../../helpers/batching';
import { readOperationOptions } from '../../helpers/options';
import { parameterReader } from '../../helpers/parameters';
import { onPlatform } from '../../helpers/platform';
import { ItemResults } from '../../helpers/results';
import { FieldError } from '../../helpers/validation';
import { addFacts } from '../../transport/shared/errors';
import {
	findTransferByMerchantId2026,
	getTransfer2026,
	MERCHANT_LOOKUP_2026,
} from '../../transport/platform2026';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import type { Answer, Lookup } from './transferLookups';
import {
	pollIntervalOption,
	searchByIdOptions,
	waitForTransfers,
	waitOptions,
} from './waitForTransfers';

const show = onPlatform('2026', { resource: ['transfer'], operation: ['get'] });

const LABELS = { transactionId: 'Transaction ID', clientTransactionId: 'Client Transaction ID' };
type SearchBy2026 = keyof typeof LABELS;

export const properties2026: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: searchByIdOptions,
		default: 'transactionId',
		displayOptions: { show },
	},
	{
		displayName:
			"CinetPay's 2026 platform is not known to find a transfer by your own ID: search by Transaction ID (in Transfer → Send's output) where you can",
		name: 'merchantLookupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, searchBy: ['clientTransactionId'] } },
	},
	optionsCollection(show, [pollIntervalOption, timeoutOption, ...waitOptions]),
];

export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results = new ItemResults(this, items.length);
	const { timeoutMs } = readOperationOptions(this);
	const searchBy = this.getNodeParameter('searchBy', 0) as SearchBy2026;
	const label = LABELS[searchBy] ?? searchBy;
	const readValue = parameterReader<string>(this, searchBy, '');

	const pending: Lookup[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (!(searchBy in LABELS)) {
				throw new FieldError('searchBy', `"${searchBy}" is v1 only; use Transaction ID`);
			}
			const value = String(readValue(itemIndex) ?? '').trim();
			if (value === '') throw new FieldError(searchBy, `${label} is required`);
			if (searchBy === 'clientTransactionId' && MERCHANT_LOOKUP_2026 === 'none') {
				results.fail(itemIndex, cannotByMerchantId(this, itemIndex, value));
				continue;
			}
			const field = searchBy === 'transactionId' ? 'transaction_id' : 'client_transaction_id';
			pending.push({ itemIndex, searchBy: field, value });
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	await waitForTransfers(this, results, pending, {
		lookUp: async (lookups) => await lookUp2026(this, lookups, timeoutMs),
		notFound: (lookup) => notFound2026(this, label, lookup),
	});
	return results.toOutput();
}

/** One call per lookup, a few in flight; a transfer in v1's status names (treatment_status). */
async function lookUp2026(
	context: IExecuteFunctions,
	lookups: Lookup[],
	timeoutMs: number,
): Promise<Answer[]> {
	return await mapBounded(lookups, DEFAULT_IN_FLIGHT, async ({ searchBy, value, itemIndex }) => {
		try {
			const options = { timeoutMs, itemIndex };
			const found =
				searchBy === 'transaction_id'
					? await getTransfer2026.call(context, value, options)
					: await findTransferByMerchantId2026.call(context, value, options);
			if (!found?.found) return [];
			const transfer: IDataObject = found.transfer;
			return [{ ...transfer, treatment_status: transfer.status }];
		} catch (error) {
			return error as Error;
		}
	});
}

function cannotByMerchantId(context: IExecuteFunctions, itemIndex: number, value: string) {
	return new NodeOperationError(
		context.getNode(),
		`Cannot look up "${value}" by client transaction ID: CinetPay's 2026 platform has no such lookup`,
		{
			itemIndex,
			description:
				"Search by Transaction ID instead: CinetPay's transaction_id is in Transfer → Send's output (and in the trigger's). A transfer whose send had no answer has none: check it in your CinetPay dashboard.",
		},
	);
}

function notFound2026(context: IExecuteFunctions, label: string, lookup: Lookup) {
	const error = new NodeOperationError(
		context.getNode(),
		`NOT_FOUND (404): no transfer with ${label} "${lookup.value}" in this country account`,
		{
			itemIndex: lookup.itemIndex,
			description:
				'Check the ID, and that the credential is the account of the country the transfer was sent from: each country is its own CinetPay account on the 2026 platform.',
		},
	);
	return addFacts(error, { code: '404', status: 'NOT_FOUND' });
}
