/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Command-line parsing of `npm run simulator -- ...`, kept apart from cli.ts so it can be tested
 * without starting a process. Variant flags come from VARIANT_SPECS.
 */
import type { SimulatorOptions, SimulatorVariants } from './types';
import { VARIANT_SPECS, validateVariants } from './variants';

export const CLI_DEFAULT_PORT = 4010;
/** Users watching the CLI want transfers to move by themselves; tests use 0 (manual). */
export const CLI_DEFAULT_STEP_MS = 1500;

export type CliParse = { help: true } | { help: false; options: SimulatorOptions };

export class CliError extends Error {}

function parseNumber(flag: string, value: string | undefined): number {
	if (value === undefined || value.trim() === '' || !Number.isFinite(Number(value))) {
		throw new CliError(`${flag} needs a number`);
	}
	return Number(value);
}

type ParsedVariants = Partial<Record<keyof SimulatorVariants, unknown>>;

/** The flags that are not a variant's (those come from VARIANT_SPECS). */
const OPTION_FLAGS: Record<
	string,
	(into: { options: SimulatorOptions; variants: ParsedVariants }, value: () => string) => void
> = {
	'--port': ({ options }, value) => (options.port = parseNumber('--port', value())),
	'--host': ({ options }, value) => (options.host = value()),
	'--balance': ({ options }, value) => (options.initialBalance = parseNumber('--balance', value())),
	'--apikey': ({ options }, value) => (options.apiKey = value()),
	'--password': ({ options }, value) => (options.password = value()),
	'--quiet': ({ options }) => (options.quiet = true),
	'--no-auto-confirm': ({ variants }) => (variants.autoConfirm = false),
};

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliParse {
	const variants: ParsedVariants = {
		stepMs: CLI_DEFAULT_STEP_MS,
	};
	const options: SimulatorOptions = { quiet: false };
	if (env.CINETPAY_SIM_PORT) options.port = parseNumber('CINETPAY_SIM_PORT', env.CINETPAY_SIM_PORT);

	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		// --flag=value and --flag value are both accepted.
		const eq = arg.indexOf('=');
		const flag = eq > 0 ? arg.slice(0, eq) : arg;
		const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
		const value = (): string => {
			if (inline !== undefined) return inline;
			const next = argv[++i];
			if (next === undefined) throw new CliError(`${flag} needs a value`);
			return next;
		};

		if (flag === '-h' || flag === '--help') return { help: true };
		const setOption = OPTION_FLAGS[flag];
		if (setOption) {
			setOption({ options, variants }, value);
			continue;
		}

		const spec = VARIANT_SPECS.find((s) => s.cliFlag === flag);
		if (!spec) throw new CliError(`unknown option ${arg} (see --help)`);
		if (spec.rule.kind === 'boolean') {
			variants[spec.key] = inline === undefined ? true : inline !== 'false';
		} else if (spec.rule.kind === 'number') {
			variants[spec.key] = parseNumber(flag, value());
		} else {
			variants[spec.key] = value();
		}
	}

	try {
		options.variants = validateVariants(variants);
	} catch (err) {
		throw new CliError(err instanceof Error ? err.message : String(err));
	}
	if (options.port === undefined) options.port = CLI_DEFAULT_PORT;
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		throw new CliError('port must be an integer in [0, 65535]');
	}
	if (
		options.initialBalance !== undefined &&
		(!Number.isSafeInteger(options.initialBalance) || options.initialBalance < 0)
	) {
		throw new CliError('--balance must be a non-negative integer (XOF)');
	}
	return { help: false, options };
}

export function cliUsage(): string {
	const lines = [
		'Usage: npm run simulator -- [options]',
		'',
		'  --port <n>                 listen port (default 4010, or env CINETPAY_SIM_PORT; 0 = random)',
		'  --host <addr>              listen address (default 127.0.0.1)',
		'  --balance <xof>            initial available balance (default 5000000)',
		'  --apikey <s> --password <s> credentials (default: the demo ones, printed at start)',
		'  --quiet                    no request/transfer log on the console',
		'',
		"Variants (default: the 2018 document's behaviour; step-ms defaults to 1500 here):",
	];
	for (const spec of VARIANT_SPECS) {
		const arg =
			spec.rule.kind === 'enum'
				? `<${spec.rule.values.join('|')}>`
				: spec.rule.kind === 'number'
					? '<n>'
					: '';
		lines.push(`  ${`${spec.cliFlag} ${arg}`.padEnd(27)}${spec.help}`);
	}
	return lines.join('\n');
}
