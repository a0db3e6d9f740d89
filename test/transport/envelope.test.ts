/**
 * Every [field] shape of CinetPay's v1 answers (codes as strings or numbers, errors with HTTP 200
 * or 4xx, results nested once or twice) is read the same way.
 */
import { callCinetPay, findTransfers } from '../../nodes/CinetPay/transport/v1';
import { resultItems } from '../../nodes/CinetPay/transport/v1/envelope';
import { TEST_NUMBERS } from '../../simulator';
import { ENVELOPE_VARIANTS } from '../helpers/envelopeVariants';
import { useSimulatorV1 } from './simulators';

const bed = useSimulatorV1();

describe('envelope variants', () => {
	const contact = { prefix: '225', phone: TEST_NUMBERS.CI.succeeds.phone, name: 'Kone', surname: 'Awa', email: 'awa@example.com' };

	test.each(ENVELOPE_VARIANTS)('%s: contact results and errors read the same', async (_name, variants) => {
		bed.sim.control.setVariants(variants);
		const added = await callCinetPay.call(bed.context(), { endpoint: 'addContacts', data: [contact] });
		expect(added.code).toBe('0');
		expect(resultItems(added.data)).toEqual([expect.objectContaining({ phone: contact.phone })]);

		expect(await findTransfers.call(bed.context(), 'transaction_id', 'EA000000.000000.X000000')).toEqual([]);

		bed.sim.control.setBalance(100);
		const refused = await callCinetPay.call(bed.context(), {
			endpoint: 'sendMoney',
			data: [{ prefix: '225', phone: contact.phone, amount: 5000, notify_url: 'http://127.0.0.1:9/notify', client_transaction_id: 'c1' }],
		});
		expect(refused.code).toBe('602');
		expect(refused.message).toBe('INSUFFICIENT_BALANCE');
	});
});
