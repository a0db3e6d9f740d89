/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Helpers for the 2026 simulator's tests: a tiny client over fetch, a loopback receiver for
 * notifications, and the per-file hooks. Not a test file itself.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	DEMO_ACCOUNTS_2026,
	startSimulator2026,
	type RunningSimulator2026,
	type Simulator2026Options,
} from '../../simulator/platform2026';

export interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export class Client2026 {
	token = '';

	constructor(
		readonly baseUrl: string,
		readonly account = DEMO_ACCOUNTS_2026[0],
	) {}

	async request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<Answer> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
				...(json !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: json !== undefined ? JSON.stringify(json) : undefined,
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// HTML pages stay text
		}
		return { status: response.status, body };
	}

	async login(
		apiKey = this.account.apiKey,
		apiPassword = this.account.apiPassword,
	): Promise<Answer> {
		const answer = await this.request('POST', '/v1/oauth/login', {
			api_key: apiKey,
			api_password: apiPassword,
		});
		if (answer.status === 200 && answer.body.access_token) this.token = answer.body.access_token;
		return answer;
	}

	send(fields: Record<string, unknown>): Promise<Answer> {
		return this.request('POST', '/v1/transfer', fields);
	}

	get(transactionId: string): Promise<Answer> {
		return this.request('GET', `/v1/transfer/${encodeURIComponent(transactionId)}`);
	}
}

let nextId = 0;

/** A valid send body for the CI demo account. */
export function ciTransfer(over: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		currency: 'XOF',
		payment_method: 'OM_CI',
		merchant_transaction_id: `T-${Date.now().toString(36)}-${++nextId}`,
		amount: 1000,
		phone_number: '+2250700000001',
		reason: 'test',
		...over,
	};
}

export interface Env2026 {
	sim: RunningSimulator2026;
	client: Client2026;
}

export function simulator2026PerFile(options: Simulator2026Options = {}, login = true): Env2026 {
	const env = {} as Env2026;
	beforeAll(async () => {
		env.sim = await startSimulator2026({ quiet: true, ...options });
	});
	afterAll(() => env.sim.close());
	beforeEach(async () => {
		env.sim.control.reset();
		env.client = new Client2026(env.sim.baseUrl);
		if (login) await env.client.login();
	});
	return env;
}

/** A loopback HTTP receiver that records JSON notifications with their headers. */
export async function startReceiver(): Promise<{
	url: string;
	received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}> {
	const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/notify`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
