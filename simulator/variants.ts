/**
 * Variant switches: defaults, validation, and the CLI flag of each switch, as one data table so
 * the module, the control API and the CLI cannot drift apart.
 */
import { SimulatorError } from './errors';
import type { SimulatorVariants } from './types';

/** Behaviour of the 2018 document (and manual life-cycle stepping, for tests). */
export const DEFAULT_VARIANTS: Readonly<SimulatorVariants> = Object.freeze({
	codeType: 'spec',
	errorHttpStatus: 'http200',
	nesting: 'double',
	balanceShape: 'flat',
	readdContact: 'code726',
	itemErrors: 'perItem',
	tokenTtlSeconds: 300,
	expiredTokenStatus: 'http200',
	latencyMs: 0,
	autoConfirm: false,
	stepMs: 0,
	notifyRepeat: 1,
	notifications: 'on',
	notifyDelayMs: 0,
	notifyRetries: 0,
	readLagMs: 0,
	receiverFormat: 'asSent',
	amountFormat: 'plain',
	itemErrorShape: 'documented',
	resultOrder: 'asSent',
});

type VariantRule =
	| { kind: 'enum'; values: readonly string[] }
	| { kind: 'number'; min: number; max: number; integer: boolean }
	| { kind: 'boolean' };

export interface VariantSpec {
	key: keyof SimulatorVariants;
	cliFlag: string;
	rule: VariantRule;
	help: string;
}

const oneOf = (...values: string[]): VariantRule => ({ kind: 'enum', values });
const integer = (min: number, max: number): VariantRule => ({
	kind: 'number',
	min,
	max,
	integer: true,
});
const BOOLEAN: VariantRule = { kind: 'boolean' };

/** Every variant's CLI flag, rule and help, one row each (the type makes sure none is missing). */
// prettier-ignore
const VARIANT_ROWS: { [K in keyof SimulatorVariants]: [cliFlag: string, rule: VariantRule, help: string] } = {
	codeType: ['--code-type', oneOf('spec', 'string', 'number'), 'type of envelope codes: spec (0, "701", 602, 723), string or number'],
	errorHttpStatus: ['--error-http-status', oneOf('http200', 'http4xx'), 'errors with HTTP 200, or 401/404/400 with the same body'],
	nesting: ['--nesting', oneOf('double', 'single'), 'contact/send results as data:[[...]] or data:[...]'],
	balanceShape: ['--balance-shape', oneOf('flat', 'perCountry'), 'balance as {amount,inUsing,available} or {countryBalance:{CI,SN}}'],
	readdContact: ['--readd-contact', oneOf('code726', 'success'), 're-adding a contact: per-item 726, or success'],
	itemErrors: ['--item-errors', oneOf('perItem', 'wholeCall'), 'invalid items: per-item codes, or the whole call fails'],
	tokenTtlSeconds: ['--token-ttl', { kind: 'number', min: 0.001, max: 7 * 24 * 3600, integer: false }, 'token lifetime in seconds'],
	expiredTokenStatus: ['--expired-token-status', oneOf('http200', 'http401'), 'HTTP status of 705 EXPIRED_TOKEN'],
	latencyMs: ['--latency', integer(0, 600_000), 'milliseconds added to every API request'],
	autoConfirm: ['--auto-confirm', BOOLEAN, 'IP-allow-listed account: no NOS (merchant confirmation) step'],
	stepMs: ['--step-ms', integer(0, 86_400_000), 'auto-advance interval of the life cycle (0 = manual)'],
	notifyRepeat: ['--notify-repeat', integer(1, 10), 'times each notification POST is sent'],
	notifications: ['--notifications', oneOf('on', 'off', 'newestFirst'), "notifications sent, none sent (logged as skipped), or a transfer's newest first (with --notify-delay)"],
	notifyDelayMs: ['--notify-delay', integer(0, 600_000), "milliseconds a transfer's notifications wait (from the first) before they may be delivered"],
	notifyRetries: ['--notify-retries', integer(0, 10), 'times a POST answered non-2xx is sent again (0.5 s, 1 s, 2 s… apart)'],
	readLagMs: ['--read-lag', integer(0, 600_000), 'check/money shows the state as of this many ms ago'],
	receiverFormat: ['--receiver-format', oneOf('asSent', 'legacy8', 'international'), 'check/money receiver: as sent, the pre-2021 8 digits of 225 numbers, or 00 + prefix + number'],
	amountFormat: ['--amount-format', oneOf('plain', 'spaced', 'withCurrency', 'withFees'), 'check/money amount: "1000", "1 000", "1000 XOF", or fees included'],
	itemErrorShape: ['--item-error-shape', oneOf('documented', 'withMessage'), 'failed items: {code, status: NAME, lot} or {code, status: error, message, description}'],
	resultOrder: ['--result-order', oneOf('asSent', 'reversed'), 'contact and send results in the order sent, or reversed'],
};

export const VARIANT_SPECS: readonly VariantSpec[] = Object.entries(VARIANT_ROWS).map(
	([key, [cliFlag, rule, help]]) => ({ key: key as keyof SimulatorVariants, cliFlag, rule, help }),
);

export class VariantError extends SimulatorError {
	constructor(message: string) {
		super(400, message);
	}
}

/** Checks a partial variant object (from the control API or code) and returns a clean copy. */
export function validateVariants(input: unknown): Partial<SimulatorVariants> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new VariantError('variants must be an object');
	}
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
		const spec = VARIANT_SPECS.find((s) => s.key === key);
		if (!spec) throw new VariantError(`unknown variant "${key}"`);
		out[key] = checkValue(spec, value);
	}
	return out as Partial<SimulatorVariants>;
}

function checkValue(spec: VariantSpec, value: unknown): unknown {
	const { rule, key } = spec;
	switch (rule.kind) {
		case 'enum':
			if (typeof value === 'string' && rule.values.includes(value)) return value;
			throw new VariantError(`${key} must be one of ${rule.values.join(', ')}`);
		case 'boolean':
			if (typeof value === 'boolean') return value;
			throw new VariantError(`${key} must be a boolean`);
		case 'number':
			if (
				typeof value === 'number' &&
				Number.isFinite(value) &&
				value >= rule.min &&
				value <= rule.max &&
				(!rule.integer || Number.isInteger(value))
			) {
				return value;
			}
			throw new VariantError(
				`${key} must be ${rule.integer ? 'an integer' : 'a number'} in [${rule.min}, ${rule.max}]`,
			);
	}
}
