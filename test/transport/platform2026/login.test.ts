/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test, never published: it evaluates the credential test request's base URL expression as n8n would */
/**
 * The 2026 platform's base URL: from the key's prefix (a sandbox key selects the sandbox with no
 * other setting), the environment override, or a base URL override — the same in the transport
 * and in the credential's test request.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CinetPayApi } from '../../../credentials/CinetPayApi.credentials';
import { baseUrl2026, getBalance2026 } from '../../../nodes/CinetPay/transport/platform2026';
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
		const expression = String(new CinetPayApi().test.request.baseURL);
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
