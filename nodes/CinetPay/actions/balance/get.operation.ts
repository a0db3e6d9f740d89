import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { COUNTRIES_BY_PREFIX, currencyOfCountry } from '../../helpers/countries';
import { readOperationOptions } from '../../helpers/options';
import { onPlatform } from '../../helpers/platform';
import { failedItem, type ItemError } from '../../helpers/results';
import { callCinetPay, throwIfCinetPayError } from '../../transport/v1';
import { isObject } from '../../transport/v1/envelope';
import { getBalance2026 } from '../../transport/platform2026';
import { langOption, optionsCollection, timeoutOption } from '../common.descriptions';

const show = { resource: ['balance'], operation: ['get'] };

/** Countries by name, each with its currency, so that the list says what it changes. */
const ACCOUNT_COUNTRY_OPTIONS = Object.values(COUNTRIES_BY_PREFIX)
	.map(({ country, name, currency }) => ({ name: `${name} (${currency})`, value: country }))
	.sort((a, b) => a.name.localeCompare(b.name, 'en'));

export const description: INodeProperties[] = [
	optionsCollection(onPlatform('v1', show), [
		{
			displayName: 'Account Country',
			name: 'accountCountry',
			type: 'options',
			options: ACCOUNT_COUNTRY_OPTIONS,
			default: 'CI',
			description:
				"The country of your CinetPay account, for the balance's currency when CinetPay does not say it. Without this option, currency is null for such answers.",
		},
		langOption,
		timeoutOption,
	]),
	// On 2026 the credential names the account's country (and so its currency), and CinetPay's
	// answers have no language.
	optionsCollection(onPlatform('2026', show), [timeoutOption]),
];

/** Balance amounts; CinetPay may send them as numbers or numeric strings. */
function amounts(source: IDataObject) {
	return {
		amount: Number(source.amount ?? 0),
		inUsing: Number(source.inUsing ?? 0),
		available: Number(source.available ?? 0),
	};
}

/**
 * One item with `amount / inUsing / available / currency`. Accounts that answer per country also
 * get `countries` (each with its currency); the totals then add up the countries, and `currency`
 * says `MIXED` when they do not share one. A flat answer's currency is CinetPay's own when it names
 * one, else the account country's (the Account Country option), else null: the v1 document's "XOF"
 * is wrong for XAF, GNF and CDF accounts, and a wrong currency is worse than none.
 */
export function normalizeBalance(data: unknown, accountCountry = ''): IDataObject {
	if (!isObject(data))
		return { ...amounts({}), currency: currencyOfCountry(accountCountry) ?? null };
	if (!isObject(data.countryBalance)) {
		const stated =
			typeof data.currency === 'string' && data.currency.trim() !== ''
				? data.currency.trim()
				: undefined;
		return { ...amounts(data), currency: stated ?? currencyOfCountry(accountCountry) ?? null };
	}
	const countries: IDataObject = {};
	const total = { amount: 0, inUsing: 0, available: 0 };
	const currencies = new Set<string>();
	for (const [country, balance] of Object.entries(data.countryBalance)) {
		if (!isObject(balance)) continue;
		const values = amounts(balance);
		const currency = currencyOfCountry(country) ?? 'unknown';
		currencies.add(currency);
		countries[country] = { ...values, currency };
		total.amount += values.amount;
		total.inUsing += values.inUsing;
		total.available += values.available;
	}
	return { ...total, currency: currencies.size === 1 ? [...currencies][0] : 'MIXED', countries };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { lang, timeoutMs } = readOperationOptions(this);
	return await oneBalanceItem(this, async () => {
		const envelope = await callCinetPay.call(this, { endpoint: 'balance', lang, timeoutMs });
		throwIfCinetPayError(this, envelope);
		const accountCountry = String(this.getNodeParameter('options.accountCountry', 0, ''));
		return normalizeBalance(envelope.data, accountCountry);
	});
}

/**
 * The 2026 platform's balance of the credential's country account, in v1's keys: `amount` is
 * CinetPay's `real_balance`, `available` its `available_balance`, `inUsing` the difference (money
 * in flight), `currency` the account's; CinetPay's own two fields are kept beside them.
 */
export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { timeoutMs } = readOperationOptions(this);
	return await oneBalanceItem(this, async () => await getBalance2026.call(this, { timeoutMs }));
}

/** One balance, one item (whatever the input), or one failed item with Continue On Fail. */
async function oneBalanceItem(
	context: IExecuteFunctions,
	read: () => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	let failure: ItemError;
	try {
		return [{ json: await read(), pairedItem: { item: 0 } }];
	} catch (error) {
		failure = error as ItemError;
	}
	if (!context.continueOnFail()) throw failure;
	return [failedItem(failure, 0)];
}
