import { TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { Client, contact, items, sleep, start, transfer } from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;
const REJECTED = TEST_NUMBERS.CI.rejected;
const PENDING = TEST_NUMBERS.SN.pending;

describe('simulator: transfer life cycle and balance', () => {
	let sim: RunningSimulator;
	let client: Client;

	beforeAll(async () => {
		sim = await start({ initialBalance: 100_000 });
	});
	afterAll(() => sim.close());
	beforeEach(async () => {
		sim.control.reset();
		client = new Client(sim.baseUrl);
		await client.login();
		await client.addContacts([
			contact(OK.prefix, OK.phone),
			contact(REJECTED.prefix, REJECTED.phone),
			contact(PENDING.prefix, PENDING.phone),
			contact('225', '0501020304'),
		]);
	});

	async function sendOne(prefix: string, phone: string, amount: number): Promise<string> {
		const answer = await client.send([transfer(prefix, phone, amount)]);
		expect(items(answer)[0].code).toBe(0);
		return items(answer)[0].transaction_id;
	}

	async function statusOf(id: string) {
		const answer = await client.check({ transaction_id: id });
		const t = answer.body.data[0];
		return { treatment: t.treatment_status, sending: t.sending_status, valid: t.transfer_valid, t };
	}

	it('without autoConfirm: NEW → NOS (PENDING, N), waits for the merchant, then REC → VAL', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 10_000);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NEW', sending: 'PENDING', valid: 'N' });
		expect(sim.control.balance()).toEqual({ amount: 100_000, inUsing: 10_000, available: 90_000 });

		expect(sim.control.advance(id)).toHaveLength(1);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NOS', sending: 'PENDING', valid: 'N' });

		// NOS does not move by itself.
		expect(sim.control.advance(id)).toEqual([]);
		expect(sim.control.advance()).toEqual([]);
		expect((await statusOf(id)).treatment).toBe('NOS');

		const confirmed = sim.control.confirm(id);
		expect(confirmed).toMatchObject({
			treatmentStatus: 'REC',
			sendingStatus: 'CONFIRM',
			transferValid: 'Y',
		});

		sim.control.advance(id);
		const done = await statusOf(id);
		expect(done).toMatchObject({ treatment: 'VAL', sending: 'CONFIRM', valid: 'Y' });
		expect(done.t.comment).toBe('Transfert effectué avec succès');
		expect(done.t.validated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(sim.control.balance()).toEqual({ amount: 90_000, inUsing: 0, available: 90_000 });
		expect(sim.control.transfer(id)?.history.map((h) => h.status)).toEqual([
			'NEW',
			'NOS',
			'REC',
			'VAL',
		]);
	});

	it('merchant rejection: NOS → REJ gives the amount back', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 10_000);
		sim.control.advance(id);
		const rejected = sim.control.reject(id);
		expect(rejected).toMatchObject({
			treatmentStatus: 'REJ',
			sendingStatus: 'PENDING',
			transferValid: 'N',
		});
		expect(sim.control.balance()).toEqual({ amount: 100_000, inUsing: 0, available: 100_000 });
		expect(() => sim.control.confirm(id)).toThrow(/not waiting for the merchant/);
	});

	it('with autoConfirm: NEW (CONFIRM, Y) → REC → VAL, no NOS', async () => {
		sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NEW', sending: 'CONFIRM', valid: 'Y' });
		sim.control.advance(id);
		expect((await statusOf(id)).treatment).toBe('REC');
		sim.control.advance(id);
		expect((await statusOf(id)).treatment).toBe('VAL');
		expect(sim.control.transfer(id)?.history.map((h) => h.status)).toEqual(['NEW', 'REC', 'VAL']);
	});

	it('the "rejected" test number ends REJ after processing and is refunded', async () => {
		sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(REJECTED.prefix, REJECTED.phone, 5000);
		sim.control.advance(id);
		expect(sim.control.balance().available).toBe(95_000);
		sim.control.advance(id);
		const t = await statusOf(id);
		expect(t.treatment).toBe('REJ');
		expect(t.t.validated_at).toBeNull();
		expect(sim.control.balance()).toEqual({ amount: 100_000, inUsing: 0, available: 100_000 });
	});

	it('the "pending" test number stays REC until settled', async () => {
		sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(PENDING.prefix, PENDING.phone, 5000);
		sim.control.advance(id);
		for (let i = 0; i < 5; i++) expect(sim.control.advance(id)).toEqual([]);
		expect((await statusOf(id)).treatment).toBe('REC');
		expect(sim.control.balance().inUsing).toBe(5000);
		sim.control.settle(id, 'VAL');
		expect((await statusOf(id)).treatment).toBe('VAL');
		expect(sim.control.balance()).toEqual({ amount: 95_000, inUsing: 0, available: 95_000 });
		expect(() => sim.control.settle(id, 'REJ')).toThrow(/already final/);
	});

	it('settle can force REJ on a NOS transfer, with refund', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 3000);
		sim.control.advance(id);
		sim.control.settle(id, 'REJ');
		expect((await statusOf(id)).treatment).toBe('REJ');
		expect(sim.control.balance().available).toBe(100_000);
	});

	it('advance() without id moves every non-final transfer exactly one step', async () => {
		sim.control.setVariants({ autoConfirm: true });
		const a = await sendOne(OK.prefix, OK.phone, 1000);
		const b = await sendOne('225', '0501020304', 1000);
		expect(
			sim.control
				.advance()
				.map((t) => t.transactionId)
				.sort(),
		).toEqual([a, b].sort());
		expect(sim.control.transfers().map((t) => t.treatmentStatus)).toEqual(['REC', 'REC']);
		sim.control.advance();
		expect(sim.control.transfers().map((t) => t.treatmentStatus)).toEqual(['VAL', 'VAL']);
		expect(sim.control.advance()).toEqual([]);
	});

	it('stepMs advances transfers by itself (and waits in NOS for the merchant)', async () => {
		sim.control.setVariants({ stepMs: 40 });
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		await sleep(150);
		expect(sim.control.transfer(id)?.treatmentStatus).toBe('NOS');
		sim.control.confirm(id);
		await sleep(150);
		expect(sim.control.transfer(id)?.treatmentStatus).toBe('VAL');

		sim.control.setVariants({ autoConfirm: true });
		const many = await client.send(
			Array.from({ length: 50 }, () => transfer(OK.prefix, OK.phone, 500)),
		);
		expect(items(many)).toHaveLength(50);
		await sleep(250);
		expect(sim.control.transfers().filter((t) => t.treatmentStatus !== 'VAL')).toHaveLength(0);
		expect(sim.control.balance()).toEqual({
			amount: 100_000 - 1000 - 25_000,
			inUsing: 0,
			available: 74_000,
		});
	});

	it('turning autoConfirm on releases transfers waiting in NOS', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		sim.control.advance(id);
		expect(sim.control.advance(id)).toEqual([]);
		sim.control.setVariants({ autoConfirm: true });
		expect(sim.control.advance(id)[0].treatmentStatus).toBe('REC');
	});

	it('control operations on an unknown transfer throw', () => {
		expect(() => sim.control.advance('nope')).toThrow(/no transfer/);
		expect(() => sim.control.confirm('nope')).toThrow(/no transfer/);
	});
});
