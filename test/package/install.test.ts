/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only test, never published: it reads the repository's npm configuration */
/**
 * Installing on Node 20 must not switch off every lifecycle script: `ignore-scripts=true` in
 * .npmrc also skipped prepublishOnly (`n8n-node prerelease`), the guard that stops a publish
 * from a laptop. Only isolated-vm's install script and eslint-plugin-n8n-nodes-base's preinstall
 * are denied, by name, in package.json's allowScripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

function npmrcSettings(): Record<string, string> {
	const settings: Record<string, string> = {};
	for (const line of readFileSync(join(ROOT, '.npmrc'), 'utf8').split('\n')) {
		const match = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
		if (match) settings[match[1]] = match[2];
	}
	return settings;
}

/** Installed packages whose install scripts npm would run, by name. */
function packagesWithInstallScripts(): string[] {
	const names = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
		.filter(([path, entry]) => path !== '' && entry.hasInstallScript)
		.map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
	return [...new Set(names)].sort();
}

describe('install scripts', () => {
	test('.npmrc does not switch off lifecycle scripts', () => {
		expect(npmrcSettings()['ignore-scripts']).not.toBe('true');
	});

	test('prepublishOnly stops a publish outside `n8n-node release`', () => {
		expect(packageJson.scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	test('allowScripts denies exactly isolated-vm and the pnpm-only preinstall', () => {
		const denied = Object.entries(packageJson.allowScripts ?? {})
			.filter(([, allowed]) => allowed === false)
			.map(([name]) => name)
			.sort();
		expect(denied).toEqual(['eslint-plugin-n8n-nodes-base', 'isolated-vm']);
	});

	test('every other package with an install script is allowed to run it', () => {
		const decided = Object.keys(packageJson.allowScripts ?? {}).map((key) =>
			key.replace(/(.)@.*$/, '$1'),
		);
		expect(packagesWithInstallScripts().filter((name) => !decided.includes(name))).toEqual([]);
		for (const name of packagesWithInstallScripts()) {
			if (name === 'isolated-vm' || name === 'eslint-plugin-n8n-nodes-base') continue;
			expect([name, packageJson.allowScripts[name]]).toEqual([name, true]);
		}
	});
});
