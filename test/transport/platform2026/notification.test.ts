/** A 2026 notification, read as a hint: what it names, what is ignored, and when it agrees. */
import {
	notificationAgrees2026,
	readNotification2026,
} from '../../../nodes/CinetPay/transport/platform2026';

describe('2026 notifications, read as hints', () => {
	const id = '3f2b8c1e-5d4a-4b6f-9e7d-0a1b2c3d4e5f';
	test.each([
		[
			{ transaction_id: id, merchant_transaction_id: 'PAY-1', notify_token: 'x', user: {} },
			{ transactionId: id, merchantTransactionId: 'PAY-1' },
		],
		[JSON.stringify({ transaction_id: id }), { transactionId: id }],
	])('reads %j', (body, notification) => {
		expect(readNotification2026(body)).toEqual({ notification });
	});

	test.each([
		['not JSON', 'transaction_id=1'],
		['an array', [{ transaction_id: id }]],
		['no transaction_id', { merchant_transaction_id: 'PAY-1' }],
		['a transaction_id with a path in it', { transaction_id: '../../v1/balances' }],
		[
			'a malformed merchant id',
			{ transaction_id: id, merchant_transaction_id: 'has spaces in it' },
		],
	])('ignores %s', (_name, body) => {
		expect(readNotification2026(body)).toEqual({ ignored: expect.any(String) });
	});

	test('agrees only with the transfer it names', () => {
		const n = { transactionId: id, merchantTransactionId: 'PAY-1' };
		expect(
			notificationAgrees2026(n, { transaction_id: id, merchant_transaction_id: 'PAY-1' }),
		).toBe(true);
		expect(
			notificationAgrees2026(n, { transaction_id: id, merchant_transaction_id: 'PAY-2' }),
		).toBe(false);
		expect(notificationAgrees2026({ transactionId: id }, { transaction_id: 'other' })).toBe(false);
	});
});
