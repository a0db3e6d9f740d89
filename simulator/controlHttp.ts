/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The control API over HTTP, for both simulators: each one lists its routes as
 * `'METHOD /path': [description, run]` (":id" matches one segment) and calls the same functions
 * as its in-process control, so tests in-process and tools out-of-process see one behaviour.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CallFaultPlan } from './callFaults';
import type { CommonControl } from './controlTypes';
import { SimulatorError } from './errors';
import { readBody, sendJson } from './http';

/** The reserved path prefix of the control API, the same on both simulators. */
export const CONTROL_PREFIX = '/__sim';

type Method = 'GET' | 'POST' | 'DELETE';

export type ControlRun<Control> = (
	control: Control,
	id: string,
	body: Record<string, unknown>,
) => unknown;

/** `'GET /transfers/:id': ['one transfer', (c, id) => …]`; the index (GET /__sim) comes with it. */
export type ControlRouteTable<Control> = Record<
	`${Method} /${string}`,
	[description: string, run: ControlRun<Control>]
>;

interface ControlRoute<Control> {
	method: Method;
	segments: string[];
	description: string;
	run: ControlRun<Control>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shared routes fit every platform's types
type AnyControl = CommonControl<unknown, any, any, unknown, unknown, unknown>;

const waitBody = (b: Record<string, unknown>) =>
	typeof b.timeoutMs === 'number' ? b.timeoutMs : undefined;

/** The routes both simulators have, on the operations of CommonControl. */
export const COMMON_CONTROL_ROUTES: ControlRouteTable<AnyControl> = {
	'GET /requests': ['API request log (secrets redacted)', (c) => c.requests()],
	'DELETE /requests': [
		'clear the request log, request counters and maxInFlight',
		(c) => c.clearRequests(),
	],
	'GET /stats': ['counters', (c) => c.stats()],
	'GET /transfers': ['all transfers, full state', (c) => c.transfers()],
	'GET /transfers/:id': [
		'one transfer',
		(c, id) => c.transfer(id) ?? fail(404, `no transfer ${id}`),
	],
	'POST /transfers/:id/advance': [
		'one life-cycle step; returns the transfers that changed',
		(c, id) => c.advance(id),
	],
	'POST /advance': [
		'one step for every non-final transfer; returns those that changed',
		(c) => c.advance(),
	],
	'POST /tokens/expire': [
		'every issued token is expired from now on',
		(c) => ({ expired: c.expireTokens() }),
	],
	'POST /tokens/invalidate': [
		'every issued token is unknown from now on',
		(c) => ({ invalidated: c.invalidateTokens() }),
	],
	'GET /variants': ['current variants', (c) => c.variants()],
	'POST /variants': [
		'change variants, body: a partial variants object',
		(c, _id, b) => c.setVariants(b),
	],
	'GET /faults': ['pending faults', (c) => c.faults()],
	'POST /call-faults': [
		'install faults drawn per API call, body {script?, draw?, lateCommitMs?, outageFromSend?} or null (simulator/callFaults.ts)',
		(c, _id, b) => c.setCallFaults(Object.keys(b).length === 0 ? null : (b as CallFaultPlan)),
	],
	'GET /call-faults': [
		'calls seen, per-call faults struck, late commits still to land',
		(c) => c.callFaults(),
	],
	'GET /notifications': ['outgoing notification log', (c) => c.notifications()],
	'POST /reset': ['empty everything; variants and balances back to start', (c) => c.reset()],
	'POST /wait-for-idle': [
		'answers when no notification is queued or in flight, body {"timeoutMs"?: n}',
		async (c, _id, b) => (await c.waitForIdle(waitBody(b)), { idle: true }),
	],
	'POST /wait-for-api-idle': [
		'answers when no API request is being processed (late commits included), body {"timeoutMs"?: n}',
		async (c, _id, b) => (await c.waitForApiIdle(waitBody(b)), { idle: true }),
	],
};

function fail(status: number, message: string): never {
	throw new SimulatorError(status, message);
}

export interface ControlResult {
	status: number;
	body: unknown;
}

/** One simulator's control API: its index (routes with descriptions) and its HTTP handler. */
export class ControlHttp<Control extends AnyControl> {
	private readonly routes: ControlRoute<Control>[];

	/** `table`: the platform's own routes, besides COMMON_CONTROL_ROUTES. */
	constructor(
		table: ControlRouteTable<Control>,
		private readonly describe: (routes: unknown[]) => unknown,
	) {
		const listed = Object.entries({ ...COMMON_CONTROL_ROUTES, ...table }).map(
			([key, [description, run]]) => {
				const [method, path] = key.split(' ');
				return { method: method as Method, segments: splitPath(path), description, run };
			},
		);
		this.routes = [
			{ method: 'GET', segments: [], description: 'this index', run: () => this.index() },
			...listed,
		];
	}

	index(): unknown {
		return this.describe(
			this.routes.map((r) => ({
				method: r.method,
				path: [CONTROL_PREFIX, ...r.segments].join('/'),
				description: r.description,
			})),
		);
	}

	async handle(
		control: Control,
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
	): Promise<void> {
		const raw = (await readBody(req)).toString('utf8');
		const result = await this.answer(control, req.method ?? 'GET', url.pathname, raw);
		sendJson(res, result.status, result.body);
	}

	/** `path` is the full URL path (starting with /__sim); `rawBody` the request body as text. */
	async answer(
		control: Control,
		method: string,
		path: string,
		rawBody: string,
	): Promise<ControlResult> {
		const segments = splitPath(path.slice(CONTROL_PREFIX.length)).map((s) => decodeURIComponent(s));
		const candidates = this.routes
			.map((route) => ({ route, id: match(route.segments, segments) }))
			.filter((x) => x.id !== null);
		if (candidates.length === 0)
			return { status: 404, body: { error: `no control route ${path}` } };
		const hit = candidates.find((x) => x.route.method === method);
		if (!hit) {
			return {
				status: 405,
				body: {
					error: `${method} not allowed on ${path}`,
					allow: candidates.map((x) => x.route.method),
				},
			};
		}
		let body: Record<string, unknown> = {};
		if (rawBody.trim() !== '') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(rawBody);
			} catch {
				return { status: 400, body: { error: 'control bodies are JSON' } };
			}
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
				return { status: 400, body: { error: 'control bodies are JSON objects' } };
			body = parsed as Record<string, unknown>;
		}
		try {
			return {
				status: 200,
				body: (await hit.route.run(control, hit.id ?? '', body)) ?? { ok: true },
			};
		} catch (err) {
			if (err instanceof SimulatorError)
				return { status: err.httpStatus, body: { error: err.message } };
			return { status: 500, body: { error: err instanceof Error ? err.message : String(err) } };
		}
	}
}

function splitPath(path: string): string[] {
	return path.split('/').filter(Boolean);
}

/** The ":id" segment's value ('' when the route has none), or null when the route does not match. */
function match(pattern: string[], segments: string[]): string | null {
	if (pattern.length !== segments.length) return null;
	let id = '';
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i] === ':id') id = segments[i];
		else if (pattern[i] !== segments[i]) return null;
	}
	return id;
}
