/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- dev-only test, never published: it runs the probe's script with made-up keys and reads its report file */
/**
 * The sandbox probe can never move real money nor show a secret: a live key or any URL but the
 * sandbox's and loopback's is refused before a single request leaves, and the report — stdout and
 * file — holds neither the key, the password, the tokens CinetPay handed out, nor a transfer's
 * notify_token.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isAllowedBaseUrl } from '../../scripts/probe2026/config';
import { probeMain } from '../../scripts/probe2026/main';
import { startSimulator2026, type RunningSimulator2026 } from '../../simulator/platform2026';
import { findSecrets } from '../helpers/secrets';
import { CI_ACCOUNT, probeEnv } from './helpers';

const ROOT = join(__dirname, '..', '..');

/** A loopback server that counts what reaches it. */
async function countingServer(): Promise<{ url: string; count(): number; close(): Promise<void> }> {
	let requests = 0;
	const server = http.createServer((_, res) => {
		requests++;
		res.end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		count: () => requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** probeMain with a fetch that records every call (and, when asked, passes it on). */
async function runMain(env: NodeJS.ProcessEnv, passThrough = false) {
	const calls: string[] = [];
	const written: string[] = [];
	const files: Record<string, string> = {};
	const code = await probeMain({
		env,
		fetch: async (input, init) => {
			calls.push(String(input));
			if (!passThrough) throw new Error('no request may leave');
			return await fetch(input, init);
		},
		write: (text) => written.push(text),
		writeFile: (path, text) => {
			files[path] = text;
		},
	});
	return { code, calls, stdout: written.join(''), files };
}

describe('refused before any call', () => {
	let counter: Awaited<ReturnType<typeof countingServer>>;
	beforeAll(async () => {
		counter = await countingServer();
	});
	afterAll(() => counter.close());

	const base = {
		CINETPAY_API_KEY: 'sk_test_abc',
		CINETPAY_API_PASSWORD: 'pw-123456',
		CINETPAY_COUNTRY: 'CI',
	};

	test('an sk_live_ key, even toward a loopback URL: exit 2, not one request', async () => {
		const run = await runMain(
			{ ...base, CINETPAY_API_KEY: 'sk_live_abcdef123456', CINETPAY_BASE_URL: counter.url },
			true,
		);
		expect(run.code).toBe(2);
		expect(run.stdout).toMatch(/not a sandbox key \(it must start with sk_test_\)/);
		expect(run.stdout).not.toContain('sk_live_abcdef123456');
		expect(run.calls).toEqual([]);
		expect(counter.count()).toBe(0);
	});

	test.each([
		'https://api.cinetpay.co',
		'https://api.cinetpay.co/',
		'http://api.cinetpay.net',
		'https://api.cinetpay.net:8443',
		'https://api.cinetpay.net/v1',
		'https://api.cinetpay.net.example.com',
		'https://user:pw@api.cinetpay.net',
		'https://example.com',
		'http://10.0.0.7:4020',
		'http://127.0.0.1.example.com',
		'not a url',
	])('the base URL %s: exit 2, not one request', async (url) => {
		const run = await runMain({ ...base, CINETPAY_BASE_URL: url });
		expect(run.code).toBe(2);
		expect(run.stdout).toMatch(/CINETPAY_BASE_URL must be the sandbox/);
		expect(run.calls).toEqual([]);
	});

	test.each([
		'https://api.cinetpay.net',
		'https://api.cinetpay.net/',
		'http://127.0.0.1:4020',
		'http://localhost:4020',
		'http://[::1]:4020',
	])('%s is allowed', (url) => {
		expect(isAllowedBaseUrl(url)).toBe(true);
	});

	test('without a base URL the probe goes to the sandbox', async () => {
		const run = await runMain({ ...base, CINETPAY_PROBE_WATCH_SECONDS: '1' });
		expect(run.calls[0]).toBe('https://api.cinetpay.net/v1/oauth/login');
		expect(run.calls).toHaveLength(1);
		expect(run.code).toBe(1);
	});

	test('no key, an unknown country: exit 2, not one request', async () => {
		for (const env of [
			{ ...base, CINETPAY_API_KEY: '' },
			{ ...base, CINETPAY_COUNTRY: 'FR' },
		]) {
			const run = await runMain({ ...env, CINETPAY_BASE_URL: counter.url }, true);
			expect(run.code).toBe(2);
			expect(run.calls).toEqual([]);
		}
		expect(counter.count()).toBe(0);
	});
});

describe('the report holds no secret', () => {
	let sim: RunningSimulator2026;
	beforeAll(async () => {
		sim = await startSimulator2026({
			quiet: true,
			variants: { stepMs: 10, sendAnswerNotifyToken: true, duplicateMerchantId: 'returnExisting' },
		});
	});
	afterAll(() => sim.close());

	test('stdout and the report file: no key, password, token or notify_token', async () => {
		const handedOut: string[] = [];
		const written: string[] = [];
		const files: Record<string, string> = {};
		const code = await probeMain({
			env: probeEnv(sim, { CINETPAY_PROBE_REPORT: '/probe/report.txt' }),
			// Keeps what the simulator handed out, to look for it in the report.
			fetch: async (input, init) => {
				const response = await fetch(input, init);
				const text = await response.clone().text();
				for (const match of text.matchAll(/"(access_token|notify_token)":"([^"]+)"/g))
					handedOut.push(match[2]);
				return response;
			},
			write: (text) => written.push(text),
			writeFile: (path, text) => {
				files[path] = text;
			},
		});
		expect(code).toBe(0);
		// The login token, and the notify_token of the send.
		expect(handedOut).toHaveLength(2);
		const report = files['/probe/report.txt'];
		expect(report).toContain('SEND_ANSWER_HAS_NOTIFY_TOKEN_2026 = true');
		expect(report).toContain('<redacted: 32 characters>');
		const secrets = [CI_ACCOUNT.apiKey, CI_ACCOUNT.apiPassword, ...handedOut];
		expect(findSecrets([written.join(''), report], secrets)).toEqual([]);
	});

	test('`npm run probe:2026` end to end: exit 0, the report file written, no key or password in it or on stdout', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'probe2026-'));
		try {
			const reportPath = join(dir, 'out', 'report.txt');
			const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
				(resolve) => {
					const child = execFile(
						'npm',
						['run', '--silent', 'probe:2026'],
						{
							cwd: ROOT,
							env: { ...process.env, ...probeEnv(sim, { CINETPAY_PROBE_REPORT: reportPath }) },
						},
						(_, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
					);
				},
			);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			const report = readFileSync(reportPath, 'utf8');
			expect(report).toMatch(
				/^export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'returnsExisting';$/m,
			);
			expect(result.stdout).toContain(report.trim());
			expect(
				findSecrets([result.stdout, report], [CI_ACCOUNT.apiKey, CI_ACCOUNT.apiPassword]),
			).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
