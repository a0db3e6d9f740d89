/**
 * The control API: in-process (SimulatorControl) and over HTTP under the reserved prefix /__sim.
 * Both call the same functions, so tests in-process and tools out-of-process see one behaviour.
 */
import type { SimulatorCore } from './core';
import { SimulatorError } from './errors';
import { isPlainObject } from './envelope';
import { notificationFields } from './lifecycle';
import { toTransferState, type TransferRecord } from './state';
import type { FaultInjection, SimulatorControl, TransferState } from './types';

export const CONTROL_PREFIX = '/__sim';

export function createControl(core: SimulatorCore): SimulatorControl {
	const find = (transactionId: string): TransferRecord => {
		const t = core.state.transfers.get(transactionId);
		if (!t) throw new SimulatorError(404, `no transfer ${transactionId}`);
		return t;
	};

	return {
		requests: () => core.requestLog.entries(),
		clearRequests: () => core.requestLog.clear(),
		stats: () => ({
			requests: core.requestLog.requests,
			logins: core.requestLog.logins,
			inFlight: core.requestLog.inFlight,
			maxInFlight: core.requestLog.maxInFlight,
			transfers: core.state.transfers.size,
			notificationsSent: core.notifier.sentCount(),
		}),
		transfers: () => Array.from(core.state.transfers.values(), toTransferState),
		transfer: (id) => {
			const t = core.state.transfers.get(id);
			return t ? toTransferState(t) : undefined;
		},
		notificationFields: (id) => notificationFields(find(id)),
		contacts: () => Array.from(core.state.contacts.values(), (c) => ({ ...c })),
		advance: (id) => {
			// Snapshot first: a transfer moves at most one step per call, even if it stays active.
			const targets = id === undefined ? Array.from(core.state.active) : [find(id)];
			const changed: TransferState[] = [];
			for (const t of targets) {
				if (core.lifecycle.step(t, 'control')) changed.push(toTransferState(t));
			}
			return changed;
		},
		confirm: (id) => {
			const t = find(id);
			core.lifecycle.confirm(t);
			return toTransferState(t);
		},
		reject: (id) => {
			const t = find(id);
			core.lifecycle.reject(t);
			return toTransferState(t);
		},
		settle: (id, status) => {
			if (status !== 'VAL' && status !== 'REJ')
				throw new SimulatorError(400, 'status must be VAL or REJ');
			const t = find(id);
			core.lifecycle.settle(t, status);
			return toTransferState(t);
		},
		expireTokens: () => core.tokens.expireAll(),
		invalidateTokens: () => core.tokens.invalidateAll(),
		setVariants: (partial) => core.setVariants(partial),
		variants: () => ({ ...core.variants }),
		injectFaults: (faults) => core.injectFaults(faults),
		faults: () => core.faults(),
		notifications: () => core.notifier.entries(),
		balance: () => core.state.balance(),
		setBalance: (available) => {
			if (typeof available !== 'number' || !Number.isSafeInteger(available) || available < 0) {
				throw new SimulatorError(400, 'balance must be a non-negative integer (XOF)');
			}
			return core.state.setAvailable(available);
		},
		reset: () => core.reset(),
		waitForIdle: (timeoutMs) => core.notifier.waitForIdle(timeoutMs),
		waitForApiIdle: (timeoutMs) => core.waitForApiIdle(timeoutMs),
	};
}

// ---------------------------------------------------------------------------------------------
// HTTP binding

export interface ControlResult {
	status: number;
	body: unknown;
}

interface ControlRoute {
	method: 'GET' | 'POST' | 'DELETE';
	/** Segments after /__sim; ":id" matches one segment. */
	path: string;
	description: string;
	run: (c: SimulatorControl, params: { id: string }, body: Record<string, unknown>) => unknown;
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
		description: 'clear the request log, request counters and maxInFlight',
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
		run: (c, p) => {
			const t = c.transfer(p.id);
			if (!t) throw new SimulatorError(404, `no transfer ${p.id}`);
			return t;
		},
	},
	{
		method: 'POST',
		path: '/transfers/:id/advance',
		description: 'one life-cycle step; returns the transfers that changed',
		run: (c, p) => c.advance(p.id),
	},
	{
		method: 'POST',
		path: '/transfers/:id/confirm',
		description: 'merchant confirms (NOS → REC)',
		run: (c, p) => c.confirm(p.id),
	},
	{
		method: 'POST',
		path: '/transfers/:id/reject',
		description: 'merchant rejects (NOS → REJ)',
		run: (c, p) => c.reject(p.id),
	},
	{
		method: 'POST',
		path: '/transfers/:id/settle',
		description: 'force a final status, body {"status":"VAL"|"REJ"}',
		run: (c, p, b) => c.settle(p.id, b.status as 'VAL' | 'REJ'),
	},
	{
		method: 'POST',
		path: '/advance',
		description: 'one step for every non-final transfer; returns those that changed',
		run: (c) => c.advance(),
	},
	{ method: 'GET', path: '/contacts', description: 'all contacts', run: (c) => c.contacts() },
	{
		method: 'POST',
		path: '/tokens/expire',
		description: 'every issued token answers 705 from now on',
		run: (c) => ({ expired: c.expireTokens() }),
	},
	{
		method: 'POST',
		path: '/tokens/invalidate',
		description: 'every issued token answers 706 from now on',
		run: (c) => ({ invalidated: c.invalidateTokens() }),
	},
	{ method: 'GET', path: '/variants', description: 'current variants', run: (c) => c.variants() },
	{
		method: 'POST',
		path: '/variants',
		description: 'change variants, body: a partial variants object',
		run: (c, _p, b) => c.setVariants(b),
	},
	{ method: 'GET', path: '/faults', description: 'pending faults', run: (c) => c.faults() },
	{
		method: 'POST',
		path: '/faults',
		description:
			'inject faults, body {http5xxNext?, dropAfterNextSend?, dropBeforeNextSend?, slowNextMs?, slowEndpointNext?, lateCommitNextSend?, ambiguousNextSend?, serverErrorNextSend?, itemCodesNextSend?, emptyLookupNext?} (see simulator/README.md)',
		run: (c, _p, b) => c.injectFaults(b as FaultInjection),
	},
	{
		method: 'GET',
		path: '/notifications',
		description: 'outgoing notification log',
		run: (c) => c.notifications(),
	},
	{ method: 'GET', path: '/balance', description: 'account balance', run: (c) => c.balance() },
	{
		method: 'POST',
		path: '/balance',
		description: 'set the available balance, body {"available": n}',
		run: (c, _p, b) => c.setBalance(b.available as number),
	},
	{
		method: 'POST',
		path: '/reset',
		description: 'empty everything; variants and balance back to start',
		run: (c) => (c.reset(), { ok: true }),
	},
	{
		method: 'POST',
		path: '/wait-for-idle',
		description: 'answers when no notification is queued or in flight, body {"timeoutMs"?: n}',
		run: async (c, _p, b) => {
			await c.waitForIdle(typeof b.timeoutMs === 'number' ? b.timeoutMs : undefined);
			return { idle: true };
		},
	},
	{
		method: 'POST',
		path: '/wait-for-api-idle',
		description:
			'answers when no API request is being processed (late commits included), body {"timeoutMs"?: n}',
		run: async (c, _p, b) => {
			await c.waitForApiIdle(typeof b.timeoutMs === 'number' ? b.timeoutMs : undefined);
			return { idle: true };
		},
	},
];

function controlIndex(): unknown {
	return {
		name: 'CinetPay transfer API v1 simulator — control API',
		api: [
			'POST /v1/auth/login',
			'GET /v1/transfer/check/balance',
			'POST /v1/transfer/contact',
			'POST /v1/transfer/money/send/contact',
			'GET /v1/transfer/check/money',
		],
		control: CONTROL_ROUTES.map((r) => ({
			method: r.method,
			path: CONTROL_PREFIX + r.path,
			description: r.description,
		})),
	};
}

function match(route: ControlRoute, segments: string[]): { id: string } | null {
	const pattern = route.path.split('/').filter(Boolean);
	if (pattern.length !== segments.length) return null;
	let id = '';
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i] === ':id') id = segments[i];
		else if (pattern[i] !== segments[i]) return null;
	}
	return { id };
}

/** `path` is the full URL path (starting with /__sim); `rawBody` the request body as text. */
export async function handleControlHttp(
	control: SimulatorControl,
	method: string,
	path: string,
	rawBody: string,
): Promise<ControlResult> {
	const segments = path
		.slice(CONTROL_PREFIX.length)
		.split('/')
		.filter(Boolean)
		.map((s) => decodeURIComponent(s));
	const candidates = CONTROL_ROUTES.map((r) => ({ r, params: match(r, segments) })).filter(
		(x) => x.params,
	);
	if (candidates.length === 0) return { status: 404, body: { error: `no control route ${path}` } };
	const hit = candidates.find((x) => x.r.method === method);
	if (!hit || !hit.params) {
		return {
			status: 405,
			body: { error: `${method} not allowed on ${path}`, allow: candidates.map((x) => x.r.method) },
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
		if (!isPlainObject(parsed))
			return { status: 400, body: { error: 'control bodies are JSON objects' } };
		body = parsed;
	}
	try {
		return { status: 200, body: await hit.r.run(control, hit.params, body) };
	} catch (err) {
		if (err instanceof SimulatorError)
			return { status: err.httpStatus, body: { error: err.message } };
		return { status: 500, body: { error: err instanceof Error ? err.message : String(err) } };
	}
}
