/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The package's root (this file lives in <root>/e2e). */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
/** What `npm run build` produces. */
export const DIST = path.join(PROJECT_ROOT, 'dist');
/** Screenshots, n8n logs and dist snapshots of e2e runs; ignored by git. */
export const ARTIFACTS = path.join(PROJECT_ROOT, 'e2e', 'artifacts');
/** The snapshot of dist/ that the e2e tests load into n8n (made by the global setup). */
export const E2E_DIST = path.join(ARTIFACTS, 'dist');

/**
 * Copies dist/ to e2e/artifacts/<name> and returns that folder. n8n then loads a copy that no
 * concurrent `npm run build` (it empties dist/ first) can pull from under it, as happens in a
 * shared checkout. The copy stays inside the project so that its `require('n8n-workflow')` still
 * resolves to the project's node_modules.
 */
export function snapshotDist(name: string): string {
	if (!fs.existsSync(path.join(DIST, 'package.json')))
		throw new Error(`${DIST} is not built: npm run build`);
	const target = path.join(ARTIFACTS, name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.cpSync(DIST, target, { recursive: true });
	return target;
}

/** A file that package.json's `n8n` section names (dist/…), inside a snapshot. */
export function inSnapshot(snapshot: string, distFile: string): string {
	return path.join(snapshot, path.relative('dist', distFile));
}

/** `npm run build` in the package's root; returns the seconds it took, throws with npm's output. */
export function buildPackage(): number {
	const t0 = Date.now();
	const build = spawnSync('npm', ['run', '--silent', 'build'], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
	});
	if (build.status !== 0)
		throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
	return (Date.now() - t0) / 1000;
}
