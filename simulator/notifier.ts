/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Outgoing notifications to the transfers' notify_url.
 *
 * - Asynchronous: enqueueing never delays the API answer that caused it.
 * - In order per transfer: one transfer's notifications are delivered one after the other, while
 *   different transfers are delivered concurrently (bounded, so thousands of transfers do not open
 *   thousands of sockets at once).
 * - A GET "reachability ping" precedes the first POST to each notify_url [field].
 * - SAFETY: only loopback hosts are ever contacted. The check is on the URL's literal host (no DNS
 *   lookup), so a name that merely resolves to 127.0.0.1 is skipped too: a developer's simulator
 *   must never be turned into a tool that POSTs to third-party servers.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { SimulatorError } from './errors';
import type { Logger } from './logger';
import type { NotificationLogEntry } from './types';

interface Job {
	transactionId: string;
	url: string;
	fields: Record<string, string>;
	generation: number;
}

export interface NotifierOptions {
	/** Read at delivery time, so setVariants({ notifyRepeat }) applies to queued notifications. */
	repeat: () => number;
	/** on, off (nothing sent, logged as skipped), or newestFirst (a transfer's newest pending first). */
	mode?: () => 'on' | 'off' | 'newestFirst';
	/** How long a transfer's notifications wait (from the first of them) before they may be delivered. */
	delayMs?: () => number;
	/** Times a POST answered non-2xx (or not at all) is sent again. */
	retries?: () => number;
	logger: Logger;
	concurrency?: number;
	timeoutMs?: number;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
	if (host === 'localhost' || host === '::1') return true;
	// The WHATWG URL parser already normalised forms like "127.1" or "0x7f.0.0.1" to dotted quads.
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export const NOT_LOOPBACK = 'skipped: not loopback';
export const NOTIFICATIONS_OFF = 'skipped: notifications off';

/** Pause before the n-th resend of a POST answered non-2xx. */
const RETRY_BASE_MS = 500;

export class Notifier {
	private readonly log: NotificationLogEntry[] = [];
	private seq = 0;
	private sent = 0;
	/** Pending jobs per transfer. */
	private readonly queues = new Map<string, Job[]>();
	/** Transfers with pending jobs and nothing in flight, in FIFO order (head index avoids shift()). */
	private ready: string[] = [];
	private readyHead = 0;
	/** Transfers with a job in flight. */
	private readonly busy = new Set<string>();
	private queued = 0;
	private active = 0;
	private readonly pings = new Map<string, Promise<void>>();
	private readonly requests = new Set<http.ClientRequest>();
	private idleWaiters: Array<() => void> = [];
	/** Bumped by reset(): completions of older jobs must not touch the new state. */
	private generation = 0;
	private pumpScheduled: NodeJS.Immediate | null = null;
	private closed = false;
	private readonly concurrency: number;
	private readonly timeoutMs: number;
	private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
	// Loopback HTTPS receivers in development use self-signed certificates.
	private readonly httpsAgent = new https.Agent({
		keepAlive: true,
		maxSockets: 32,
		rejectUnauthorized: false,
	});

	constructor(private readonly options: NotifierOptions) {
		this.concurrency = options.concurrency ?? 16;
		this.timeoutMs = options.timeoutMs ?? 10_000;
	}

	enqueue(transactionId: string, url: string, fields: Record<string, string>): void {
		if (this.closed) return;
		const job: Job = { transactionId, url, fields, generation: this.generation };
		if (this.options.mode?.() === 'off') {
			this.record(job, {
				method: 'POST',
				attempt: 1,
				fields,
				error: NOTIFICATIONS_OFF,
				durationMs: 0,
			});
			return;
		}
		const delayMs = this.options.delayMs?.() ?? 0;
		if (delayMs <= 0) {
			this.queue(job);
			return;
		}
		// Counted as queued while it waits, so waitForIdle() waits for it too. A transfer's
		// notifications that come while one waits join it and are released with it, together: in
		// newestFirst mode the newest of them then goes first.
		this.queued++;
		const held = this.held.get(transactionId);
		if (held) {
			held.push(job);
			return;
		}
		const batch = [job];
		this.held.set(transactionId, batch);
		const timer = setTimeout(() => {
			this.delayed.delete(timer);
			if (this.held.get(transactionId) === batch) this.held.delete(transactionId);
			if (job.generation !== this.generation) return;
			for (const waiting of batch) {
				this.queued--;
				this.queue(waiting);
			}
		}, delayMs);
		this.delayed.add(timer);
	}

	private readonly delayed = new Set<NodeJS.Timeout>();
	/** Notifications waiting out notifyDelayMs, per transfer. */
	private readonly held = new Map<string, Job[]>();

	private queue(job: Job): void {
		const { transactionId } = job;
		let queue = this.queues.get(transactionId);
		if (!queue) {
			queue = [];
			this.queues.set(transactionId, queue);
		}
		queue.push(job);
		this.queued++;
		if (queue.length === 1 && !this.busy.has(transactionId)) this.ready.push(transactionId);
		this.schedulePump();
	}

	entries(): NotificationLogEntry[] {
		return this.log.map((e) => ({ ...e, fields: e.fields ? { ...e.fields } : null }));
	}

	sentCount(): number {
		return this.sent;
	}

	isIdle(): boolean {
		return this.queued === 0 && this.active === 0;
	}

	waitForIdle(timeoutMs = 10_000): Promise<void> {
		if (this.isIdle()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
				reject(new SimulatorError(504, `notifications still in flight after ${timeoutMs} ms`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				resolve();
			};
			this.idleWaiters.push(done);
		});
	}

	/** Drops queued notifications, aborts those in flight, forgets pings and the log. */
	reset(): void {
		this.generation++;
		for (const timer of this.delayed) clearTimeout(timer);
		this.delayed.clear();
		this.held.clear();
		this.queues.clear();
		this.ready = [];
		this.readyHead = 0;
		this.busy.clear();
		this.queued = 0;
		this.active = 0;
		this.pings.clear();
		for (const req of this.requests) req.destroy();
		this.requests.clear();
		this.log.length = 0;
		this.seq = 0;
		this.sent = 0;
		this.notifyIdle();
	}

	close(): void {
		this.closed = true;
		if (this.pumpScheduled) clearImmediate(this.pumpScheduled);
		this.pumpScheduled = null;
		this.reset();
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}

	private schedulePump(): void {
		if (this.pumpScheduled || this.closed) return;
		this.pumpScheduled = setImmediate(() => {
			this.pumpScheduled = null;
			this.pump();
		});
	}

	private pump(): void {
		while (this.active < this.concurrency && this.readyHead < this.ready.length) {
			const transactionId = this.ready[this.readyHead++];
			const queue = this.queues.get(transactionId);
			const job = this.options.mode?.() === 'newestFirst' ? queue?.pop() : queue?.shift();
			if (!queue || !job) continue;
			if (queue.length === 0) this.queues.delete(transactionId);
			this.queued--;
			this.active++;
			this.busy.add(transactionId);
			void this.deliver(job).then(() => this.finished(job));
		}
		if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
			this.ready = this.ready.slice(this.readyHead);
			this.readyHead = 0;
		}
	}

	private finished(job: Job): void {
		if (job.generation !== this.generation) return;
		this.active--;
		this.busy.delete(job.transactionId);
		if (this.queues.has(job.transactionId)) this.ready.push(job.transactionId);
		this.pump();
		if (this.isIdle()) this.notifyIdle();
	}

	private notifyIdle(): void {
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const w of waiters) w();
	}

	/** Never rejects: every outcome ends up in the log. */
	private async deliver(job: Job): Promise<void> {
		let url: URL | null = null;
		try {
			url = new URL(job.url);
		} catch {
			url = null;
		}
		if (!url || !/^https?:$/.test(url.protocol) || !isLoopbackHost(url.hostname)) {
			this.record(job, {
				method: 'POST',
				attempt: 1,
				fields: job.fields,
				error: NOT_LOOPBACK,
				durationMs: 0,
			});
			return;
		}
		await this.ping(job, url);
		const body = new URLSearchParams(job.fields).toString();
		const repeat = Math.max(1, this.options.repeat());
		let resends = 0;
		for (let attempt = 1; attempt <= repeat; attempt++) {
			if (job.generation !== this.generation) return;
			const started = Date.now();
			try {
				const status = await this.call(url, 'POST', body);
				this.sent++;
				this.record(job, {
					method: 'POST',
					attempt,
					fields: job.fields,
					status,
					durationMs: Date.now() - started,
				});
				// A sender that retries: a non-2xx answer is delivered again, after a growing pause.
				if ((status < 200 || status > 299) && resends < (this.options.retries?.() ?? 0)) {
					await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 2 ** resends++));
					attempt--;
				}
			} catch (err) {
				if (job.generation !== this.generation) return;
				this.sent++;
				const error = err instanceof Error ? err.message : String(err);
				this.options.logger.warn(`notification to ${job.url} failed: ${error}`);
				this.record(job, {
					method: 'POST',
					attempt,
					fields: job.fields,
					error,
					durationMs: Date.now() - started,
				});
			}
		}
	}

	/** One GET per notify_url, shared by every transfer that uses it. */
	private ping(job: Job, url: URL): Promise<void> {
		let ping = this.pings.get(job.url);
		if (!ping) {
			const started = Date.now();
			ping = this.call(url, 'GET').then(
				(status) =>
					this.record(job, {
						method: 'GET',
						attempt: 1,
						fields: null,
						status,
						durationMs: Date.now() - started,
					}),
				(err) =>
					this.record(job, {
						method: 'GET',
						attempt: 1,
						fields: null,
						error: err instanceof Error ? err.message : String(err),
						durationMs: Date.now() - started,
					}),
			);
			this.pings.set(job.url, ping);
		}
		return ping;
	}

	private record(
		job: Job,
		entry: Omit<NotificationLogEntry, 'seq' | 'at' | 'transactionId' | 'url'>,
	): void {
		if (job.generation !== this.generation) return;
		this.log.push({
			seq: ++this.seq,
			at: new Date().toISOString(),
			transactionId: job.transactionId,
			url: job.url,
			...entry,
		});
	}

	private call(url: URL, method: 'GET' | 'POST', body?: string): Promise<number> {
		return new Promise<number>((resolve, reject) => {
			const isHttps = url.protocol === 'https:';
			const headers: Record<string, string | number> = { 'user-agent': 'CinetPay-Simulator/1' };
			if (body !== undefined) {
				headers['content-type'] = 'application/x-www-form-urlencoded';
				headers['content-length'] = Buffer.byteLength(body);
			}
			const req = (isHttps ? https : http).request(
				url,
				{
					method,
					headers,
					agent: isHttps ? this.httpsAgent : this.httpAgent,
					timeout: this.timeoutMs,
				},
				(res) => {
					res.on('end', () => resolve(res.statusCode ?? 0));
					res.on('error', reject);
					res.on('close', () => {
						if (!res.complete) reject(new Error('response interrupted'));
					});
					res.resume();
				},
			);
			this.requests.add(req);
			req.on('close', () => this.requests.delete(req));
			req.on('timeout', () => req.destroy(new Error(`timeout after ${this.timeoutMs} ms`)));
			req.on('error', reject);
			req.end(body);
		});
	}
}
