/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only tooling, never published: it runs the simulator on 127.0.0.1 */
/**
 * `npx tsx scripts/harness-v1-send.ts`: v1 Transfer → Send (Map Automatically, Add Contact, batch
 * size 500) on n8n-core's engine in this process (test/helpers/n8nCore.ts), against the v1
 * simulator in its own process, so this process does only n8n's and the node's work. Prints, per
 * size, the execution time of each run, its median against the floor (1 login + 2 calls per 500
 * receivers, at the simulator's latency), the calls CinetPay saw, the most at once, and this
 * process's CPU time per item. A quick look between `npm run bench` runs (which use real n8n).
 *
 * Env: LATENCY (ms per call, 30), SIZES (1000,10000), REPS (5).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

import { DEMO_API_KEY, DEMO_PASSWORD } from '../simulator';
import { credentialStore, runWorkflow } from '../test/helpers/n8nCore';
import { sendParameters } from '../test/helpers/nodeTestSetup';
import { receivers } from '../test/helpers/runNode';

const BATCH_SIZE = 500;

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function untilUp(baseUrl: string): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		try {
			if ((await fetch(`${baseUrl}/__sim`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the simulator did not start at ${baseUrl}`);
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
	const latencyMs = Number(process.env.LATENCY ?? 30);
	const sizes = (process.env.SIZES ?? '1000,10000').split(',').map(Number);
	const reps = Number(process.env.REPS ?? 5);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const root = path.resolve(__dirname, '..');
	const simulator = spawn(
		process.execPath,
		[
			path.join(root, 'node_modules/tsx/dist/cli.mjs'),
			path.join(root, 'simulator/cli.ts'),
			...['--port', String(port), '--latency', String(latencyMs), '--notifications', 'off'],
			...['--balance', '1000000000000', '--quiet'],
		],
		{ stdio: 'ignore' },
	);
	try {
		await untilUp(baseUrl);
		const store = () => credentialStore({ apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl });
		const parameters = sendParameters({ batchSize: BATCH_SIZE });
		await runWorkflow(parameters, receivers(20), { store: store() }); // warm-up
		for (const n of sizes) {
			const items = receivers(n);
			const floorMs = latencyMs * (1 + 2 * Math.ceil(n / BATCH_SIZE));
			const times: number[] = [];
			const cpu: number[] = [];
			let stats = { requests: 0, maxInFlight: 0 };
			for (let rep = 0; rep < reps; rep++) {
				await fetch(`${baseUrl}/__sim/reset`, { method: 'POST' });
				const cpuBefore = process.cpuUsage();
				const started = performance.now();
				const run = await runWorkflow(parameters, items, { store: store() });
				times.push(performance.now() - started);
				const used = process.cpuUsage(cpuBefore);
				cpu.push((used.user + used.system) / 1000);
				if (run.error || run.main.length !== n)
					throw new Error(`run failed: ${run.error?.message}`);
				stats = (await (await fetch(`${baseUrl}/__sim/stats`)).json()) as typeof stats;
			}
			console.log(
				`${n} receivers, ${latencyMs} ms/call: ${times.map((t) => t.toFixed(0)).join(' / ')} ms; ` +
					`median ${(median(times) / floorMs).toFixed(2)}× the floor (${floorMs} ms); ` +
					`${stats.requests} calls, at most ${stats.maxInFlight} at once; ` +
					`CPU ${((median(cpu) * 1000) / n).toFixed(1)} µs per item`,
			);
		}
	} finally {
		simulator.kill();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
