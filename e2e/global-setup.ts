/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * Jest global setup of the e2e suite: makes sure the runtime exists (Node 24, n8n, chromium) and
 * builds the package once, so each test file only starts what it needs.
 *   E2E_N8N=1|1-node20   run against n8n 1.123.x instead of 2.41.1
 *   E2E_SKIP_BUILD=1     use the dist/ that is there
 *   E2E_BROWSER=0        do not install chromium (browser tests then skip themselves)
 */
import * as fs from 'fs';

import { ARTIFACTS, buildPackage, snapshotDist } from './paths';
import { ensureRuntime, type N8nTarget } from './runtime';

export function e2eTarget(): N8nTarget {
	return (process.env.E2E_N8N as N8nTarget | undefined) ?? '2';
}

/** The n8n versions the workflow tests run on: the target, and 1.123 after 2.41.1 unless E2E_COMPAT=0. */
export function compatTargets(): N8nTarget[] {
	return e2eTarget() === '2' && process.env.E2E_COMPAT !== '0' ? ['2', '1'] : [e2eTarget()];
}

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await ensureRuntime({ n8n: e2eTarget(), chromium: process.env.E2E_BROWSER !== '0' });
	// The compatibility pass of workflows.e2e.test.ts also needs n8n 1.123: install it here, where
	// no test timeout runs (a cold install takes 6-8 minutes on two cores).
	if (compatTargets().includes('1')) await ensureRuntime({ n8n: '1' });
	if (process.env.E2E_SKIP_BUILD !== '1') {
		process.stderr.write(`[e2e] npm run build: ${buildPackage().toFixed(1)} s\n`);
	}
	snapshotDist('dist'); // = E2E_DIST, what the tests load
	process.stderr.write(`[e2e] global setup: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
