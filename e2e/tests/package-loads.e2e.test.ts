/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- e2e test: drives a real n8n and Chromium on 127.0.0.1, never published */
/**
 * The built package in a real n8n: its credential and node types load, and the credential's
 * connection test reaches the simulator through n8n (editor REST API and public API).
 */
import * as path from 'path';

import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator } from '../../simulator';
import { e2eTarget } from '../global-setup';
import { E2E_DIST, inSnapshot, PROJECT_ROOT } from '../paths';
import { n8nAndSimulatorPerBlock } from './support';

const CREDENTIAL_TYPE = 'cinetPayTransferApi';

/** The `name`s of what package.json's `n8n` section declares, read from the built files (the snapshot n8n loads). */
function declared(kind: 'nodes' | 'credentials'): string[] {
	const pkg = require(path.join(PROJECT_ROOT, 'package.json')) as { n8n: Record<string, string[]> };
	return (pkg.n8n[kind] ?? []).map((file) => {
		const exports = require(inSnapshot(E2E_DIST, file)) as Record<string, new () => unknown>;
		const instance = new (Object.values(exports)[0])() as {
			name?: string;
			description?: { name: string };
		};
		return kind === 'nodes' ? instance.description!.name : instance.name!;
	});
}

describe(`the built package in n8n (target ${e2eTarget()})`, () => {
	const env = n8nAndSimulatorPerBlock('package-loads', () => startSimulator({ port: 0 }));

	it('loads every credential and node type the package declares', async () => {
		const credentialTypes = (await env.n8n.api.credentialTypes()).map((c) => c.name);
		const nodeTypes = (await env.n8n.api.nodeTypes()).map((n) => n.name);
		const ours = {
			credentials: credentialTypes.filter((name) => /cinetpay/i.test(name)),
			nodes: nodeTypes.filter((name) => name.startsWith('CUSTOM.')),
		};
		process.stderr.write(`[e2e] loaded from the package: ${JSON.stringify(ours)}\n`);

		expect(ours.credentials).toContain(CREDENTIAL_TYPE);
		for (const name of declared('credentials')) expect(ours.credentials).toContain(name);
		// Custom extensions are typed CUSTOM.<description.name> in n8n.
		for (const name of declared('nodes')) expect(ours.nodes).toContain(`CUSTOM.${name}`);
	});

	it('passes the connection test with the demo key, through the editor and the public API', async () => {
		const data = { apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl: env.simulator.baseUrl };
		const name = 'CinetPay (simulator)';
		const { id } = await env.n8n.api.createCredential(CREDENTIAL_TYPE, name, data);

		const viaEditor = await env.n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE, data });
		expect(viaEditor).toEqual(expect.objectContaining({ status: 'OK' }));

		if (e2eTarget() === '2') {
			// n8n 1.x has no public-API credential test.
			const viaPublicApi = await env.n8n.api.testStoredCredential(id);
			expect(viaPublicApi).toEqual(expect.objectContaining({ status: 'OK' }));
		}
	});

	it('fails the connection test with a wrong password, naming CinetPay code 701', async () => {
		const data = {
			apiKey: DEMO_API_KEY,
			password: 'not-the-password',
			baseUrl: env.simulator.baseUrl,
		};
		const name = 'CinetPay (wrong password)';
		const { id } = await env.n8n.api.createCredential(CREDENTIAL_TYPE, name, data);

		const result = await env.n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE, data });
		process.stderr.write(`[e2e] wrong password → ${JSON.stringify(result)}\n`);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('701');
	});
});
