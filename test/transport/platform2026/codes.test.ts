/**
 * The 2026 code table read from a table of cases: what a send's answer means, which answers end a
 * session, and that every transfer state maps to v1's status names.
 */
import {
	CODES_2026,
	isSessionRejected2026,
	send2026Meaning,
} from '../../../nodes/CinetPay/transport/platform2026';
import { STATUS_CODES_2026 } from '../../../simulator/platform2026';

describe('send2026Meaning', () => {
	test.each([
		['2001', 200, true, 'accepted'],
		['2002', 200, true, 'accepted'],
		['100', 200, true, 'accepted'],
		['2010', 200, true, 'accepted'], // a transfer exists (and failed): not "not sent"
		['200', 200, true, 'accepted'],
		['2001', 200, false, 'unclear'], // no transaction_id: cannot be shown as sent
		['1200', 200, false, 'exists'],
		['2005', 200, false, 'refused'],
		['400', 400, false, 'refused'],
		['401', 401, false, 'refused'],
		['2005', 502, false, 'unclear'], // any 5xx: CinetPay may have made it
		['500', 500, false, 'unclear'],
		['9999', 200, false, 'unclear'], // unknown code: never "refused"
		['404', 404, false, 'unclear'],
	])('code %s with HTTP %i (transaction_id: %s) → %s', (code, status, hasId, meaning) => {
		expect(send2026Meaning(code, status, hasId)).toBe(meaning);
	});

	test('a session is rejected by HTTP 401, or code 401 with HTTP 200 — not by other codes', () => {
		expect(isSessionRejected2026('401', 200)).toBe(true);
		expect(isSessionRejected2026('whatever', 401)).toBe(true);
		expect(isSessionRejected2026('404', 404)).toBe(false);
	});

	test.each([
		['1003', 200, 'EXPIRED_TOKEN', true],
		['1004', 200, 'INVALID_TOKEN', true],
		['1003', 200, undefined, true],
		['1004', 422, undefined, true],
		['9999', 200, 'EXPIRED_TOKEN', true], // the name decides when the code is not known
		['1002', 200, 'INVALID_TOKEN', true],
		['1002', 200, 'INVALID_PARAMS', false], // 1002 is INVALID_PARAMS to another client
		['2005', 200, 'INSUFFICIENT_BALANCE', false],
		['200', 200, 'OK', false],
	])('code %s, HTTP %i, status %s: session rejected %s', (code, httpStatus, status, rejected) => {
		expect(isSessionRejected2026(code, httpStatus, status)).toBe(rejected);
	});

	test('a send refused for its token, 2011, 403 or 429 created nothing: refused', () => {
		for (const [code, http] of [
			['1002', 200],
			['1003', 200],
			['1004', 401],
			['2011', 403],
			['403', 403],
			['429', 429],
		] as const)
			expect([code, send2026Meaning(code, http, false)]).toEqual([code, 'refused']);
	});

	test('EXPIRED (2003) is not final and not REJ: it may still move', () => {
		expect(CODES_2026['2003'].transferState).toEqual({ normalized: 'REC', final: false });
		expect(CODES_2026['2003'].advice).toMatch(/Do not send it again/);
	});

	test('every status the simulator knows is in the table with a v1 name; every entry has advice or is success', () => {
		for (const [status, code] of Object.entries(STATUS_CODES_2026)) {
			expect(CODES_2026[String(code)]).toMatchObject({ status, transferState: expect.any(Object) });
		}
		for (const info of Object.values(CODES_2026)) {
			expect(info.meaning).not.toBe('');
			if (
				!info.transferState ||
				!info.transferState.final ||
				info.transferState.normalized === 'REJ'
			) {
				if (info.status !== 'OK') expect(info.advice).not.toBe('');
			}
		}
	});
});
