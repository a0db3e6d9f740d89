/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * HTTP front of the 2026 simulator: /__sim goes to the control API (the same routes and style as
 * v1's), everything else through the API pipeline — request log, in-flight counter, latency,
 * faults — to Simulator2026Core.handle.
 */
import * as http from 'node:http';

import { SimulatorError } from '../errors';
import { BodyTooLargeError, HTML_503, pairsToRecord, readBody, sendJson, sendText } from '../http';
import { Simulator2026Core, isObject } from './core';
import type { Fault2026Kind, Request2026LogEntry, Simulator2026Control } from './types';

export const CONTROL_PREFIX_2026 = '/__sim';

const SECRET_FIELDS = new Set(['api_key', 'api_password']);

function redactBody(json: unknown): unknown {
	if (!isObject(json)) return json ?? null;
	return Object.fromEntries(
		Object.entries(json).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '<redacted>' : v]),
	);
}

export function createSimulator2026Server(
	core: Simulator2026Core,
	control: Simulator2026Control,
): http.Server {
	return http.createServer((req, res) => {
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://simulator.invalid');
		} catch {
			url = new URL('/', 'http://simulator.invalid');
		}
		const isControl =
			url.pathname === CONTROL_PREFIX_2026 || url.pathname.startsWith(`${CONTROL_PREFIX_2026}/`);
		const handler = isControl
			? handleControl(control, req, res, url)
			: handleApi(core, req, res, url);
		handler.catch((err) => {
			core.logger.warn(`internal error on ${req.method} ${url.pathname}: ${String(err)}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'internal simulator error' });
			else res.destroy();
		});
	});
}

async function handleApi(
	core: Simulator2026Core,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
): Promise<void> {
	const started = Date.now();
	const seq = core.requestLog.begin();
	res.on('close', () => core.requestLog.end());
	const method = req.method ?? 'GET';
	const path = url.pathname;
	const query = pairsToRecord(url.searchParams);
	let json: unknown;
	try {
		const raw = (await readBody(req)).toString('utf8');
		if (raw !== '') {
			try {
				json = JSON.parse(raw);
			} catch {
				json = undefined;
			}
		}
	} catch (err) {
		if (!(err instanceof BodyTooLargeError)) throw err;
		sendJson(res, 413, { code: 413, status: 'PAYLOAD_TOO_LARGE' }, { connection: 'close' });
		return;
	}
	const log = (
		over: Pick<Request2026LogEntry, 'httpStatus' | 'code' | 'token' | 'account' | 'fault'>,
	) => {
		const entry: Request2026LogEntry = {
			seq,
			at: new Date(started).toISOString(),
			method,
			path,
			query,
			body: redactBody(json),
			...over,
			durationMs: Date.now() - started,
		};
		if (!entry.fault) delete entry.fault;
		core.requestLog.record(entry);
		core.logger.info(
			`${method} ${path} → ${entry.httpStatus ?? 'dropped'}${entry.code !== null ? ` code=${entry.code}` : ''}${entry.fault ? ` [fault: ${entry.fault}]` : ''}`,
		);
	};

	core.beginProcessing();
	try {
		await core.delay(core.variants.latencyMs);
		if (core.take('http5xxNext')) {
			// Not processed: a gateway answered for an upstream that never saw the call.
			sendText(res, 503, 'text/html', HTML_503);
			log({ httpStatus: 503, code: null, token: null, account: null, fault: 'http5xx' });
			return;
		}
		const endpoint = Simulator2026Core.endpointOf(method, path);
		const authorization = req.headers.authorization;
		// Faults strike the next sends that carry a valid token: a refused token does not use one up.
		const arrivalAuth = core.accountOfToken(authorization);
		const isSend = endpoint === 'send' && arrivalAuth !== 'rejected';
		let fault: Fault2026Kind | undefined;
		if (isSend && core.take('dropBeforeNextSend')) {
			log({ httpStatus: null, code: null, token: null, account: null, fault: 'dropBefore' });
			req.socket.destroy();
			return;
		}
		const lateMs = isSend ? core.takeDelay('lateCommitNextSend') : 0;
		if (lateMs > 0) {
			fault = 'lateCommit';
			await core.delay(lateMs);
		}
		const serverError = isSend ? core.takeServerError() : null;
		// A late commit was accepted when it arrived: its token is not checked again after the wait.
		const answer =
			serverError && !serverError.committed
				? null
				: core.handle({ method, path, query, authorization, json }, arrivalAuth);
		let status = answer?.status ?? 0;
		let body: unknown = answer?.body;
		let html = false;
		if (serverError) {
			fault = 'serverError';
			status = serverError.status;
			if (serverError.body === 'json') {
				body = { code: 500, status: 'INTERNAL_SERVER_ERROR', message: 'Server Error' };
			} else {
				html = true;
				body = `<!DOCTYPE html>\n<html><head><title>${status}</title></head><body><center><h1>${status} ${http.STATUS_CODES[status] ?? ''}</h1></center><hr><center>nginx</center></body></html>\n`;
			}
		}
		const slowMs = core.takeDelay('slowNextMs');
		if (slowMs > 0) {
			fault ??= 'slow';
			await core.delay(slowMs);
		}
		const tokenInfo = {
			token: answer?.tokenNumber ? `<redacted:${answer.tokenNumber}>` : null,
			account: answer?.account?.country.iso ?? null,
		};
		const code = serverError ? (html ? null : 500) : (answer?.code ?? null);
		if (isSend && core.take('dropAfterNextSend')) {
			log({ httpStatus: null, code, ...tokenInfo, fault: 'drop' });
			req.socket.destroy();
			return;
		}
		if (res.destroyed || req.socket.destroyed) {
			log({ httpStatus: null, code, ...tokenInfo, fault });
			return;
		}
		if (html) sendText(res, status, 'text/html', String(body));
		else sendJson(res, status, body);
		log({ httpStatus: status, code, ...tokenInfo, fault });
	} finally {
		core.endProcessing();
	}
}

// ---------------------------------------------------------------------------------------------
// Control API

interface ControlRoute {
	method: 'GET' | 'POST' | 'DELETE';
	/** After /__sim; ":id" matches one segment. */
	path: string;
	description: string;
	run: (c: Simulator2026Control, id: string, body: Record<string, unknown>) => unknown;
}

const CONTROL_ROUTES: readonly ControlRoute[] = [
	{ method: 'GET', path: '', description: 'this index', run: () => controlIndex() },
	{
		method: 'GET',
		path: '/requests',
		description: 'API request log (secrets redacted)',
		run: (c) => c.requests(),
	},
	{
		method: 'DELETE',
		path: '/requests',
		description: 'clear the request log and counters',
		run: (c) => (c.clearRequests(), { ok: true }),
	},
	{ method: 'GET', path: '/stats', description: 'counters', run: (c) => c.stats() },
	{
		method: 'GET',
		path: '/transfers',
		description: 'all transfers, full state',
		run: (c) => c.transfers(),
	},
	{
		method: 'GET',
		path: '/transfers/:id',
		description: 'one transfer',
		run: (c, id) => c.transfer(id) ?? fail(404, `no transfer ${id}`),
	},
	{
		method: 'POST',
		path: '/advance',
		description: 'every non-final transfer one step',
		run: (c) => c.advance(),
	},
	{
		method: 'POST',
		path: '/transfers/:id/advance',
		description: 'one transfer one step',
		run: (c, id) => c.advance(id),
	},
	{
		method: 'POST',
		path: '/transfers/:id/settle',
		description: 'force a final status {status: SUCCESS|FAILED|EXPIRED}',
		run: (c, id, b) => c.settle(id, b.status as 'SUCCESS'),
	},
	{
		method: 'POST',
		path: '/tokens/expire',
		description: 'every issued token is expired',
		run: (c) => ({ affected: c.expireTokens() }),
	},
	{
		method: 'POST',
		path: '/tokens/invalidate',
		description: 'every issued token is unknown',
		run: (c) => ({ affected: c.invalidateTokens() }),
	},
	{ method: 'GET', path: '/variants', description: 'current variants', run: (c) => c.variants() },
	{
		method: 'POST',
		path: '/variants',
		description: 'set variants (partial)',
		run: (c, _id, b) => c.setVariants(b),
	},
	{ method: 'GET', path: '/faults', description: 'pending faults', run: (c) => c.faults() },
	{
		method: 'POST',
		path: '/faults',
		description: 'inject faults',
		run: (c, _id, b) => c.injectFaults(b),
	},
	{
		method: 'GET',
		path: '/notifications',
		description: 'notification log',
		run: (c) => c.notifications(),
	},
	{
		method: 'GET',
		path: '/balances',
		description: 'every account balance',
		run: (c) => c.balances(),
	},
	{
		method: 'POST',
		path: '/balances',
		description: 'set one account available balance {country, available}',
		run: (c, _id, b) => c.setBalance(String(b.country), Number(b.available)),
	},
	{
		method: 'POST',
		path: '/reset',
		description: 'back to the start state',
		run: (c) => (c.reset(), { ok: true }),
	},
	{
		method: 'POST',
		path: '/wait-for-idle',
		description: 'resolves when no notification is queued or in flight',
		run: async (c, _id, b) => (await c.waitForIdle(Number(b.timeoutMs) || undefined), { ok: true }),
	},
	{
		method: 'POST',
		path: '/wait-for-api-idle',
		description: 'resolves when no API request is being processed',
		run: async (c, _id, b) => (
			await c.waitForApiIdle(Number(b.timeoutMs) || undefined),
			{ ok: true }
		),
	},
];

function fail(status: number, message: string): never {
	throw new SimulatorError(status, message);
}

function controlIndex() {
	return {
		platform: '2026',
		routes: CONTROL_ROUTES.map((r) => ({
			method: r.method,
			path: `${CONTROL_PREFIX_2026}${r.path}`,
			description: r.description,
		})),
	};
}

async function handleControl(
	control: Simulator2026Control,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
): Promise<void> {
	const raw = (await readBody(req)).toString('utf8');
	const rest = url.pathname.slice(CONTROL_PREFIX_2026.length).replace(/\/+$/, '');
	let id = '';
	const route = CONTROL_ROUTES.find((r) => {
		if (r.method !== req.method) return false;
		const pattern = new RegExp(`^${r.path.replace(':id', '([^/]+)')}$`);
		const match = pattern.exec(rest);
		if (match) id = decodeURIComponent(match[1] ?? '');
		return match !== null;
	});
	if (!route) {
		sendJson(res, 404, { error: `no control route ${req.method} ${url.pathname}` });
		return;
	}
	let body: Record<string, unknown> = {};
	if (raw.trim() !== '') {
		try {
			const parsed: unknown = JSON.parse(raw);
			if (isObject(parsed)) body = parsed;
		} catch {
			sendJson(res, 400, { error: 'body is not JSON' });
			return;
		}
	}
	try {
		sendJson(res, 200, (await route.run(control, id, body)) ?? { ok: true });
	} catch (error) {
		const status = error instanceof SimulatorError ? error.httpStatus : 500;
		sendJson(res, status, { error: (error as Error).message });
	}
}
