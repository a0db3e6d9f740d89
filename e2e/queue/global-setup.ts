/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only queue-mode harness, never published */
/**
 * Jest global setup of the queue-mode suite: Debian's PostgreSQL and Redis (installed when
 * missing), the n8n runtime (Node 24 + n8n 2.41.1, see e2e/runtime.ts), one `npm run build` and a
 * snapshot of dist/ in e2e/artifacts/queue-dist, which every n8n process of the cluster loads.
 *   QUEUE_SKIP_BUILD=1 (or E2E_SKIP_BUILD=1)   use the dist/ that is there
 */
import * as fs from 'fs';

import { ARTIFACTS, buildPackage, snapshotDist } from '../paths';
import { ensureRuntime } from '../runtime';
import { ensureServerPackages } from './services';

export const QUEUE_DIST_NAME = 'queue-dist';

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const packages = ensureServerPackages();
	if (packages.installed.length > 0) {
		process.stderr.write(
			`[queue] installed ${packages.installed.join(', ')} in ${packages.seconds.toFixed(1)} s\n`,
		);
	}
	await ensureRuntime({ n8n: '2' });
	if (process.env.QUEUE_SKIP_BUILD !== '1' && process.env.E2E_SKIP_BUILD !== '1') {
		process.stderr.write(`[queue] npm run build: ${buildPackage().toFixed(1)} s\n`);
	}
	snapshotDist(QUEUE_DIST_NAME);
	process.stderr.write(`[queue] global setup: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
