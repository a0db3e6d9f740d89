/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs, CLI_DEFAULT_PORT, CLI_DEFAULT_STEP_MS } from '../../simulator/cliArgs';
import { TEST_NUMBER_LIST, TEST_NUMBERS } from '../../simulator';
import { jsonOf } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

describe('simulator: CLI arguments', () => {
	it("defaults to port 4010, the doc's behaviour, stepMs 1500, not quiet", () => {
		const parsed = parseCliArgs([]);
		expect(parsed).toEqual({
			help: false,
			options: { quiet: false, port: CLI_DEFAULT_PORT, variants: { stepMs: CLI_DEFAULT_STEP_MS } },
		});
		expect(CLI_DEFAULT_PORT).toBe(4010);
	});

	it('parses every documented flag', () => {
		const parsed = parseCliArgs(
			[
				'--port',
				'4020',
				'--auto-confirm',
				'--step-ms',
				'200',
				'--code-type',
				'string',
				'--error-http-status',
				'http4xx',
				'--nesting',
				'single',
				'--balance-shape',
				'perCountry',
				'--readd-contact',
				'success',
				'--item-errors',
				'wholeCall',
				'--token-ttl',
				'60',
				'--expired-token-status',
				'http401',
				'--latency=30',
				'--notify-repeat',
				'2',
				'--read-lag',
				'500',
				'--receiver-format',
				'legacy8',
				'--item-error-shape=withMessage',
				'--balance',
				'1000',
			],
			{},
		);
		if (parsed.help) throw new Error('unexpected help');
		expect(parsed.options.port).toBe(4020);
		expect(parsed.options.initialBalance).toBe(1000);
		expect(parsed.options.variants).toEqual({
			autoConfirm: true,
			stepMs: 200,
			codeType: 'string',
			errorHttpStatus: 'http4xx',
			nesting: 'single',
			balanceShape: 'perCountry',
			readdContact: 'success',
			itemErrors: 'wholeCall',
			tokenTtlSeconds: 60,
			expiredTokenStatus: 'http401',
			latencyMs: 30,
			notifyRepeat: 2,
			readLagMs: 500,
			receiverFormat: 'legacy8',
			itemErrorShape: 'withMessage',
		});
		expect(() => parseCliArgs(['--receiver-format', 'e164'])).toThrow(/receiverFormat/);
		expect(() => parseCliArgs(['--read-lag', '-1'])).toThrow(/readLagMs/);
	});

	it('takes the port from CINETPAY_SIM_PORT unless --port is given', () => {
		const fromEnv = parseCliArgs([], { CINETPAY_SIM_PORT: '4555' });
		const fromFlag = parseCliArgs(['--port', '4556'], { CINETPAY_SIM_PORT: '4555' });
		expect(!fromEnv.help && fromEnv.options.port).toBe(4555);
		expect(!fromFlag.help && fromFlag.options.port).toBe(4556);
	});

	it('rejects unknown flags and bad values', () => {
		expect(() => parseCliArgs(['--colour'])).toThrow(/unknown option/);
		expect(() => parseCliArgs(['--code-type', 'hex'])).toThrow(/codeType/);
		expect(() => parseCliArgs(['--step-ms'])).toThrow(/needs a value/);
		expect(() => parseCliArgs(['--port', 'x'])).toThrow(/number/);
		expect(parseCliArgs(['--help'])).toEqual({ help: true });
	});
});

describe('simulator: CLI process', () => {
	it('prints the base URL, credentials and test numbers, serves, and stops cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
				'simulator/cli.ts',
				'--port',
				'0',
				'--quiet',
			],
			{
				cwd: ROOT,
				env: { ...process.env, CINETPAY_SIM_PORT: '' },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString()));
		child.stderr.on('data', (c: Buffer) => (out += c.toString()));
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);

		const baseUrl = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 15_000);
			const poll = setInterval(() => {
				const m = /base URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
				if (m && out.includes('Ctrl-C')) {
					clearInterval(poll);
					clearTimeout(timer);
					resolve(m[1]);
				}
			}, 50);
		});
		expect(out).toContain('sim_demo_apikey_0123456789');
		expect(out).toContain('sim-demo-password');
		expect(out).toContain(`${baseUrl}/__sim`);
		for (const t of TEST_NUMBER_LIST) expect(out).toContain(t.phone);

		const res = await fetch(`${baseUrl}/__sim/variants`);
		expect((await jsonOf(res)).stepMs).toBe(1500);

		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});
});

describe('simulator: documentation and boundaries', () => {
	it('documents every test number in simulator/README.md', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'simulator/README.md'), 'utf8');
		for (const t of TEST_NUMBER_LIST) {
			expect(readme).toMatch(new RegExp(`\\|\\s*${t.prefix}\\s*\\|\\s*\`?${t.phone}\`?\\s*\\|`));
		}
		expect(TEST_NUMBERS.CI.succeeds.phone).toBe('0700000001');
		expect(TEST_NUMBERS.SN.succeeds.phone).toBe('770000001');
	});

	it('never imports from nodes/ or credentials/', () => {
		const dir = path.join(ROOT, 'simulator');
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			expect(source).not.toMatch(/from\s+['"][./]*\/?(nodes|credentials)\//);
			expect(source).not.toMatch(/require\(['"][./]*\/?(nodes|credentials)\//);
		}
	});
});
