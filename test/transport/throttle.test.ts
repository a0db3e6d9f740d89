/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test, never published: a throttling gateway on 127.0.0.1 */
/**
 * The gate every call of one account passes (transport/shared/throttle.ts): Retry-After read as
 * seconds or an HTTP date and bounded, the "not before" time shared by every call of the account,
 * and the in-flight limit halved on a 429 and creeping back up as calls pass.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { callCinetPay, callOutcome } from '../../nodes/CinetPay/transport/v1';
import {
	CallGate,
	callGateOf,
	DEFAULT_RETRY_AFTER_MS,
	MAX_RETRY_AFTER_MS,
	retryAfterMs,
} from '../../nodes/CinetPay/transport/shared/throttle';
import { useSimulatorV1 } from './simulators';

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

	test('the "not before" time is shared by every call of the account, and only of that account', () => {
		const now = Date.now();
		callGateOf('account-a').throttled(30_000, now);
		expect(callGateOf('account-a').waitMs(now)).toBe(30_000);
		expect(callGateOf('account-a').waitMs(now + 10_000)).toBe(20_000);
		expect(callGateOf('account-b').waitMs(now)).toBe(0);
	});
});

/**
 * v1 shares the transport's rule: a throttling gateway in front of v1's simulator answers 429
 * (Retry-After: 0) to the next calls but logins, without forwarding them.
 */
describe('v1: HTTP 429 from a gateway', () => {
	const bed = useSimulatorV1();
	let gateway: Awaited<ReturnType<typeof throttlingGateway>>;
	beforeAll(async () => {
		gateway = await throttlingGateway(() => bed.sim.baseUrl);
	});
	afterAll(() => gateway.close());
	/** The error of a balance call that is expected to fail. */
	const failedBalance = async () =>
		(await callCinetPay.call(bed.context(), { endpoint: 'balance' }).then(
			() => new Error('no error'),
			(error: unknown) => error,
		)) as Error & { description?: string };
	beforeEach(() => {
		bed.store.data.baseUrl = gateway.url;
		gateway.throttle = 0;
		gateway.forbid = 0;
	});

	test('a throttled call is repeated after the wait, and passes', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		gateway.throttle = 2;
		const answer = await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		expect(answer.code).toBe('0');
		expect(gateway.throttle).toBe(0);
		// Two calls reached CinetPay: the first balance and the repeat that passed.
		expect(bed.sim.control.requests().filter((e) => e.path.includes('balance'))).toHaveLength(2);
	});

	test('persistent 429: "not sent", named TOO_MANY_REQUESTS', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		gateway.throttle = 10;
		const error = await failedBalance();
		expect(error.message).toMatch(/TOO_MANY_REQUESTS \(429\)/);
		expect(callOutcome(error)).toBe('not-sent');
		expect(gateway.throttle).toBe(10 - 4);
	});

	test('HTTP 403 from a gateway: named FORBIDDEN, "not sent", with the allow-list advice', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		gateway.forbid = 1;
		const error = await failedBalance();
		expect(error.message).toMatch(/FORBIDDEN \(403\)/);
		expect(error.description).toMatch(/allow-list/);
		expect(callOutcome(error)).toBe('not-sent');
	});
});

async function throttlingGateway(target: () => string) {
	const gateway = {
		url: '',
		throttle: 0,
		forbid: 0,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = http.createServer((req, res) => {
		if (gateway.throttle > 0 && !String(req.url).includes('/auth/login')) {
			gateway.throttle--;
			req.resume();
			res.writeHead(429, { 'retry-after': '0', 'content-type': 'text/html' });
			res.end('<html>429 Too Many Requests</html>');
			return;
		}
		if (gateway.forbid > 0) {
			gateway.forbid--;
			req.resume();
			res.writeHead(403, { 'content-type': 'text/html' });
			res.end('<html>403 Forbidden</html>');
			return;
		}
		const upstream = http.request(
			`${target()}${req.url}`,
			{ method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return gateway;
}
