/**
 * The gate every call of one account passes (transport/shared/throttle.ts): Retry-After read as
 * seconds or an HTTP date and bounded, the "not before" time shared by every call of the account,
 * and the in-flight limit halved on a 429 and creeping back up as calls pass.
 */
import {
	CallGate,
	callGateOf,
	DEFAULT_RETRY_AFTER_MS,
	MAX_RETRY_AFTER_MS,
	retryAfterMs,
} from '../../nodes/CinetPay/transport/shared/throttle';

describe('retryAfterMs', () => {
	const now = Date.parse('2026-12-04T10:00:00Z');
	test.each([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		['Fri, 04 Dec 2026 10:00:05 GMT', 5000],
		['Fri, 04 Dec 2026 09:00:00 GMT', 0], // in the past
		['3600', MAX_RETRY_AFTER_MS], // bounded
		['', DEFAULT_RETRY_AFTER_MS],
		['soon', DEFAULT_RETRY_AFTER_MS],
		[undefined, DEFAULT_RETRY_AFTER_MS],
	])('Retry-After %p → %i ms', (header, ms) => {
		expect(retryAfterMs(header, now)).toBe(ms);
	});
});

describe('CallGate', () => {
	test('no limit until a 429; then half of the calls in flight, halved again, creeping back up', async () => {
		const gate = new CallGate();
		expect(gate.inFlightLimit).toBe(Number.POSITIVE_INFINITY);
		expect(gate.limitFor(8)).toBe(8);
		for (let i = 0; i < 8; i++) await gate.enter();
		gate.throttled(0);
		expect(gate.inFlightLimit).toBe(4);
		expect(gate.limitFor(8)).toBe(4);
		expect(gate.limitFor(2)).toBe(2);
		gate.throttled(0);
		expect(gate.inFlightLimit).toBe(2);
		for (let i = 0; i < 8; i++) gate.leave();
		gate.passed();
		expect(gate.inFlightLimit).toBe(2);
		gate.passed();
		expect(gate.inFlightLimit).toBe(3);
		gate.throttled(0);
		expect(gate.inFlightLimit).toBe(1); // nothing in flight: never below one
	});

	test('calls beyond the limit wait their turn, and go as others leave', async () => {
		const gate = new CallGate();
		await gate.enter();
		await gate.enter();
		gate.throttled(0);
		gate.leave();
		expect(gate.inFlightLimit).toBe(1);
		let entered = false;
		const waiting = gate.enter().then(() => (entered = true));
		await Promise.resolve();
		expect(entered).toBe(false);
		gate.leave();
		await waiting;
		expect(entered).toBe(true);
	});

	test('the "not before" time is shared by every call of the account, and only of that account', () => {
		const now = Date.now();
		callGateOf('account-a').throttled(30_000, now);
		expect(callGateOf('account-a').waitMs(now)).toBe(30_000);
		expect(callGateOf('account-a').waitMs(now + 10_000)).toBe(20_000);
		expect(callGateOf('account-b').waitMs(now)).toBe(0);
	});
});
