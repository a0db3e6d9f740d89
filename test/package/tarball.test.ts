/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only test, never published: it builds and packs a copy of the package */
/**
 * What `npm publish` would ship, read from `npm pack --dry-run --json`: package.json, the
 * READMEs, LICENSE and the built credentials and nodes (JavaScript, codex JSON, icons), nothing
 * else. `n8n-node build` copies every .png and .svg of the tree into dist/ (screenshots, the bench
 * chart, e2e and demo artifacts with a second copy of the build); package.json's `files` keeps
 * them out. The package is built and packed in a temporary copy holding such artifacts, as a
 * checkout does after the demo and the e2e suites.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const LEFT_OUT = new Set(['node_modules', '.git', 'dist', '.cache', 'coverage']);

/** Files a dev session leaves in the checkout, which must never reach users. */
const ARTIFACTS: Record<string, string> = {
	'e2e/artifacts/editor-send-parameters.png': 'png',
	'e2e/artifacts/demo-dist/nodes/CinetPay/CinetPayTransfer.node.js': 'module.exports = {};',
	'e2e/artifacts/demo-dist/nodes/CinetPay/cinetpay.svg': '<svg/>',
	'e2e/artifacts/dist/package.json': '{}',
	'bench/out/chart-2.svg': '<svg/>',
	'scratch.tgz': 'tgz',
};

const SHIPPED = [
	/^package\.json$/,
	/^README(\.fr)?\.md$/,
	/^LICENSE\.md$/,
	/^dist\/credentials\/[A-Za-z0-9]+\.credentials\.js$/,
	/^dist\/nodes\/CinetPay\/[\w/.]+\.js$/,
	/^dist\/nodes\/CinetPay\/[A-Za-z]+\.node\.json$/,
	/^dist\/nodes\/CinetPay\/[\w.]+\.svg$/,
];

interface PackResult {
	files: Array<{ path: string }>;
	entryCount: number;
	size: number;
}

let pack: PackResult;
let packageJson: { n8n: { nodes: string[]; credentials: string[] } };

beforeAll(() => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cinetpay-pack-'));
	for (const entry of fs.readdirSync(ROOT)) {
		if (LEFT_OUT.has(entry) || entry === 'e2e') continue;
		fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
	}
	fs.cpSync(path.join(ROOT, 'e2e'), path.join(copy, 'e2e'), {
		recursive: true,
		filter: (source) => !source.includes(`${path.sep}artifacts`),
	});
	for (const [file, content] of Object.entries(ARTIFACTS)) {
		fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
		fs.writeFileSync(path.join(copy, file), content);
	}
	fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(copy, 'node_modules'));
	const env = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };
	execFileSync('npx', ['n8n-node', 'build'], { cwd: copy, env, stdio: 'pipe' });
	// The copy really holds what the build copies from the whole tree.
	expect(fs.existsSync(path.join(copy, 'dist/docs/screenshots'))).toBe(true);
	expect(fs.existsSync(path.join(copy, 'dist/e2e/artifacts/demo-dist'))).toBe(true);
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: copy,
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	[pack] = JSON.parse(output) as PackResult[];
	packageJson = JSON.parse(fs.readFileSync(path.join(copy, 'package.json'), 'utf8'));
	fs.rmSync(copy, { recursive: true, force: true });
}, 240_000);

describe('npm pack', () => {
	test('ships only package.json, READMEs, LICENSE and the built credentials and nodes', () => {
		const unexpected = pack.files
			.map((file) => file.path)
			.filter((file) => !SHIPPED.some((re) => re.test(file)));
		expect(unexpected).toEqual([]);
	});

	test('ships every file the n8n section declares, the codex files, icons and both READMEs', () => {
		const files = pack.files.map((file) => file.path);
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials])
			expect(files).toContain(file);
		for (const node of packageJson.n8n.nodes)
			expect(files).toContain(node.replace(/\.js$/, '.json'));
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/CinetPay/cinetpay.svg',
				'dist/nodes/CinetPay/cinetpay.dark.svg',
				'README.md',
				'README.fr.md',
				'LICENSE.md',
				'package.json',
			]),
		);
	});

	// Files: the 2026 platform adds small one-concern modules beside v1's (82 once the transport,
	// the trigger and the Transfer node are split and wired); the size limit is the real guard.
	// Size: the two READMEs (English and French, each read in n8n's community-node page) are
	// about a third of it and grow with each platform's section; 120 kB leaves them room.
	test('stays small: under 90 files and 120 kB packed', () => {
		expect(pack.entryCount).toBeLessThan(90);
		expect(pack.size).toBeLessThan(120_000);
	});
});
