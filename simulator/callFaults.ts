/**
 * Faults drawn per API call, for both simulators (v1 and the 2026 platform). The older fault
 * counters (FaultInjection) strike "the next N sends" of a schedule set before a run; here every
 * incoming call gets its own fault, from a script (the i-th call of a kind gets the i-th entry)
 * and then from a seeded draw with weights per fault — so a run meets sequences like "the send is
 * lost, then committed late; the lookup finds nothing yet; the resend is refused".
 *
 * What each fault does is the same on both platforms; only the words of a refusal differ, and
 * each server writes those (server.ts, platform2026/server.ts):
 * - answered: processed and answered as usual;
 * - refused: a refusal that creates nothing (send: v1 602 low balance, 2026 2005 with HTTP 200;
 *   login: the credentials refused);
 * - lostBeforeCommit: the connection is destroyed before processing: nothing is created;
 * - lostAfterCommit: processed, then the connection is destroyed without an answer;
 * - lateCommit: no answer in time — the call is processed `ms` after it arrived (choose more than
 *   the client's timeout), after the client gave up: the transfer appears later;
 * - serverErrorAfterCommit: processed, then answered HTTP 500;
 * - tokenRefused: the token is refused (HTTP 401, or HTTP 200 with a body status EXPIRED_TOKEN /
 *   INVALID_TOKEN): nothing processed;
 * - throttled: HTTP 429 with Retry-After 0 or 1, nothing processed;
 * - forbidden: HTTP 403 from a firewall, nothing processed;
 * - notFound (lookups): "no such transfer", whatever is held — a read that lags behind a commit.
 *
 * From `outageFromSend` on (the n-th send call of the plan), the platform stops answering for
 * good: every call of every kind is lost (before or after commit, drawn), what a circuit breaker
 * must notice.
 */
import { SimulatorError } from './errors';

/** The calls a fault is drawn for; other calls (balance, contacts) are answered as usual. */
export type CallKind = 'login' | 'send' | 'lookup';

export const CALL_FAULT_KINDS = [
	'answered',
	'refused',
	'lostBeforeCommit',
	'lostAfterCommit',
	'lateCommit',
	'serverErrorAfterCommit',
	'tokenRefused',
	'throttled',
	'forbidden',
	'notFound',
] as const;

export type CallFaultKind = (typeof CALL_FAULT_KINDS)[number];

/** How a refused token is answered. */
export type TokenRefusal = 'http401' | 'bodyExpired' | 'bodyInvalid';

export interface CallFault {
	kind: CallFaultKind;
	/** lateCommit: when the call is processed, in ms after it arrived. */
	ms?: number;
	/** tokenRefused: how (default http401). */
	token?: TokenRefusal;
	/** throttled: the Retry-After header, in seconds (default 0). */
	retryAfter?: 0 | 1;
}

export interface CallFaultPlan {
	/** The i-th call of a kind gets the i-th entry (a kind's name alone is that fault, defaults). */
	script?: Partial<Record<CallKind, Array<CallFault | CallFaultKind>>>;
	/** After the script: each call's fault drawn with these weights (missing kinds weigh 0). */
	draw?: {
		seed: number;
		weights: Partial<Record<CallKind, Partial<Record<CallFaultKind, number>>>>;
	};
	/** The late commits the draw makes: processed this many ms after arrival. Default 1050–1300. */
	lateCommitMs?: { min: number; max: number };
	/** From this send call on (1 = the first), every call is lost, before or after commit. */
	outageFromSend?: number;
}

/** What the plan did so far: calls seen and faults struck per kind, late commits still to land. */
export interface CallFaultReport {
	installed: boolean;
	calls: Record<CallKind, number>;
	struck: Partial<Record<CallFaultKind, number>>;
	pendingCommits: number;
}

/** Which faults make sense for which calls: others are answered as usual. */
const FAULTS_OF: Record<CallKind, ReadonlySet<CallFaultKind>> = {
	login: new Set(['answered', 'refused', 'lostBeforeCommit', 'throttled', 'forbidden']),
	send: new Set(CALL_FAULT_KINDS.filter((k) => k !== 'notFound')),
	lookup: new Set([
		'answered',
		'lostBeforeCommit',
		'serverErrorAfterCommit',
		'tokenRefused',
		'throttled',
		'notFound',
	]),
};

/** A small seeded generator (mulberry32): the same seed draws the same faults. */
function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function check(plan: CallFaultPlan): CallFaultPlan {
	if (typeof plan !== 'object' || plan === null || Array.isArray(plan))
		throw new SimulatorError(400, 'a call-fault plan must be an object');
	const kinds = new Set<string>(CALL_FAULT_KINDS);
	for (const entries of Object.values(plan.script ?? {}))
		for (const entry of entries ?? []) {
			const kind = typeof entry === 'string' ? entry : entry?.kind;
			if (!kinds.has(kind)) throw new SimulatorError(400, `unknown call fault "${String(kind)}"`);
		}
	for (const weights of Object.values(plan.draw?.weights ?? {}))
		for (const [kind, weight] of Object.entries(weights ?? {}))
			if (!kinds.has(kind) || typeof weight !== 'number' || weight < 0)
				throw new SimulatorError(400, `call fault weight ${kind}: a known fault, a number ≥ 0`);
	return JSON.parse(JSON.stringify(plan)) as CallFaultPlan;
}

/** The installed plan of one simulator: each API call asks it for its fault on arrival. */
export class CallFaults {
	private plan: CallFaultPlan | null = null;
	private random: () => number = () => 0;
	private calls: Record<CallKind, number> = { login: 0, send: 0, lookup: 0 };
	private struck: Partial<Record<CallFaultKind, number>> = {};
	private pending = 0;

	install(plan: CallFaultPlan | null): CallFaultReport {
		this.plan = plan === null ? null : check(plan);
		this.random = seededRandom(this.plan?.draw?.seed ?? 1);
		this.calls = { login: 0, send: 0, lookup: 0 };
		this.struck = {};
		return this.report();
	}

	report(): CallFaultReport {
		return {
			installed: this.plan !== null,
			calls: { ...this.calls },
			struck: { ...this.struck },
			pendingCommits: this.pending,
		};
	}

	/** The fault of an arriving call (answered when no plan is installed or the kind has none). */
	next(kind: CallKind | null): CallFault {
		if (!this.plan || kind === null) return { kind: 'answered' };
		const n = ++this.calls[kind];
		const fault = this.faultOf(kind, n, this.plan);
		const usable = FAULTS_OF[kind].has(fault.kind) ? fault : { kind: 'answered' as const };
		if (usable.kind !== 'answered') this.struck[usable.kind] = (this.struck[usable.kind] ?? 0) + 1;
		return usable;
	}

	/** A late commit waits before it is processed: counted until it has landed. */
	async landLate(ms: number, wait: (ms: number) => Promise<void>): Promise<void> {
		this.pending++;
		try {
			await wait(ms);
		} finally {
			this.pending--;
		}
	}

	private faultOf(kind: CallKind, n: number, plan: CallFaultPlan): CallFault {
		const outage = plan.outageFromSend;
		if (outage !== undefined && this.calls.send >= outage)
			return {
				kind: kind === 'send' && this.random() < 0.5 ? 'lostAfterCommit' : 'lostBeforeCommit',
			};
		const scripted = plan.script?.[kind]?.[n - 1];
		if (scripted !== undefined)
			return this.complete(typeof scripted === 'string' ? { kind: scripted } : scripted);
		const weights = plan.draw?.weights[kind];
		if (!weights) return { kind: 'answered' };
		const entries = Object.entries(weights) as Array<[CallFaultKind, number]>;
		const total = entries.reduce((sum, [, w]) => sum + w, 0);
		let pick = this.random() * total;
		for (const [faultKind, weight] of entries) {
			pick -= weight;
			if (pick < 0) return this.complete({ kind: faultKind });
		}
		return { kind: 'answered' };
	}

	/** The details a fault left out, drawn: a late commit's delay, a token refusal's form. */
	private complete(fault: CallFault): CallFault {
		const { min, max } = this.plan?.lateCommitMs ?? { min: 1050, max: 1300 };
		if (fault.kind === 'lateCommit' && fault.ms === undefined)
			return { ...fault, ms: Math.round(min + this.random() * (max - min)) };
		if (fault.kind === 'tokenRefused' && fault.token === undefined)
			return {
				...fault,
				token: (['http401', 'bodyExpired', 'bodyInvalid'] as const)[Math.floor(this.random() * 3)],
			};
		if (fault.kind === 'throttled' && fault.retryAfter === undefined)
			return { ...fault, retryAfter: this.random() < 0.5 ? 0 : 1 };
		return fault;
	}
}
