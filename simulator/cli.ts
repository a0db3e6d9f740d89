/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * `npm run simulator -- [options]`: runs the simulator in the foreground so a user can try the
 * n8n node without moving money. See `--help` and simulator/README.md.
 */
import { CliError, cliUsage, parseCliArgs } from './cliArgs';
import { CONTROL_PREFIX } from './controlHttp';
import { DEMO_API_KEY, DEMO_PASSWORD, formatTestNumbers, startSimulator } from './index';

async function main(): Promise<void> {
	let parsed;
	try {
		parsed = parseCliArgs(process.argv.slice(2), process.env);
	} catch (err) {
		if (err instanceof CliError) {
			console.error(`simulator: ${err.message}`);
			process.exit(2);
		}
		throw err;
	}
	if (parsed.help) {
		console.log(cliUsage());
		return;
	}

	const { options } = parsed;
	const sim = await startSimulator(options);
	const v = sim.control.variants();
	const changed = Object.entries(v)
		.map(([k, val]) => `${k}=${String(val)}`)
		.join(' ');
	console.log(
		[
			'',
			'CinetPay transfer API v1 simulator — development only, no real money moves.',
			'',
			`  base URL     ${sim.baseUrl}          (use it instead of https://client.cinetpay.com)`,
			`  apikey       ${options.apiKey ?? DEMO_API_KEY}`,
			`  password     ${options.password ?? DEMO_PASSWORD}`,
			`  control API  ${sim.baseUrl}${CONTROL_PREFIX}`,
			`  balance      ${sim.control.balance().available} XOF`,
			`  variants     ${changed}`,
			'',
			v.autoConfirm
				? '  Transfers are confirmed automatically (IP-allow-listed account).'
				: `  Transfers wait in NOS for your confirmation (CinetPay's e-mail link):\n` +
					`    curl -X POST ${sim.baseUrl}${CONTROL_PREFIX}/transfers/<transaction_id>/confirm   (or /reject)`,
			'',
			'Test numbers (every other well-formed number succeeds):',
			formatTestNumbers().replace(/^/gm, '  '),
			'',
			'Ctrl-C to stop.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator…`);
		sim.close().then(
			() => process.exit(0),
			(err) => {
				console.error(err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
