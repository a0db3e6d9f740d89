/**
 * Balance → Get on the 2026 platform, on n8n-core against the 2026 simulator over real HTTP: the
 * country account's balance in v1's keys, the platform switch (v1 stays the default), the
 * environment from the key, failures on the error output, and no secret anywhere.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CinetPay2026Api } from '../../../credentials/CinetPay2026Api.credentials';
import { baseUrl2026 } from '../../../nodes/CinetPay/transport/platform2026/login';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { credentialStore, runWorkflow } from '../../helpers/n8nCore';
import { credential2026, on2026, secretsIn, simulator2026PerFile } from '../../helpers/node2026';
import { failureOf, runNode, simulatorCredentials } from '../../helpers/runNode';

const env = simulator2026PerFile();
const balance = (rest: IDataObject = {}) => on2026('balance', 'get', rest);
const paths = () => env.sim.control.requests().map((entry) => `${entry.method} ${entry.path}`);

describe('the country account of the credential', () => {
	test("v1's keys: amount = real_balance, available = available_balance, inUsing = the difference", async () => {
		env.sim.control.setBalance('CI', 750_000);
		const [item, ...more] = await runNode(balance(), [{}], { store: env.store });
		expect(more).toEqual([]);
		expect(item.json).toMatchObject({
			amount: 750_000,
			available: 750_000,
			inUsing: 0,
			currency: 'XOF',
			real_balance: 750_000,
			available_balance: 750_000,
		});
		expect(paths()).toEqual(['POST /v1/oauth/login', 'GET /v1/balances']);
	});

	test('money in flight is inUsing: a pending transfer lowers available, not amount', async () => {
		const before = (await runNode(balance(), [{}], { store: env.store }))[0].json;
		const send = await runNode(
			on2026('transfer', 'send', { dataMode: 'autoMapInputData', paymentMethod: 'OM_CI' }),
			[{ prefix: '225', phone: '0700000003', amount: 10_000 }],
			{ store: env.store },
		);
		expect(send[0].json.outcome).toBe('sent');
		const after = (await runNode(balance(), [{}], { store: env.store }))[0].json;
		expect(Number(after.available)).toBeLessThan(Number(before.available));
		expect(Number(after.inUsing)).toBe(Number(after.amount) - Number(after.available));
		expect(Number(after.inUsing)).toBeGreaterThan(0);
	});

	test.each([
		['SN', 'XOF'],
		['CM', 'XAF'],
	])("a %s credential reads the %s account's balance", async (country, currency) => {
		env.sim.control.setBalance(country, 4321);
		const [item] = await runNode(balance(), [{}], { store: credential2026(env.sim, country) });
		expect(item.json).toMatchObject({ available: 4321, currency });
		expect(env.sim.control.requests().at(-1)?.account).toBe(country);
	});

	test('one item whatever the input, paired with the first', async () => {
		const output = await runNode(balance(), [{}, {}, {}], { store: env.store });
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(paths().filter((path) => path.endsWith('/v1/balances'))).toHaveLength(1);
	});
});

describe('the platform switch', () => {
	let v1: RunningSimulator;
	beforeAll(async () => {
		v1 = await startSimulator();
	});
	afterAll(() => v1.close());

	test('without the platform parameter the node is v1: its credential, its API, nothing on 2026', async () => {
		const [item] = await runNode({ resource: 'balance', operation: 'get' }, [{}], {
			store: simulatorCredentials(v1),
		});
		expect(item.json).toEqual(
			expect.objectContaining({ amount: expect.any(Number), available: expect.any(Number) }),
		);
		expect(item.json.real_balance).toBeUndefined();
		expect(env.sim.control.requests()).toEqual([]);
	});

	test('platform 2026 uses the 2026 credential and API, and nothing of v1', async () => {
		v1.control.reset?.();
		const [item] = await runNode(balance(), [{}], { store: env.store });
		expect(item.json.available_balance).toEqual(expect.any(Number));
		expect(paths()).toContain('GET /v1/balances');
	});
});

describe('failures', () => {
	test("a refused key and password: the error names CinetPay's verdict and holds no secret", async () => {
		const store = credential2026(env.sim);
		store.data.password = 'not-the-password';
		const run = await runWorkflow(balance(), [{}], { store });
		expect(run.error?.message).toMatch(/401|UNAUTHORIZED|refused|login/i);
		expect(secretsIn(run, store)).toEqual([]);
	});

	test('with "Continue (using error output)" the failure is one item on the error output', async () => {
		env.sim.control.injectFaults({ http5xxNext: 10 });
		const run = await runWorkflow(balance({ options: { timeout: 5 } }), [{}], {
			store: env.store,
			onError: 'continueErrorOutput',
		});
		expect(run.main).toEqual([]);
		expect(run.errorOutput).toHaveLength(1);
		expect(failureOf(run.errorOutput[0])?.message).toEqual(expect.any(String));
		expect(secretsIn(run, env.store)).toEqual([]);
	});

	test('no secret in a successful output or the stored run', async () => {
		const run = await runWorkflow(balance(), [{}], { store: env.store });
		expect(run.main).toHaveLength(1);
		expect(secretsIn(run.main, env.store)).toEqual([]);
	});
});

describe('the environment comes from the key (credential, no call beyond loopback)', () => {
	const credential = new CinetPay2026Api();
	/** The credential test's base URL, as n8n resolves it for "Test connection". */
	function testBaseUrl(credentials: IDataObject): string {
		const node: INode = {
			id: 'n',
			name: 'n',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => undefined,
				getByNameAndVersion: () => undefined,
				getKnownTypes: () => ({}),
			} as never,
		});
		return String(
			workflow.expression.getParameterValue(
				credential.test.request.baseURL!,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials } as never,
			),
		);
	}

	test.each([
		[{ apiKey: 'sk_test_abc', environment: 'auto' }, 'https://api.cinetpay.net'],
		[{ apiKey: 'sk_live_abc', environment: 'auto' }, 'https://api.cinetpay.co'],
		[{ apiKey: 'sk_live_abc', environment: 'sandbox' }, 'https://api.cinetpay.net'],
		[{ apiKey: 'sk_test_abc', environment: 'production' }, 'https://api.cinetpay.co'],
		[
			{ apiKey: 'sk_test_abc', environment: 'auto', baseUrl: 'http://127.0.0.1:4020/' },
			'http://127.0.0.1:4020',
		],
	])('%j → %s, for calls and for "Test connection" alike', (credentials, url) => {
		expect(baseUrl2026(credentialStore(credentials).data)).toBe(url);
		expect(testBaseUrl(credentials)).toBe(url);
	});

	test('an sk_test_ key with no other setting: the defaults pick the sandbox', () => {
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(defaults.environment).toBe('auto');
		expect(defaults.baseUrl).toBe('');
		expect(baseUrl2026({ ...defaults, apiKey: 'sk_test_xyz' })).toBe('https://api.cinetpay.net');
	});
});
