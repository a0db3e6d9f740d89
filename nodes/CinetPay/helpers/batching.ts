/**
 * How items become CinetPay calls: many items per call where CinetPay takes a list (contacts,
 * sends: `chunk` by Batch Size), and a small number of calls in flight where it takes one ID at a
 * time (lookups after a lost answer, Transfer → Get, the trigger's checks): CinetPay throttles a
 * merchant that sends too many calls at once, and a throttled merchant cannot send payouts either.
 * Where transfers are batched: payout/v1/strategy.ts cuts them with `chunk` (Batch Size), and the payout
 * protocol (payout/protocol.ts) pays each batch in one call.
 */

/** Lookups in flight at once, unless an operation says otherwise. */
export const DEFAULT_IN_FLIGHT = 4;

/**
 * Runs `work` on every entry with at most `limit` calls in flight, and returns the results in
 * input order. `limit` may be a function, read each time a call could start: the payout protocol
 * sends fewer at once while CinetPay throttles. `work` should not throw: a failure of one entry is
 * that entry's result.
 */
export async function mapBounded<T, R>(
	list: readonly T[],
	limit: number | (() => number),
	work: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const limitNow = typeof limit === 'function' ? limit : () => limit;
	const results = new Array<R>(list.length);
	let next = 0;
	let active = 0;
	return await new Promise<R[]>((resolve, reject) => {
		const startWhatMay = (): void => {
			if (next >= list.length && active === 0) {
				resolve(results);
				return;
			}
			while (next < list.length && active < Math.max(1, Math.trunc(limitNow()) || 1)) {
				const index = next++;
				active++;
				work(list[index], index).then((result) => {
					results[index] = result;
					active--;
					startWhatMay();
				}, reject);
			}
		};
		startWhatMay();
	});
}

/** The list cut into consecutive pieces of at most `size` entries. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		chunks.push(list.slice(start, start + size));
	return chunks;
}
