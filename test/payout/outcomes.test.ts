/**
 * Whether a transfer CinetPay holds is the item's (payout/outcomes.ts isSameTransfer), on the shapes
 * each platform writes it in (defects 2 and 4): amounts as text or with fees, receivers with the
 * country code, "+" or "00", 2026's `amount: null` and its receiver under `user.phone_number`.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { isSameTransfer } from '../../nodes/CinetPay/payout/outcomes';
import type { PayoutItem } from '../../nodes/CinetPay/payout/platform';
import { Payout2026 } from '../../nodes/CinetPay/payout/platform2026/strategy';

const item = (amount: number, receiver: string): PayoutItem =>
	({ itemIndex: 0, id: 'X', ownId: true, amount, receiver, payload: {}, echo: {} }) as PayoutItem;

describe('isSameTransfer', () => {
	test.each([
		[{ amount: 1000 }, true],
		[{ amount: '1000' }, true],
		[{ amount: '1 000' }, true],
		[{ amount: '1\u202f000 XOF' }, true],
		[{ amount: '1000.00' }, true],
		[{ amount: 1050, fee: 50 }, true],
		[{ amount: '1050', fee: '50' }, true],
		[{ amount: null }, true],
		[{ amount: 2000 }, false],
		[{ amount: 1050 }, false],
		[{ receiver: '002250700000001' }, true],
		[{ receiver: '+225 07 00 00 00 01' }, true],
		[{ receiver: '0700000001' }, true],
		[{ receiver: '00000001' }, true], // Côte d'Ivoire's 8 digits from before 2021
		[{ receiver: '+2250700000002' }, false],
	])('%j → %s', (held, same) => {
		expect(isSameTransfer(held, item(1000, '2250700000001'))).toBe(same);
	});
});

describe('2026: what CinetPay holds, read from its answer', () => {
	const platform = new Payout2026({} as IExecuteFunctions, { inFlight: 1, timeoutMs: 1000 });

	test('the receiver under user.phone_number (the spec) and an amount of null match the item', () => {
		const held = platform.held({ amount: null, user: { phone_number: '+2250700000001' } });
		expect(held.receiver).toBe('+2250700000001');
		expect(isSameTransfer(held, item(1000, '2250700000001'))).toBe(true);
		expect(
			isSameTransfer(
				platform.held({ user: { phone_number: '+2250700000009' } }),
				item(1000, '2250700000001'),
			),
		).toBe(false);
	});
});
