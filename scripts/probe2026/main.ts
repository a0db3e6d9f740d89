/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: a refusal is caught here, anything else reaches the script's exit code */
/**
 * `npm run probe:2026` without the process: the environment in, the report out, an exit code.
 * The refusals (config.ts) come before the first call.
 */
import { probeConfigFromEnv, ProbeRefusal } from './config';
import type { Fetch } from './client';
import { runProbe } from './probe';
import { renderReport } from './report';

export interface ProbeIo {
	env: NodeJS.ProcessEnv;
	fetch: Fetch;
	write(text: string): void;
	writeFile(path: string, text: string): void;
}

/** 0: the probe ran; 1: it could not log in; 2: refused, nothing sent. */
export async function probeMain(io: ProbeIo): Promise<number> {
	let config;
	try {
		config = probeConfigFromEnv(io.env);
	} catch (error) {
		if (!(error instanceof ProbeRefusal)) throw error;
		io.write(`probe:2026: ${error.message}\n`);
		return 2;
	}
	const findings = await runProbe(config, { fetch: io.fetch });
	const report = renderReport(findings, config);
	io.write(`${report}\n`);
	if (config.reportPath) io.writeFile(config.reportPath, `${report}\n`);
	return findings.loggedIn ? 0 : 1;
}
