/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * HTTP front of the simulator: routes /__sim to the control API and everything else through the
 * API pipeline — request log, in-flight counter, latency, faults, Expect handling.
 */
import * as http from 'node:http';
import { handleApi, routeOf } from './api';
import { CODE } from './codes';
import { CONTROL_HTTP } from './control';
import type { SimulatorCore } from './core';
import { Envelope, langOf } from './envelope';
import {
	BodyTooLargeError,
	HTML_417,
	HTML_503,
	parseForm,
	readBody,
	sendJson,
	sendText,
} from './http';
import type { CallFault, CallKind } from './callFaults';
import { redactBody, redactQuery } from './requestLog';
import {
	beginApiRequest,
	createFrontServer,
	isControlPath,
	loggedRequest,
	parseUrl,
	type ApiRequestStart,
} from './serve';
import type { FaultKind, PendingFaults, RequestLogEntry, SimulatorControl } from './types';

export function createSimulatorServer(core: SimulatorCore, control: SimulatorControl): http.Server {
	const server = createFrontServer(core.logger, core.requestLog, {
		control: (req, res, url) => CONTROL_HTTP.handle(control, req, res, url),
		api: (req, res, start) => handleApiRequest(core, req, res, start),
	});

	// [field] Some gateways refuse `Expect: 100-continue` with 417; clients must never send it.
	// Without these listeners node would answer 100 Continue (or a bare 417) on its own.
	const refuseExpectation = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = parseUrl(req);
		if (isControlPath(url.pathname)) {
			// Control requests are ours, not CinetPay's: curl adds Expect on large bodies, let it be.
			res.writeContinue();
			server.emit('request', req, res);
			return;
		}
		const start = beginApiRequest(core.requestLog, req, res, url);
		sendText(res, 417, 'text/html', HTML_417, { connection: 'close' });
		core.requestLog.record({
			...loggedRequest(start, 417),
			query: redactQuery(start.query, core.tokens),
			body: {},
			code: null,
		});
		core.logger.info(`${start.method} ${start.path} → 417 (Expect header refused)`);
	};
	server.on('checkContinue', refuseExpectation);
	server.on('checkExpectation', refuseExpectation);
	return server;
}

async function handleApiRequest(
	core: SimulatorCore,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	start: ApiRequestStart,
): Promise<void> {
	const { method, path, query } = start;
	const entry = (
		over: Pick<RequestLogEntry, 'httpStatus' | 'code' | 'fault'>,
		form: Record<string, string>,
	) => {
		const e: RequestLogEntry = {
			...loggedRequest(start, over.httpStatus),
			query: redactQuery(query, core.tokens),
			body: redactBody(form, core.tokens),
			code: over.code,
			...(over.fault ? { fault: over.fault } : {}),
		};
		core.requestLog.record(e);
		core.logger.info(
			`${method} ${path} → ${e.httpStatus ?? 'dropped'}${e.code !== null ? ` code=${e.code}` : ''}` +
				`${e.fault ? ` [fault: ${e.fault}]` : ''} (${e.durationMs} ms)`,
		);
	};

	let form: Record<string, string> = {};
	try {
		form = parseForm(req.headers['content-type'], await readBody(req));
	} catch (err) {
		if (!(err instanceof BodyTooLargeError)) throw err;
		sendJson(res, 413, { error: err.message }, { connection: 'close' });
		entry({ httpStatus: 413, code: null }, {});
		return;
	}

	// Counted until processing ends, even if the client hangs up first: waitForApiIdle() waits
	// for late commits.
	core.beginProcessing();
	try {
		await answerApiRequest(core, req, res, { method, path, query, form }, entry);
	} finally {
		core.endProcessing();
	}
}

type LogEntry = (
	over: Pick<RequestLogEntry, 'httpStatus' | 'code' | 'fault'>,
	form: Record<string, string>,
) => void;

interface ParsedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	form: Record<string, string>;
}

/** The whole-call faults of a send, taken when the call arrives. */
interface SendFaults {
	dropBefore: boolean;
	lateCommitMs: number;
	ambiguous: Omit<PendingFaults['ambiguousNextSend'], 'count'> | null;
	serverError: Omit<PendingFaults['serverErrorNextSend'], 'count'> | null;
}

/**
 * Faults strike the next send calls that would be processed: a call refused for its token (705,
 * 706) does not use one up. Checking the token here also lets a late commit proceed after its
 * delay even if the token expired meanwhile: CinetPay accepted the call when it arrived.
 */
function takeSendFaults(core: SimulatorCore, query: Record<string, string>): SendFaults | null {
	if (!query.token || core.tokens.check(query.token) !== 'valid') return null;
	return {
		dropBefore: core.take('dropBeforeNextSend'),
		lateCommitMs: core.takeDelay('lateCommitNextSend'),
		ambiguous: core.takeDetailed('ambiguousNextSend'),
		serverError: core.takeDetailed('serverErrorNextSend'),
	};
}

async function answerApiRequest(
	core: SimulatorCore,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	{ method, path, query, form }: ParsedRequest,
	entry: LogEntry,
): Promise<void> {
	await core.delay(core.variants.latencyMs);
	const route = routeOf(path);
	// A held answer (answerHolds.ts): the call is processed as usual, its answer waits.
	const hold = route?.method === method ? core.answerHolds.arrive(route.endpoint) : undefined;

	if (core.take('http5xxNext')) {
		// Not processed: a gateway answered for an upstream that never saw the call.
		sendText(res, 503, 'text/html', HTML_503);
		entry({ httpStatus: 503, code: null, fault: 'http5xx' }, form);
		return;
	}

	const isSend = route?.endpoint === 'send' && route.method === method;
	const callFault = core.callFaults.next(
		route?.method === method ? CALL_KIND[route.endpoint] : null,
	);
	const refusal = callFaultRefusal(core, callFault, query);
	if (refusal) {
		const { status, body, code, headers } = refusal;
		if (status === null) req.socket.destroy();
		else if (typeof body === 'string') sendText(res, status, 'text/html', body);
		else sendJson(res, status, body, headers);
		entry({ httpStatus: status, code, fault: callFault.kind as FaultKind }, form);
		return;
	}
	if (callFault.kind === 'lateCommit')
		await core.callFaults.landLate(callFault.ms ?? 0, (ms) => core.delay(ms));
	const sendFaults = isSend ? takeSendFaults(core, query) : null;
	if (sendFaults?.dropBefore) {
		entry({ httpStatus: null, code: null, fault: 'dropBefore' }, form);
		req.socket.destroy();
		return;
	}
	if (sendFaults && sendFaults.lateCommitMs > 0) await core.delay(sendFaults.lateCommitMs);

	let status: number;
	let body: unknown;
	let code: string | null;
	let fault: FaultKind | undefined =
		sendFaults?.lateCommitMs || callFault.kind === 'lateCommit' ? 'lateCommit' : undefined;
	const headers: Record<string, string> = {};
	let contentType = 'application/json';
	const { ambiguous, serverError } = sendFaults ?? { ambiguous: null, serverError: null };
	const skipProcessing =
		(serverError !== null && !serverError.committed) ||
		(ambiguous !== null && !ambiguous.committed);
	if (!route) {
		status = 404;
		code = '404';
		body = {
			code: '404',
			message: 'NOT_FOUND',
			description: `Unknown path ${method} ${path}`,
			data: [],
		};
	} else if (route.method !== method) {
		status = 405;
		code = '405';
		headers.allow = route.method;
		body = {
			code: '405',
			message: 'METHOD_NOT_ALLOWED',
			description: `Use ${route.method} ${path}`,
			data: [],
		};
	} else {
		const answer = skipProcessing
			? null
			: handleApi(core, route, { query, form }, sendFaults !== null);
		({ status, body, code } = answer ?? { status: 0, body: null, code: null });
		fault = answer?.fault ?? fault;
		const env = new Envelope(core.variants, langOf(query));
		if (callFault.kind === 'serverErrorAfterCommit') {
			({ body, code } = env.error(CODE.OPERATION_ERROR));
			status = 500;
			fault = 'serverErrorAfterCommit';
		} else if (serverError) {
			// A 5xx from CinetPay's own code (JSON) or from a gateway in front of it (HTML).
			status = serverError.status;
			fault = 'serverError';
			if (serverError.body === 'json') {
				({ body, code } = env.error(CODE.OPERATION_ERROR));
			} else {
				body = htmlErrorPage(serverError.status);
				code = null;
				contentType = 'text/html';
			}
		} else if (ambiguous) {
			({ status, body, code } = env.error(ambiguous.code));
			status = 200;
			fault = 'ambiguous';
		}
	}

	// Slow answers are slowed AFTER processing: the effects exist even if the client times out.
	const slowMs = core.takeDelay('slowNextMs') + (route ? core.takeDelay(route.endpoint) : 0);
	await core.delay(slowMs);
	if (slowMs > 0 && fault === undefined) fault = 'slow';
	if (hold) await hold;

	// The nastiest failure for idempotency: the transfers exist, the client never hears of them.
	if (callFault.kind === 'lostAfterCommit' || (isSend && core.take('dropAfterNextSend'))) {
		entry(
			{
				httpStatus: null,
				code,
				fault: callFault.kind === 'lostAfterCommit' ? 'lostAfterCommit' : 'drop',
			},
			form,
		);
		req.socket.destroy();
		return;
	}

	// After a late commit the client may be gone: the transfers exist, nobody hears the answer.
	if (res.destroyed || req.socket.destroyed) {
		entry({ httpStatus: null, code, ...(fault ? { fault } : {}) }, form);
		return;
	}
	if (contentType === 'text/html') sendText(res, status, 'text/html', String(body));
	else sendJson(res, status, body, headers);
	entry({ httpStatus: status, code, ...(fault ? { fault } : {}) }, form);
}

/** The calls per-call faults are drawn for (callFaults.ts); balance and contacts have none. */
const CALL_KIND: Record<string, CallKind | null> = {
	login: 'login',
	send: 'send',
	check: 'lookup',
	balance: null,
	contact: null,
};

interface CallFaultAnswer {
	/** null: the connection is destroyed, nothing answered. */
	status: number | null;
	body: unknown;
	code: string | null;
	headers?: Record<string, string>;
}

/** A per-call fault that answers without processing the call: its answer, in v1's words. */
function callFaultRefusal(
	core: SimulatorCore,
	fault: CallFault,
	query: Record<string, string>,
): CallFaultAnswer | null {
	const env = new Envelope(core.variants, langOf(query));
	switch (fault.kind) {
		case 'lostBeforeCommit':
			return { status: null, body: null, code: null };
		case 'refused': {
			// A login refused for its credentials; a send refused for the balance (602): nothing sent.
			return query.token
				? env.error(CODE.INSUFFICIENT_BALANCE)
				: env.error(CODE.INVALID_CREDENTIALS);
		}
		case 'tokenRefused': {
			const answer = env.error(
				fault.token === 'bodyInvalid' ? CODE.INVALID_TOKEN : CODE.EXPIRED_TOKEN,
			);
			return { ...answer, status: fault.token === 'http401' ? 401 : 200 };
		}
		case 'notFound':
			return env.error(CODE.NOT_FOUND);
		case 'throttled':
			return {
				status: 429,
				body: {
					code: '429',
					message: 'TOO_MANY_REQUESTS',
					description: 'Too many requests',
					data: [],
				},
				code: '429',
				headers: { 'retry-after': String(fault.retryAfter ?? 0) },
			};
		case 'forbidden':
			return { status: 403, body: htmlErrorPage(403), code: null };
		default:
			return null;
	}
}

function htmlErrorPage(status: number): string {
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Server Error'}`;
	return (
		`<!DOCTYPE html>\n<html><head><title>${title}</title></head>` +
		`<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`
	);
}
