/* eslint-disable no-console -- the suite prints its table of counts at the end */
/**
 * The bad-day suite for sends: a fault matrix (dropped connection after CinetPay took the send,
 * 5xx, an answer slower than the timeout, a token expiring mid-batch as HTTP 200 and as 401)
 * crossed with batch sizes and n8n's "Retry On Fail", a spreadsheet of malformed rows, and a
 * 10,000-item run. For every item: exactly one transfer, or a clear error saying whether money
 * may have moved and how to check. Never two transfers for one item, never an item lost, never a
 * secret in an output or error.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import type { FaultInjection, RunningSimulator, SimulatorVariants } from '../../simulator';
import { capturedLogLines, runWorkflow, type CredentialStore } from '../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../helpers/nodeTestSetup';
import { failureOf, receivers, runNode, simulatorCredentials } from '../helpers/runNode';
import { findSecrets } from '../helpers/secrets';

let sim: RunningSimulator;
let store: CredentialStore;
const tokens = new Set<string>();
const table: Array<[string, string | number]> = [];
const totals = { runs: 0, items: 0, sent: 0, clearErrors: 0, doublePayouts: 0, lost: 0, leaks: 0 };

simulatorForNodeTests({ initialBalance: 10_000_000_000 }, (current) => ({ sim, store } = current));
afterAll(() => {
	console.log(
		[
			'payout safety — counts',
			...Object.entries(totals).map(([key, value]) => `  ${key.padEnd(14)} ${value}`),
			...table.map(([key, value]) => `  ${key.padEnd(40)} ${value}`),
		].join('\n'),
	);
});

/** Runs the node on n8n's engine with "Retry On Fail" (3 tries, one execution) or "Continue On Fail". */
async function runLikeN8n(
	parameters: IDataObject,
	input: IDataObject[],
	retryOnFail: boolean,
	executionId: string,
) {
	const result = await runWorkflow(parameters, input, {
		store,
		executionId,
		continueOnFail: !retryOnFail,
		retryOnFail,
		maxTries: 3,
	});
	if (typeof store.data.sessionToken === 'string' && store.data.sessionToken)
		tokens.add(store.data.sessionToken);
	return result.error
		? { output: undefined, error: result.error }
		: { output: result.main, error: undefined };
}

/** Checks every item of a run, adds to the totals, and fails on a broken promise. */
function account(input: IDataObject[], result: { output?: INodeExecutionData[]; error?: unknown }) {
	totals.runs++;
	totals.items += input.length;
	const transfers = sim.control.transfers();
	for (const [itemIndex, item] of input.entries()) {
		const paid = transfers.filter(
			(transfer) => transfer.phone === item.phone && transfer.amount === item.amount,
		);
		if (paid.length > 1) totals.doublePayouts++;
		expect(paid.length).toBeLessThanOrEqual(1);
		const json = result.output?.[itemIndex]?.json;
		const failure = failureOf(result.output?.[itemIndex]);
		if (json?.transaction_id) {
			expect(paid).toHaveLength(1);
			expect(json.transaction_id).toBe(paid[0].transactionId);
			totals.sent++;
		} else if (failure) {
			expect(failure.client_transaction_id).toEqual(expect.any(String));
			expect(failure.outcome).toMatch(/^(not-sent|unknown)$/);
			if (failure.outcome === 'not-sent') expect(paid).toHaveLength(0);
			else expect(failure.description).toMatch(/client transaction ID/);
			totals.clearErrors++;
		} else if (result.error) {
			// Retry On Fail gave up: the thrown error must say what was sent.
			expect(String((result.error as Error).message).length).toBeGreaterThan(10);
			totals.clearErrors++;
		} else {
			totals.lost++;
			throw new Error(`item ${itemIndex} has neither a transfer nor an error`);
		}
	}
	if (result.output) expect(result.output).toHaveLength(input.length);
	const leaked = findSecrets(
		[result.output, result.error, capturedLogLines],
		[DEMO_API_KEY, DEMO_PASSWORD, ...tokens],
	);
	totals.leaks += leaked.length;
	expect(leaked).toEqual([]);
}

type Fault = { name: string; faults?: FaultInjection; variants?: Partial<SimulatorVariants> };
const FAULTS: Fault[] = [
	{ name: 'connection dropped after the send', faults: { dropAfterNextSend: 1 } },
	{ name: 'two sends dropped in a row', faults: { dropAfterNextSend: 2 } },
	{ name: '5xx page', faults: { http5xxNext: 2 } },
	{ name: 'answer slower than the timeout', faults: { slowNextMs: { ms: 1300, count: 1 } } },
	{
		name: 'token expiring mid-batch (HTTP 200)',
		variants: { tokenTtlSeconds: 0.12, latencyMs: 15, expiredTokenStatus: 'http200' },
	},
	{
		name: 'token expiring mid-batch (HTTP 401)',
		variants: { tokenTtlSeconds: 0.12, latencyMs: 15, expiredTokenStatus: 'http401' },
	},
];

describe('fault matrix: faults × batch sizes × Retry On Fail', () => {
	const cases = FAULTS.flatMap((fault) =>
		[1, 3, 10].flatMap((batchSize) =>
			[false, true].map((retryOnFail) => ({ fault, batchSize, retryOnFail })),
		),
	);
	let run = 0;
	test.each(cases)(
		'$fault.name, batch size $batchSize, retry on fail $retryOnFail',
		async ({ fault, batchSize, retryOnFail }) => {
			// Each case three times, the fault striking at a different batch each time.
			for (let repeat = 0; repeat < 3; repeat++) {
				sim.control.reset();
				store = simulatorCredentials(sim);
				const input = receivers(7, 1000 + run * 10);
				run++;
				// Contacts first (and a session), so the fault hits the sends.
				await runNode(
					{ resource: 'contact', operation: 'add', dataMode: 'autoMapInputData' },
					input,
					{ store },
				);
				sim.control.clearRequests();
				if (fault.variants) sim.control.setVariants(fault.variants);
				// Let `repeat` batches through before the fault strikes.
				const strikeAfter = Math.min(repeat, Math.ceil(input.length / batchSize) - 1);
				if (fault.faults && strikeAfter === 0) sim.control.injectFaults(fault.faults);
				const parameters = sendParameters({ addContact: false, batchSize, timeout: 1 });
				if (fault.faults && strikeAfter > 0) {
					const first = input.slice(0, strikeAfter * batchSize);
					account(first, await runLikeN8n(parameters, first, retryOnFail, `m${run}a`));
					sim.control.injectFaults(fault.faults);
					const rest = input.slice(strikeAfter * batchSize);
					account(rest, await runLikeN8n(parameters, rest, retryOnFail, `m${run}b`));
				} else {
					account(input, await runLikeN8n(parameters, input, retryOnFail, `m${run}`));
				}
			}
		},
	);
});

describe('a spreadsheet of bad rows', () => {
	const good = receivers(3, 7000);
	const base = { prefix: '225', phone: '0700000011', amount: 1000 };
	const BAD: Array<[string, IDataObject]> = [
		['phone missing', { prefix: '225', amount: 1000 }],
		['phone empty', { ...base, phone: '' }],
		['phone whitespace', { ...base, phone: '   ' }],
		['phone with letters', { ...base, phone: '07000000AB' }],
		['phone with Arabic-Indic digits', { ...base, phone: '٠٧٠٠٠٠٠٠٠١' }],
		['phone with fullwidth digits', { ...base, phone: '０７００００００１１' }],
		['phone too short', { ...base, phone: '0700' }],
		['phone too long', { ...base, phone: '070000000011' }],
		['phone with the country prefix', { ...base, phone: '2250700000011' }],
		['phone as an object', { ...base, phone: { n: 1 } }],
		['phone as a list', { ...base, phone: ['0700000011'] }],
		['prefix missing', { phone: '0700000011', amount: 1000 }],
		['prefix with letters', { ...base, prefix: 'CI' }],
		['prefix too long', { ...base, prefix: '22500' }],
		['prefix as boolean', { ...base, prefix: true }],
		['amount missing', { prefix: '225', phone: '0700000011' }],
		['amount empty', { ...base, amount: '' }],
		['amount whitespace', { ...base, amount: '  ' }],
		['amount a float', { ...base, amount: 1000.5 }],
		['amount a decimal string', { ...base, amount: '1000.50' }],
		// "1 000" is read (spaces between thousands cannot be misread); a dot or comma can.
		['amount with a thousands dot', { ...base, amount: '750.000' }],
		['amount with a decimal comma', { ...base, amount: '1,5' }],
		['amount with an exponent', { ...base, amount: '1e3' }],
		['amount in hexadecimal', { ...base, amount: '0x3E8' }],
		['amount negative', { ...base, amount: -5000 }],
		['amount zero', { ...base, amount: 0 }],
		['amount NaN', { ...base, amount: Number.NaN }],
		['amount Infinity', { ...base, amount: Number.POSITIVE_INFINITY }],
		['amount huge', { ...base, amount: 1e21 }],
		['amount at the lower limit', { ...base, amount: 200 }],
		['amount at the upper limit', { ...base, amount: 1_500_000 }],
		['amount in exponent notation', { ...base, amount: '1e4' }],
		['amount with unicode digits', { ...base, amount: '١٠٠٠' }],
		['amount as boolean', { ...base, amount: true }],
		['client ID too long', { ...base, client_transaction_id: 'x'.repeat(65) }],
		['client ID with spaces', { ...base, client_transaction_id: 'my id' }],
		['client ID with a quote', { ...base, client_transaction_id: "id'); DROP TABLE--" }],
		['payment method with symbols', { ...base, payment_method: 'WAVE CI!' }],
		[
			'name with markup',
			{ ...base, name: '<img src=x onerror=alert(1)>', surname: 'A', email: 'a@example.com' },
		],
		['name over-long', { ...base, name: 'A'.repeat(61), surname: 'A', email: 'a@example.com' }],
		['name with a newline', { ...base, name: 'Kone\nAwa', surname: 'A', email: 'a@example.com' }],
		['surname empty', { ...base, name: 'Kone', surname: '', email: 'a@example.com' }],
		['email without @', { ...base, name: 'Kone', surname: 'Awa', email: 'awa.example.com' }],
		['email with spaces', { ...base, name: 'Kone', surname: 'Awa', email: 'awa @example.com' }],
	];

	test(`${BAD.length} malformed rows: each a clear error naming the field, none reaches CinetPay, the good rows are sent`, async () => {
		// Name, surname and email default to valid values unless a row is about them.
		const rows = BAD.map(([, row]) => ({
			name: 'Kone',
			surname: 'Awa',
			email: 'awa@example.com',
			...row,
		}));
		const input = [good[0], ...rows, good[1], good[2]];
		const output = await runNode(sendParameters(), input, { store, continueOnFail: true });
		expect(output).toHaveLength(input.length);
		BAD.forEach(([label], index) => {
			const failure = failureOf(output[index + 1]);
			expect({ label, field: failure?.field }).toEqual({ label, field: expect.any(String) });
			expect(failure?.message).toMatch(new RegExp(`^Invalid ${String(failure?.field)}: `));
		});
		const sentPhones = sim.control
			.requests()
			.flatMap((entry) => (entry.body.data as IDataObject[] | undefined) ?? [])
			.map((data) => data.phone);
		expect(sentPhones).not.toContain(base.phone);
		expect(
			sim.control
				.transfers()
				.map((transfer) => transfer.phone)
				.sort(),
		).toEqual(good.map((row) => row.phone).sort());
		table.push(
			['malformed rows refused before any call', BAD.length],
			['good rows of the same run sent', good.length],
		);
	});

	test('a notify URL like javascript: or file: is refused for the whole run, before any call', async () => {
		for (const notifyUrl of [
			'javascript:alert(1)',
			'file:///etc/passwd',
			'/relative/path',
			'ftp://example.com/x',
			'http://',
		]) {
			await expect(runNode({ ...sendParameters(), notifyUrl }, good, { store })).rejects.toThrow(
				/Invalid notifyUrl/,
			);
		}
		expect(sim.control.requests()).toHaveLength(0);
	});
});

describe('scale', () => {
	test('10,000 transfers in one execution: count in = count out, each result paired to its item', async () => {
		const input = receivers(10_000, 300);
		const started = Date.now();
		const output = await runNode(sendParameters({ batchSize: 500 }), input, { store });
		const seconds = (Date.now() - started) / 1000;
		expect(output).toHaveLength(10_000);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.phone).toBe(input[index].phone);
		});
		expect(new Set(output.map((item) => item.json.transaction_id)).size).toBe(10_000);
		expect(sim.control.transfers()).toHaveLength(10_000);
		expect(sim.control.requests()).toHaveLength(1 + 2 * 20);
		table.push(
			['10,000 items: API calls', sim.control.requests().length],
			['10,000 items: seconds (harness)', seconds.toFixed(1)],
		);
	}, 120_000);
});
