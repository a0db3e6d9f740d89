/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * `npm run simulator:2026 -- [options]`: the 2026 platform's simulator in the foreground.
 * Options: --port <n> (4020, env CINETPAY_SIM2026_PORT), --host <addr>, --quiet, and every
 * variant as --kebab-case <value> (e.g. --duplicate-merchant-id acceptNew, --step-ms 0).
 */
import {
	CONTROL_PREFIX_2026,
	DEFAULT_VARIANTS_2026,
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
} from './index';
import type { Simulator2026Variants } from './types';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function parse(args: string[]) {
	const variants: Partial<Record<keyof Simulator2026Variants, unknown>> = { stepMs: 1500 };
	let port = Number(process.env.CINETPAY_SIM2026_PORT ?? '') || 4020;
	let host = '127.0.0.1';
	let quiet = false;
	for (let i = 0; i < args.length; i++) {
		const flag = args[i];
		if (flag === '--help') return null;
		if (flag === '--quiet') {
			quiet = true;
			continue;
		}
		const value = args[++i];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		if (flag === '--port') port = Number(value);
		else if (flag === '--host') host = value;
		else {
			const key = (Object.keys(DEFAULT_VARIANTS_2026) as Array<keyof Simulator2026Variants>).find(
				(k) => `--${kebab(k)}` === flag,
			);
			if (!key) throw new Error(`unknown option ${flag} (see --help)`);
			const type = typeof DEFAULT_VARIANTS_2026[key];
			variants[key] =
				type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;
		}
	}
	return { port, host, quiet, variants: variants as Partial<Simulator2026Variants> };
}

function usage(): string {
	const lines = Object.entries(DEFAULT_VARIANTS_2026).map(
		([k, v]) => `  --${kebab(k)} <value>   default ${String(v)}`,
	);
	return [
		'npm run simulator:2026 -- [--port 4020] [--host 127.0.0.1] [--quiet]',
		...lines,
		'  (--step-ms defaults to 1500 in the CLI)',
	].join('\n');
}

async function main(): Promise<void> {
	const parsed = parse(process.argv.slice(2));
	if (!parsed) {
		console.log(usage());
		return;
	}
	const sim = await startSimulator2026({
		port: parsed.port,
		host: parsed.host,
		quiet: parsed.quiet,
		variants: parsed.variants,
	});
	const variants = Object.entries(sim.control.variants())
		.map(([k, v]) => `${k}=${String(v)}`)
		.join(' ');
	console.log(
		[
			'',
			'CinetPay 2026 platform simulator — development only, no real money moves.',
			'',
			`  base URL     ${sim.baseUrl}   (the credential's "Base URL Override")`,
			`  control API  ${sim.baseUrl}${CONTROL_PREFIX_2026}`,
			`  variants     ${variants}`,
			'',
			'Accounts (one credential per country):',
			...DEMO_ACCOUNTS_2026.map(
				(a) =>
					`  ${a.country}  api key ${a.apiKey}  api password ${a.apiPassword}  balance ${a.balance}`,
			),
			'',
			'Test numbers (every other well-formed number succeeds):',
			...Object.entries(TEST_NUMBERS_2026).map(
				([country, n]) =>
					`  ${country}  SUCCESS ${n.succeeds.phone}  FAILED ${n.fails.phone}  PENDING ${n.pending.phone}  EXPIRED ${n.expires.phone}  EXPIRED→SUCCESS ${n.expiresThenSucceeds.phone}`,
			),
			'',
			'Ctrl-C to stop.',
		].join('\n'),
	);
	const stop = () => void sim.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(`simulator:2026: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
