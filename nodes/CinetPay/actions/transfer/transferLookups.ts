/**
 * Transfer → Get's calls: every item's transfers in the fewest calls CinetPay allows (it answers
 * one ID or one lot per call).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT, mapBounded } from '../../helpers/batching';
import { findTransfers, type CinetPayCall, type TransferSearchBy } from '../../transport/v1';

export interface Lookup {
	itemIndex: number;
	searchBy: TransferSearchBy;
	value: string;
	/** The item's own `lot` (a Send output carries it): items of one lot are read in one call. */
	lot?: string;
	transfers?: IDataObject[];
}

/** An item's transfers, or the error of the call that should have found them. */
export type Answer = IDataObject[] | Error;

/**
 * Every lookup's transfers, in the fewest calls: one call per lot shared by two or more items
 * (each item then takes its own transfer from the lot's answer), one per distinct ID for the rest,
 * never more than DEFAULT_IN_FLIGHT calls at once. An item its lot's answer does not hold (the
 * `lot` field was not the transfer's own) is asked for by ID.
 */
export async function lookUpAll(
	context: IExecuteFunctions,
	lookups: readonly Lookup[],
	callOptions: Pick<CinetPayCall, 'lang' | 'timeoutMs'>,
): Promise<Answer[]> {
	const find = async (
		searchBy: TransferSearchBy,
		value: string,
		itemIndex: number,
	): Promise<Answer> => {
		try {
			return await findTransfers.call(context, searchBy, value, { ...callOptions, itemIndex });
		} catch (error) {
			return error as Error;
		}
	};
	const answers = new Array<Answer | undefined>(lookups.length);

	const byLot = groupBy(
		lookups
			.map((lookup, index) => ({ lookup, index }))
			.filter(({ lookup }) => lookup.searchBy !== 'lot' && lookup.lot),
		({ lookup }) => lookup.lot!,
	);
	const sharedLots = [...byLot].filter(([, members]) => members.length > 1);
	await mapBounded(sharedLots, DEFAULT_IN_FLIGHT, async ([lot, members]) => {
		const answer = await find('lot', lot, members[0].lookup.itemIndex);
		if (answer instanceof Error) return;
		for (const { lookup, index } of members) {
			const own = answer.filter(
				(transfer) => String(transfer[lookup.searchBy] ?? '') === lookup.value,
			);
			if (own.length > 0) answers[index] = own;
		}
	});

	// The rest, one call per distinct search (two items asking for the same ID share it).
	const rest = groupBy(
		lookups
			.map((lookup, index) => ({ lookup, index }))
			.filter(({ index }) => answers[index] === undefined),
		({ lookup }) => `${lookup.searchBy}\n${lookup.value}`,
	);
	await mapBounded([...rest.values()], DEFAULT_IN_FLIGHT, async (members) => {
		const { searchBy, value, itemIndex } = members[0].lookup;
		const answer = await find(searchBy, value, itemIndex);
		for (const { index } of members) answers[index] = answer;
	});
	return answers as Answer[];
}

function groupBy<T>(list: readonly T[], keyOf: (entry: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const key = keyOf(entry);
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	return groups;
}
