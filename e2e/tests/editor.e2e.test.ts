/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- e2e test: drives a real n8n and Chromium on 127.0.0.1, never published */
/**
 * The package as a person meets it: sign in to the editor, open a new workflow, find the CinetPay
 * nodes in the node panel. Screenshots go to e2e/artifacts/.
 */
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

import {
	chromiumAvailable,
	openNodeItem,
	launchBrowser,
	newPage,
	openNewWorkflow,
	screenshot,
	searchNode,
	signIn,
} from '../browser';
import { e2eTarget } from '../global-setup';
import { startN8n, type N8nInstance } from '../n8n';
import { ARTIFACTS, E2E_DIST, inSnapshot, PROJECT_ROOT } from '../paths';

/** Display names and groups of the nodes package.json declares, read from the built files (the snapshot n8n loads). */
function declaredNodes(): Array<{ displayName: string; group: string[] }> {
	const pkg = require(path.join(PROJECT_ROOT, 'package.json')) as { n8n: { nodes?: string[] } };
	return (pkg.n8n.nodes ?? []).map((file) => {
		const exports = require(inSnapshot(E2E_DIST, file)) as Record<
			string,
			new () => { description: { displayName: string; group: string[] } }
		>;
		return new (Object.values(exports)[0])().description;
	});
}

// Without chromium (a developer who set E2E_BROWSER=0) this file is skipped; CI installs it.
const describeIfBrowser = chromiumAvailable() ? describe : describe.skip;

describeIfBrowser(`the editor with the package (n8n target ${e2eTarget()})`, () => {
	let n8n: N8nInstance;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		n8n = await startN8n({
			version: e2eTarget(),
			customExtensionsDir: E2E_DIST,
			logFile: path.join(ARTIFACTS, 'editor.n8n.log'),
		});
		await n8n.api.setupOwner();
		browser = await launchBrowser();
		page = await newPage(browser);
	});

	afterEach(async () => {
		// The last picture of each test, failed or not, tells what the editor showed.
		const name = (expect.getState().currentTestName ?? 'test').slice(-50);
		await screenshot(page, `editor-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('signs in and opens a new workflow', async () => {
		expect(await signIn(page, n8n.baseUrl, undefined, '/workflow/new')).toBe('signin');
		await openNewWorkflow(page, n8n.baseUrl);
	});

	it('finds the package nodes by searching "CinetPay" in the node panel', async () => {
		// The panel itself works: a core node is found.
		expect(await searchNode(page, 'Webhook')).toContain('Webhook');

		const found = await searchNode(page, 'CinetPay');
		process.stderr.write(`[e2e] node panel, "CinetPay": ${JSON.stringify(found)}\n`);
		await screenshot(page, 'editor-node-panel-cinetpay');
		// The panel lists an app once, under its action node's name; its trigger is inside.
		const apps = declaredNodes().filter((n) => !n.group.includes('trigger'));
		for (const { displayName } of apps) expect(found).toContain(displayName);

		if (apps.length > 0) {
			const inside = await openNodeItem(page, apps[0].displayName);
			process.stderr.write(`[e2e] inside "${apps[0].displayName}": ${JSON.stringify(inside)}\n`);
			await screenshot(page, 'editor-node-panel-cinetpay-item');
			expect(inside.length).toBeGreaterThan(0);
		}
	});
});
