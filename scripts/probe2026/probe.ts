/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it waits between two looks at a sandbox transfer */
/**
 * The probe's eight steps against one sandbox account, in order. Each step keeps its exchanges
 * (for the report's raw JSON) and what they imply; nothing here prints. Three transfers of the
 * smallest amount are sent (the probe's own, the same again, one with a payment method that does
 * not exist), all to the configured test number.
 */
import { randomBytes } from 'node:crypto';

import { ENDPOINTS_2026 } from '../../nodes/CinetPay/transport/platform2026/facts';
import {
	duplicateFinding,
	expiredFinding,
	formAnswer,
	lookupAnswer,
	merchantLookupFinding,
	methodsFinding,
	notifyTokenFinding,
	tokenFinding,
	type DuplicateFinding,
	type ExpiredFinding,
	type LookupAnswer,
	type MethodsFinding,
	type StatusSeen,
	type TokenFinding,
} from './classify';
import { fieldOf, ProbeClient, transactionIdOf, type Exchange, type Fetch } from './client';
import type { ProbeConfig } from './config';

export interface StepRecord {
	title: string;
	/** What a person reads first. */
	lines: string[];
	exchanges: Exchange[];
}

export interface ProbeFindings {
	steps: StepRecord[];
	/** Every token CinetPay handed out and every notify_token seen: kept only to scrub the report. */
	secretsSeen: string[];
	loggedIn: boolean;
	duplicate?: DuplicateFinding;
	merchantLookup?: { answer: ReturnType<typeof merchantLookupFinding>['answer']; why: string };
	sendNotifyToken?: boolean | null;
	token?: TokenFinding;
	methods?: MethodsFinding;
	expired?: ExpiredFinding;
}

export interface ProbeDeps {
	fetch: Fetch;
	sleep?: (ms: number) => Promise<void>;
}

/** ≤ 30 letters, digits and '-', as facts.ts's MERCHANT_ID_PATTERN. */
function probeMerchantId(): string {
	return `PROBE-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`.toUpperCase();
}

const describeAnswer = (e: Exchange) =>
	e.httpStatus === null
		? `no answer (${e.error ?? 'unknown'})`
		: `HTTP ${e.httpStatus}, code ${String(fieldOf(e, 'code'))}, status ${String(fieldOf(e, 'status'))}`;

const NOT_A_SESSION = 'probe-not-a-session';
const TRANSFER = ENDPOINTS_2026.send.path;

export async function runProbe(config: ProbeConfig, deps: ProbeDeps): Promise<ProbeFindings> {
	const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
	const client = new ProbeClient(config.baseUrl, deps.fetch, config.timeoutSeconds * 1000);
	const findings: ProbeFindings = { steps: [], secretsSeen: [], loggedIn: false };
	const step = (title: string): StepRecord => {
		const record: StepRecord = { title, lines: [], exchanges: [] };
		findings.steps.push(record);
		return record;
	};
	const call = async (record: StepRecord, ...args: Parameters<ProbeClient['call']>) => {
		const exchange = await client.call(...args);
		record.exchanges.push(exchange);
		const notifyToken = fieldOf(exchange, 'notify_token');
		if (typeof notifyToken === 'string') findings.secretsSeen.push(notifyToken);
		return exchange;
	};
	const transferBody = (merchantId: string, paymentMethod = config.paymentMethod) => ({
		currency: config.countryFacts.currency,
		payment_method: paymentMethod,
		merchant_transaction_id: merchantId,
		amount: config.amount,
		phone_number: config.phone,
		reason: 'n8n-nodes-cinetpay sandbox probe',
	});

	// 1. Login
	const login = step('1. Login');
	const loginAnswer = await call(login, 'POST', ENDPOINTS_2026.login.path, {
		api_key: config.apiKey,
		api_password: config.apiPassword,
	});
	const token = fieldOf(loginAnswer, 'access_token');
	login.lines.push(describeAnswer(loginAnswer));
	if (typeof token !== 'string' || token === '') {
		login.lines.push('No access_token: the probe stops here.');
		if (String(fieldOf(loginAnswer, 'code')) === '2011')
			login.lines.push(
				"2011 NOT_ALLOWED: add this machine's public IPv4 address to the allow-list in the CinetPay dashboard.",
			);
		return findings;
	}
	findings.loggedIn = true;
	findings.secretsSeen.push(token);
	client.token = token;
	login.lines.push(
		`expires_in ${String(fieldOf(loginAnswer, 'expires_in'))} s, token_type ${String(fieldOf(loginAnswer, 'token_type'))}`,
		`fields: ${shapeOf(loginAnswer.body)}`,
	);

	// 2. Balance
	const balance = step('2. Balance');
	const balanceAnswer = await call(balance, 'GET', ENDPOINTS_2026.balance.path);
	balance.lines.push(
		describeAnswer(balanceAnswer),
		`available ${String(fieldOf(balanceAnswer, 'available_balance'))}, real ${String(fieldOf(balanceAnswer, 'real_balance'))} ${String(fieldOf(balanceAnswer, 'currency'))}`,
	);

	// 3. A send
	const merchantId = probeMerchantId();
	const send = step('3. A send');
	const first = await call(send, 'POST', TRANSFER, transferBody(merchantId));
	const firstId = transactionIdOf(first);
	findings.sendNotifyToken = notifyTokenFinding(first);
	send.lines.push(
		describeAnswer(first),
		`merchant_transaction_id ${merchantId}, transaction_id ${firstId ?? '(none)'}`,
		`notify_token in the answer: ${findings.sendNotifyToken === null ? 'not settled (no transfer)' : findings.sendNotifyToken ? 'yes' : 'no'}`,
		`fields: ${shapeOf(first.body)}`,
	);

	// 4. The same send again
	const again = step('4. The same send again, same merchant_transaction_id');
	const second = await call(again, 'POST', TRANSFER, transferBody(merchantId));
	findings.duplicate = duplicateFinding(first, second);
	again.lines.push(
		describeAnswer(second),
		`→ ${findings.duplicate.answer ?? 'not settled'}: ${findings.duplicate.why}`,
	);

	// 5. Lookups
	const lookups = step('5. Lookups');
	const ours = [firstId, transactionIdOf(second)].filter((id): id is string => !!id);
	if (firstId) {
		const byId = await call(
			lookups,
			'GET',
			`${ENDPOINTS_2026.transfer.path}${encodeURIComponent(firstId)}`,
		);
		lookups.lines.push(`by transaction_id: ${lookupAnswer(byId, ours)} (${describeAnswer(byId)})`);
	}
	// Each form is also asked for an ID never used: an endpoint that lists transfers whatever the
	// ID would otherwise pass for a lookup.
	const unused = probeMerchantId();
	const forms = {
		query: (id: string) => `${TRANSFER}?merchant_transaction_id=${encodeURIComponent(id)}`,
		path: (id: string) => `${TRANSFER}/merchant/${encodeURIComponent(id)}`,
	};
	const formAnswers: Record<string, LookupAnswer> = {};
	for (const [form, pathOf] of Object.entries(forms)) {
		const found = await call(lookups, 'GET', pathOf(merchantId));
		const control = await call(lookups, 'GET', pathOf(unused));
		formAnswers[form] = formAnswer(lookupAnswer(found, ours), lookupAnswer(control, ours));
		lookups.lines.push(
			`by merchant ID, ${form} (GET ${pathOf('ID').replace('ID', '{id}')}): ${formAnswers[form]} (${describeAnswer(found)}; an unused ID: ${describeAnswer(control)})`,
		);
	}
	const { query, path } = formAnswers;
	findings.merchantLookup = ours.length
		? merchantLookupFinding(query, path)
		: { answer: null, why: 'no transfer to look up' };
	lookups.lines.push(
		`→ ${findings.merchantLookup.answer ?? 'not settled'}: ${findings.merchantLookup.why}`,
	);

	// 6. A broken token
	const broken = step('6. A call with a broken token');
	const refused = await call(broken, 'GET', ENDPOINTS_2026.balance.path, undefined, NOT_A_SESSION);
	findings.token = tokenFinding(refused);
	broken.lines.push(
		describeAnswer(refused),
		`→ ${findings.token.answer ?? 'not settled'}: ${findings.token.why}`,
	);

	// 7. An unknown payment method
	const methods = step('7. A send with an unknown payment method');
	const bogus = `PROBEX_${config.country}`;
	const methodAnswer = await call(
		methods,
		'POST',
		TRANSFER,
		transferBody(probeMerchantId(), bogus),
	);
	findings.methods = methodsFinding(methodAnswer, config.country, bogus);
	methods.lines.push(
		describeAnswer(methodAnswer),
		findings.methods.answer === 'accepted'
			? `CinetPay ACCEPTED the unknown method ${bogus}`
			: `codes named: ${findings.methods.codes.join(', ') || '(none)'}`,
	);

	// 8. The transfer's status over time
	const watch = step("8. The transfer's status over time");
	findings.expired = firstId
		? await watchStatus(config, firstId, watch, (path) => call(watch, 'GET', path), sleep)
		: { answer: 'notSeen', why: 'no transfer to watch' };
	watch.lines.push(`→ EXPIRED ${findings.expired.answer}: ${findings.expired.why}`);
	return findings;
}

/**
 * Polls the transfer until it is SUCCESS or FAILED, or the window ends. After EXPIRED it keeps
 * watching: whether EXPIRED can still move is the question.
 */
async function watchStatus(
	config: ProbeConfig,
	transactionId: string,
	record: StepRecord,
	get: (path: string) => Promise<Exchange>,
	sleep: (ms: number) => Promise<void>,
): Promise<ExpiredFinding> {
	const start = Date.now();
	const seen: StatusSeen[] = [];
	const path = `${ENDPOINTS_2026.transfer.path}${encodeURIComponent(transactionId)}`;
	for (;;) {
		const answer = await get(path);
		// Only changes are worth printing.
		if (
			record.exchanges.length > 1 &&
			JSON.stringify(record.exchanges.at(-2)?.body) === JSON.stringify(answer.body)
		)
			record.exchanges.pop();
		const afterSeconds = Math.round((Date.now() - start) / 100) / 10;
		const status = String(fieldOf(answer, 'status'));
		const code = String(fieldOf(answer, 'code'));
		if (answer.httpStatus === 200 && seen.at(-1)?.status !== status) {
			seen.push({ afterSeconds, code, status });
			record.lines.push(`${afterSeconds} s: ${status} (${code})`);
		}
		if (status === 'SUCCESS' || status === 'FAILED') break;
		if (Date.now() - start >= config.watchSeconds * 1000) break;
		await sleep(config.pollSeconds * 1000);
	}
	const watched = Math.round((Date.now() - start) / 1000);
	const last = seen[seen.length - 1];
	record.lines.push(
		last && (last.status === 'SUCCESS' || last.status === 'FAILED')
			? `final state reached: ${last.status} (${last.code}) after ${last.afterSeconds} s`
			: `no SUCCESS or FAILED within ${watched} s (last: ${last ? `${last.status} (${last.code})` : 'none'})`,
	);
	return expiredFinding(seen, watched);
}

/** The answer's fields and their JSON types: its shape, without its values. */
function shapeOf(body: unknown): string {
	if (typeof body !== 'object' || body === null) return typeof body;
	return Object.entries(body)
		.map(
			([key, value]) =>
				`${key}: ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
		)
		.join(', ');
}
