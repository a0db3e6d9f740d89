/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- e2e test: drives a real n8n and Chromium on 127.0.0.1, never published */
/**
 * The package as a person meets it, in Chromium: sign in to the editor, find both CinetPay nodes in
 * the node panel, add the action node and switch its resource, operation and input mode (the right
 * fields show), create the credential in its dialog (n8n tests it against the simulator), then
 * open the bulk-payout example and run it with the editor's "Execute workflow" button.
 * Screenshots of every step go to e2e/artifacts/ (editor-*.png).
 */
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	type RunningSimulator,
} from '../../simulator';

import {
	chromiumAvailable,
	openNodeItem,
	launchBrowser,
	newPage,
	openNewCredentialDialog,
	openNewWorkflow,
	parameterLabels,
	pickOption,
	saveCredential,
	screenshot,
	searchNode,
	signIn,
} from '../browser';
import { e2eTarget } from '../global-setup';
import type { N8nInstance } from '../n8n';
import { E2E_DIST, inSnapshot, PROJECT_ROOT } from '../paths';
import { CREDENTIAL_TYPE, createExample, EXAMPLES, wiredExample } from './examples';
import { startN8nWithOwner } from './support';

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
	let simulator: RunningSimulator;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		simulator = await startSimulator({ port: 0, variants: { autoConfirm: true, stepMs: 0 } });
		n8n = await startN8nWithOwner('editor');
		browser = await launchBrowser();
		page = await newPage(browser);
	}, 240_000);

	afterEach(async () => {
		// The last picture of each test, failed or not, tells what the editor showed.
		const name = (expect.getState().currentTestName ?? 'test').slice(-50);
		await screenshot(page, `editor-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await simulator?.close();
	});

	it('signs in and opens a new workflow', async () => {
		expect(await signIn(page, n8n.baseUrl, undefined, '/workflow/new')).toBe('signin');
		await openNewWorkflow(page, n8n.baseUrl);
	});

	it('finds both nodes in the node panel: "CinetPay Transfer", and its trigger inside it', async () => {
		// The panel itself works: a core node is found.
		expect(await searchNode(page, 'Webhook')).toContain('Webhook');

		const found = await searchNode(page, 'CinetPay');
		process.stderr.write(`[e2e] node panel, "CinetPay": ${JSON.stringify(found)}\n`);
		await screenshot(page, 'editor-node-panel-cinetpay');
		// The panel lists an app once, under its action node's name; its trigger is inside.
		const nodes = declaredNodes();
		const apps = nodes.filter((n) => !n.group.includes('trigger'));
		expect(apps.map((n) => n.displayName)).toEqual(['CinetPay Transfer']);
		expect(nodes.map((n) => n.displayName)).toContain('CinetPay Transfer Trigger');
		for (const { displayName } of apps) expect(found).toContain(displayName);

		const inside = await openNodeItem(page, 'CinetPay Transfer');
		process.stderr.write(`[e2e] inside "CinetPay Transfer": ${JSON.stringify(inside)}\n`);
		await screenshot(page, 'editor-node-panel-cinetpay-item');
		// The trigger, as n8n names an app's trigger, and the four actions (the operations' `action`s).
		expect(inside).toEqual(
			expect.arrayContaining([
				'On new CinetPay Transfer event',
				'Get a balance',
				'Add a contact',
				'Get a transfer',
				'Send a transfer',
			]),
		);
	});

	it('adds CinetPay Transfer; switching resource, operation and input mode shows the right fields', async () => {
		await page
			.locator('[data-test-id=node-creator-item-name]', { hasText: 'Send a transfer' })
			.click();
		await page.locator('[data-test-id=ndv] [data-test-id=node-parameters]').waitFor();
		// n8n may open the new-credential dialog at once for a node whose credential does not exist yet.
		const dialog = page.locator('[data-test-id=credential-edit-dialog]');
		if (await dialog.isVisible()) await page.keyboard.press('Escape');

		const send = await parameterLabels(page);
		expect(send).toEqual(
			expect.arrayContaining(['Resource', 'Operation', 'Input Data Mode', 'Notify URL', 'Options']),
		);
		expect(send).not.toContain('Phone');
		await screenshot(page, 'editor-send-parameters');

		await pickOption(page, 'dataMode', 'Map Each Field Below');
		const mapped = await parameterLabels(page);
		expect(mapped).toEqual(
			expect.arrayContaining([
				'Country Prefix',
				'Phone',
				'Amount',
				'Client Transaction ID',
				'Notify URL',
			]),
		);
		await screenshot(page, 'editor-send-map-each-field');

		await pickOption(page, 'resource', 'Balance');
		const balance = await parameterLabels(page);
		expect(balance).toEqual(expect.arrayContaining(['Resource', 'Operation']));
		for (const field of ['Input Data Mode', 'Notify URL', 'Phone', 'Search By'])
			expect(balance).not.toContain(field);

		await pickOption(page, 'resource', 'Contact');
		const contact = await parameterLabels(page);
		expect(contact).toContain('Input Data Mode');
		expect(contact).not.toContain('Notify URL');

		await pickOption(page, 'resource', 'Transfer');
		await pickOption(page, 'operation', 'Get');
		const get = await parameterLabels(page);
		expect(get).toEqual(expect.arrayContaining(['Search By', 'Transaction ID']));
		expect(get).not.toContain('Notify URL');
		await screenshot(page, 'editor-transfer-get');

		await pickOption(page, 'operation', 'Send');
		expect(await parameterLabels(page)).toEqual(
			expect.arrayContaining(['Input Data Mode', 'Notify URL']),
		);
	});

	it('creates the credential in its dialog; n8n tests it against the simulator: "Connection tested successfully"', async () => {
		const dialog = await openNewCredentialDialog(page, 'CinetPay Transfer');
		await dialog.locator('[data-test-id=parameter-input-apiKey] input').fill(DEMO_API_KEY);
		await dialog.locator('[data-test-id=parameter-input-password] input').fill(DEMO_PASSWORD);
		await dialog.locator('[data-test-id=parameter-input-baseUrl] input').fill(simulator.baseUrl);
		const logins = simulator.control.stats().logins;
		const success = page.getByText('Connection tested successfully').filter({ visible: true });
		expect(await success.count()).toBe(0);
		await saveCredential(page);
		// Saving runs the credential's test (a login at the simulator). 2.41.1 then closes the dialog
		// of a credential made from a node once the test passed; opening it again (the pencil next to
		// the credential) tests it again and shows the verdict.
		const deadline = Date.now() + 60_000;
		while ((await success.count()) === 0 && (await dialog.isVisible()) && Date.now() < deadline)
			await page.waitForTimeout(300);
		if ((await success.count()) === 0) {
			await dialog.waitFor({ state: 'hidden' });
			await screenshot(page, 'editor-credential-saved');
			await page.locator('[data-test-id=ndv] [data-test-id=credential-edit-button]').click();
			await dialog.waitFor();
		}
		await success.first().waitFor({ timeout: 60_000 });
		// The verdict came from the simulator: n8n logged in there.
		expect(simulator.control.stats().logins).toBeGreaterThan(logins);
		await screenshot(page, 'editor-credential-tested');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });

		const credentials = await n8n.api.rest<Array<{ name: string; type: string }>>(
			'GET',
			'/rest/credentials',
		);
		expect(credentials.filter((c) => c.type === CREDENTIAL_TYPE)).toHaveLength(1);
	});

	it('opens the bulk-payout example and runs it with "Execute workflow": SENT rows on the success branch, NOT SENT rows on the error branch', async () => {
		// The example as shipped (its Notify URL is a placeholder the simulator never calls), wired
		// to the credential made in the dialog.
		const credentials = await n8n.api.rest<Array<{ id: string; name: string; type: string }>>(
			'GET',
			'/rest/credentials',
		);
		const credential = credentials.find((c) => c.type === CREDENTIAL_TYPE)!;
		const example = wiredExample(EXAMPLES.bulk, {
			id: credential.id,
			name: credential.name,
		});
		const workflow = await createExample(n8n.api, example);

		await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`);
		const run = page.locator('[data-test-id=execute-workflow-button]');
		await run.waitFor();
		await page.locator('[data-test-id=canvas-node][data-node-name="Per-row result"]').waitFor();
		await screenshot(page, 'editor-bulk-payout-canvas');
		await run.click();
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 90_000 });
		await screenshot(page, 'editor-bulk-payout-executed');
		expect(simulator.control.transfers()).toHaveLength(3);

		// "Pay each row" uses the error output: the paid rows on one branch, the others on the other.
		const outputOf = async (nodeName: string, shot: string): Promise<string> => {
			await page.locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`).dblclick();
			const output = page.locator('[data-test-id=ndv] [data-test-id=output-panel]');
			await output.locator('table').first().waitFor({ timeout: 30_000 });
			const text = await output.innerText();
			await screenshot(page, shot);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
			return text;
		};
		const sent = await outputOf('Per-row result', 'editor-bulk-payout-output');
		expect(sent).toContain('3 items');
		expect(sent.match(/\bSENT\b/g)).toHaveLength(3);
		const failed = await outputOf('Failed rows', 'editor-bulk-payout-failed-rows');
		expect(failed).toContain('2 items');
		expect(failed).toMatch(/CHECK FIRST: .*717/);
		expect(failed).toContain('NOT SENT: Invalid phone');
	});
});
