/**
 * The sandbox probe against the 2026 simulator in every variant of the questions it asks: for each
 * variant it must name the right fact — and leave every other question at the default's answer —
 * and print the facts.ts line that fact implies. Over real HTTP on 127.0.0.1.
 */
import { runProbe, type ProbeFindings } from '../../scripts/probe2026/probe';
import { renderReport } from '../../scripts/probe2026/report';
import {
	startSimulator2026,
	TEST_NUMBERS_2026,
	type RunningSimulator2026,
	type Simulator2026Variants,
} from '../../simulator/platform2026';
import { probeConfig } from './helpers';

/** What the probe concluded on each question. */
function factsOf(findings: ProbeFindings) {
	return {
		duplicate: findings.duplicate?.answer,
		merchantLookup: findings.merchantLookup?.answer,
		sendNotifyToken: findings.sendNotifyToken,
		token: findings.token?.answer,
		expired: findings.expired?.answer,
		methods: findings.methods?.codes,
	};
}

type Facts = ReturnType<typeof factsOf>;

/** The simulator's defaults (the receiver's transfers expire, if EXPIRED exists). */
const DEFAULT_FACTS: Facts = {
	duplicate: 'refused',
	merchantLookup: 'none',
	sendNotifyToken: false,
	token: 'http401',
	expired: 'notSeen',
	methods: ['OM_CI', 'MTN_CI', 'MOOV_CI', 'WAVE_CI'],
};

const rows: Array<[string, Partial<Simulator2026Variants>, Partial<Facts>, RegExp]> = [
	[
		'a reused ID refused (1200)',
		{ duplicateMerchantId: 'refuse1200' },
		{},
		/^export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'refused';$/m,
	],
	[
		'a reused ID answered with the existing transfer',
		{ duplicateMerchantId: 'returnExisting' },
		{ duplicate: 'returnsExisting' },
		/^export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'returnsExisting';$/m,
	],
	[
		'a reused ID accepted as a new transfer',
		{ duplicateMerchantId: 'acceptNew' },
		{ duplicate: 'acceptsNew' },
		/^export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'unknown'; \/\/ settled: a reused ID is a NEW transfer/m,
	],
	[
		'no lookup by merchant ID',
		{ merchantLookup: 'none' },
		{},
		/^export const MERCHANT_LOOKUP_2026: MerchantLookup2026 = 'none';$/m,
	],
	[
		'a lookup by merchant ID as a query',
		{ merchantLookup: 'query' },
		{ merchantLookup: 'query' },
		/^export const MERCHANT_LOOKUP_2026: MerchantLookup2026 = 'query';$/m,
	],
	[
		'a lookup by merchant ID as a path',
		{ merchantLookup: 'path' },
		{ merchantLookup: 'path' },
		/^export const MERCHANT_LOOKUP_2026: MerchantLookup2026 = 'path';$/m,
	],
	[
		'a refused token with HTTP 401',
		{ expiredTokenStatus: 'http401' },
		{},
		/^export const REFUSED_TOKEN_2026 = \{ answer: 'http401', httpStatus: 401, code: 401, status: 'UNAUTHORIZED' \}/m,
	],
	[
		'a refused token with HTTP 200 and code 401 in the body',
		{ expiredTokenStatus: 'http200' },
		{ token: 'bodyStatus' },
		/^export const REFUSED_TOKEN_2026 = \{ answer: 'bodyStatus', httpStatus: 200, code: 401, status: 'UNAUTHORIZED' \}/m,
	],
	[
		'no EXPIRED status (the transfer fails)',
		{ expiredStatus: false },
		{},
		/^\/\/ EXPIRED_2026: not settled — EXPIRED not seen \(the transfer was last FAILED \(2010\)\)/m,
	],
	[
		'an EXPIRED status',
		{ expiredStatus: true },
		{ expired: 'stays' },
		/^export const EXPIRED_2026 = 'stays'; \/\/ EXPIRED after/m,
	],
	[
		'no notify_token in the send answer',
		{ sendAnswerNotifyToken: false },
		{},
		/^export const SEND_ANSWER_HAS_NOTIFY_TOKEN_2026 = false;$/m,
	],
	[
		'a notify_token in the send answer',
		{ sendAnswerNotifyToken: true },
		{ sendNotifyToken: true },
		/^export const SEND_ANSWER_HAS_NOTIFY_TOKEN_2026 = true;$/m,
	],
	[
		'an unknown payment method refused with the codes named',
		{ unknownPaymentMethodAnswer: 'namesCodes' },
		{},
		/^paymentMethods: \['OM_CI', 'MTN_CI', 'MOOV_CI', 'WAVE_CI'\], \/\/ as facts.ts has them$/m,
	],
	[
		'an unknown payment method refused without naming codes',
		{ unknownPaymentMethodAnswer: 'bare' },
		{ methods: [] },
		/^\/\/ PAYMENT METHODS: not settled — the refusal names no codes$/m,
	],
];

let sim: RunningSimulator2026;
beforeAll(async () => {
	// Transfers move every 10 ms: the probe's short watch sees them end.
	sim = await startSimulator2026({ quiet: true, variants: { stepMs: 10 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

test.each(rows)(
	'%s: the probe names the right fact and its line',
	async (_, variants, expected, line) => {
		sim.control.setVariants(variants);
		const config = probeConfig(sim, { CINETPAY_PROBE_PHONE: TEST_NUMBERS_2026.CI.expires.phone });
		const findings = await runProbe(config, { fetch });
		expect(factsOf(findings)).toEqual({ ...DEFAULT_FACTS, ...expected });
		const report = renderReport(findings, config);
		expect(report).toMatch(line);
		// Step 8 says whether the transfer reached a final state: FAILED here, unless it EXPIRED.
		expect(report).toMatch(
			findings.expired?.answer === 'stays'
				? /no SUCCESS or FAILED within \d+ s \(last: EXPIRED \(2003\)\)/
				: /final state reached: FAILED \(2010\) after/,
		);
	},
);

test('the probe sends the smallest amount to the configured number, three transfers at most', async () => {
	sim.control.setVariants({ duplicateMerchantId: 'acceptNew' });
	await runProbe(probeConfig(sim), { fetch });
	const sends = sim.control
		.requests()
		.filter((e) => e.method === 'POST' && e.path === '/v1/transfer');
	expect(sends).toHaveLength(3);
	for (const send of sends)
		expect(send.body).toMatchObject({
			amount: 500,
			currency: 'XOF',
			phone_number: '+2250700000001',
		});
	expect(sim.control.transfers().map((t) => t.amount)).toEqual([500, 500]);
});

test('a login refused: the probe stops after it, says so, and implies nothing', async () => {
	const config = probeConfig(sim, { CINETPAY_API_PASSWORD: 'wrong-password' });
	const findings = await runProbe(config, { fetch });
	expect(findings.loggedIn).toBe(false);
	expect(sim.control.requests().map((e) => e.path)).toEqual(['/v1/oauth/login']);
	expect(renderReport(findings, config)).toMatch(
		/No access_token: the probe stops here[\s\S]*nothing: the login failed/,
	);
});
