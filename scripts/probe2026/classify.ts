/**
 * What each answer says about one open question of the 2026 platform — pure functions of the
 * probe's exchanges, so each reading is tested from a table. A question the answers do not
 * settle stays null ("not settled"), never a guess.
 */
import {
	isSessionRejected2026,
	send2026Meaning,
} from '../../nodes/CinetPay/transport/platform2026/codes';
import type { MerchantLookup2026 } from '../../nodes/CinetPay/transport/platform2026/facts';
import { fieldOf, transactionIdOf, type Exchange } from './client';

/** What a second send with the same merchant_transaction_id got. */
export interface DuplicateFinding {
	answer: 'refused' | 'returnsExisting' | 'acceptsNew' | null;
	code?: string;
	httpStatus?: number | null;
	/** Refused: whether the node's codes.ts already reads the code as "a transfer with this ID exists". */
	nodeReadsAsExists?: boolean;
	why: string;
}

export function duplicateFinding(first: Exchange, second: Exchange): DuplicateFinding {
	const firstId = transactionIdOf(first);
	if (!firstId)
		return { answer: null, why: 'the first send created no transfer to reuse the ID of' };
	const secondId = transactionIdOf(second);
	if (secondId === firstId)
		return {
			answer: 'returnsExisting',
			why: 'the answer is the first transfer (same transaction_id)',
		};
	if (secondId)
		return {
			answer: 'acceptsNew',
			why: `a SECOND transfer was created (${secondId}): a resend after a lost answer would pay twice`,
		};
	if (
		second.httpStatus === null ||
		second.httpStatus >= 500 ||
		fieldOf(second, 'code') === undefined
	)
		return { answer: null, why: 'no clear answer (no answer, HTTP 5xx, or no code)' };
	const code = String(fieldOf(second, 'code'));
	return {
		answer: 'refused',
		code,
		httpStatus: second.httpStatus,
		nodeReadsAsExists: send2026Meaning(code, second.httpStatus, false) === 'exists',
		why: `refused with code ${code} (${String(fieldOf(second, 'status'))}), HTTP ${second.httpStatus}`,
	};
}

/**
 * A lookup's answer: found (it names our transfer), a JSON 404, no such route, something else —
 * or, for a form asked twice, found whatever the ID (a list that ignores it: no lookup).
 */
export type LookupAnswer = 'found' | 'notFound' | 'noRoute' | 'ignoresId' | 'other';

export function lookupAnswer(exchange: Exchange, transactionIds: string[]): LookupAnswer {
	const status = exchange.httpStatus;
	if (status === null) return 'other';
	const text = JSON.stringify(exchange.body ?? '');
	if (status >= 200 && status < 300 && transactionIds.some((id) => text.includes(id)))
		return 'found';
	if (status === 405 || status === 501) return 'noRoute';
	// CinetPay's own 404 is JSON with a code; a route that does not exist may answer HTML or text.
	if (status === 404)
		return typeof exchange.body === 'object' && exchange.body ? 'notFound' : 'noRoute';
	return 'other';
}

/** One form of lookup, asked for our ID and for one never used. */
export function formAnswer(ours: LookupAnswer, unused: LookupAnswer): LookupAnswer {
	return ours === 'found' && unused === 'found' ? 'ignoresId' : ours;
}

export function merchantLookupFinding(
	query: LookupAnswer,
	path: LookupAnswer,
): { answer: MerchantLookup2026 | null; why: string } {
	if (query === 'found') return { answer: 'query', why: 'the query form found the transfer' };
	if (path === 'found') return { answer: 'path', why: 'the path form found the transfer' };
	const absent = (a: LookupAnswer) => a === 'notFound' || a === 'noRoute' || a === 'ignoresId';
	if (absent(query) && absent(path))
		return { answer: 'none', why: 'neither form found a transfer that exists' };
	return { answer: null, why: `unclear answers (query: ${query}, path: ${path})` };
}

/** How a refused token is answered. */
export interface TokenFinding {
	answer: 'http401' | 'bodyStatus' | null;
	httpStatus: number | null;
	code?: string;
	status?: string;
	/** Whether the node already renews the session on this answer (codes.ts). */
	nodeRenews: boolean;
	why: string;
}

const TOKEN_WORDS = /TOKEN|UNAUTHORI[SZ]ED|UNAUTHENTICATED/i;

export function tokenFinding(exchange: Exchange): TokenFinding {
	const code = fieldOf(exchange, 'code');
	const status = fieldOf(exchange, 'status');
	const base = {
		httpStatus: exchange.httpStatus,
		...(code !== undefined && { code: String(code) }),
		...(typeof status === 'string' && { status }),
	};
	const nodeRenews =
		exchange.httpStatus !== null && isSessionRejected2026(String(code ?? ''), exchange.httpStatus);
	if (exchange.httpStatus === 401)
		return { answer: 'http401', ...base, nodeRenews, why: 'HTTP 401' };
	if (exchange.httpStatus !== null && (String(code) === '401' || TOKEN_WORDS.test(String(status))))
		return {
			answer: 'bodyStatus',
			...base,
			nodeRenews,
			why: `HTTP ${exchange.httpStatus} with code ${String(code)} / status ${String(status)}`,
		};
	return {
		answer: null,
		...base,
		nodeRenews,
		why:
			exchange.httpStatus !== null && exchange.httpStatus < 300
				? 'the broken token was not refused (!)'
				: 'neither HTTP 401 nor a body naming the token',
	};
}

/** Whether the send answer carries the transfer's notify_token; null without a transfer. */
export function notifyTokenFinding(send: Exchange): boolean | null {
	if (!transactionIdOf(send)) return null;
	return typeof send.body === 'object' && send.body !== null && 'notify_token' in send.body;
}

/** The answer to a send with an unknown payment method, and the codes it names. */
export interface MethodsFinding {
	answer: 'refused' | 'accepted' | null;
	codes: string[];
	httpStatus: number | null;
}

export function methodsFinding(exchange: Exchange, country: string, bogus: string): MethodsFinding {
	const httpStatus = exchange.httpStatus;
	if (transactionIdOf(exchange)) return { answer: 'accepted', codes: [], httpStatus };
	if (httpStatus === null || httpStatus >= 500) return { answer: null, codes: [], httpStatus };
	const named = JSON.stringify(exchange.body ?? '').match(
		new RegExp(`\\b[A-Z][A-Z0-9]*_${country}\\b`, 'g'),
	);
	return {
		answer: 'refused',
		codes: [...new Set(named ?? [])].filter((code) => code !== bogus),
		httpStatus,
	};
}

/** One status seen while watching, at its first sight. */
export interface StatusSeen {
	afterSeconds: number;
	code: string;
	status: string;
}

export interface ExpiredFinding {
	answer: 'notSeen' | 'stays' | 'moves';
	/** The last status seen. */
	last?: StatusSeen;
	why: string;
}

const isExpired = (seen: StatusSeen) => seen.status === 'EXPIRED' || seen.code === '2003';

export function expiredFinding(seen: StatusSeen[], watchedSeconds: number): ExpiredFinding {
	const last = seen[seen.length - 1];
	const at = seen.findIndex(isExpired);
	if (at === -1)
		return {
			answer: 'notSeen',
			last,
			why: last ? `the transfer was last ${last.status} (${last.code})` : 'no status was seen',
		};
	const after = seen.slice(at + 1);
	if (after.length)
		return {
			answer: 'moves',
			last,
			why: `EXPIRED after ${seen[at].afterSeconds} s, then ${after.map((s) => `${s.status} (${s.code}) after ${s.afterSeconds} s`).join(', ')}`,
		};
	return {
		answer: 'stays',
		last,
		why: `EXPIRED after ${seen[at].afterSeconds} s, unchanged until ${watchedSeconds} s (not proof that it never moves)`,
	};
}
