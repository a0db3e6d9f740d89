/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The HTTP plumbing both simulators (v1 and the 2026 platform) share: one server that sends
 * /__sim to the control API and everything else to the API, a last word for a handler that
 * throws, and listening and closing without leaving a handle behind.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CONTROL_PREFIX } from './controlHttp';
import type { LoggedRequest } from './controlTypes';
import { pairsToRecord, sendJson } from './http';
import type { Logger } from './logger';
import type { RequestLog } from './requestLog';

export type RequestHandler = (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
) => Promise<void>;

export function parseUrl(req: http.IncomingMessage): URL {
	try {
		return new URL(req.url ?? '/', 'http://simulator.invalid');
	} catch {
		return new URL('/', 'http://simulator.invalid');
	}
}

export function isControlPath(path: string): boolean {
	return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** An API request, counted in the request log from its arrival. */
export type ApiHandler = (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	start: ApiRequestStart,
) => Promise<void>;

type CountedLog = Pick<RequestLog<unknown>, 'begin' | 'end'>;

export function createFrontServer(
	logger: Logger,
	requestLog: CountedLog,
	handlers: { control: RequestHandler; api: ApiHandler },
): http.Server {
	return http.createServer((req, res) => {
		const url = parseUrl(req);
		const handling = isControlPath(url.pathname)
			? handlers.control(req, res, url)
			: handlers.api(req, res, beginApiRequest(requestLog, req, res, url));
		handling.catch((err) => {
			logger.warn(`internal error on ${req.method} ${url.pathname}: ${String(err)}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'internal simulator error' });
			else res.destroy();
		});
	});
}

/** What the API handlers of both simulators count and log for each request. */
export interface ApiRequestStart {
	started: number;
	seq: number;
	method: string;
	path: string;
	query: Record<string, string>;
}

/** Counts an API request in the log's counters; it leaves the in-flight count when it ends. */
export function beginApiRequest(
	requestLog: CountedLog,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
): ApiRequestStart {
	const started = Date.now();
	const seq = requestLog.begin();
	// 'close' fires once the answer is sent, or when the socket dies first: the in-flight count
	// always comes back down.
	res.on('close', () => requestLog.end());
	const query = pairsToRecord(url.searchParams);
	return { started, seq, method: req.method ?? 'GET', path: url.pathname, query };
}

/** The fields both request logs share, with the duration until now. */
export function loggedRequest(
	{ started, seq, method, path, query }: ApiRequestStart,
	httpStatus: number | null,
): LoggedRequest {
	const at = new Date(started).toISOString();
	return { seq, at, method, path, query, httpStatus, durationMs: Date.now() - started };
}

export interface RunningServer {
	/** e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	port: number;
	/** Stops the core (timers, notifications) and the server; leaves no handle behind. */
	close(): Promise<void>;
}

/** Listens on host:port (0 = a free port); `stopCore` runs on close, and if listening fails. */
export async function listen(
	server: http.Server,
	options: { host?: string; port?: number },
	stopCore: () => void,
): Promise<RunningServer> {
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error) => {
			stopCore();
			reject(err);
		};
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});

	const port = (server.address() as AddressInfo).port;
	const urlHost = host.includes(':') ? `[${host}]` : host;
	let closing: Promise<void> | null = null;
	return {
		baseUrl: `http://${urlHost}:${port}`,
		port,
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				stopCore();
				server.close(() => resolve());
				// Keep-alive sockets (and requests parked in latency/slow delays) would hold close().
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
