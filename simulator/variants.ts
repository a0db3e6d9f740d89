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

export const VARIANT_SPECS: readonly VariantSpec[] = [
	{
		key: 'codeType',
		cliFlag: '--code-type',
		rule: { kind: 'enum', values: ['spec', 'string', 'number'] },
		help: 'type of envelope codes: spec (0, "701", 602, 723), string or number',
	},
	{
		key: 'errorHttpStatus',
		cliFlag: '--error-http-status',
		rule: { kind: 'enum', values: ['http200', 'http4xx'] },
		help: 'errors with HTTP 200, or 401/404/400 with the same body',
	},
	{
		key: 'nesting',
		cliFlag: '--nesting',
		rule: { kind: 'enum', values: ['double', 'single'] },
		help: 'contact/send results as data:[[...]] or data:[...]',
	},
	{
		key: 'balanceShape',
		cliFlag: '--balance-shape',
		rule: { kind: 'enum', values: ['flat', 'perCountry'] },
		help: 'balance as {amount,inUsing,available} or {countryBalance:{CI,SN}}',
	},
	{
		key: 'readdContact',
		cliFlag: '--readd-contact',
		rule: { kind: 'enum', values: ['code726', 'success'] },
		help: 're-adding a contact: per-item 726, or success',
	},
	{
		key: 'itemErrors',
		cliFlag: '--item-errors',
		rule: { kind: 'enum', values: ['perItem', 'wholeCall'] },
		help: 'invalid items: per-item codes, or the whole call fails',
	},
	{
		key: 'tokenTtlSeconds',
		cliFlag: '--token-ttl',
		rule: { kind: 'number', min: 0.001, max: 7 * 24 * 3600, integer: false },
		help: 'token lifetime in seconds',
	},
	{
		key: 'expiredTokenStatus',
		cliFlag: '--expired-token-status',
		rule: { kind: 'enum', values: ['http200', 'http401'] },
		help: 'HTTP status of 705 EXPIRED_TOKEN',
	},
	{
		key: 'latencyMs',
		cliFlag: '--latency',
		rule: { kind: 'number', min: 0, max: 600_000, integer: true },
		help: 'milliseconds added to every API request',
	},
	{
		key: 'autoConfirm',
		cliFlag: '--auto-confirm',
		rule: { kind: 'boolean' },
		help: 'IP-allow-listed account: no NOS (merchant confirmation) step',
	},
	{
		key: 'stepMs',
		cliFlag: '--step-ms',
		rule: { kind: 'number', min: 0, max: 86_400_000, integer: true },
		help: 'auto-advance interval of the life cycle (0 = manual)',
	},
	{
		key: 'notifyRepeat',
		cliFlag: '--notify-repeat',
		rule: { kind: 'number', min: 1, max: 10, integer: true },
		help: 'times each notification POST is sent',
	},
	{
		key: 'notifications',
		cliFlag: '--notifications',
		rule: { kind: 'enum', values: ['on', 'off', 'newestFirst'] },
		help: "notifications sent, none sent (logged as skipped), or a transfer's newest first (with --notify-delay)",
	},
	{
		key: 'notifyDelayMs',
		cliFlag: '--notify-delay',
		rule: { kind: 'number', min: 0, max: 600_000, integer: true },
		help: "milliseconds a transfer's notifications wait (from the first) before they may be delivered",
	},
	{
		key: 'notifyRetries',
		cliFlag: '--notify-retries',
		rule: { kind: 'number', min: 0, max: 10, integer: true },
		help: 'times a POST answered non-2xx is sent again (0.5 s, 1 s, 2 s… apart)',
	},
	{
		key: 'readLagMs',
		cliFlag: '--read-lag',
		rule: { kind: 'number', min: 0, max: 600_000, integer: true },
		help: 'check/money shows the state as of this many ms ago',
	},
	{
		key: 'receiverFormat',
		cliFlag: '--receiver-format',
		rule: { kind: 'enum', values: ['asSent', 'legacy8'] },
		help: 'check/money receiver of 225 numbers: as sent, or the pre-2021 8 digits',
	},
	{
		key: 'itemErrorShape',
		cliFlag: '--item-error-shape',
		rule: { kind: 'enum', values: ['documented', 'withMessage'] },
		help: 'failed items: {code, status: NAME, lot} or {code, status: error, message, description}',
	},
	{
		key: 'resultOrder',
		cliFlag: '--result-order',
		rule: { kind: 'enum', values: ['asSent', 'reversed'] },
		help: 'contact and send results in the order sent, or reversed',
	},
];

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
