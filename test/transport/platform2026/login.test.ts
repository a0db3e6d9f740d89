/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test, never published: it evaluates the credential test request's base URL expression as n8n would */
/**
 * The 2026 platform's base URL: from the key's prefix (a sandbox key selects the sandbox with no
 * other setting), the environment override, or a base URL override — the same in the transport
 * and in the credential's test request.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { CinetPay2026Api } from '../../../credentials/CinetPay2026Api.credentials';
import { baseUrl2026, getBalance2026 } from '../../../nodes/CinetPay/transport/platform2026';
import { DEMO_ACCOUNTS_2026 } from '../../../simulator/platform2026';
import { n8nHttpRequest } from '../../helpers/n8nHarness';
import { useSimulator2026 } from '../simulators';

const bed = useSimulator2026();

describe('environment and base URL', () => {
	const cases: Array<[string, ICredentialDataDecryptedObject, string]> = [
		[
			'an sk_test_ key selects the sandbox with no other setting',
			{ apiKey: 'sk_test_abc' },
			'https://api.cinetpay.net',
		],
		['an sk_live_ key selects production', { apiKey: 'sk_live_abc' }, 'https://api.cinetpay.co'],
		[
			'environment overrides the key',
			{ apiKey: 'sk_test_abc', environment: 'production' },
			'https://api.cinetpay.co',
		],
		[
			'sandbox override',
			{ apiKey: 'sk_live_abc', environment: 'sandbox' },
			'https://api.cinetpay.net',
		],
		[
			'a base URL override wins (simulator)',
			{ apiKey: 'sk_live_abc', baseUrl: 'http://127.0.0.1:4020/' },
			'http://127.0.0.1:4020',
		],
	];

	test.each(cases)('%s (transport)', (_name, credentials, expected) => {
		expect(baseUrl2026({ environment: 'auto', baseUrl: '', ...credentials })).toBe(expected);
	});

	test.each(cases)('%s (the credential test request)', (_name, credentials, expected) => {
		const expression = String(new CinetPay2026Api().test.request.baseURL);
		const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)![1];
		const evaluate = new Function('$credentials', `return (${body});`) as (c: unknown) => string;
		expect(evaluate({ environment: 'auto', baseUrl: '', password: 'x', ...credentials })).toBe(
			expected,
		);
	});

	test('a base URL that is not http(s) is refused before any call', async () => {
		bed.store.data.baseUrl = 'ftp://example.invalid';
		await expect(getBalance2026.call(bed.context())).rejects.toThrow(/Invalid Base URL/);
		expect(bed.sim.control.requests()).toHaveLength(0);
	});
});

/**
 * The credential's Test connection against the simulator, as n8n's credentials tester runs it: the
 * credential's preAuthentication first (a login for the session; its error's message is the
 * verdict when it fails — what e2e/tests/platform2026.e2e.test.ts sees in real n8n), then its test
 * request with its rules — `responseCode` rules for an HTTP error status, `responseSuccessBody`
 * rules for a 2xx body (strict equality).
 */
async function testConnection(data: Record<string, string>): Promise<string> {
	const credential = new CinetPay2026Api();
	try {
		await credential.preAuthentication.call(
			{ helpers: { httpRequest: n8nHttpRequest } } as unknown as IHttpRequestHelper,
			{ ...data, environment: 'auto' },
		);
	} catch (error) {
		return (error as Error).message;
	}
	const { request, rules } = credential.test;
	const response = await fetch(`${data.baseUrl}${request.url}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ api_key: data.apiKey, api_password: data.password }),
	});
	const body = (await response.json()) as Record<string, unknown>;
	const all = (rules ?? []) as unknown as Array<{
		type: string;
		properties: { value: unknown; key?: string; message: string };
	}>;
	const verdict = response.ok
		? all.find(
				(r) => r.type === 'responseSuccessBody' && body[r.properties.key!] === r.properties.value,
			)
		: all.find(
				(r) => r.type === 'responseCode' && String(r.properties.value) === String(response.status),
			);
	return verdict?.properties.message ?? (response.ok ? 'OK' : `HTTP ${response.status}`);
}

describe('Test connection', () => {
	const data = () => ({
		apiKey: DEMO_ACCOUNTS_2026[0].apiKey,
		password: DEMO_ACCOUNTS_2026[0].apiPassword,
		baseUrl: bed.sim.baseUrl,
	});

	test('a right key and password: OK', async () => {
		expect(await testConnection(data())).toBe('OK');
	});

	test.each(['http403', 'http200'] as const)(
		'2011 NOT_ALLOWED (%s): add this n8n server\'s public IPv4 address to the allow-list, not "check the key"',
		async (ipNotAllowed) => {
			bed.sim.control.setVariants({ ipNotAllowed });
			const verdict = await testConnection(data());
			expect(verdict).toMatch(
				/add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard/i,
			);
			expect(verdict).not.toMatch(/check the API key/i);
		},
	);

	test('a wrong password is still told as such', async () => {
		expect(await testConnection({ ...data(), password: 'wrong' })).toMatch(/UNAUTHORIZED \(401\)/);
	});
});
