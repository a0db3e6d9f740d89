/**
 * The calls the operations make on the 2026 platform, against its simulator: balance, one send,
 * a transfer by CinetPay's ID or by the merchant's ID, in v1's output shapes; reads retried after
 * a 503 page, and no token in any error.
 */
import {
	callPlatform2026,
	findTransferByMerchantId2026,
	getBalance2026,
	getTransfer2026,
	sendTransfer2026,
} from '../../../nodes/CinetPay/transport/platform2026';
import { DEMO_ACCOUNTS_2026, TEST_NUMBERS_2026 } from '../../../simulator/platform2026';
import { payload2026, useSimulator2026 } from '../simulators';

const [, SN] = DEMO_ACCOUNTS_2026;
const bed = useSimulator2026();
const payload = payload2026;

describe('calls and output shapes', () => {
	test('balance in v1 shape for the country account', async () => {
		await sendTransfer2026.call(bed.context(), payload({ amount: 10_000 }));
		expect(await getBalance2026.call(bed.context())).toEqual({
			amount: 5_000_000,
			inUsing: 10_100,
			available: 4_989_900,
			currency: 'XOF',
			real_balance: 5_000_000,
			available_balance: 4_989_900,
			platform: '2026',
		});
	});

	test('Transfer → Get by CinetPay ID follows the life cycle in v1 names, raw code and status beside', async () => {
		const sent = payload({ phone_number: TEST_NUMBERS_2026.CI.fails.phone });
		const id = String((await sendTransfer2026.call(bed.context(), sent)).body.transaction_id);
		const statuses = [];
		for (let step = 0; step < 3; step++) {
			const found = await getTransfer2026.call(bed.context(), id);
			if (!found.found) throw new Error('not found');
			statuses.push([
				found.transfer.status,
				found.transfer.cinetpay_code,
				found.transfer.cinetpay_status,
				found.transfer.final,
			]);
			bed.sim.control.advance();
		}
		expect(statuses).toEqual([
			['NEW', '2001', 'INITIATED', false],
			['REC', '2002', 'PENDING', false],
			['REJ', '2010', 'FAILED', true],
		]);
		const found = await getTransfer2026.call(bed.context(), id);
		expect(found).toEqual({
			found: true,
			transfer: expect.objectContaining({
				transaction_id: id,
				client_transaction_id: sent.merchant_transaction_id,
				amount: 1000,
				currency: 'XOF',
				fee: 10,
			}),
		});
	});

	test('unknown transfer: not found; another country account: an error saying which credential', async () => {
		expect(
			await getTransfer2026.call(bed.context(), '00000000-0000-4000-8000-000000000000'),
		).toEqual({
			found: false,
		});
		const id = String((await sendTransfer2026.call(bed.context(), payload())).body.transaction_id);
		bed.store.data.apiKey = SN.apiKey;
		bed.store.data.password = SN.apiPassword;
		await expect(getTransfer2026.call(bed.context(), id)).rejects.toThrow(/another country/);
	});

	test('lookup by merchant ID: no call where CinetPay has none; found where it has one', async () => {
		const sent = payload();
		await sendTransfer2026.call(bed.context(), sent);
		bed.sim.control.clearRequests();
		expect(
			await findTransferByMerchantId2026.call(bed.context(), sent.merchant_transaction_id),
		).toBeUndefined();
		expect(bed.sim.control.requests()).toHaveLength(0);
		for (const lookup of ['query', 'path'] as const) {
			bed.sim.control.setVariants({ merchantLookup: lookup });
			const found = await findTransferByMerchantId2026.call(
				bed.context(),
				sent.merchant_transaction_id,
				{ lookup },
			);
			expect(found).toMatchObject({
				found: true,
				transfer: { client_transaction_id: sent.merchant_transaction_id },
			});
			expect(await findTransferByMerchantId2026.call(bed.context(), 'nope', { lookup })).toEqual({
				found: false,
			});
		}
	});

	test('reads are retried after a 503 page; nothing leaks the token into errors', async () => {
		await getBalance2026.call(bed.context());
		bed.sim.control.injectFaults({ http5xxNext: 1 });
		expect((await getBalance2026.call(bed.context())).available).toBe(5_000_000);
		bed.sim.control.injectFaults({ http5xxNext: 3 });
		const error = await getBalance2026.call(bed.context()).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/HTTP 503/);
		expect(JSON.stringify(error)).not.toContain(String(bed.store.data.sessionToken));
	});

	test('callPlatform2026 sends JSON and the Bearer header only', async () => {
		const answer = await callPlatform2026.call(bed.context(), {
			method: 'POST',
			path: '/v1/transfer',
			body: payload(),
		});
		expect(answer.httpStatus).toBe(200);
		const entry = bed.sim.control.requests().at(-1)!;
		expect(entry.query).toEqual({});
		expect(entry.body).toMatchObject({ currency: 'XOF', amount: 1000 });
	});
});

describe('answer shapes CinetPay may give', () => {
	test('EXPIRED (2003) is not final: REC, final false, CinetPay status beside; then SUCCESS is VAL', async () => {
		bed.sim.control.setVariants({ expiredStatus: true });
		const sent = payload({ phone_number: TEST_NUMBERS_2026.CI.expiresThenSucceeds.phone });
		const id = String((await sendTransfer2026.call(bed.context(), sent)).body.transaction_id);
		bed.sim.control.advance(id);
		bed.sim.control.advance(id);
		const expired = await getTransfer2026.call(bed.context(), id);
		expect(expired).toMatchObject({
			found: true,
			transfer: { status: 'REC', final: false, cinetpay_code: '2003', cinetpay_status: 'EXPIRED' },
		});
		bed.sim.control.advance(id);
		expect(await getTransfer2026.call(bed.context(), id)).toMatchObject({
			transfer: { status: 'VAL', final: true, cinetpay_status: 'SUCCESS' },
		});
	});

	test('the receiver only in user.phone_number, and amount null: read as they are, null never 0', async () => {
		bed.sim.control.setVariants({ receiverField: 'user', answerAmount: 'null' });
		const sent = payload();
		const id = String((await sendTransfer2026.call(bed.context(), sent)).body.transaction_id);
		const found = await getTransfer2026.call(bed.context(), id);
		expect(found).toMatchObject({
			found: true,
			transfer: { phone_number: sent.phone_number, amount: null, fee: 10 },
		});
	});
});
