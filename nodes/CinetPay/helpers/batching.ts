/**
 * How items become CinetPay calls: many items per call where CinetPay takes a list (contacts,
 * sends: `chunk` by Batch Size), and a small number of calls in flight where it takes one ID at a
 * time (lookups after a lost answer, Transfer → Get, the trigger's checks): CinetPay throttles a
 * merchant that sends too many calls at once, and a throttled merchant cannot send payouts either.
 * Where transfers are batched: actions/transfer/send.operation.ts cuts them with `chunk`, and
 * actions/transfer/payoutProtocol.ts pays each batch in one call.
 */

/** Lookups in flight at once, unless an operation says otherwise. */
export const DEFAULT_IN_FLIGHT = 4;

/**
 * Runs `work` on every entry with at most `limit` calls in flight, and returns the results in
 * input order. `work` should not throw: a failure of one entry is that entry's result.
 */
export async function mapBounded<T, R>(
	list: readonly T[],
	limit: number,
	work: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(list.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < list.length) {
			const index = next++;
			results[index] = await work(list[index], index);
		}
	};
	const workers = Math.max(1, Math.min(Math.trunc(limit) || 1, list.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}

/** The list cut into consecutive pieces of at most `size` entries. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		chunks.push(list.slice(start, start + size));
	return chunks;
}
