/**
 * How the probe reads answers the 2026 simulator does not give today (a body status naming the
 * token, a refusal code the node does not know, a route that does not exist, EXPIRED that moves
 * later), and the facts.ts lines those readings imply.
 */
import {
	duplicateFinding,
	expiredFinding,
	formAnswer,
	lookupAnswer,
	merchantLookupFinding,
	tokenFinding,
} from '../../scripts/probe2026/classify';
import type { Exchange } from '../../scripts/probe2026/client';
import { probeConfigFromEnv } from '../../scripts/probe2026/config';
import type { ProbeFindings } from '../../scripts/probe2026/probe';
import { impliedFactLines } from '../../scripts/probe2026/report';

const answer = (httpStatus: number | null, body: unknown = null): Exchange => ({
	call: 'GET /v1/balances',
	httpStatus,
	body,
});

const config = probeConfigFromEnv({
	CINETPAY_API_KEY: 'sk_test_unit',
	CINETPAY_API_PASSWORD: 'unit-password',
	CINETPAY_COUNTRY: 'CI',
});
const linesFor = (findings: Partial<ProbeFindings>) =>
	impliedFactLines({ steps: [], secretsSeen: [], loggedIn: true, ...findings }, config).join('\n');

describe('a refused token', () => {
	// label, HTTP status (null: no answer), body, how the probe names it, whether the node renews
	test.each([
		['HTTP 401', 401, { code: 401, status: 'UNAUTHORIZED' }, 'http401', true],
		['HTTP 401 without a body', 401, 'Unauthorized', 'http401', true],
		['HTTP 200, code 401', 200, { code: 401, status: 'UNAUTHORIZED' }, 'bodyStatus', true],
		['HTTP 200, EXPIRED_TOKEN', 200, { code: 1003, status: 'EXPIRED_TOKEN' }, 'bodyStatus', true],
		['HTTP 400, INVALID_TOKEN', 400, { code: 1004, status: 'INVALID_TOKEN' }, 'bodyStatus', true],
		[
			'HTTP 200, an unknown token status',
			200,
			{ code: 1099, status: 'TOKEN_REVOKED' },
			'bodyStatus',
			false,
		],
		['HTTP 200 with a balance (not refused)', 200, { code: 200, status: 'OK' }, null, false],
		['no answer', null, undefined, null, false],
	] as const)('%s', (_, httpStatus, body, expected, renews) => {
		const finding = tokenFinding(answer(httpStatus, body ?? null));
		expect([finding.answer, finding.nodeRenews]).toEqual([expected, renews]);
	});

	test('a body status the node does not renew on names the codes.ts line to add', () => {
		const token = tokenFinding(answer(200, { code: 1099, status: 'TOKEN_REVOKED' }));
		const lines = linesFor({ token });
		expect(lines).toMatch(
			/^export const REFUSED_TOKEN_2026 = \{ answer: 'bodyStatus', httpStatus: 200, code: 1099, status: 'TOKEN_REVOKED' \} as const;$/m,
		);
		expect(lines).toMatch(/^\/\/ codes.ts: '1099' must carry sessionRejected: true/m);
	});
});

describe('a reused merchant ID', () => {
	const first: Exchange = {
		call: 'POST /v1/transfer',
		httpStatus: 200,
		body: { code: 2001, transaction_id: 'T1' },
	};
	test.each([
		['the same transfer', answer(200, { code: 2002, transaction_id: 'T1' }), 'returnsExisting'],
		['a second transfer', answer(200, { code: 2001, transaction_id: 'T2' }), 'acceptsNew'],
		['1200 with HTTP 422', answer(422, { code: 1200, status: 'TRANSACTION_EXIST' }), 'refused'],
		['HTTP 502', answer(502, '<html>'), null],
		['no answer', answer(null), null],
	] as const)('%s', (_, second, expected) => {
		expect(duplicateFinding(first, second).answer).toBe(expected);
	});

	test('without a first transfer nothing is settled', () => {
		expect(
			duplicateFinding(answer(400, { code: 400 }), answer(200, { code: 1200 })).answer,
		).toBeNull();
	});

	test('a refusal with a code the node does not read as "exists" says what codes.ts needs', () => {
		const duplicate = duplicateFinding(first, answer(409, { code: 1201, status: 'DUPLICATE' }));
		expect(duplicate).toMatchObject({ answer: 'refused', code: '1201', nodeReadsAsExists: false });
		expect(linesFor({ duplicate })).toMatch(
			/^\/\/ codes.ts: '1201' \(HTTP 409\) must be read as "exists"/m,
		);
		const known = duplicateFinding(first, answer(200, { code: 1200, status: 'TRANSACTION_EXIST' }));
		expect(known.nodeReadsAsExists).toBe(true);
		expect(linesFor({ duplicate: known })).not.toMatch(/codes.ts/);
	});
});

describe('a lookup by merchant ID', () => {
	test.each([
		['HTTP 200 naming our transfer', answer(200, { data: [{ transaction_id: 'T1' }] }), 'found'],
		['HTTP 200 without it', answer(200, { data: [] }), 'other'],
		["CinetPay's JSON 404", answer(404, { code: 404, status: 'NOT_FOUND' }), 'notFound'],
		['an HTML 404', answer(404, '<html>Cannot GET</html>'), 'noRoute'],
		['HTTP 405', answer(405, { message: 'Method not allowed' }), 'noRoute'],
		['HTTP 500', answer(500, { code: 500 }), 'other'],
	] as const)('%s', (_, exchange, expected) => {
		expect(lookupAnswer(exchange, ['T1'])).toBe(expected);
	});

	test.each([
		['found', 'notFound', 'found'],
		['found', 'found', 'ignoresId'],
		['notFound', 'notFound', 'notFound'],
	] as const)('for our ID %s, for an unused one %s: %s', (ours, unused, expected) => {
		expect(formAnswer(ours, unused)).toBe(expected);
	});

	test.each([
		['found', 'notFound', 'query'],
		['noRoute', 'found', 'path'],
		['notFound', 'noRoute', 'none'],
		['other', 'notFound', null],
		['ignoresId', 'notFound', 'none'],
		['ignoresId', 'other', null],
	] as const)('query %s, path %s → %s', (query, path, expected) => {
		expect(merchantLookupFinding(query, path).answer).toBe(expected);
	});
});

describe('EXPIRED', () => {
	const seen = (...statuses: Array<[string, string]>) =>
		statuses.map(([status, code], i) => ({ afterSeconds: i * 10, status, code }));

	test.each([
		['PENDING then SUCCESS', seen(['PENDING', '2002'], ['SUCCESS', '100']), 'notSeen'],
		['EXPIRED to the end', seen(['PENDING', '2002'], ['EXPIRED', '2003']), 'stays'],
		['EXPIRED then SUCCESS', seen(['EXPIRED', '2003'], ['SUCCESS', '100']), 'moves'],
		['nothing seen', seen(), 'notSeen'],
	] as const)('%s', (_, statuses, expected) => {
		expect(expiredFinding(statuses, 120).answer).toBe(expected);
	});

	test('EXPIRED that moves implies that 2003 is not final', () => {
		const expired = expiredFinding(seen(['EXPIRED', '2003'], ['SUCCESS', '100']), 120);
		const lines = linesFor({ expired });
		expect(lines).toMatch(
			/^export const EXPIRED_2026 = 'moves'; \/\/ EXPIRED after 0 s, then SUCCESS \(100\) after 10 s$/m,
		);
		expect(lines).toMatch(/^\/\/ codes.ts: '2003' must be transferState.final = false$/m);
	});
});
