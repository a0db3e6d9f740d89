/** The parameters of one 2026 send, checked into its JSON body before anything is sent. */
import {
	defaultMerchantId2026,
	transferPayload2026,
} from '../../../nodes/CinetPay/transport/platform2026';

describe('transferPayload2026', () => {
	const input = {
		country: 'CI',
		phone: '+2250700000001',
		amount: 1000,
		merchantTransactionId: 'PAY-1',
		paymentMethod: 'om_ci',
	};

	test('builds the JSON body: E.164 phone, the country currency, the method upper-cased', () => {
		expect(transferPayload2026({ ...input, phone: '07 00 00 00 01', amount: '1000' })).toEqual({
			payload: {
				currency: 'XOF',
				payment_method: 'OM_CI',
				merchant_transaction_id: 'PAY-1',
				amount: 1000,
				phone_number: '+2250700000001',
				reason: 'Payout',
			},
		});
	});

	test.each([
		['phone', { phone: '+221770000001' }],
		['phone', { phone: 'abc' }],
		['amount', { amount: 499 }],
		['amount', { amount: 1000.5 }],
		['merchantTransactionId', { merchantTransactionId: 'x'.repeat(31) }],
		['merchantTransactionId', { merchantTransactionId: 'a_b' }],
		['paymentMethod', { paymentMethod: '' }],
		['notifyUrl', { notifyUrl: 'ftp://x' }],
		['country', { country: 'FR' }],
	])('refuses a bad %s before sending', (field, over) => {
		expect(transferPayload2026({ ...input, ...over })).toEqual({
			field,
			problem: expect.any(String),
		});
	});

	test('default merchant IDs fit 30 characters at their longest', () => {
		const id = defaultMerchantId2026('a1B2c3D4e5F6', 999_999, 9_999_999);
		expect(id).toHaveLength(30);
		expect(transferPayload2026({ ...input, merchantTransactionId: id })).toHaveProperty('payload');
	});
});
