import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { COUNTRIES_BY_PREFIX } from '../../helpers/countries';
import { readBatchOptions } from '../../helpers/batches';
import { failedItem, type ItemError } from '../../helpers/results';
import { callCinetPay, throwIfCinetPayError } from '../../transport';
import { isObject } from '../../transport/envelope';
import { langOption, timeoutOption } from '../common.descriptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['balance'], operation: ['get'] } },
		options: [langOption, timeoutOption],
	},
];

const CURRENCY_BY_COUNTRY = new Map(
	Object.values(COUNTRIES_BY_PREFIX).map((country) => [country.country, country.currency]),
);

/** Balance amounts; CinetPay may send them as numbers or numeric strings. */
function amounts(source: IDataObject) {
	return {
		amount: Number(source.amount ?? 0),
		inUsing: Number(source.inUsing ?? 0),
		available: Number(source.available ?? 0),
	};
}

/**
 * One item with `amount / inUsing / available`. Accounts that answer per country also get
 * `countries` (each with its currency); the totals then add up the countries, and `currency`
 * says `MIXED` when they do not share one.
 */
export function normalizeBalance(data: unknown): IDataObject {
	if (!isObject(data)) return amounts({});
	if (!isObject(data.countryBalance)) return { ...amounts(data), currency: 'XOF' };
	const countries: IDataObject = {};
	const total = { amount: 0, inUsing: 0, available: 0 };
	const currencies = new Set<string>();
	for (const [country, balance] of Object.entries(data.countryBalance)) {
		if (!isObject(balance)) continue;
		const values = amounts(balance);
		const currency = CURRENCY_BY_COUNTRY.get(country) ?? 'unknown';
		currencies.add(currency);
		countries[country] = { ...values, currency };
		total.amount += values.amount;
		total.inUsing += values.inUsing;
		total.available += values.available;
	}
	return { ...total, currency: currencies.size === 1 ? [...currencies][0] : 'MIXED', countries };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { lang, timeoutMs } = readBatchOptions(this);
	let failure: ItemError;
	try {
		const envelope = await callCinetPay.call(this, { endpoint: 'balance', lang, timeoutMs });
		throwIfCinetPayError(this, envelope);
		return [{ json: normalizeBalance(envelope.data), pairedItem: { item: 0 } }];
	} catch (error) {
		failure = error as ItemError;
	}
	if (!this.continueOnFail()) throw failure;
	return [failedItem(failure, 0)];
}
