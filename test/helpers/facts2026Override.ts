/**
 * What the 2026 transport is told of CinetPay's [guess] answers, when a test replaces facts.ts's
 * two lines (MERCHANT_LOOKUP_2026, DUPLICATE_GUARD_2026) with the simulator's truth — the one-line
 * edits facts.ts invites once a real answer is known. Undefined = facts.ts as it is.
 *
 * A test file that wants it mocks facts.ts (jest.mock is per file) with `factsWithOverride2026`.
 * This module imports nothing, so the mock factory can require it.
 */
export const facts2026Override: {
	merchantLookup?: 'none' | 'query' | 'path';
	duplicateGuard?: 'unknown' | 'refused' | 'returnsExisting';
} = {};

/** facts.ts's exports, with the two [guess] facts read from the override when it is set. */
export function factsWithOverride2026(actual: Record<string, unknown>): Record<string, unknown> {
	return Object.defineProperties(
		{ ...actual },
		{
			MERCHANT_LOOKUP_2026: {
				enumerable: true,
				get: () => facts2026Override.merchantLookup ?? actual.MERCHANT_LOOKUP_2026,
			},
			DUPLICATE_GUARD_2026: {
				enumerable: true,
				get: () => facts2026Override.duplicateGuard ?? actual.DUPLICATE_GUARD_2026,
			},
		},
	);
}
