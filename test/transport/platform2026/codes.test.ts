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

	test('every status the simulator knows is in the table with a v1 name; every entry has advice or is success', () => {
		for (const [status, code] of Object.entries(STATUS_CODES_2026)) {
			expect(CODES_2026[String(code)]).toMatchObject({ status, transferState: expect.any(Object) });
		}
		for (const info of Object.values(CODES_2026)) {
			expect(info.meaning).not.toBe('');
			if (!info.transferState || info.transferState.normalized === 'REJ') {
				if (info.status !== 'OK') expect(info.advice).not.toBe('');
			}
		}
	});
});
