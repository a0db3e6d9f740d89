/** The v1 credential's base URL, as the transport reads it before any login. */
import { callCinetPay } from '../../nodes/CinetPay/transport/v1';
import { useSimulatorV1 } from './simulators';

const bed = useSimulatorV1();

describe('base URL', () => {
	test('a trailing slash is tolerated', async () => {
		bed.store.data.baseUrl = `${bed.sim.baseUrl}///`;
		expect((await callCinetPay.call(bed.context(), { endpoint: 'balance' })).code).toBe('0');
	});

	test('only http(s) is accepted, before any request', async () => {
		bed.store.data.baseUrl = 'ftp://client.cinetpay.com';
		await expect(callCinetPay.call(bed.context(), { endpoint: 'balance' })).rejects.toThrow(/Invalid Base URL/);
		expect(bed.sim.control.requests()).toHaveLength(0);
	});
});
