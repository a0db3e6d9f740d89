/* eslint-disable @n8n/community-nodes/no-restricted-imports -- e2e test: drives a real n8n and the simulators on 127.0.0.1, never published */
/**
 * Two promises of the CinetPay Transfer Trigger in a real n8n, on 2.41.1 and then 1.123.81
 * (E2E_COMPAT=0 drops the 1.123 pass):
 *
 * - No true notification lost on the 2026 platform: one that arrives while CinetPay's status read
 *   still answers 404 (the 2026 simulator's readLagMs) is answered 503 and records nothing, so
 *   that CinetPay's next delivery, once the read caught up, starts the workflow.
 * - Exactly once across a restart: examples/transfer-status-notifications.json as shipped (the
 *   trigger, then n8n's Remove Duplicates on `idempotency_key`). A genuine VAL notification runs
 *   the action; n8n is restarted on the same database (the trigger's own memory is gone); the same
 *   notification delivered again starts an execution that stops at Remove Duplicates.
 */
import { randomUUID } from 'crypto';
import * as path from 'path';

import { startSimulator, TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
} from '../../simulator/platform2026';
import { compatTargets } from '../global-setup';
import { DEFAULT_OWNER, sleep, startN8n, type N8nInstance } from '../n8n';
import { ARTIFACTS, E2E_DIST } from '../paths';
import type { N8nTarget } from '../runtime';
import {
	createExample,
	credential2026Data,
	CREDENTIAL_TYPE,
	CREDENTIAL_TYPE_2026,
	EXAMPLES,
	node,
	nodeOutput,
	nodesRun,
	wiredExample,
} from './examples';
import { demoCredentialData, eventually, payDirectly, postForm, trigger2026Node } from './support';

const TARGETS: N8nTarget[] = compatTargets();
const [CI] = DEMO_ACCOUNTS_2026;
const TRIGGER = 'CinetPay status change';
const ACTION = 'Delivered: mark as paid';

async function startWithOwner(target: N8nTarget, logName: string, userFolder?: string): Promise<N8nInstance> {
	const n8n = await startN8n({
		version: target,
		customExtensionsDir: E2E_DIST,
		logFile: path.join(ARTIFACTS, `${logName}-${target}.n8n.log`),
		keepUserFolder: true,
		...(userFolder ? { env: { N8N_USER_FOLDER: userFolder } } : {}),
	});
	if (userFolder) await n8n.api.login(DEFAULT_OWNER.email, DEFAULT_OWNER.password);
	else await n8n.api.setupOwner();
	await n8n.api.createApiKey(`e2e-${randomUUID().slice(0, 8)}`);
	return n8n;
}

/** Waits until the production URL answers CinetPay's GET ping (a new route may 404 a moment). */
async function reachable(url: string): Promise<void> {
	const ok = await eventually(async () => (await fetch(url, { signal: AbortSignal.timeout(10_000) })).ok, 30_000);
	expect(ok).toBe(true);
}

describe.each(TARGETS)('notifications in real n8n (target %s)', (target) => {
	describe('2026: a read that lags loses no notification', () => {
		let n8n: N8nInstance;
		let simulator: RunningSimulator2026;

		beforeAll(async () => {
			simulator = await startSimulator2026({ port: 0 });
			n8n = await startWithOwner(target, 'notifications-lag');
		}, 240_000);
		afterAll(async () => {
			await n8n?.stop();
			await simulator?.close();
		});

		it('404 while the read lags: 503 and no execution; the next delivery after the lag starts once', async () => {
			const name = 'CinetPay 2026 (simulator)';
			const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE_2026, name, credential2026Data(CI, simulator.baseUrl));
			const webhookId = randomUUID();
			const workflow = await n8n.api.createWorkflow({
				name: 'Lagging 2026 notifications',
				nodes: [
					trigger2026Node(webhookId, { id, name }, { timeout: 1 }),
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			});
			await n8n.api.activateWorkflow(workflow.id);
			const url = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
			await reachable(url);

			const send = async (route: string, json: unknown, token?: string) =>
				(await (
					await fetch(`${simulator.baseUrl}${route}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
						body: JSON.stringify(json),
					})
				).json()) as Record<string, unknown>;
			const login = await send('/v1/oauth/login', { api_key: CI.apiKey, api_password: CI.apiPassword });
			const merchantId = `lag-${randomUUID().slice(0, 8)}`;
			const sent = await send(
				'/v1/transfer',
				{ currency: 'XOF', payment_method: 'OM_CI', merchant_transaction_id: merchantId, amount: 1500, phone_number: TEST_NUMBERS_2026.CI.succeeds.phone, reason: 'e2e' },
				String(login.access_token),
			);
			const transactionId = String(sent.transaction_id);
			simulator.control.setVariants({ readLagMs: 4_000 });
			simulator.control.settle(transactionId, 'SUCCESS');
			const body = { notify_token: 'e2e-token', merchant_transaction_id: merchantId, transaction_id: transactionId, user: { name: 'e2e' } };
			const post = async () =>
				await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });

			expect((await post()).status).toBe(503);
			const looked = simulator.control.requests().filter((r) => r.method === 'GET' && r.path === `/v1/transfer/${transactionId}`);
			expect(looked.length).toBeGreaterThan(1);
			expect(looked.every((r) => r.httpStatus === 404)).toBe(true);
			expect(await n8n.api.listExecutions({ workflowId: workflow.id })).toHaveLength(0);

			await sleep(4_200);
			expect((await post()).status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions({ workflowId: workflow.id, includeData: true, timeoutMs: 60_000 });
			expect(nodeOutput(execution, 'CinetPay Transfer Trigger')).toEqual([
				expect.objectContaining({ transaction_id: transactionId, merchant_transaction_id: merchantId, treatment_status: 'VAL', idempotency_key: `${transactionId}:VAL` }),
			]);
		}, 120_000);
	});

	describe('exactly once across a restart of n8n: the example with Remove Duplicates', () => {
		let simulator: RunningSimulator;
		let n8n: N8nInstance | undefined;

		beforeAll(async () => {
			simulator = await startSimulator({ port: 0, variants: { autoConfirm: true, stepMs: 0 } });
		});
		afterAll(async () => {
			await n8n?.stop();
			await simulator?.close();
		});

		it('the same VAL notification after a restart: the trigger forgot it, Remove Duplicates stops it before the action', async () => {
			n8n = await startWithOwner(target, 'notifications-restart');
			const userFolder = n8n.userFolder;
			const name = 'CinetPay (simulator)';
			const { id } = await n8n.api.createCredential(CREDENTIAL_TYPE, name, demoCredentialData(simulator.baseUrl));
			const example = wiredExample(EXAMPLES.notifications, { id, name });
			const workflow = await createExample(n8n.api, example);
			await n8n.api.activateWorkflow(workflow.id);
			const path2url = (instance: N8nInstance) => `${instance.baseUrl}/webhook/${node(example, TRIGGER).webhookId}/webhook`;
			await reachable(path2url(n8n));

			const ok = TEST_NUMBERS.CI.succeeds;
			await payDirectly(simulator, {
				prefix: ok.prefix,
				phone: ok.phone,
				amount: 2500,
				id: `once-${randomUUID().slice(0, 8)}`,
				notifyUrl: path2url(n8n),
				contact: { name: 'Once', surname: 'Across', email: 'once@example.com' },
			});
			simulator.control.advance();
			await simulator.control.waitForIdle(30_000);
			simulator.control.advance();
			await simulator.control.waitForIdle(30_000);
			const val = simulator.control.notifications().find((entry) => entry.fields?.treatment_status === 'VAL');
			expect(val?.status).toBe(200);
			const [first] = await n8n.api.waitForExecutions({ workflowId: workflow.id, includeData: true, timeoutMs: 60_000 });
			expect(nodeOutput(first, ACTION)).toHaveLength(1);

			await n8n.stop();
			n8n = await startWithOwner(target, 'notifications-restart-2', userFolder);
			await reachable(path2url(n8n));
			const again = await postForm(path2url(n8n), val!.fields as Record<string, string>);
			expect(again.status).toBe(200);
			const executions = await n8n.api.waitForExecutions({ workflowId: workflow.id, count: 2, includeData: true, timeoutMs: 60_000 });
			const second = executions.find((execution) => execution.id !== first.id)!;
			// The restarted trigger started again (its memory is per process) …
			expect(nodeOutput(second, TRIGGER)).toEqual([expect.objectContaining({ idempotency_key: `${val!.transactionId}:VAL` })]);
			// … and Remove Duplicates, in n8n's database, kept it from the action.
			expect(nodeOutput(second, 'Once per transfer and status')).toEqual([]);
			expect(nodesRun(second)).not.toContain(ACTION);
		}, 300_000);
	});
});
