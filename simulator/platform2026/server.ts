/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * HTTP front of the 2026 simulator (its plumbing, serve.ts, is shared with v1): /__sim goes to the
 * control API (controlHttp.ts, as v1's), everything else through the API pipeline — request log,
 * in-flight counter, latency, faults — to Simulator2026Core.handle.
 */
import * as http from 'node:http';

import type { CallFault, CallKind } from '../callFaults';
import { CONTROL_PREFIX, ControlHttp } from '../controlHttp';
import { BodyTooLargeError, HTML_503, readBody, sendJson, sendText } from '../http';
import { createFrontServer, loggedRequest, type ApiRequestStart } from '../serve';
import { Simulator2026Core, isObject } from './core';
import type { Fault2026Kind, Request2026LogEntry, Simulator2026Control } from './types';

/** The same prefix as v1's. */
export const CONTROL_PREFIX_2026 = CONTROL_PREFIX;

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
	return createFrontServer(core.logger, core.requestLog, {
		control: (req, res, url) => CONTROL_HTTP_2026.handle(control, req, res, url),
		api: (req, res, start) => handleApi(core, req, res, start),
	});
}

async function handleApi(
	core: Simulator2026Core,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	start: ApiRequestStart,
): Promise<void> {
	const { method, path, query } = start;
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
			...loggedRequest(start, over.httpStatus),
			body: redactBody(json),
			...over,
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
		const callFault = core.callFaults.next(endpoint ? CALL_KIND_2026[endpoint] : null);
		const refusal = callFaultRefusal(core, callFault, endpoint);
		if (refusal) {
			const over = { token: null, account: null, fault: callFault.kind as Fault2026Kind };
			if (refusal.status === null) req.socket.destroy();
			else if (typeof refusal.body === 'string')
				sendText(res, refusal.status, 'text/html', refusal.body);
			else sendJson(res, refusal.status, refusal.body, refusal.headers);
			log({ httpStatus: refusal.status, code: refusal.code, ...over });
			return;
		}
		if (callFault.kind === 'lateCommit')
			await core.callFaults.landLate(callFault.ms ?? 0, (ms) => core.delay(ms));
		// Throttled or forbidden: answered before processing, so nothing is created.
		const retryAfter = core.takeThrottle();
		if (retryAfter !== null) {
			const refused = core.error('TOO_MANY_REQUESTS', null, null, 'Too many requests');
			sendJson(res, 429, refused.body, retryAfter === '' ? {} : { 'retry-after': retryAfter });
			log({ httpStatus: 429, code: 429, token: null, account: null, fault: 'throttled' });
			return;
		}
		if (endpoint !== 'login' && core.take('forbiddenNext')) {
			const refused = core.error('FORBIDDEN', null, null, 'Forbidden');
			sendJson(res, 403, refused.body);
			log({ httpStatus: 403, code: 403, token: null, account: null, fault: 'forbidden' });
			return;
		}
		const authorization = req.headers.authorization;
		// Faults strike the next sends that carry a valid token: a refused token does not use one up.
		const arrivalAuth = core.accountOfToken(authorization);
		const isSend = endpoint === 'send' && arrivalAuth !== 'rejected';
		let fault: Fault2026Kind | undefined =
			callFault.kind === 'lateCommit' ? 'lateCommit' : undefined;
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
		if (callFault.kind === 'serverErrorAfterCommit') {
			fault = 'serverErrorAfterCommit';
			status = 500;
			body = { code: 500, status: 'INTERNAL_SERVER_ERROR', message: 'Server Error' };
		} else if (serverError) {
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
		const code =
			serverError || fault === 'serverErrorAfterCommit'
				? html
					? null
					: 500
				: (answer?.code ?? null);
		if (callFault.kind === 'lostAfterCommit' || (isSend && core.take('dropAfterNextSend'))) {
			const lost = callFault.kind === 'lostAfterCommit' ? 'lostAfterCommit' : 'drop';
			log({ httpStatus: null, code, ...tokenInfo, fault: lost });
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

/** The calls per-call faults are drawn for (../callFaults.ts); the balance has none. */
const CALL_KIND_2026: Record<'login' | 'balance' | 'send' | 'get' | 'lookup', CallKind | null> = {
	login: 'login',
	send: 'send',
	get: 'lookup',
	lookup: 'lookup',
	balance: null,
};

/** A per-call fault that answers without processing the call: its answer, in 2026's words. */
function callFaultRefusal(
	core: Simulator2026Core,
	fault: CallFault,
	endpoint: string | null,
): {
	status: number | null;
	body: unknown;
	code: number | null;
	headers?: Record<string, string>;
} | null {
	const answer = (kind: Parameters<Simulator2026Core['error']>[0], message: string) => {
		const { status, body, code } = core.error(kind, null, null, message);
		return { status, body, code };
	};
	switch (fault.kind) {
		case 'lostBeforeCommit':
			return { status: null, body: null, code: null };
		case 'refused':
			// A send refused for the balance (2005, HTTP 200): nothing created. A login refused.
			return endpoint === 'send'
				? answer('INSUFFICIENT_BALANCE', 'Insufficient balance')
				: answer('UNAUTHORIZED', 'Invalid api_key or api_password');
		case 'tokenRefused': {
			if (fault.token === 'http401' || fault.token === undefined)
				return answer('UNAUTHORIZED', 'Invalid or expired token');
			// The statuses CinetPay's PHP SDK renews on; their codes are a guess (1003, 1004).
			const expired = fault.token === 'bodyExpired';
			return {
				status: 200,
				body: {
					code: expired ? 1003 : 1004,
					status: expired ? 'EXPIRED_TOKEN' : 'INVALID_TOKEN',
					message: expired ? 'Token expired' : 'Invalid token',
				},
				code: expired ? 1003 : 1004,
			};
		}
		case 'notFound':
			return answer('NOT_FOUND', 'Transaction not found');
		case 'throttled':
			return {
				status: 429,
				body: { code: 429, status: 'TOO_MANY_REQUESTS', message: 'Too many requests' },
				code: 429,
				headers: { 'retry-after': String(fault.retryAfter ?? 0) },
			};
		case 'forbidden':
			return {
				status: 403,
				body: '<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>\n',
				code: null,
			};
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Control API

/** The 2026 simulator's own control routes; those it shares with v1 are in controlHttp.ts. */
const CONTROL_HTTP_2026 = new ControlHttp<Simulator2026Control>(
	{
		'POST /transfers/:id/settle': [
			'force a final status {status: SUCCESS|FAILED|EXPIRED}',
			(c, id, b) => c.settle(id, b.status as 'SUCCESS'),
		],
		'POST /faults': ['inject faults', (c, _id, b) => c.injectFaults(b)],
		'GET /balances': ['every account balance', (c) => c.balances()],
		'POST /balances': [
			'set one account available balance {country, available}',
			(c, _id, b) => c.setBalance(String(b.country), Number(b.available)),
		],
	},
	(routes) => ({ platform: '2026', routes }),
);
