import { selectedPaymentMethod } from '../../../nodes/CinetPay/helpers/paymentMethods';
import { validatePaymentMethod } from '../../../nodes/CinetPay/helpers/validation';

describe('Payment Method', () => {
	test('a typed code replaces "Custom…"; the choice itself is never sent as a code', () => {
		expect(selectedPaymentMethod('custom', ' omci ')).toBe('omci');
		expect(selectedPaymentMethod('WAVECI', 'ignored')).toBe('WAVECI');
		expect(selectedPaymentMethod('', '')).toBe('');
		expect(() => validatePaymentMethod('custom')).toThrow(/Custom Payment Method/);
	});
});
