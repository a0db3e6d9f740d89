import { TEST_NUMBERS } from '../../simulator';
import { contact, items, simulatorPerFile, sleep, sortedValues, transfer } from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;
const REJECTED = TEST_NUMBERS.CI.rejected;
const PENDING = TEST_NUMBERS.SN.pending;

describe('simulator: transfer life cycle and balance', () => {
	const env = simulatorPerFile({
		options: { initialBalance: 100_000 },
		contacts: [
			contact(OK.prefix, OK.phone),
			contact(REJECTED.prefix, REJECTED.phone),
			contact(PENDING.prefix, PENDING.phone),
			contact('225', '0501020304'),
		],
	});

	async function sendOne(prefix: string, phone: string, amount: number): Promise<string> {
		const answer = await env.client.send([transfer(prefix, phone, amount)]);
		expect(items(answer)[0].code).toBe(0);
		return items(answer)[0].transaction_id;
	}

	async function statusOf(id: string) {
		const answer = await env.client.check({ transaction_id: id });
		const t = answer.body.data[0];
		return { treatment: t.treatment_status, sending: t.sending_status, valid: t.transfer_valid, t };
	}

	it('without autoConfirm: NEW → NOS (PENDING, N), waits for the merchant, then REC → VAL', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 10_000);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NEW', sending: 'PENDING', valid: 'N' });
		expect(env.sim.control.balance()).toEqual({
			amount: 100_000,
			inUsing: 10_000,
			available: 90_000,
		});

		expect(env.sim.control.advance(id)).toHaveLength(1);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NOS', sending: 'PENDING', valid: 'N' });

		// NOS does not move by itself.
		expect(env.sim.control.advance(id)).toEqual([]);
		expect(env.sim.control.advance()).toEqual([]);
		expect((await statusOf(id)).treatment).toBe('NOS');

		const confirmed = env.sim.control.confirm(id);
		expect(confirmed).toMatchObject({
			treatmentStatus: 'REC',
			sendingStatus: 'CONFIRM',
			transferValid: 'Y',
		});

		env.sim.control.advance(id);
		const done = await statusOf(id);
		expect(done).toMatchObject({ treatment: 'VAL', sending: 'CONFIRM', valid: 'Y' });
		expect(done.t.comment).toBe('Transfert effectué avec succès');
		expect(done.t.validated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(env.sim.control.balance()).toEqual({ amount: 90_000, inUsing: 0, available: 90_000 });
		expect(env.sim.control.transfer(id)?.history.map((h) => h.status)).toEqual([
			'NEW',
			'NOS',
			'REC',
			'VAL',
		]);
	});

	it('merchant rejection: NOS → REJ gives the amount back', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 10_000);
		env.sim.control.advance(id);
		const rejected = env.sim.control.reject(id);
		expect(rejected).toMatchObject({
			treatmentStatus: 'REJ',
			sendingStatus: 'PENDING',
			transferValid: 'N',
		});
		expect(env.sim.control.balance()).toEqual({ amount: 100_000, inUsing: 0, available: 100_000 });
		expect(() => env.sim.control.confirm(id)).toThrow(/not waiting for the merchant/);
	});

	it('with autoConfirm: NEW (CONFIRM, Y) → REC → VAL, no NOS', async () => {
		env.sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		expect(await statusOf(id)).toMatchObject({ treatment: 'NEW', sending: 'CONFIRM', valid: 'Y' });
		env.sim.control.advance(id);
		expect((await statusOf(id)).treatment).toBe('REC');
		env.sim.control.advance(id);
		expect((await statusOf(id)).treatment).toBe('VAL');
		expect(env.sim.control.transfer(id)?.history.map((h) => h.status)).toEqual([
			'NEW',
			'REC',
			'VAL',
		]);
	});

	it('the "rejected" test number ends REJ after processing and is refunded', async () => {
		env.sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(REJECTED.prefix, REJECTED.phone, 5000);
		env.sim.control.advance(id);
		expect(env.sim.control.balance().available).toBe(95_000);
		env.sim.control.advance(id);
		const t = await statusOf(id);
		expect(t.treatment).toBe('REJ');
		expect(t.t.validated_at).toBeNull();
		expect(env.sim.control.balance()).toEqual({ amount: 100_000, inUsing: 0, available: 100_000 });
	});

	it('the "pending" test number stays REC until settled', async () => {
		env.sim.control.setVariants({ autoConfirm: true });
		const id = await sendOne(PENDING.prefix, PENDING.phone, 5000);
		env.sim.control.advance(id);
		for (let i = 0; i < 5; i++) expect(env.sim.control.advance(id)).toEqual([]);
		expect((await statusOf(id)).treatment).toBe('REC');
		expect(env.sim.control.balance().inUsing).toBe(5000);
		env.sim.control.settle(id, 'VAL');
		expect((await statusOf(id)).treatment).toBe('VAL');
		expect(env.sim.control.balance()).toEqual({ amount: 95_000, inUsing: 0, available: 95_000 });
		expect(() => env.sim.control.settle(id, 'REJ')).toThrow(/already final/);
	});

	it('settle can force REJ on a NOS transfer, with refund', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 3000);
		env.sim.control.advance(id);
		env.sim.control.settle(id, 'REJ');
		expect((await statusOf(id)).treatment).toBe('REJ');
		expect(env.sim.control.balance().available).toBe(100_000);
	});

	it('advance() without id moves every non-final transfer exactly one step', async () => {
		env.sim.control.setVariants({ autoConfirm: true });
		const a = await sendOne(OK.prefix, OK.phone, 1000);
		const b = await sendOne('225', '0501020304', 1000);
		expect(sortedValues(env.sim.control.advance(), (t) => t.transactionId)).toEqual([a, b].sort());
		expect(env.sim.control.transfers().map((t) => t.treatmentStatus)).toEqual(['REC', 'REC']);
		env.sim.control.advance();
		expect(env.sim.control.transfers().map((t) => t.treatmentStatus)).toEqual(['VAL', 'VAL']);
		expect(env.sim.control.advance()).toEqual([]);
	});

	it('stepMs advances transfers by itself (and waits in NOS for the merchant)', async () => {
		env.sim.control.setVariants({ stepMs: 40 });
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		await sleep(150);
		expect(env.sim.control.transfer(id)?.treatmentStatus).toBe('NOS');
		env.sim.control.confirm(id);
		await sleep(150);
		expect(env.sim.control.transfer(id)?.treatmentStatus).toBe('VAL');

		env.sim.control.setVariants({ autoConfirm: true });
		const many = await env.client.send(
			Array.from({ length: 50 }, () => transfer(OK.prefix, OK.phone, 500)),
		);
		expect(items(many)).toHaveLength(50);
		await sleep(250);
		expect(env.sim.control.transfers().filter((t) => t.treatmentStatus !== 'VAL')).toHaveLength(0);
		expect(env.sim.control.balance()).toEqual({
			amount: 100_000 - 1000 - 25_000,
			inUsing: 0,
			available: 74_000,
		});
	});

	it('turning autoConfirm on releases transfers waiting in NOS', async () => {
		const id = await sendOne(OK.prefix, OK.phone, 1000);
		env.sim.control.advance(id);
		expect(env.sim.control.advance(id)).toEqual([]);
		env.sim.control.setVariants({ autoConfirm: true });
		expect(env.sim.control.advance(id)[0].treatmentStatus).toBe('REC');
	});

	it('control operations on an unknown transfer throw', () => {
		expect(() => env.sim.control.advance('nope')).toThrow(/no transfer/);
		expect(() => env.sim.control.confirm('nope')).toThrow(/no transfer/);
	});
});
