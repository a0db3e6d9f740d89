/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- e2e test: drives a real n8n and Chromium on 127.0.0.1, never published */
/**
 * The node as an AI agent's tool, in a real n8n: n8n derives "CinetPay Transfer Tool" from the
 * package (`usableAsTool`), its description says that Send moves real money, and in the editor
 * its Send parameters are the ones an agent fills ($fromAI) — no Input Data Mode to map items
 * from, which a tool has none of. A human reviewer later reads exactly these values.
 */
import type { Browser, Page } from 'playwright-core';

import { chromiumAvailable, launchBrowser, newPage, screenshot, signIn } from '../browser';
import { e2eTarget } from '../global-setup';
import type { N8nInstance } from '../n8n';
import { startN8nWithOwner } from './support';

const TOOL_TYPE = 'CUSTOM.cinetPayTransferTool';

interface ToolTypeDescription {
	name: string;
	displayName: string;
	description: string;
	outputs: unknown;
	properties: Array<{
		name: string;
		default?: unknown;
		displayOptions?: { show?: Record<string, unknown>; hide?: Record<string, unknown> };
	}>;
}

/** Labels of the parameters the open node shows, without n8n's Fixed/Expression switch text. */
async function parameterLabels(page: Page): Promise<string[]> {
	const labels = page.locator(
		'[data-test-id=ndv] [data-test-id=node-parameters] [data-test-id=input-label]',
	);
	await labels.first().waitFor();
	// A label holds the parameter's name, then (for an expression) its text: keep the name.
	return (await labels.allInnerTexts()).map((t) =>
		t
			.split(/\n|\s{2,}/)[0]
			.replace(/\s*(Fixed|Expression)\s*$/g, '')
			.trim(),
	);
}

/**
 * Once more when the socket was closed under the request: test 1 leaves an idle keep-alive
 * connection that n8n closes after its keep-alive timeout (5 s) while fetch may still pick it
 * ("fetch failed … other side closed"). The request never reached n8n then.
 */
async function onFreshSocket<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (!/fetch failed/.test((error as Error).message)) throw error;
		return await call();
	}
}

describe(`the tool variant in n8n (target ${e2eTarget()})`, () => {
	let n8n: N8nInstance;
	let browser: Browser | undefined;
	let page: Page;

	beforeAll(async () => {
		n8n = await startN8nWithOwner('tool');
		if (chromiumAvailable()) {
			browser = await launchBrowser();
			page = await newPage(browser);
		}
	}, 240_000);

	afterEach(async () => {
		// The last picture of each test, failed or not, tells what the editor showed.
		if (page)
			await screenshot(
				page,
				`tool-${(expect.getState().currentTestName ?? 'test')
					.slice(-40)
					.replace(/[^a-z0-9]+/gi, '-')
					.toLowerCase()}`,
			);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('loads "CinetPay Transfer Tool", whose description says that it moves real money', async () => {
		const types = (await n8n.api.nodeTypes()) as unknown as ToolTypeDescription[];
		const tool = types.find((type) => type.name === TOOL_TYPE);
		expect(tool).toBeDefined();
		expect(tool!.displayName).toBe('CinetPay Transfer Tool');
		expect(JSON.stringify(tool!.outputs)).toContain('ai_tool');
		expect(tool!.description).toMatch(/real money/);
		// n8n adds the tool-description parameters to the variant.
		expect(tool!.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['descriptionType', 'toolDescription']),
		);
		const agentFilled = tool!.properties
			.filter((p) => p.displayOptions?.show?.['@tool'] && String(p.default).includes('$fromAI'))
			.map((p) => p.name);
		expect(agentFilled).toEqual(
			expect.arrayContaining(['prefix', 'phone', 'amount', 'clientTransactionId']),
		);
	});

	// The editor's selectors here are n8n 2.x's (1.123's canvas nodes carry no data-node-name); on
	// 1.123.81 the test above checks the tool variant through n8n's REST API.
	const itIfBrowser = chromiumAvailable() && e2eTarget() === '2' ? it : it.skip;

	itIfBrowser(
		'renders Send in the editor with the fields the agent fills, and no Input Data Mode',
		async () => {
			const workflow = await onFreshSocket(() =>
				n8n.api.createWorkflow({
					name: 'CinetPay as a tool',
					nodes: [
						{
							id: 'b9f0c6a2-0000-4000-8000-000000000001',
							name: 'Pay a supplier',
							type: TOOL_TYPE,
							typeVersion: 1,
							position: [400, 300],
							parameters: {
								resource: 'transfer',
								operation: 'send',
								notifyUrl: 'https://n8n.example.com/webhook/cinetpay',
							},
						},
					],
					connections: {},
				}),
			);
			await signIn(page, n8n.baseUrl, undefined, `/workflow/${workflow.id}`);
			if (!page.url().includes(`/workflow/${workflow.id}`))
				await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`);
			await page.locator('[data-test-id=canvas-node][data-node-name="Pay a supplier"]').dblclick();
			await page.locator('[data-test-id=ndv] [data-test-id=node-parameters]').waitFor();
			const dialog = page.locator('[data-test-id=credential-edit-dialog]');
			if (await dialog.isVisible()) await page.keyboard.press('Escape');

			const labels = await parameterLabels(page);
			const parameters = await page
				.locator('[data-test-id=ndv] [data-test-id=node-parameters]')
				.innerText();
			await screenshot(page, 'tool-send-parameters');
			process.stderr.write(`[e2e] tool variant, Send: ${JSON.stringify(labels)}\n`);

			expect(labels).toEqual(
				expect.arrayContaining([
					'Resource',
					'Operation',
					'Country Prefix',
					'Phone',
					'Amount',
					'Client Transaction ID',
					'Notify URL',
				]),
			);
			expect(labels).not.toContain('Input Data Mode');
			// n8n shows a $fromAI value as a field the model fills, not as an input box.
			expect(
				parameters.match(/defined automatically by the model/gi)?.length ?? 0,
			).toBeGreaterThanOrEqual(4);
		},
	);
});
