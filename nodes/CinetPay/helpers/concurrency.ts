/**
 * A small number of CinetPay calls in flight at once. Lookups after a lost answer, batched
 * Transfer → Get and the trigger's checks all fan out; CinetPay throttles a merchant that sends
 * too many calls at once, and a throttled merchant cannot send payouts either.
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
