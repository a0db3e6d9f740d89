/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports -- the suite prints its table of counts at the end, and sends raw HTTP (node:http) for what fetch cannot send: a GET with a body, bytes without a content type */
/**
 * The bad-day suite for notifications. Real transfers made through the CinetPay Transfer node
 * against the simulator; the trigger served over real HTTP on 127.0.0.1 by the webhook harness.
 * - Forged: some 200 variants generated from a table of mutations applied to the simulator's own
 *   notifications (claims the API overrides, replays, unknown IDs, malformed fields, oversized and
 *   non-form bodies, a wrong secret), sent one by one and then all at once → nothing starts that
 *   the API does not confirm: a start carries the API's values (never a forged amount or status),
 *   once per (transaction_id, status); an unknown ID is answered 503, never 200; every request is
 *   answered within a bound, with no API call for what is refused before verification.
 * - Repeated: every notification delivered 5 times by the simulator, and 5 concurrent POSTs of
 *   the same body → one start per (transaction_id, status).
 * - Faults: a 5xx page, a lookup slower than the deadline, expired and revoked tokens, a token
 *   renewal on a slow CinetPay (only the deadline bounds it), errors as HTTP 4xx, a refused login:
 *   503 or 200 fast, nothing started, and CinetPay's next delivery starts once.
 * - Secrets: every output, error, HTTP answer and log line of the suite is scanned for the apikey,
 *   the password and every token the simulator issued → 0.
 */
import * as http from 'node:http';
import { format } from 'node:util';

import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import type { TreatmentStatus } from '../../nodes/CinetPay/helpers/interfaces';
import { findTransfers } from '../../nodes/CinetPay/transport/v1';
import { DEMO_API_KEY, DEMO_PASSWORD, startSimulator, TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { credentialStore, type CredentialStore } from '../helpers/n8nCore';
import { runNode } from '../helpers/runNode';
import { findSecrets } from '../helpers/secrets';
import { startWebhookServer, webhookContext, type LogEntry, type TriggerSetup, type WebhookServer } from '../helpers/webhookHarness';

const { succeeds: OK, rejected: REJECTED, pending: PENDING } = TEST_NUMBERS.CI;
type Receiver = typeof OK | typeof REJECTED | typeof PENDING;
/** Not loopback: the simulator does not deliver there, but logs the notification's fields. */
const NOWHERE = 'https://example.com/cinetpay-notify';
const CHECK = '/v1/transfer/check/money';
const LOGIN = '/v1/auth/login';
const FORM = 'application/x-www-form-urlencoded';
const ALL: TreatmentStatus[] = ['NEW', 'NOS', 'REC', 'VAL', 'REJ'];
const SECRET = 'Qm4tZ8rWc2Lp7';
/** Generous on purpose (a loaded 2-core CI box); the measured times are printed. */
const ANSWER_BOUND_MS = 2000;

type Fields = Record<string, string>;

let sim: RunningSimulator;
let store: CredentialStore;
/** Every token the simulator issued to this suite, taken from the credential store as it is written. */
const tokens = new Set<string>();
const servers: WebhookServer[] = [];
/** What the code under test produced besides the servers' outcomes: node outputs, errors, HTTP answers. */
const evidence: unknown[] = [];
/** Log lines of webhook contexts used outside a server. */
const directLogs: LogEntry[] = [];
const consoleLines: string[] = [];
/** Every HTTP answer of the suite; and those to the forged variants, one at a time and all at once. */
const answerTimes: number[] = [];
const oneByOneTimes: number[] = [];
const allAtOnceTimes: number[] = [];
const refusals: Record<string, number> = {};
let workflowCounter = 0;
const totals = {
	forgedVariants: 0,
	forgedRequests: 0,
	forgedStarts: 0,
	apiCallsToJudge: 0,
	apiCallsRefusedEarly: 0,
	secretRefusals: 0,
	genuineStartsAfter: 0,
	repeatedDeliveries: 0,
	repeatedKeys: 0,
	repeatedStarts: 0,
	faultAnswers: 0,
	tokensIssued: 0,
	linesScanned: 0,
	secretsFound: 0,
};

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originalConsole = Object.fromEntries(consoleMethods.map((name) => [name, console[name]]));

beforeAll(async () => {
	for (const name of consoleMethods) {
		jest.spyOn(console, name).mockImplementation((...args: unknown[]) => {
			consoleLines.push(format(...args));
			originalConsole[name](...args);
		});
	}
	sim = await startSimulator();
	store = trackedStore(DEMO_PASSWORD);
});
afterAll(async () => {
	await Promise.all(servers.map((server) => server.close()));
	await sim.close();
	jest.restoreAllMocks();
	const times = (label: string, values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
		return `  ${label.padEnd(32)} n=${sorted.length} p50=${at(0.5).toFixed(1)} p95=${at(0.95).toFixed(1)} max=${at(1).toFixed(1)}`;
	};
	console.log(
		[
			'notifications — counts',
			...Object.entries(totals).map(([key, value]) => `  ${key.padEnd(32)} ${value}`),
			`  ${'forged, answers by HTTP status'.padEnd(32)} ${Object.entries(refusals)
				.sort()
				.map(([code, count]) => `${code}: ${count}`)
				.join(', ')}`,
			`  answer times in ms (bound: ${ANSWER_BOUND_MS} one at a time; all at once: answered, not bounded)`,
			times('forged, one at a time', oneByOneTimes),
			times('forged, all at once', allAtOnceTimes),
			times('every answer of the suite', answerTimes),
		].join('\n'),
	);
});

/** A credential store that records every token written into it (n8n's preAuthentication). */
function trackedStore(password: string): CredentialStore {
	const target = credentialStore({ apiKey: DEMO_API_KEY, password, baseUrl: sim.baseUrl });
	let data = target.data;
	return Object.defineProperty(target, 'data', {
		enumerable: true,
		get: () => data,
		set: (next: CredentialStore['data']) => {
			data = next;
			if (typeof next.sessionToken === 'string' && next.sessionToken !== '') tokens.add(next.sessionToken);
		},
	});
}

async function listen(parameters: IDataObject, extra: Partial<TriggerSetup> = {}): Promise<WebhookServer> {
	// One workflow per server: the trigger's process-wide memory is scoped by workflow.
	const server = await startWebhookServer(new CinetPayTransferTrigger(), {
		store,
		parameters,
		workflowId: `wf-notifications-${++workflowCounter}`,
		...extra,
	});
	servers.push(server);
	return server;
}

/** Sends through the CinetPay Transfer node (contacts added first); returns the transaction_ids. */
async function send(notifyUrl: string, rows: Array<[Receiver, number, string]>): Promise<string[]> {
	const items = rows.map(([receiver, amount, clientTransactionId], i) => ({
		prefix: receiver.prefix,
		phone: receiver.phone,
		amount,
		client_transaction_id: clientTransactionId,
		name: 'Kone',
		surname: `Receiver ${String.fromCharCode(65 + i)}`,
		email: `receiver${i}@example.com`,
	}));
	const output = await runNode(
		{ resource: 'transfer', operation: 'send', dataMode: 'autoMapInputData', notifyUrl, options: { addContact: true } },
		items,
		{ store },
	);
	evidence.push(output);
	const ids = output.map((item) => String(item.json.transaction_id));
	expect(ids.map((id) => sim.control.transfer(id)?.clientTransactionId)).toEqual(rows.map(([, , clientId]) => clientId));
	return ids;
}

/** One life-cycle move for each transfer, then every notification delivered. */
async function step(ids: string[], move: 'advance' | 'confirm') {
	for (const id of ids) {
		if (move === 'advance') sim.control.advance(id);
		else sim.control.confirm(id);
	}
	await sim.control.waitForIdle();
}

/** NEW → NOS → (merchant confirms) REC → VAL | REJ (a "pending" receiver stays REC). */
async function walkToTheEnd(ids: string[]) {
	await sim.control.waitForIdle();
	await step(ids, 'advance');
	await step(ids, 'confirm');
	await step(ids, 'advance');
}

const status = (id: string) => sim.control.transfer(id)!.treatmentStatus;
const lookups = () => sim.control.requests().filter((entry) => entry.path === CHECK).length;
const apiRequests = () => sim.control.requests().length;
const logins = () => sim.control.requests().filter((entry) => entry.path === LOGIN && entry.code === '0').length;

/** A notification as the simulator sent (or would have sent) it: its own log. */
function real(id: string, treatmentStatus: TreatmentStatus): Fields {
	const entry = sim.control
		.notifications()
		.find((e) => e.method === 'POST' && e.transactionId === id && e.fields?.treatment_status === treatmentStatus);
	if (!entry?.fields) throw new Error(`The simulator logged no ${treatmentStatus} notification for ${id}`);
	return { ...entry.fields };
}

interface RawRequest {
	method?: 'GET' | 'POST';
	/** Appended to the URL as is, e.g. `?secret=…`. */
	query?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

interface Answer {
	status: number;
	text: string;
	ms: number;
}

/** One raw HTTP request; rejects when the socket breaks or stays silent for `hangMs` (a hang). */
function deliver(url: string, request: RawRequest, hangMs = 5000): Promise<Answer> {
	const started = performance.now();
	const headers: Record<string, string> = { ...request.headers };
	if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
	return new Promise<Answer>((resolve, reject) => {
		const req = http.request(
			new URL(`${url}${request.query ?? ''}`),
			{ method: request.method ?? 'POST', headers, agent: false, timeout: hangMs },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const answer = { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started };
					answerTimes.push(answer.ms);
					evidence.push(answer.text);
					resolve(answer);
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer: the socket was silent for ${hangMs} ms`)));
		req.on('error', reject);
		req.end(request.body);
	});
}

const form = (fields: Fields, extra = ''): RawRequest => ({
	headers: { 'content-type': FORM },
	body: new URLSearchParams(fields).toString() + extra,
});
const typed = (contentType: string | undefined, body: string | Buffer): RawRequest => ({
	headers: contentType === undefined ? {} : { 'content-type': contentType },
	body,
});
const json = (value: unknown): RawRequest => typed('application/json', JSON.stringify(value));
const without = (fields: Fields, name: string): Fields => Object.fromEntries(Object.entries(fields).filter(([key]) => key !== name));
/** The same id with its last digit changed: well-formed, unknown. */
const offByOne = (id: string) => id.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
/** Bytes that are neither UTF-8 text nor form fields, the same on every run. */
const GARBAGE = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256));

interface Variant {
	name: string;
	target: 'open' | 'guarded';
	request: RawRequest;
	/**
	 * The HTTP status the trigger (or n8n in front of it) must answer; 'api' for a real transfer
	 * the API decides on: 200 (started with the API's values, or already started), or 503 while
	 * the API is behind the claim.
	 */
	status: number | 'api';
	/**
	 * API requests it may cost: 0 when refused before verification; 'again' for an ID the API does
	 * not know: a few looks within the 1 s deadline, then 503; 'any' for a real transfer (one look,
	 * a few while the API is behind, none once it was started).
	 */
	lookups: 0 | 'again' | 'any';
}

describe('forged notifications start nothing the API does not confirm', () => {
	/** Verification on, every status selected: no status filter can hide a forgery. */
	let open: WebhookServer;
	/** The default statuses and a secret. */
	let guarded: WebhookServer;
	let A: string, B: string, C: string, D: string, E: string, F: string;
	let variants: Variant[];

	beforeAll(async () => {
		// A 1 s deadline: a notification the API is behind is answered 503 after about a second.
		open = await listen({ statuses: ALL, options: { timeout: 1 } });
		guarded = await listen({ options: { secret: SECRET } });
		[A, B, C, D] = await send(NOWHERE, [
			[OK, 2500, 'forge-a'],
			[REJECTED, 3000, 'forge-b'],
			[PENDING, 3500, 'forge-c'],
			[OK, 4000, 'forge-d'],
		]);
		[E] = await send(NOWHERE, [[OK, 4500, 'forge-e']]);
		// F is notified to the guarded trigger by the simulator, through the URL with the secret.
		[F] = await send(`${guarded.url}?secret=${SECRET}`, [[OK, 5000, 'forge-f']]);
		await sim.control.waitForIdle();
		await step([A, B, C, D, E, F], 'advance');
		await step([A, B, C, E, F], 'confirm');
		await step([A, B, C, E, F], 'advance');
		expect([A, B, C, D, E, F].map(status)).toEqual(['VAL', 'REJ', 'REC', 'NOS', 'VAL', 'VAL']);
		variants = buildVariants();
	});

	function buildVariants(): Variant[] {
		const lotA = real(A, 'VAL').lot;
		const lotE = real(E, 'VAL').lot;
		expect(lotA).not.toBe(lotE);
		const bases: Array<[string, Fields]> = [
			['A (VAL)', real(A, 'VAL')],
			['B (REJ)', real(B, 'REJ')],
			['C (REC)', real(C, 'REC')],
			['D (NOS)', real(D, 'NOS')],
			['E (VAL, other lot)', real(E, 'VAL')],
		];
		const list: Variant[] = [];
		/** A real transfer: the API decides. */
		const judged = (name: string, request: RawRequest) => list.push({ name, target: 'open', request, status: 'api', lookups: 'any' });
		/** An ID the API does not know: looked at a few times, then 503 (it may be a read lagging). */
		const unknown = (name: string, request: RawRequest) => list.push({ name, target: 'open', request, status: 503, lookups: 'again' });
		const claim = judged;
		const lookedAgain = judged;
		const refused = (name: string, request: RawRequest, code = 400) => list.push({ name, target: 'open', request, status: code, lookups: 0 });

		// 1. Claims the API overrides, on each transfer: the API's values, or nothing.
		const CLAIMS: Array<[string, (f: Fields) => Fields]> = [
			['amount + 1', (f) => ({ ...f, amount: String(Number(f.amount) + 1) })],
			['amount - 1', (f) => ({ ...f, amount: String(Number(f.amount) - 1) })],
			['amount × 10', (f) => ({ ...f, amount: String(Number(f.amount) * 10) })],
			['amount + 0.01', (f) => ({ ...f, amount: `${f.amount}.01` })],
			['amount 0', (f) => ({ ...f, amount: '0' })],
			['client_transaction_id changed', (f) => ({ ...f, client_transaction_id: `${f.client_transaction_id}-2` })],
			['client_transaction_id of another transfer', (f) => ({ ...f, client_transaction_id: f.client_transaction_id === 'forge-e' ? 'forge-a' : 'forge-e' })],
			['another lot', (f) => ({ ...f, lot: f.lot === lotA ? lotE : lotA })],
			['receiver changed', (f) => ({ ...f, receiver: f.receiver === REJECTED.phone ? OK.phone : REJECTED.phone })],
			['receiver changed, in E.164', (f) => ({ ...f, receiver: '+2250700000099' })],
			['optional claims dropped, amount doubled', (f) => ({ transaction_id: f.transaction_id, treatment_status: f.treatment_status, amount: String(Number(f.amount) * 2) })],
		];
		for (const [baseName, base] of bases) {
			for (const [name, mutate] of CLAIMS) judged(`${baseName}: ${name}`, form(mutate(base)));
			// An ID made long ago that the API does not know (each base its own).
			unknown(`${baseName}: unknown transaction_id`, form({ ...base, transaction_id: `EA991231.235959.X99999${list.length % 10}` }));
			unknown(`${baseName}: transaction_id one digit off`, form({ ...base, transaction_id: offByOne(base.transaction_id) }));
			// Every other status claimed: VAL while the API says REC or NOS (behind), REJ for a VAL, …
			for (const claimed of ALL.filter((s) => s !== base.treatment_status)) {
				claim(`${baseName}: ${claimed} claimed while the API says ${base.treatment_status}`, form({ ...base, treatment_status: claimed }));
			}
		}
		// The same unknown ID again: 503 again (a few more looks; silent only after five not-founds).
		const remembered = list.find((variant) => variant.name.endsWith(': unknown transaction_id'))!;
		list.push({ ...remembered, name: 'an unknown transaction_id again' });
		// 2. Genuine older notifications replayed after the transfer moved on.
		for (const [label, id] of Object.entries({ A, B, C, D, E })) {
			for (const older of ALL.filter((s) => s !== status(id))) {
				const entry = sim.control.notifications().find((e) => e.transactionId === id && e.fields?.treatment_status === older);
				if (entry?.fields) claim(`${label}: its ${older} replayed, the transfer now ${status(id)}`, form(entry.fields));
			}
		}
		// 3. Forged values in other encodings: still read, the API still decides.
		const a = real(A, 'VAL');
		const c = real(C, 'REC');
		const d = real(D, 'NOS');
		const e = real(E, 'VAL');
		judged('JSON body, amount × 10', json({ ...a, amount: '25000' }));
		judged('JSON body, amount as a number × 10', json({ ...a, amount: 25000 }));
		lookedAgain('JSON body, VAL claimed while REC', json({ ...c, treatment_status: 'VAL' }));
		judged('JSON body, receiver changed', json({ ...e, receiver: REJECTED.phone }));
		judged('text/plain form, amount + 1', typed('text/plain', new URLSearchParams({ ...a, amount: '2501' }).toString()));
		lookedAgain('octet-stream form, VAL claimed while NOS', typed('application/octet-stream', new URLSearchParams({ ...d, treatment_status: 'VAL' }).toString()));
		judged('form without a content type, lot changed', typed(undefined, new URLSearchParams({ ...a, lot: lotE }).toString()));
		judged('form sent as application/xml, REJ claimed for a VAL', typed('application/xml', new URLSearchParams({ ...e, treatment_status: 'REJ' }).toString()));
		judged('form with __proto__[verified]=true, amount + 1', form({ ...a, amount: '2501' }, '&__proto__%5Bverified%5D=true'));
		lookedAgain('form with constructor[prototype][verified], VAL claimed while REC', form({ ...c, treatment_status: 'VAL' }, '&constructor%5Bprototype%5D%5Bverified%5D=true'));
		judged('form with __proto__=, REJ claimed for a VAL', form({ ...a, treatment_status: 'REJ' }, '&__proto__=x'));
		judged('form with 25 extra fields, amount + 1', form({ ...a, amount: '2501', ...Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`extra_${i}`, 'x'])) }));

		// Amounts and statuses of any shape: not reasons to refuse, the API decides.
		for (const field of ['treatment_status', 'amount']) {
			judged(`${field} missing`, form(without(a, field)));
			judged(`${field} blank`, form({ ...a, [field]: '   ' }));
		}
		for (const amount of ['-2500', 'abc', '2 500', '2500 XOF', '٢٥٠٠']) judged(`amount ${JSON.stringify(amount)}`, form({ ...a, amount }));
		for (const claimed of ['PAID', 'V A L', 'VAL;DROP']) judged(`treatment_status ${claimed}`, form({ ...a, treatment_status: claimed }));
		// Printable IDs the API does not know: looked up (the transport encodes them), 503.
		for (const id of ['../../etc/passwd', '<script>alert(1)</script>', 'E'.repeat(65)]) {
			unknown(`transaction_id ${JSON.stringify(id.slice(0, 20))}`, form({ ...a, transaction_id: id }));
		}

		// 4. Unreadable: refused before any API call.
		refused('transaction_id missing', form(without(a, 'transaction_id')));
		refused('transaction_id empty', form({ ...a, transaction_id: '' }));
		refused('transaction_id blank', form({ ...a, transaction_id: '   ' }));
		for (const id of ['EA 1', "EA1' OR '1'='1"]) refused(`transaction_id ${JSON.stringify(id)}`, form({ ...a, transaction_id: id }));
		refused('a transaction_id of 129 characters', form({ ...a, transaction_id: 'E'.repeat(129) }));
		refused('amount given twice (the same value)', form(a, `&amount=${a.amount}`));
		refused('treatment_status given twice (VAL and REJ)', form(a, '&treatment_status=REJ'));
		refused('transaction_id given twice', form(a, `&transaction_id=${B}`));
		refused('an extra field given twice', form(a, '&comment=again'));
		refused('JSON: a nested amount', json({ ...a, amount: { value: 2500 } }));
		refused('JSON: __proto__ as a key', typed('application/json', `{"__proto__":{"verified":true},${JSON.stringify(a).slice(1)}`));
		refused('JSON: an array of notifications', json([a]));
		refused('JSON: null', typed('application/json', 'null'));
		unknown('JSON: a string holding form fields', json('transaction_id=x'));
		refused('JSON: a number', typed('application/json', '2500'));
		refused('JSON: true', typed('application/json', 'true'));
		refused('JSON: {}', typed('application/json', '{}'));
		// n8n itself answers 422 before the node runs when a JSON body does not parse.
		refused('JSON: broken', typed('application/json', '{"transaction_id":'), 422);
		refused('JSON: trailing garbage', typed('application/json', `${JSON.stringify(a)}}}`), 422);
		refused('empty form body', typed(FORM, ''));
		refused('empty body, no content type', typed(undefined, ''));
		refused('blank text/plain', typed('text/plain', '   \n  '));
		refused('binary garbage, no content type', typed(undefined, GARBAGE));
		refused('binary garbage as octet-stream', typed('application/octet-stream', GARBAGE));
		// Parsed as a form, the bytes make a field name longer than any CinetPay sends.
		refused('binary garbage as a form', typed(FORM, GARBAGE), 413);
		refused('binary garbage as text/plain', typed('text/plain', GARBAGE));
		refused('XML with forged values', typed('application/xml', `<?xml version="1.0"?><notification><transaction_id>${A}</transaction_id><treatment_status>VAL</treatment_status><amount>2500000</amount></notification>`));
		refused('an HTML page', typed('text/html', '<html><body><form><input name="amount" value="1"></form></body></html>'));
		refused('CSV', typed('text/csv', `transaction_id,treatment_status,amount\n${A},VAL,1\n`));
		refused('only __proto__, constructor and prototype', typed(FORM, '__proto__=1&constructor=2&prototype=3'));

		// 5. Oversized: 413, before any API call.
		const many = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra_${i}`, 'x']));
		refused('41 fields', form({ ...a, ...many(30) }), 413);
		refused('a value of 1,001 characters', form({ ...a, comment: 'x'.repeat(1001) }), 413);
		refused('a field name of 65 characters', form({ ...a, ['n'.repeat(65)]: '1' }), 413);
		refused('JSON with 100 fields', json({ ...a, ...many(89) }), 413);
		refused('JSON with a 2 MB value', json({ ...a, comment: 'x'.repeat(2_000_000) }), 413);
		refused('a 1 MB form of 50,000 fields', typed(FORM, Array.from({ length: 50_000 }, (_, i) => `f${i}=v`).join('&')), 413);
		refused('70 KB octet-stream', typed('application/octet-stream', `${new URLSearchParams(a).toString()}&pad=${'x'.repeat(70_000)}`), 413);
		refused('200 KB text/plain', typed('text/plain', `${new URLSearchParams(a).toString()}&pad=${'x'.repeat(200_000)}`), 413);

		// 6. GET is CinetPay's ping, never a notification, whatever its body.
		refused('GET with a forged form body', { ...form({ ...a, amount: '1' }), method: 'GET' }, 200);
		refused('GET with the genuine body', { ...form(a), method: 'GET' }, 200);
		refused('GET with a JSON body', { ...json(a), method: 'GET' }, 200);

		// 7. The secret, on the guarded trigger: refused before anything else, no API call.
		const guard = (name: string, request: RawRequest, code: 401 | 403) => list.push({ name, target: 'guarded', request, status: code, lookups: 0 });
		const genuine = form(a);
		guard('secret missing', genuine, 401);
		guard('secret empty', { ...genuine, query: '?secret=' }, 401);
		guard('secret wrong', { ...genuine, query: '?secret=guess' }, 403);
		guard('secret in lower case', { ...genuine, query: `?secret=${SECRET.toLowerCase()}` }, 403);
		guard('secret without its last character', { ...genuine, query: `?secret=${SECRET.slice(0, -1)}` }, 403);
		guard('secret with one character more', { ...genuine, query: `?secret=${SECRET}x` }, 403);
		guard('secret with a trailing space', { ...genuine, query: `?secret=${SECRET}%20` }, 403);
		guard('secret with a leading space', { ...genuine, query: `?secret=%20${SECRET}` }, 403);
		guard('secret with a NUL byte', { ...genuine, query: `?secret=${SECRET}%00` }, 403);
		guard('secret repeated: right, then wrong', { ...genuine, query: `?secret=${SECRET}&secret=guess` }, 403);
		guard('secret repeated: wrong, then right', { ...genuine, query: `?secret=guess&secret=${SECRET}` }, 403);
		guard('secret repeated: right twice', { ...genuine, query: `?secret=${SECRET}&secret=${SECRET}` }, 403);
		guard('secret[] as a list', { ...genuine, query: `?secret[]=${SECRET}` }, 401);
		guard('SECRET in upper case as the name', { ...genuine, query: `?SECRET=${SECRET}` }, 401);
		guard('secret in the form body', form({ ...a, secret: SECRET }), 401);
		guard('secret in a JSON body', json({ ...a, secret: SECRET }), 401);
		guard('secret in a header', { ...genuine, headers: { ...genuine.headers, 'x-secret': SECRET, authorization: `Bearer ${SECRET}` } }, 401);
		guard('forged amount, no secret', form({ ...a, amount: '1' }), 401);
		guard('forged amount, wrong secret', { ...form({ ...a, amount: '1' }), query: '?secret=guess' }, 403);
		guard('garbage body, no secret', typed(undefined, GARBAGE), 401);
		guard('GET ping without the secret', { method: 'GET' }, 401);
		guard('GET ping with a wrong secret', { method: 'GET', query: '?secret=guess' }, 403);
		guard('GET with a body, without the secret', { ...genuine, method: 'GET' }, 401);
		return list;
	}

	const urlOf = (variant: Variant) => (variant.target === 'open' ? open.url : guarded.url);

	/** What the API says of each real transfer: a start must carry these values, and no other. */
	const truth = () => new Map([A, B, C, D, E].map((id) => [id, { status: status(id), amount: real(id, status(id)).amount }]));
	/** Every start of the open trigger is a real transfer, with the API's status and amount, once. */
	function expectOnlyTruth(starts: IDataObject[]) {
		const known = truth();
		for (const start of starts) {
			expect(known.get(String(start.transaction_id))).toEqual({ status: start.treatment_status, amount: start.amount });
			expect(start.verified).toBe(true);
		}
		const keys = starts.map((start) => start.idempotency_key);
		expect(new Set(keys).size).toBe(keys.length);
	}

	test('≥ 50 generated variants, one at a time: the expected answer, only starts the API confirms, an API call only for what the API must judge', async () => {
		expect(variants.length).toBeGreaterThanOrEqual(50);
		expect(new Set(variants.map((variant) => `${variant.target} ${variant.name}`)).size).toBe(variants.length);
		// The simulator notified the guarded trigger of F through the URL carrying the secret.
		expect(guarded.starts.map((start) => start.idempotency_key)).toEqual([`${F}:VAL`]);
		const guardedStarts = guarded.starts.length;
		const observed: Array<[string, number | 'api', number | 'again' | 'any']> = [];
		for (const variant of variants) {
			// Every API request counts, logins included: a refused call must cost CinetPay nothing.
			const before = apiRequests();
			const answer = await deliver(urlOf(variant), variant.request);
			oneByOneTimes.push(answer.ms);
			const calls = apiRequests() - before;
			// Unknown: looked at 0, 250 and 750 ms (the third may miss the 1 s deadline on a slow box).
			const counted = variant.lookups === 'again' && calls >= 2 && calls <= 3 ? 'again' : variant.lookups === 'any' ? 'any' : calls;
			const answered = variant.status === 'api' && (answer.status === 200 || answer.status === 503) ? 'api' : answer.status;
			observed.push([variant.name, answered, counted]);
			refusals[answer.status] = (refusals[answer.status] ?? 0) + 1;
			if (variant.lookups !== 0) totals.apiCallsToJudge += calls;
			else totals.apiCallsRefusedEarly += calls;
			if (variant.target === 'guarded') totals.secretRefusals++;
		}
		totals.forgedVariants = variants.length;
		totals.forgedRequests += variants.length;
		totals.forgedStarts += guarded.starts.length - guardedStarts;

		// [variant, HTTP status, API calls]
		expect(observed).toEqual(variants.map((variant) => [variant.name, variant.status, variant.lookups]));
		expectOnlyTruth(open.starts);
		expect(guarded.starts).toHaveLength(guardedStarts);
		expect(Math.max(...oneByOneTimes)).toBeLessThan(ANSWER_BOUND_MS);
		// What could not be verified was logged as such, naming why.
		const warnings = open.outcomes.flatMap((outcome) => outcome.logs.filter((entry) => entry.level === 'warn'));
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings.every((entry) => / could not be verified: (CinetPay's API still says|CinetPay does not know this transaction_id yet|CinetPay did not know this transaction_id)/.test(entry.message))).toBe(true);
	});

	test('all of them at once: every request answered as one at a time, or 503 past the bound on lookups; only starts the API confirms', async () => {
		const guardedStarts = guarded.starts.length;
		// Some 200 requests and 3 MB at once: answered (no crash, no hang), times printed, not bounded.
		const answers = await Promise.all(variants.map((variant) => deliver(urlOf(variant), variant.request, 20_000)));
		allAtOnceTimes.push(...answers.map((answer) => answer.ms));
		totals.forgedRequests += variants.length;
		totals.forgedStarts += guarded.starts.length - guardedStarts;
		// Past this trigger's 2 lookups in flight and 16 waiting, a notification the API must judge is
		// refused with 503 without a call (CinetPay delivers again later); everything else as one at a time.
		const busy = answers.filter((answer, i) => answer.status === 503 && variants[i].status !== 503).length;
		expect(
			answers.map((answer, i) => {
				const wanted = variants[i];
				if (wanted.lookups !== 0 && answer.status === 503) return wanted.status;
				return wanted.status === 'api' && answer.status === 200 ? 'api' : answer.status;
			}),
		).toEqual(variants.map((variant) => variant.status));
		refusals['503 (busy, all at once)'] = busy;
		expectOnlyTruth(open.starts);
		expect(guarded.starts).toHaveLength(guardedStarts);
	});

	test('after all that, each genuine notification still starts its workflow exactly once', async () => {
		const genuine = [real(A, 'VAL'), real(B, 'REJ'), real(C, 'REC'), real(D, 'NOS'), real(E, 'VAL')];
		for (const fields of genuine) expect((await deliver(open.url, form(fields))).status).toBe(200);
		expect((await deliver(guarded.url, { ...form(real(A, 'VAL')), query: `?secret=${SECRET}` })).status).toBe(200);
		// Some started already on a forged copy, with the API's values: each exactly once in all.
		expect(open.starts.map((start) => start.idempotency_key).sort()).toEqual([`${A}:VAL`, `${B}:REJ`, `${C}:REC`, `${D}:NOS`, `${E}:VAL`].sort());
		expect(open.starts.every((start) => start.verified === true)).toBe(true);
		expect(guarded.starts.map((start) => start.idempotency_key)).toEqual([`${F}:VAL`, `${A}:VAL`]);
		totals.genuineStartsAfter = open.starts.length + 1;
	});

	test('the same receiver written in E.164 is the same receiver', async () => {
		const server = await listen({ statuses: ALL });
		expect((await deliver(server.url, form({ ...real(A, 'VAL'), receiver: OK.e164 }))).status).toBe(200);
		expect(server.starts.map((start) => start.idempotency_key)).toEqual([`${A}:VAL`]);
	});
});

describe('repeated notifications start once', () => {
	let ids: string[];

	test('the simulator delivers every notification 5 times: one start per (transaction_id, status)', async () => {
		const server = await listen({ statuses: ALL });
		sim.control.setVariants({ notifyRepeat: 5 });
		try {
			const before = lookups();
			ids = await send(server.url, [
				[OK, 6000, 'repeat-1'],
				[OK, 6100, 'repeat-2'],
				[REJECTED, 6200, 'repeat-3'],
				[PENDING, 6300, 'repeat-4'],
			]);
			await walkToTheEnd(ids);
			expect(ids.map(status)).toEqual(['VAL', 'VAL', 'REJ', 'REC']);

			const expected = ids.flatMap((id) => sim.control.transfer(id)!.history.map(({ status: s }) => `${id}:${s}`)).sort();
			expect(expected).toHaveLength(4 + 4 + 4 + 3);
			const posts = sim.control.notifications().filter((entry) => entry.url === server.url && entry.method === 'POST');
			expect(posts.map((entry) => entry.status)).toEqual(posts.map(() => 200));
			expect(posts).toHaveLength(expected.length * 5);
			const keys = server.starts.map((start) => String(start.idempotency_key)).sort();
			expect(keys).toEqual(expected);
			// The first delivery of each costs one lookup; the four repeats cost none.
			expect(lookups() - before).toBe(expected.length);
			totals.repeatedDeliveries += posts.length;
			totals.repeatedKeys += expected.length;
			totals.repeatedStarts += server.starts.length;
		} finally {
			sim.control.setVariants({ notifyRepeat: 1 });
		}
	});

	test('5 concurrent POSTs of the same body, for several transfers at once: one start and one lookup each', async () => {
		const server = await listen({ statuses: ALL });
		const bodies = ids.map((id) => real(id, status(id)));
		const before = lookups();
		const answers = await Promise.all(bodies.flatMap((fields) => Array.from({ length: 5 }, () => deliver(server.url, form(fields)))));
		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
		expect(server.starts.map((start) => String(start.idempotency_key)).sort()).toEqual(ids.map((id) => `${id}:${status(id)}`).sort());
		expect(lookups() - before).toBe(ids.length);
		totals.repeatedDeliveries += answers.length;
		totals.repeatedKeys += ids.length;
		totals.repeatedStarts += server.starts.length;
	});
});

describe("the simulator's faults during verification", () => {
	let server: WebhookServer;
	let ids: string[];

	beforeAll(async () => {
		server = await listen({ options: { timeout: 1 } });
		ids = await send(NOWHERE, [
			[OK, 7000, 'fault-1'],
			[OK, 7100, 'fault-2'],
			[OK, 7200, 'fault-3'],
			[OK, 7300, 'fault-4'],
			[OK, 7400, 'fault-5'],
			[OK, 7500, 'fault-6'],
		]);
		await walkToTheEnd(ids);
	});

	const keys = () => server.starts.map((start) => start.idempotency_key);

	test('a 5xx page: 503 at once, nothing starts; the next delivery starts once, the one after does not', async () => {
		sim.control.injectFaults({ http5xxNext: 1 });
		const first = await deliver(server.url, form(real(ids[0], 'VAL')));
		expect(first.status).toBe(503);
		expect(first.ms).toBeLessThan(ANSWER_BOUND_MS);
		expect(keys()).toEqual([]);
		expect((await deliver(server.url, form(real(ids[0], 'VAL')))).status).toBe(200);
		expect((await deliver(server.url, form(real(ids[0], 'VAL')))).status).toBe(200);
		expect(keys()).toEqual([`${ids[0]}:VAL`]);
		totals.faultAnswers += 3;
	});

	test('CinetPay slower than the 1 s deadline: 503 after about a second, well before its answer; then one start', async () => {
		sim.control.injectFaults({ slowNextMs: { ms: 3000, count: 1 } });
		const slow = await deliver(server.url, form(real(ids[1], 'VAL')));
		expect(slow.status).toBe(503);
		expect(slow.ms).toBeGreaterThanOrEqual(900);
		expect(slow.ms).toBeLessThan(2500);
		expect(keys()).toEqual([`${ids[0]}:VAL`]);
		// CinetPay notifies again after a 503. A delivery arriving before the abandoned lookup has
		// failed shares it and gets 503 too (on a loaded box): the one after starts the workflow.
		const again: number[] = [];
		while (again.at(-1) !== 200 && again.length < 5) again.push((await deliver(server.url, form(real(ids[1], 'VAL')))).status);
		expect(again.slice(0, -1).every((code) => code === 503) && again.at(-1)).toBe(200);
		expect(keys()).toEqual([`${ids[0]}:VAL`, `${ids[1]}:VAL`]);
		totals.faultAnswers += 1 + again.length;
	});

	test('tokens expired (705) and revoked (706): one new login each, one start each', async () => {
		const before = logins();
		expect(sim.control.expireTokens()).toBeGreaterThan(0);
		expect((await deliver(server.url, form(real(ids[2], 'VAL')))).status).toBe(200);
		expect(sim.control.invalidateTokens()).toBeGreaterThan(0);
		expect((await deliver(server.url, form(real(ids[3], 'VAL')))).status).toBe(200);
		expect(logins() - before).toBe(2);
		expect(keys()).toEqual([`${ids[0]}:VAL`, `${ids[1]}:VAL`, `${ids[2]}:VAL`, `${ids[3]}:VAL`]);
		totals.faultAnswers += 2;
	});

	test('a renewed token on a slow CinetPay (three answers of 0.9 s, each within the 1 s timeout): the deadline bounds the whole', async () => {
		const before = apiRequests();
		expect(sim.control.expireTokens()).toBeGreaterThan(0);
		sim.control.injectFaults({ slowNextMs: { ms: 900, count: 3 } });
		const slow = await deliver(server.url, form(real(ids[5], 'VAL')));
		expect(slow.status).toBe(503);
		expect(slow.ms).toBeLessThan(ANSWER_BOUND_MS);
		expect(server.starts.map((start) => start.idempotency_key)).not.toContain(`${ids[5]}:VAL`);
		// The lookup goes on without anyone waiting for it (705, a login, the lookup again); then
		// CinetPay's next delivery starts the workflow.
		const renewedAndLookedUp = () => {
			const recent = sim.control.requests().slice(before);
			const login = recent.findIndex((entry) => entry.path === LOGIN && entry.code === '0');
			return login >= 0 && recent.slice(login).some((entry) => entry.path === CHECK && entry.query.transaction_id === ids[5] && entry.code === '0');
		};
		for (let waited = 0; waited < 10_000 && !renewedAndLookedUp(); waited += 50) await sleep(50);
		expect(renewedAndLookedUp()).toBe(true);
		expect((await deliver(server.url, form(real(ids[5], 'VAL')))).status).toBe(200);
		expect(keys()).toContain(`${ids[5]}:VAL`);
		totals.faultAnswers += 2;
	});

	test('errors as HTTP 4xx: an unknown id (723 as 404) is answered 503 and starts nothing', async () => {
		sim.control.setVariants({ errorHttpStatus: 'http4xx' });
		try {
			// An ID made long ago: unknown, not "not yet known".
			const forged = { ...real(ids[4], 'VAL'), transaction_id: 'EA180101.000000.Q404404' };
			expect((await deliver(server.url, form(forged))).status).toBe(503);
			expect(keys()).toHaveLength(5);
			totals.faultAnswers += 1;
		} finally {
			sim.control.setVariants({ errorHttpStatus: 'http200' });
		}
	});

	test('a refused login (wrong password): 503, nothing starts', async () => {
		const refused = trackedStore(`${DEMO_PASSWORD}-wrong`);
		const other = await listen({}, { store: refused });
		const answer = await deliver(other.url, form(real(ids[4], 'VAL')));
		expect(answer.status).toBe(503);
		expect(other.starts).toEqual([]);
		expect(other.outcomes[0].logs.map((entry) => entry.message).join('\n')).toMatch(/could not be verified/);
		totals.faultAnswers += 1;
	});

	test("the lookup's own errors (5xx, timeout, refused login) are collected whole for the secret scan", async () => {
		const trigger = new CinetPayTransferTrigger();
		const lookUp = async (credentials: CredentialStore) => {
			const context = webhookContext(trigger, { store: credentials }, { method: 'POST' });
			try {
				await findTransfers.call(context, 'transaction_id', ids[0], { retry: false, timeoutMs: 500 });
				return undefined;
			} catch (error) {
				evidence.push(error);
				return error as Error;
			} finally {
				directLogs.push(...context.probe.logs);
			}
		};
		sim.control.injectFaults({ http5xxNext: 1 });
		expect((await lookUp(store))?.message).toMatch(/HTTP 503/);
		sim.control.injectFaults({ slowNextMs: { ms: 800, count: 1 } });
		expect((await lookUp(store))?.message).toMatch(/did not answer within/);
		expect((await lookUp(trackedStore(`${DEMO_PASSWORD}-wrong`)))?.message).toMatch(/INVALID_CREDENTIALS \(701\)/);
		expect(await lookUp(store)).toBeUndefined();
	});
});

describe('secrets', () => {
	test('every output, error, answer and log line of this suite: no apikey, password or token', () => {
		if (typeof store.data.sessionToken === 'string' && store.data.sessionToken !== '') tokens.add(store.data.sessionToken);
		// Every token the simulator issued is in the list: one per successful login.
		expect(tokens.size).toBe(logins());
		expect(tokens.size).toBeGreaterThanOrEqual(3);
		const logLines = [...servers.flatMap((server) => server.outcomes.flatMap((outcome) => outcome.logs)), ...directLogs].map(
			(entry) => `${entry.level} ${entry.message}`,
		);
		const haystack = [evidence, servers.map(({ outcomes, starts }) => ({ outcomes, starts })), logLines, consoleLines];
		const secrets = [DEMO_API_KEY, DEMO_PASSWORD, ...tokens];
		// The scan sees what it is given: a token planted anywhere in it is found.
		const planted = [...tokens][tokens.size - 1];
		expect(findSecrets([haystack, { deep: [new Error('x', { cause: `…${planted}…` })] }], secrets)).toEqual([planted]);

		const found = findSecrets(haystack, secrets);
		totals.tokensIssued = tokens.size;
		totals.linesScanned = logLines.length + consoleLines.length;
		totals.secretsFound = found.length;
		expect(found).toEqual([]);
	});
});
