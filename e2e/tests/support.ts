/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- e2e test helpers: drive a real n8n and the simulator on 127.0.0.1, never published */
/**
 * What the e2e tests share: a started n8n with its owner, form posts and polling, a transfer made
 * straight through the simulator's API (not through n8n), and the nodes of hand-built workflows.
 */
import { randomUUID } from 'crypto';
import * as path from 'path';

import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import type { RunningSimulator } from '../../simulator';
import { e2eTarget } from '../global-setup';
import {
	sleep,
	startN8n,
	type N8nApi,
	type N8nInstance,
	type StartOptions,
	type WorkflowNode,
} from '../n8n';
import { ARTIFACTS, E2E_DIST } from '../paths';
import { CREDENTIAL_TYPE, CREDENTIAL_TYPE_2026 } from './examples';

export const MANUAL_TRIGGER = "When clicking 'Execute workflow'";

/**
 * n8n (the e2e target) with the package's dist, its owner set up and a public API key; its log
 * in e2e/artifacts/<logName>.n8n.log. `options` replace those defaults.
 */
export async function startN8nWithOwner(
	logName: string,
	options: Partial<StartOptions> = {},
): Promise<N8nInstance> {
	const n8n = await startN8n({
		version: e2eTarget(),
		customExtensionsDir: E2E_DIST,
		logFile: path.join(ARTIFACTS, `${logName}.n8n.log`),
		...options,
	});
	const seconds = (n8n.startupMs / 1000).toFixed(1);
	process.stderr.write(`[e2e] ${logName}: n8n ready in ${seconds} s at ${n8n.baseUrl}\n`);
	await n8n.api.setupOwner();
	await n8n.api.createApiKey();
	return n8n;
}

/**
 * n8n (with its owner, see startN8nWithOwner) and a simulator for the tests of one describe
 * block: started before them, stopped after them.
 */
export function n8nAndSimulatorPerBlock<Simulator extends { close(): Promise<void> }>(
	logName: string,
	startSimulator: () => Promise<Simulator>,
): { n8n: N8nInstance; simulator: Simulator } {
	const env = {} as { n8n: N8nInstance; simulator: Simulator };
	beforeAll(async () => {
		env.simulator = await startSimulator();
		env.n8n = await startN8nWithOwner(logName);
	});
	afterAll(async () => {
		await env.n8n?.stop();
		await env.simulator?.close();
	});
	return env;
}

/** Form POST, the way CinetPay (and the simulator) call a notify_url and the API. */
export async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
		signal: AbortSignal.timeout(30_000),
	});
}

/** Polls `check` until it holds, up to `timeoutMs`; returns whether it did. */
export async function eventually(
	check: () => Promise<boolean> | boolean,
	timeoutMs: number,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return true;
		if (Date.now() > deadline) return false;
		await sleep(300);
	}
}

/** The CinetPay credential's data for the simulator's demo account at `baseUrl`. */
export function demoCredentialData(baseUrl: string): Record<string, string> {
	return { apiKey: DEMO_API_KEY, password: DEMO_PASSWORD, baseUrl };
}

/** A CinetPay credential of the simulator's demo account at `baseUrl`, stored in n8n. */
export async function createDemoCredential(
	api: N8nApi,
	name: string,
	baseUrl: string,
): Promise<{ id: string; name: string }> {
	const { id } = await api.createCredential(CREDENTIAL_TYPE, name, demoCredentialData(baseUrl));
	return { id, name };
}

export interface DirectTransfer {
	prefix: string;
	phone: string;
	amount: number;
	/** The client_transaction_id. */
	id: string;
	notifyUrl: string;
	/** The contact's name, surname and e-mail. */
	contact: { name: string; surname: string; email: string };
}

/** A transfer made through the simulator's API with the demo account (login, contact, send). */
export async function payDirectly(sim: RunningSimulator, transfer: DirectTransfer): Promise<void> {
	const api = `${sim.baseUrl}/v1`;
	const login = await postForm(`${api}/auth/login`, {
		apikey: DEMO_API_KEY,
		password: DEMO_PASSWORD,
	});
	const token = ((await login.json()) as { data: { token: string } }).data.token;
	const { prefix, phone, amount, id, notifyUrl, contact } = transfer;
	await postForm(`${api}/transfer/contact?token=${token}`, {
		data: JSON.stringify([{ prefix, phone, ...contact }]),
	});
	await postForm(`${api}/transfer/money/send/contact?token=${token}`, {
		data: JSON.stringify([
			{ prefix, phone, amount, notify_url: notifyUrl, client_transaction_id: id },
		]),
	});
}

/** A CinetPay Transfer Trigger on the 2026 platform, at `webhookId`, with this credential. */
export function trigger2026Node(
	webhookId: string,
	credential: { id: string; name: string },
	options: Record<string, unknown> = {},
): WorkflowNode {
	return {
		id: randomUUID(),
		name: 'CinetPay Transfer Trigger',
		type: 'CUSTOM.cinetPayTransferTrigger',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { platform: '2026', statuses: ['VAL', 'REJ'], options },
		credentials: { [CREDENTIAL_TYPE_2026]: credential },
	};
}

export function manualTriggerNode(id: string): WorkflowNode {
	return {
		id,
		name: MANUAL_TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A Code node named "Receivers" that outputs these items. */
export function receiversNode(id: string, receivers: unknown[]): WorkflowNode {
	return {
		id,
		name: 'Receivers',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: `return ${JSON.stringify(receivers)}.map((json) => ({ json }));` },
	};
}

/** CinetPay Transfer → Send on its input items (auto-mapped), adding each receiver as a contact. */
export function sendNode(
	node: { id: string; name: string; position: [number, number] },
	credential: { id: string; name: string },
): WorkflowNode {
	return {
		...node,
		type: 'CUSTOM.cinetPayTransfer',
		typeVersion: 1,
		parameters: {
			resource: 'transfer',
			operation: 'send',
			dataMode: 'autoMapInputData',
			// Not a loopback URL: the simulator never calls it.
			notifyUrl: 'https://example.com/not-notified',
			options: { addContact: true },
		},
		credentials: { [CREDENTIAL_TYPE]: credential },
	};
}

/** `{ from: { main: [[{ node: to, … }]] } }` for each pair: the first output of each to the next. */
export function chain(...names: string[]): Record<string, unknown> {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
}
