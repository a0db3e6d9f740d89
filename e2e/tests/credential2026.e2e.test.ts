/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- e2e test: drives a real n8n on 127.0.0.1, never published */
/**
 * The 2026 platform's credential in a real n8n: it loads, and "Test connection" logs in to the
 * 2026 simulator through n8n (the base URL expression, the JSON body, the rules that word a
 * refusal). Skips itself until package.json declares the credential (the nodes wire it).
 */
import * as path from 'path';

import { DEMO_ACCOUNTS_2026, startSimulator2026 } from '../../simulator/platform2026';
import { e2eTarget } from '../global-setup';
import { PROJECT_ROOT } from '../paths';
import { n8nAndSimulatorPerBlock } from './support';

const CREDENTIAL_TYPE = 'cinetPayApi';
const pkg = require(path.join(PROJECT_ROOT, 'package.json')) as { n8n: { credentials: string[] } };
const declared = pkg.n8n.credentials.includes('dist/credentials/CinetPayApi.credentials.js');
if (!declared)
	process.stderr.write('[e2e] 2026 credential not declared in package.json: skipped\n');

(declared ? describe : describe.skip)(
	`the 2026 platform credential in n8n (target ${e2eTarget()})`,
	() => {
		const env = n8nAndSimulatorPerBlock('credential2026', () => startSimulator2026({ port: 0 }));
		const [CI] = DEMO_ACCOUNTS_2026;

		it('loads, and passes the connection test with a demo account of the simulator', async () => {
			expect((await env.n8n.api.credentialTypes()).map((c) => c.name)).toContain(CREDENTIAL_TYPE);
			const data = {
				apiKey: CI.apiKey,
				password: CI.apiPassword,
				country: 'CI',
				environment: 'auto',
				baseUrl: env.simulator.baseUrl,
			};
			const name = 'CinetPay 2026 (simulator)';
			const { id } = await env.n8n.api.createCredential(CREDENTIAL_TYPE, name, data);
			expect(await env.n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE, data })).toEqual(
				expect.objectContaining({ status: 'OK' }),
			);
		});

		it('fails the connection test with a wrong password, in words naming 401', async () => {
			const data = {
				apiKey: CI.apiKey,
				password: 'not-the-password',
				country: 'CI',
				environment: 'auto',
				baseUrl: env.simulator.baseUrl,
			};
			const name = 'CinetPay 2026 (wrong password)';
			const { id } = await env.n8n.api.createCredential(CREDENTIAL_TYPE, name, data);
			const result = await env.n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE, data });
			process.stderr.write(`[e2e] 2026 wrong password → ${JSON.stringify(result)}\n`);
			expect(result.status).toBe('Error');
			expect(result.message).toContain('UNAUTHORIZED (401)');
			expect(result.message).not.toContain('not-the-password');
		});
	},
);
