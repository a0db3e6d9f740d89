/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Helpers for the simulator's own tests: a tiny CinetPay client over fetch, and a loopback
 * receiver for notifications. Not a test file itself (no .test.ts).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	DEMO_API_KEY,
	DEMO_PASSWORD,
	startSimulator,
	type RunningSimulator,
	type SimulatorOptions,
} from '../../simulator';

export const PATHS = {
	login: '/v1/auth/login',
	balance: '/v1/transfer/check/balance',
	contact: '/v1/transfer/contact',
	send: '/v1/transfer/money/send/contact',
	check: '/v1/transfer/check/money',
} as const;

export interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	text: string;
	contentType: string;
}

export function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	return startSimulator({ quiet: true, ...options });
}

export interface SimulatorPerFile {
	sim: RunningSimulator;
	client: Client;
}

/**
 * The hooks every simulator test file needs: one simulator for the file, reset before each test,
 * with a fresh client (logged in and with `contacts` added, unless told otherwise). Read `sim` and
 * `client` from the returned object inside tests: they are set by the hooks.
 */
export function simulatorPerFile(
	setup: {
		options?: SimulatorOptions;
		login?: boolean;
		contacts?: Array<Record<string, string>>;
		/** Empty the request log after the set-up calls. */
		clearRequests?: boolean;
	} = {},
): SimulatorPerFile {
	const env = {} as SimulatorPerFile;
	beforeAll(async () => {
		env.sim = await start(setup.options);
	});
	afterAll(() => env.sim.close());
	beforeEach(async () => {
		env.sim.control.reset();
		env.client = new Client(env.sim.baseUrl);
		if (setup.login === false) return;
		await env.client.login();
		if (setup.contacts?.length) await env.client.addContacts(setup.contacts);
		if (setup.clearRequests) env.sim.control.clearRequests();
	});
	return env;
}

export class Client {
	token = '';

	constructor(readonly baseUrl: string) {}

	async request(
		method: 'GET' | 'POST',
		path: string,
		query: Record<string, string> = {},
		form?: Record<string, string>,
	): Promise<Answer> {
		const url = new URL(path, this.baseUrl);
		for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
		const res = await fetch(url, {
			method,
			body: form ? new URLSearchParams(form) : undefined,
		});
		const text = await res.text();
		let body: unknown = undefined;
		try {
			body = JSON.parse(text);
		} catch {
			body = undefined;
		}
		return { status: res.status, body, text, contentType: res.headers.get('content-type') ?? '' };
	}

	async login(apikey = DEMO_API_KEY, password = DEMO_PASSWORD, lang?: string): Promise<Answer> {
		const answer = await this.request('POST', PATHS.login, lang ? { lang } : {}, {
			apikey,
			password,
		});
		if (answer.body?.data?.token) this.token = answer.body.data.token;
		return answer;
	}

	get(path: string, query: Record<string, string> = {}): Promise<Answer> {
		return this.request('GET', path, { token: this.token, ...query });
	}

	post(
		path: string,
		form: Record<string, string>,
		query: Record<string, string> = {},
	): Promise<Answer> {
		return this.request('POST', path, { token: this.token, ...query }, form);
	}

	addContacts(contacts: unknown[], query: Record<string, string> = {}): Promise<Answer> {
		return this.post(PATHS.contact, { data: JSON.stringify(contacts) }, query);
	}

	send(transfers: unknown[], query: Record<string, string> = {}): Promise<Answer> {
		return this.post(PATHS.send, { data: JSON.stringify(transfers) }, query);
	}

	balance(): Promise<Answer> {
		return this.get(PATHS.balance);
	}

	check(query: Record<string, string>): Promise<Answer> {
		return this.get(PATHS.check, query);
	}
}

export function contact(prefix: string, phone: string, name = 'Kouassi'): Record<string, string> {
	return { prefix, phone, name, surname: 'Test', email: `${phone}@example.test` };
}

export function transfer(
	prefix: string,
	phone: string,
	amount: number | string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return { prefix, phone, amount, notify_url: 'http://127.0.0.1:9/notify', ...extra };
}

/** Items of a contact-add or send answer, whatever the nesting. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function items(answer: Answer): any[] {
	const data = answer.body.data;
	return Array.isArray(data[0]) ? data[0] : data;
}

export interface Received {
	method: string;
	path: string;
	contentType: string;
	body: string;
	fields: Record<string, string>;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** Resolves once `n` requests have arrived. */
	waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
	close(): Promise<void>;
}

/** A loopback HTTP server that records every request and answers 200. */
export async function startReceiver(status = 200): Promise<Receiver> {
	const received: Received[] = [];
	let waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const fields: Record<string, string> = {};
			new URLSearchParams(body).forEach((v, k) => (fields[k] = v));
			received.push({
				method: req.method ?? '',
				path: req.url ?? '',
				contentType: req.headers['content-type'] ?? '',
				body,
				fields,
			});
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end('ok');
			const w = waiters;
			waiters = [];
			w.forEach((f) => f());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/cinetpay/notify`,
		received,
		waitFor(n, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const deadline = setTimeout(
					() => reject(new Error(`received ${received.length}/${n} requests`)),
					timeoutMs,
				);
				const check = () => {
					if (received.length >= n) {
						clearTimeout(deadline);
						resolve(received.slice());
					} else waiters.push(check);
				};
				check();
			});
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

/** A fetch Response's JSON, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function jsonOf(res: Response): Promise<any> {
	return res.json();
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The values `key` reads from each entry, sorted: for lists whose order is not the point. */
export function sortedValues<T, V>(list: readonly T[], key: (entry: T) => V): V[] {
	return list.map(key).sort();
}
