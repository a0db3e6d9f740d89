/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- e2e test: drives a real n8n, the 2026 simulator and Chromium on 127.0.0.1, never published */
/**
 * CinetPay's 2026 platform end to end in a real n8n, on 2.41.1 and then 1.123.81 (E2E_COMPAT=0:
 * 2.41.1 only), against the 2026 simulator on 127.0.0.1:
 *
 * 1. The built package loaded: the 2026 credential type, and both nodes offering it.
 * 2. The credential's "Test connection": a login at the simulator through n8n (base URL override,
 *    JSON body), OK for the demo account, CinetPay's words for a wrong password.
 * 3. The example examples/pay-sellers-2026-sandbox.json as shipped, run with the editor's "Execute
 *    workflow": Balance → Send (three rows sent, one refused before any call, above Maximum Amount → the error output) →
 *    Transfer → Get asked again until each transfer is final.
 * 4. The trigger started by a 2026 notification (no status in it) with the status it looked up.
 * 5. The 2026 fields as the editor shows them: Platform list, Payment Method required, Contact →
 *    Add's notice — in Chromium on 2.41.1, from the node description n8n serves on 1.123.81.
 */
import { randomUUID } from 'crypto';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import {
	chromiumAvailable,
	launchBrowser,
	newPage,
	openNewCredentialDialog,
	openNewWorkflow,
	openNodeItem,
	parameterLabels,
	pickOption,
	screenshot,
	searchNode,
	signIn,
} from '../browser';
import { compatTargets } from '../global-setup';
import { sleep, startN8n, type N8nInstance } from '../n8n';
import { ARTIFACTS, E2E_DIST } from '../paths';
import type { N8nTarget } from '../runtime';
import {
	CREDENTIAL_TYPE,
	CREDENTIAL_TYPE_2026,
	credential2026Data,
	createExample,
	describeExecution,
	EXAMPLES,
	loadExample,
	nodeOutput,
	wireExample,
} from './examples';
import { trigger2026Node } from './support';

const TARGETS: N8nTarget[] = compatTargets();
const MANUAL_TRIGGER = "When clicking 'Execute workflow'";
const ACTION_TYPE = 'CUSTOM.cinetPayTransfer';
const TRIGGER_TYPE = 'CUSTOM.cinetPayTransferTrigger';
const CI = DEMO_ACCOUNTS_2026.find((a) => a.country === 'CI')!;
/** Shown on Contact → Add when the platform is 2026 (nodes/…/contact/add.operation.ts). */
const CONTACT_NOT_NEEDED = /Not needed on the 2026 platform/;

/** The example's sellers (its "Sellers to pay" node), and how each must end. */
const SELLERS = [
	{
		id: 'seller-2026-11-0001',
		phone: TEST_NUMBERS_2026.CI.succeeds.phone,
		amount: 5000,
		final: 'VAL',
	},
	{
		id: 'seller-2026-11-0002',
		phone: TEST_NUMBERS_2026.CI.fails.phone,
		amount: 2500,
		final: 'REJ',
	},
	{ id: 'seller-2026-11-0003', phone: '+2250512345678', amount: 10000, final: 'VAL' },
	// An extra zero: above Send's Maximum Amount (1,500,000), refused before any call.
	{ id: 'seller-2026-11-0004', phone: '+2250712345678', amount: 15_000_000, final: undefined },
];

/** Polls `check` until it holds, up to `timeoutMs`; returns whether it did. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return true;
		if (Date.now() > deadline) return false;
		await sleep(300);
	}
}

/** One transfer made straight at the simulator's API, as another system of the merchant would. */
async function sendDirectly(baseUrl: string, body: Record<string, unknown>): Promise<string> {
	const post = async (route: string, json: unknown, token?: string) => {
		const res = await fetch(`${baseUrl}${route}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {}),
			},
			body: JSON.stringify(json),
		});
		return (await res.json()) as Record<string, unknown>;
	};
	const login = await post('/v1/oauth/login', { api_key: CI.apiKey, api_password: CI.apiPassword });
	const sent = await post('/v1/transfer', body, String(login.access_token));
	if (typeof sent.transaction_id !== 'string') throw new Error(`send: ${JSON.stringify(sent)}`);
	return sent.transaction_id;
}

interface NodeDescription {
	name: string;
	credentials?: Array<{ name: string; displayOptions?: { show?: Record<string, unknown> } }>;
	properties: Array<{
		name: string;
		displayName: string;
		type: string;
		required?: boolean;
		options?: Array<{ name: string; value: unknown }>;
		displayOptions?: { show?: Record<string, unknown[]> };
	}>;
}

describe.each(TARGETS)('the 2026 platform in real n8n (target %s)', (target) => {
	let n8n: N8nInstance;
	let simulator: RunningSimulator2026;
	let credential: { id: string; name: string };

	beforeAll(async () => {
		simulator = await startSimulator2026({ port: 0 });
		n8n = await startN8n({
			version: target,
			customExtensionsDir: E2E_DIST,
			logFile: path.join(ARTIFACTS, `platform2026-${target}.n8n.log`),
		});
		await n8n.api.setupOwner();
		await n8n.api.createApiKey();
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await simulator?.close();
	});

	it('loads the package: the 2026 credential, offered by both nodes for Platform 2026 only', async () => {
		expect((await n8n.api.credentialTypes()).map((c) => c.name)).toContain(CREDENTIAL_TYPE_2026);
		const types = (await n8n.api.nodeTypes()) as unknown as NodeDescription[];
		for (const type of [ACTION_TYPE, TRIGGER_TYPE]) {
			const description = types.find((t) => t.name === type);
			expect(description?.credentials?.map((c) => [c.name, c.displayOptions?.show])).toEqual([
				[CREDENTIAL_TYPE, { platform: ['v1'] }],
				[CREDENTIAL_TYPE_2026, { platform: ['2026'] }],
			]);
		}
	});

	it('Test connection: logs in at the simulator through n8n, "OK" for the sandbox key', async () => {
		const name = 'CinetPay 2026 (simulator)';
		const data = credential2026Data(CI, simulator.baseUrl);
		const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE_2026, name, data);
		credential = { id, name };
		simulator.control.clearRequests();
		expect(await n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE_2026, data })).toEqual(
			expect.objectContaining({ status: 'OK' }),
		);
		// n8n logs in for the session (preAuthentication), then runs the credential's test login.
		const requests = simulator.control.requests();
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.map((r) => [r.method, r.path, r.httpStatus])).toEqual(
			requests.map(() => ['POST', '/v1/oauth/login', 200]),
		);
		// 1.123 has no POST /api/v1/credentials/{id}/test: the editor's test above is its only one.
		if (target === '2')
			expect(await n8n.api.testStoredCredential(id)).toEqual(
				expect.objectContaining({ status: 'OK' }),
			);
	});

	it("Test connection with a wrong password: CinetPay's verdict, naming 401, without the password", async () => {
		const name = 'CinetPay 2026 (wrong password)';
		const data = credential2026Data(CI, simulator.baseUrl, 'not-the-password');
		const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE_2026, name, data);
		const result = await n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE_2026, data });
		process.stderr.write(`[e2e] 2026 wrong password (${target}) → ${JSON.stringify(result)}\n`);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('UNAUTHORIZED (401)');
		expect(result.message).not.toContain('not-the-password');
	});

	it('Test connection refused for n8n\'s address (2011 NOT_ALLOWED): add its IPv4 address to the allow-list, not "check the key"', async () => {
		const name = 'CinetPay 2026 (address not allowed)';
		const data = credential2026Data(CI, simulator.baseUrl);
		const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE_2026, name, data);
		for (const ipNotAllowed of ['http403', 'http200'] as const) {
			simulator.control.setVariants({ ipNotAllowed });
			const result = await n8n.api.testCredential({ id, name, type: CREDENTIAL_TYPE_2026, data });
			process.stderr.write(
				`[e2e] 2026 2011 ${ipNotAllowed} (${target}) → ${JSON.stringify(result)}\n`,
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard/i,
			);
			expect(result.message).not.toMatch(/check the API key/i);
		}
		simulator.control.setVariants({ ipNotAllowed: 'off' });
	});

	it('the example "pay sellers on the 2026 platform": Balance → Send (3 sent, 1 refused → error output) → Get until final', async () => {
		const example = wireExample(loadExample(EXAMPLES.paySellers2026), credential, {
			[CREDENTIAL_TYPE_2026]: credential,
		});
		const workflow = await createExample(n8n.api, example);
		const before = simulator.control.balances().find((b) => b.country === 'CI')!;
		simulator.control.clearRequests();
		// The transfers move on by themselves, as CinetPay's do, while the workflow asks.
		simulator.control.setVariants({ stepMs: 1000 });
		let execution;
		try {
			execution = await n8n.api.runManually(workflow.id, MANUAL_TRIGGER, 150_000);
		} finally {
			simulator.control.setVariants({ stepMs: 0 });
		}
		expect(describeExecution(execution)).toMatch(/ success;/);

		// Balance: the CI account as it was before the run.
		expect(nodeOutput(execution, 'Balance of the account')).toEqual([
			expect.objectContaining({ available: before.available_balance, currency: 'XOF' }),
		]);

		// CinetPay's side: one transfer per sent row, to the row's number, with its method and ID.
		const transfers = simulator.control.transfers();
		const sentRows = SELLERS.filter((s) => s.final !== undefined);
		expect(
			transfers
				.map((t) => [t.merchantTransactionId, t.phoneNumber, t.amount, t.paymentMethod])
				.sort(),
		).toEqual(
			[
				[sentRows[0].id, sentRows[0].phone, sentRows[0].amount, 'OM_CI'],
				[sentRows[1].id, sentRows[1].phone, sentRows[1].amount, 'WAVE_CI'],
				[sentRows[2].id, sentRows[2].phone, sentRows[2].amount, 'MTN_CI'],
			].sort(),
		);
		// The row with an extra zero never reached CinetPay: three sends, all taken.
		const sends = simulator.control.requests().filter((r) => r.path === '/v1/transfer');
		expect(sends.map((r) => r.code).sort()).toEqual([2001, 2001, 2001]);

		// Send's error output: the refused row, naming the rule it broke; nothing was sent for it.
		const refused = nodeOutput(execution, 'Not sent, or check first');
		expect(refused).toEqual([
			expect.objectContaining({
				client_transaction_id: SELLERS[3].id,
				outcome: 'not-sent',
				result: expect.stringMatching(/^NOT SENT: .*Maximum Amount/),
			}),
		]);

		// Get, asked again until final: each sent row with its final status, as CinetPay has it.
		const outcomes = nodeOutput(execution, 'Outcome per seller');
		process.stderr.write(
			`[e2e] pay sellers 2026 (${target}): ${JSON.stringify(outcomes.map((o) => [o.client_transaction_id, o.status, o.result]))}\n`,
		);
		expect(
			outcomes.map((o) => [o.client_transaction_id, o.status, o.transaction_id]).sort(),
		).toEqual(
			sentRows
				.map((s) => {
					const t = transfers.find((x) => x.merchantTransactionId === s.id)!;
					return [s.id, s.final, t.transactionId];
				})
				.sort(),
		);
		expect(outcomes.filter((o) => o.result === 'PAID')).toHaveLength(2);
		// Asked by CinetPay's ID (Wait for Final Status: again while a transfer was pending).
		const lookups = simulator.control
			.requests()
			.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/transfer/'));
		expect(lookups.length).toBeGreaterThanOrEqual(sentRows.length);
	});

	it('the trigger: a 2026 notification (no status in it) starts the workflow with the status it looked up', async () => {
		const webhookId = randomUUID();
		const workflow = await n8n.api.createWorkflow({
			name: 'CinetPay 2026 notifications',
			nodes: [
				trigger2026Node(webhookId, credential),
				{
					id: randomUUID(),
					name: 'No Operation',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: {
				'CinetPay Transfer Trigger': {
					main: [[{ node: 'No Operation', type: 'main', index: 0 }]],
				},
			},
		});
		await n8n.api.activateWorkflow(workflow.id);
		const productionUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		// Right after activation the route may answer 404 for a moment.
		expect(
			await eventually(
				async () => (await fetch(productionUrl, { signal: AbortSignal.timeout(10_000) })).ok,
				20_000,
			),
		).toBe(true);

		const merchantId = `trigger-2026-${randomUUID().slice(0, 8)}`;
		const transactionId = await sendDirectly(simulator.baseUrl, {
			currency: 'XOF',
			payment_method: 'OM_CI',
			merchant_transaction_id: merchantId,
			amount: 1500,
			phone_number: TEST_NUMBERS_2026.CI.succeeds.phone,
			reason: 'e2e',
			notify_url: productionUrl,
		});
		simulator.control.setVariants({ notifications: 'final' });
		try {
			simulator.control.settle(transactionId, 'SUCCESS');
			await simulator.control.waitForIdle(30_000);
		} finally {
			simulator.control.setVariants({ notifications: 'off' });
		}
		const [notification] = simulator.control.notifications();
		expect(notification).toEqual(expect.objectContaining({ transactionId, status: 200 }));
		// What CinetPay posts carries no status: the trigger must have asked for it.
		expect(notification.body).not.toHaveProperty('status');
		expect(
			simulator.control
				.requests()
				.filter((r) => r.method === 'GET' && r.path === `/v1/transfer/${transactionId}`),
		).toHaveLength(1);

		const [execution] = await n8n.api.waitForExecutions({
			workflowId: workflow.id,
			includeData: true,
			timeoutMs: 60_000,
		});
		expect(nodeOutput(execution, 'CinetPay Transfer Trigger')).toEqual([
			expect.objectContaining({
				transaction_id: transactionId,
				merchant_transaction_id: merchantId,
				status: 'VAL',
				verified: true,
				amount: 1500,
			}),
		]);
		await n8n.api.deactivateWorkflow(workflow.id);
	});

	it('the node description n8n serves: Platform list, Payment Method required on 2026, Contact → Add notice', async () => {
		const types = (await n8n.api.nodeTypes()) as unknown as NodeDescription[];
		const { properties } = types.find((t) => t.name === ACTION_TYPE)!;
		const platform = properties.find((p) => p.name === 'platform')!;
		expect(platform.options?.map((o) => [o.value, o.name]).sort()).toEqual([
			['2026', '2026 Platform (api.cinetpay.co)'],
			['v1', expect.stringMatching(/^Transfer API v1 \(client\.cinetpay\.com\)$/i)],
		]);
		const paymentMethods = properties.filter(
			(p) => p.name === 'paymentMethod' && p.displayOptions?.show?.platform?.includes('2026'),
		);
		expect(paymentMethods.map((p) => p.required)).toContain(true);
		expect(
			properties.some(
				(p) =>
					p.type === 'notice' &&
					CONTACT_NOT_NEEDED.test(p.displayName) &&
					p.displayOptions?.show?.platform?.includes('2026'),
			),
		).toBe(true);
	});

	// The editor itself on 2.41.1 (its selectors; 1.123's are older): what a person sees. n8n
	// treats a parameter that chooses between credentials as the node's auth field (as it does
	// `authentication`): the NDV does not list Platform; the credential dialog offers it at the
	// top, and picking a credential of either type sets it.
	const inBrowser = target === '2' && chromiumAvailable() ? it : it.skip;
	inBrowser(
		"the editor: Platform chosen in the credential dialog, then Payment Method required and Contact → Add's notice",
		async () => {
			let browser: Browser | undefined;
			let page: Page | undefined;
			try {
				browser = await launchBrowser();
				page = await newPage(browser);
				await signIn(page, n8n.baseUrl, undefined, '/workflow/new');
				await openNewWorkflow(page, n8n.baseUrl);
				await searchNode(page, 'CinetPay');
				await openNodeItem(page, 'CinetPay Transfer');
				await page
					.locator('[data-test-id=node-creator-item-name]', { hasText: 'Send a transfer' })
					.click();
				await page.locator('[data-test-id=ndv] [data-test-id=node-parameters]').waitFor();
				const dialog = await openNewCredentialDialog(page, 'CinetPay Transfer');

				// The Platform list: the credential dialog's mode selector, with both platforms.
				await dialog.locator('[data-test-id=credential-mode-dropdown-trigger]').click();
				const platforms = page
					.getByText(
						/^(2026 Platform \(api\.cinetpay\.co\)|Transfer API V1 \(client\.cinetpay\.com\))$/,
					)
					.filter({ visible: true });
				await platforms.first().waitFor();
				await screenshot(page, 'platform2026-credential-platforms');
				expect((await platforms.allInnerTexts()).map((t) => t.trim())).toEqual(
					expect.arrayContaining([
						'2026 Platform (api.cinetpay.co)',
						'Transfer API V1 (client.cinetpay.com)',
					]),
				);
				await platforms.filter({ hasText: '2026 Platform' }).last().click();
				await dialog.locator('[data-test-id=parameter-input-country]').waitFor();
				await dialog.locator('[data-test-id=parameter-input-apiKey] input').fill(CI.apiKey);
				await dialog.locator('[data-test-id=parameter-input-password] input').fill(CI.apiPassword);
				await dialog
					.locator('[data-test-id=parameter-input-baseUrl] input')
					.fill(simulator.baseUrl);
				await page
					.locator('[data-test-id=credential-save-button]')
					.filter({ visible: true })
					.first()
					.click();
				// Saving tests the credential (a login at the simulator); 2.41.1 may close the dialog then.
				const tested = page.getByText('Connection tested successfully').filter({ visible: true });
				const deadline = Date.now() + 60_000;
				while ((await tested.count()) === 0 && (await dialog.isVisible()) && Date.now() < deadline)
					await page.waitForTimeout(300);
				if (await dialog.isVisible()) await page.keyboard.press('Escape');
				await dialog.waitFor({ state: 'hidden' });

				// The node now talks to the 2026 platform: Payment Method shows, and n8n will not run the
				// node without it (the NDV marks no asterisk; a required parameter left empty is an issue).
				await screenshot(page, 'platform2026-send');
				const paymentMethod = (await parameterLabels(page)).find((l) =>
					l.startsWith('Payment Method'),
				);
				expect(paymentMethod).toBeDefined();
				const sendsBefore = simulator.control.stats().transfers;
				await page.locator('[data-test-id=ndv] [data-test-id=node-execute-button]').click();
				const required = page
					.getByText(new RegExp(`${paymentMethod}.*required`, 'i'))
					.filter({ visible: true });
				await required.first().waitFor({ timeout: 20_000 });
				await screenshot(page, 'platform2026-send-required');
				expect(simulator.control.stats().transfers).toBe(sendsBefore);

				await pickOption(page, 'resource', 'Contact');
				await page.locator('[data-test-id=ndv]').getByText(CONTACT_NOT_NEEDED).waitFor();
				await screenshot(page, 'platform2026-contact-add');
			} finally {
				if (page) await screenshot(page, 'platform2026-editor-last').catch(() => undefined);
				await browser?.close();
			}
		},
	);
});
