/**
 * Deterministic test numbers, like card networks' test cards: the receiver decides how a call or
 * a transfer ends. Every other well-formed number behaves like the "succeeds" one.
 */
import type { TransferOutcome } from './types';

export type TestNumberBehaviour =
	| 'succeeds'
	| 'rejected'
	| 'pending'
	| 'notParticular'
	| 'operatorUnavailable';

export interface TestNumber {
	country: 'CI' | 'SN';
	prefix: string;
	phone: string;
	e164: string;
	behaviour: TestNumberBehaviour;
	/** What the simulator does with it, for humans (README, CLI banner). */
	effect: string;
}

const EFFECTS: Record<TestNumberBehaviour, string> = {
	succeeds: 'contact added; transfer ends VAL',
	rejected: 'contact added; transfer ends REJ after processing (REC → REJ), amount refunded',
	pending: 'contact added; transfer stays REC forever (until settled by control)',
	notParticular: 'contact added; send → per-item 717 ERROR_PHONE_NOT_PARTICULAR',
	operatorUnavailable:
		'contact add → per-item 721 OPERATOR_NOT_AVAILABLE; send → per-item 804 OPERATOR_UNAVAILABLE',
};

function entry(
	country: 'CI' | 'SN',
	prefix: string,
	phone: string,
	behaviour: TestNumberBehaviour,
): TestNumber {
	return {
		country,
		prefix,
		phone,
		e164: `+${prefix}${phone}`,
		behaviour,
		effect: EFFECTS[behaviour],
	};
}

/** TEST_NUMBERS.CI.rejected.phone === '0700000002', etc. */
export const TEST_NUMBERS = {
	CI: {
		succeeds: entry('CI', '225', '0700000001', 'succeeds'),
		rejected: entry('CI', '225', '0700000002', 'rejected'),
		pending: entry('CI', '225', '0700000003', 'pending'),
		notParticular: entry('CI', '225', '0700000004', 'notParticular'),
		operatorUnavailable: entry('CI', '225', '0700000005', 'operatorUnavailable'),
	},
	SN: {
		succeeds: entry('SN', '221', '770000001', 'succeeds'),
		rejected: entry('SN', '221', '770000002', 'rejected'),
		pending: entry('SN', '221', '770000003', 'pending'),
		notParticular: entry('SN', '221', '770000004', 'notParticular'),
		operatorUnavailable: entry('SN', '221', '770000005', 'operatorUnavailable'),
	},
} as const;

export const TEST_NUMBER_LIST: readonly TestNumber[] = [
	...Object.values(TEST_NUMBERS.CI),
	...Object.values(TEST_NUMBERS.SN),
];

const BY_NUMBER = new Map<string, TestNumberBehaviour>(
	TEST_NUMBER_LIST.map((t) => [`${t.prefix}:${t.phone}`, t.behaviour]),
);

export function behaviourOf(prefix: string, phone: string): TestNumberBehaviour {
	return BY_NUMBER.get(`${prefix}:${phone}`) ?? 'succeeds';
}

/** The final outcome of a transfer that was accepted for this receiver. */
export function outcomeOf(prefix: string, phone: string): TransferOutcome {
	const b = behaviourOf(prefix, phone);
	return b === 'rejected' || b === 'pending' ? b : 'succeeds';
}

/** The table as aligned text, for the CLI banner. */
export function formatTestNumbers(): string {
	const rows = TEST_NUMBER_LIST.map((t) => [t.country, t.prefix, t.phone, t.behaviour, t.effect]);
	const head = ['country', 'prefix', 'phone', 'behaviour', 'effect'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (r: string[]) =>
		r
			.map((c, i) => c.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(head), ...rows.map(line)].join('\n');
}
