/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only queue-mode harness, never published */
/**
 * PostgreSQL and Redis for the queue-mode harness: Debian's packages, installed when missing, run
 * as throwaway instances (own data folder, free loopback port, own process group), never the
 * system services. Everything started here is stopped by `stop()`, and killed when the process
 * exits without calling it.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { freePort, HOST, sleep, tail } from '../n8n';

export interface Service {
	name: string;
	port: number;
	pid: number;
	logFile: string;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	database: string;
	user: string;
	/** Runs SQL with psql and returns its unaligned, tuples-only output. */
	sql(query: string): string;
	/** The same without blocking the event loop (the simulator shares it with the tests). */
	sqlAsync(query: string): Promise<string>;
}

const log = (line: string): void => {
	process.stderr.write(`[queue] ${line}\n`);
};

/** Debian's PostgreSQL keeps its server binaries here (the newest major wins). */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(root, majors[0], 'bin') : undefined;
}

export const REDIS_SERVER = '/usr/bin/redis-server';
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/**
 * Installs Debian's `postgresql` and `redis-server` when missing (one `apt-get update`, then one
 * install). A temporary policy-rc.d keeps the packages from starting their system services: the
 * harness runs its own instances. Returns what it did and how long it took.
 */
export function ensureServerPackages(): { installed: string[]; seconds: number } {
	const missing: string[] = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!fs.existsSync(REDIS_SERVER)) missing.push('redis-server');
	if (missing.length === 0) return { installed: [], seconds: 0 };
	if (process.getuid?.() !== 0) {
		throw new Error(
			`missing ${missing.join(', ')}: run  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
		);
	}
	const t0 = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const ownPolicy = !fs.existsSync(POLICY_RC_D);
	if (ownPolicy) fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		for (const args of [
			['update', '-qq'],
			['install', '-y', '-qq', '--no-install-recommends', ...missing],
		]) {
			const t1 = Date.now();
			const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
			log(`apt-get ${args[0]}: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
			if (result.status !== 0) {
				throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
			}
		}
	} finally {
		if (ownPolicy) fs.rmSync(POLICY_RC_D, { force: true });
	}
	if (!postgresBinDir() || !fs.existsSync(REDIS_SERVER)) {
		throw new Error(`installed ${missing.join(', ')} but the servers are still not there`);
	}
	return { installed: missing, seconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------

/** Every server started here; killed (whole group) if the process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) killGroup(child, 'SIGKILL');
});
// A signal would end the process without 'exit' handlers: turn it into an exit, so that every
// server and n8n process group started here and in cluster.ts is killed.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () =>
		process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)),
	);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** The uid/gid to run PostgreSQL as: `postgres` when we are root (initdb refuses root). */
function postgresUser(): { uid?: number; gid?: number; name: string } {
	if (process.getuid?.() !== 0) return { name: process.env.USER ?? 'postgres' };
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('no postgres user: is the postgresql package installed?');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid), name: 'postgres' };
}

function spawnServer(
	command: string,
	args: string[],
	logFile: string,
	options: { uid?: number; gid?: number; cwd: string },
): { child: ChildProcess; exited: Promise<void> } {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', out, out],
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
	});
	fs.closeSync(out);
	running.add(child);
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', (error) => {
			fs.appendFileSync(logFile, `\n[queue] could not start ${command}: ${error.message}\n`);
			resolve();
		});
	});
	void exited.then(() => running.delete(child));
	return { child, exited };
}

async function stopServer(
	child: ChildProcess,
	exited: Promise<void>,
	signal: NodeJS.Signals,
	graceMs: number,
): Promise<void> {
	if (child.exitCode === null && child.signalCode === null) {
		killGroup(child, signal);
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	killGroup(child, 'SIGKILL');
}

/**
 * A throwaway PostgreSQL: initdb into `<dir>/pgdata` (trust auth, loopback only), `postgres` on a
 * free port with its socket in `dir`, and a database `n8n`.
 */
export async function startPostgres(dir: string, logFile: string): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (ensureServerPackages)');
	const user = postgresUser();
	const dataDir = path.join(dir, 'pgdata');
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	if (user.uid !== undefined) {
		fs.chownSync(dir, user.uid, user.gid!);
		fs.chownSync(dataDir, user.uid, user.gid!);
	}
	fs.writeFileSync(logFile, '');
	if (user.uid !== undefined) fs.chownSync(logFile, user.uid, user.gid!);

	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '-N'],
		{
			uid: user.uid,
			gid: user.gid,
			cwd: dir,
			encoding: 'utf8',
			env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
		},
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

	const port = await freePort();
	const { child, exited } = spawnServer(
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			`listen_addresses=${HOST}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
			...(process.env.QUEUE_PG_LOG_MOD === '1'
				? ['-c', 'log_statement=mod', '-c', 'log_line_prefix=%p ']
				: []),
		],
		logFile,
		{ uid: user.uid, gid: user.gid, cwd: dir },
	);

	const psqlArgs = [
		'-h',
		HOST,
		'-p',
		String(port),
		'-U',
		'postgres',
		'-v',
		'ON_ERROR_STOP=1',
		'-Atq',
	];
	const sql = (query: string, database = 'n8n'): string => {
		const result = spawnSync('psql', [...psqlArgs, '-d', database, '-c', query], {
			encoding: 'utf8',
			env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
		});
		if (result.status !== 0) throw new Error(`psql: ${result.stderr.trim()}`);
		return result.stdout.trim();
	};

	const sqlAsync = (query: string): Promise<string> =>
		new Promise((resolve, reject) => {
			execFile(
				'psql',
				[...psqlArgs, '-d', 'n8n', '-c', query],
				{ encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '5' } },
				(error, stdout, stderr) =>
					error
						? reject(new Error(`psql: ${stderr.trim() || error.message}`))
						: resolve(stdout.trim()),
			);
		});

	const stop = () => stopServer(child, exited, 'SIGINT', 10_000); // SIGINT = fast shutdown
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`postgres exited at start:\n${tail(logFile, 30)}`);
		}
		try {
			sql('select 1', 'postgres');
			break;
		} catch (error) {
			if (Date.now() > deadline) {
				await stop();
				throw new Error(
					`postgres not ready in 60 s: ${(error as Error).message}\n${tail(logFile, 30)}`,
				);
			}
			await sleep(200);
		}
	}
	sql('create database n8n', 'postgres');
	return {
		name: 'postgres',
		port,
		pid: child.pid ?? -1,
		logFile,
		database: 'n8n',
		user: 'postgres',
		sql: (query) => sql(query),
		sqlAsync,
		stop,
	};
}

/** A throwaway Redis: no persistence, loopback only, free port. */
export async function startRedis(dir: string, logFile: string): Promise<Service> {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const { child, exited } = spawnServer(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			HOST,
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		logFile,
		{ cwd: dir },
	);
	const stop = () => stopServer(child, exited, 'SIGTERM', 5_000);
	const deadline = Date.now() + 30_000;
	while (!(await redisPing(port))) {
		if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server not ready:\n${tail(logFile, 30)}`);
		}
		await sleep(100);
	}
	return { name: 'redis', port, pid: child.pid ?? -1, logFile, stop };
}

/** PING over RESP; true on +PONG. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, HOST);
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}
