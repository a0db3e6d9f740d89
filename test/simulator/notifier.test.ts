import { isLoopbackHost, TEST_NUMBERS } from '../../simulator';
import {
	contact,
	items,
	type Receiver,
	simulatorPerFile,
	startReceiver,
	transfer,
} from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;

describe('simulator: notifications', () => {
	const env = simulatorPerFile({
		options: { variants: { autoConfirm: true } },
		contacts: [contact(OK.prefix, OK.phone)],
	});
	let receiver: Receiver;

	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(() => receiver.close());

	it('pings with GET first, then POSTs one form-encoded notification per status change', async () => {
		const sent = await env.client.send([
			transfer(OK.prefix, OK.phone, 2500, {
				client_transaction_id: 'N-1',
				notify_url: receiver.url,
			}),
		]);
		const id = items(sent)[0].transaction_id;
		await receiver.waitFor(2);
		env.sim.control.advance(id);
		env.sim.control.advance(id);
		const got = await receiver.waitFor(4);
		await env.sim.control.waitForIdle();

		expect(got.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
		expect(got[0].path).toBe('/cinetpay/notify');
		const posts = got.slice(1);
		for (const p of posts) expect(p.contentType).toBe('application/x-www-form-urlencoded');
		expect(posts.map((p) => p.fields.treatment_status)).toEqual(['NEW', 'REC', 'VAL']);
		expect(Object.keys(posts[0].fields).sort()).toEqual(
			[
				'amount',
				'client_transaction_id',
				'comment',
				'lot',
				'operator',
				'operator_transaction_id',
				'receiver',
				'sending_status',
				'transaction_id',
				'treatment_status',
				'validated_at',
			].sort(),
		);
		expect(posts[2].fields).toMatchObject({
			transaction_id: id,
			client_transaction_id: 'N-1',
			amount: '2500',
			receiver: OK.phone,
			operator: 'OM',
			sending_status: 'CONFIRM',
			comment: 'Transfert effectué avec succès',
		});
		expect(posts[2].fields.validated_at).not.toBe('');
		expect(posts[2].fields.operator_transaction_id).not.toBe('');
		// The control API gives the same fields, for tests and tools that post notifications themselves.
		expect(env.sim.control.notificationFields(id)).toEqual(posts[2].fields);

		const log = env.sim.control.notifications();
		expect(log.map((n) => [n.method, n.status])).toEqual([
			['GET', 200],
			['POST', 200],
			['POST', 200],
			['POST', 200],
		]);
		expect(env.sim.control.stats().notificationsSent).toBe(3);
	});

	it('pings each notify_url once, however many transfers use it', async () => {
		await env.client.send(
			Array.from({ length: 5 }, () =>
				transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url }),
			),
		);
		const got = await receiver.waitFor(6);
		await env.sim.control.waitForIdle();
		expect(got.filter((r) => r.method === 'GET')).toHaveLength(1);
		expect(got[0].method).toBe('GET');
		expect(got.filter((r) => r.method === 'POST')).toHaveLength(5);
	});

	it('delivers each transfer’s notifications in order, even with many transfers at once', async () => {
		env.sim.control.setVariants({ stepMs: 5 });
		await env.client.send(
			Array.from({ length: 40 }, () =>
				transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url }),
			),
		);
		await receiver.waitFor(1 + 40 * 3, 10_000);
		await env.sim.control.waitForIdle();
		const byTransfer = new Map<string, string[]>();
		for (const r of receiver.received.filter((x) => x.method === 'POST')) {
			const list = byTransfer.get(r.fields.transaction_id) ?? [];
			list.push(r.fields.treatment_status);
			byTransfer.set(r.fields.transaction_id, list);
		}
		expect(byTransfer.size).toBe(40);
		for (const seq of byTransfer.values()) expect(seq).toEqual(['NEW', 'REC', 'VAL']);
	});

	it('repeats each POST notifyRepeat times', async () => {
		env.sim.control.setVariants({ notifyRepeat: 3 });
		await env.client.send([transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url })]);
		const got = await receiver.waitFor(4);
		await env.sim.control.waitForIdle();
		expect(got.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
		expect(new Set(got.slice(1).map((r) => r.body)).size).toBe(1);
		expect(env.sim.control.notifications().map((n) => n.attempt)).toEqual([1, 1, 2, 3]);
	});

	it('notifications off: nothing is sent, each one is logged as skipped', async () => {
		env.sim.control.setVariants({ notifications: 'off' });
		const sent = await env.client.send([transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url })]);
		const id = items(sent)[0].transaction_id;
		env.sim.control.advance(id);
		env.sim.control.advance(id);
		await env.sim.control.waitForIdle();
		expect(env.sim.control.transfer(id)?.treatmentStatus).toBe('VAL');
		expect(receiver.received).toEqual([]);
		const log = env.sim.control.notifications();
		expect(log.map((n) => [n.fields?.treatment_status, n.error])).toEqual([
			['NEW', 'skipped: notifications off'],
			['REC', 'skipped: notifications off'],
			['VAL', 'skipped: notifications off'],
		]);
		expect(env.sim.control.stats().notificationsSent).toBe(0);
	});

	it('out of order: held for notifyDelayMs, a transfer’s newest notification is delivered first', async () => {
		env.sim.control.setVariants({ notifications: 'newestFirst', notifyDelayMs: 150 });
		const sent = await env.client.send([transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url })]);
		const id = items(sent)[0].transaction_id;
		env.sim.control.advance(id);
		env.sim.control.advance(id);
		await env.sim.control.waitForIdle();
		const posts = receiver.received.filter((r) => r.method === 'POST');
		expect(posts.map((p) => p.fields.treatment_status)).toEqual(['VAL', 'REC', 'NEW']);
	});

	it('a sender that retries: a POST answered non-2xx is sent again notifyRetries times', async () => {
		await receiver.close();
		receiver = await startReceiver(503);
		env.sim.control.setVariants({ notifyRetries: 2 });
		await env.client.send([transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url })]);
		await env.sim.control.waitForIdle();
		expect(receiver.received.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
		expect(env.sim.control.notifications().map((n) => n.status)).toEqual([503, 503, 503, 503]);
	});

	it('never contacts a non-loopback notify_url and logs it as skipped', async () => {
		const answer = await env.client.send([
			transfer(OK.prefix, OK.phone, 500, { notify_url: 'http://example.com/notify' }),
			transfer(OK.prefix, OK.phone, 500, { notify_url: 'http://10.0.0.1/notify' }),
			transfer(OK.prefix, OK.phone, 500, { notify_url: 'http://127.0.0.1.nip.io/notify' }),
		]);
		expect(items(answer).map((i) => i.code)).toEqual([0, 0, 0]);
		env.sim.control.advance();
		await env.sim.control.waitForIdle();
		const log = env.sim.control.notifications();
		expect(log).toHaveLength(6);
		for (const n of log) {
			expect(n.error).toBe('skipped: not loopback');
			expect(n.method).toBe('POST');
			expect(n.status).toBeUndefined();
		}
		expect(env.sim.control.stats().notificationsSent).toBe(0);
	});

	it('logs a failing receiver with its error and carries on', async () => {
		await receiver.close();
		await env.client.send([transfer(OK.prefix, OK.phone, 500, { notify_url: receiver.url })]);
		await env.sim.control.waitForIdle();
		const log = env.sim.control.notifications();
		expect(log.map((n) => n.method)).toEqual(['GET', 'POST']);
		expect(log[1].error).toMatch(/ECONNREFUSED/);
		receiver = await startReceiver(); // for afterEach
	});

	it('recognises loopback hosts only by their literal address', () => {
		for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1', 'LOCALHOST']) {
			expect(isLoopbackHost(host)).toBe(true);
		}
		for (const host of [
			'10.0.0.1',
			'example.com',
			'127.0.0.1.nip.io',
			'localhost.evil.test',
			'0.0.0.0',
			'[::ffff:7f00:1]',
		]) {
			expect(isLoopbackHost(host)).toBe(false);
		}
		// The URL parser normalises exotic spellings before the check.
		expect(isLoopbackHost(new URL('http://0x7f.1/').hostname)).toBe(true);
	});
});
