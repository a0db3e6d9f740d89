import { TEST_NUMBERS, type RunningSimulator } from '../../simulator';
import { Client, contact, items, start, startReceiver, transfer, type Receiver } from './helpers';

const OK = TEST_NUMBERS.CI.succeeds;
const REJECTED = TEST_NUMBERS.CI.rejected;

describe('simulator: thousands of transfers', () => {
	let sim: RunningSimulator;
	let receiver: Receiver;

	beforeAll(async () => {
		sim = await start({ initialBalance: 100_000_000, variants: { autoConfirm: true } });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});

	it('handles 2,000 transfers from concurrent batches with consistent ids, balance and notifications', async () => {
		const client = new Client(sim.baseUrl);
		await client.login();
		await client.addContacts([
			contact(OK.prefix, OK.phone),
			contact(REJECTED.prefix, REJECTED.phone),
		]);

		// 20 batches of 100, sent 4 at a time, every 10th transfer to the "rejected" number.
		const batches = Array.from({ length: 20 }, (_, b) =>
			Array.from({ length: 100 }, (_, i) =>
				transfer(
					i % 10 === 0 ? REJECTED.prefix : OK.prefix,
					i % 10 === 0 ? REJECTED.phone : OK.phone,
					1000,
					{
						client_transaction_id: `B${b}-${i}`,
						notify_url: receiver.url,
					},
				),
			),
		);
		const answers = [];
		for (let i = 0; i < batches.length; i += 4) {
			answers.push(
				...(await Promise.all(batches.slice(i, i + 4).map((batch) => client.send(batch)))),
			);
		}
		const ids = new Set(answers.flatMap((a) => items(a).map((it) => it.transaction_id)));
		expect(ids.size).toBe(2000);

		sim.control.advance();
		sim.control.advance();
		await sim.control.waitForIdle(25_000);

		const transfers = sim.control.transfers();
		expect(transfers.filter((t) => t.treatmentStatus === 'VAL')).toHaveLength(1800);
		expect(transfers.filter((t) => t.treatmentStatus === 'REJ')).toHaveLength(200);
		expect(sim.control.balance()).toEqual({
			amount: 100_000_000 - 1800 * 1000,
			inUsing: 0,
			available: 100_000_000 - 1800 * 1000,
		});
		expect(receiver.received).toHaveLength(1 + 2000 * 3);
		expect(sim.control.stats().notificationsSent).toBe(2000 * 3);
		// Server-side time of the 20 send calls (~150 ms here): a generous bound for a 2-core CI box
		// that a per-request cost growing with the account's history would blow past.
		const sendLog = sim.control
			.requests()
			.filter((r) => r.path === '/v1/transfer/money/send/contact');
		expect(sendLog).toHaveLength(20);
		expect(sendLog.reduce((sum, r) => sum + r.durationMs, 0)).toBeLessThan(5000);

		const byLot = await client.check({ lot: items(answers[0])[0].lot });
		expect(byLot.body.data).toHaveLength(100);
	});
});
