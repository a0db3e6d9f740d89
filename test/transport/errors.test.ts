/**
 * Failures the transport turns into node errors: CinetPay's codes with advice, logins that fail,
 * calls without an answer (and what is known about them), and never a secret inside.
 */
import type { NodeApiError } from 'n8n-workflow';

import { callCinetPay, callOutcome, cinetPayError } from '../../nodes/CinetPay/transport/v1';
import { CINETPAY_CODES } from '../../nodes/CinetPay/transport/v1/codes';
import { factsOf } from '../../nodes/CinetPay/transport/shared/errors';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../simulator';
import { findSecrets } from '../helpers/secrets';
import { useSimulatorV1 } from './simulators';

const bed = useSimulatorV1();
const transfer = { prefix: '225', phone: '0700000001', amount: 5000, notify_url: 'http://127.0.0.1:9/n', client_transaction_id: 'e1' };
const secrets = () => [DEMO_API_KEY, DEMO_PASSWORD, String(bed.store.data.sessionToken)].filter((s) => s.length > 4);

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected a failure');
}

describe('the annex table', () => {
	test.each(Object.entries(CINETPAY_CODES).filter(([code]) => !['0', '726'].includes(code)))(
		'%s names its code and says what to do',
		(code, info) => {
			const error = cinetPayError(bed.context(), { code, message: info.message, description: 'desc' });
			expect(error.message).toContain(`${info.message} (${code})`);
			expect(error.description!.length).toBeGreaterThan(30);
			expect(error.description).toContain('CinetPay says: "desc"');
			expect(factsOf(error).code).toBe(code);
		},
	);

	test('602 says to top up; 724 says how to add the contact', () => {
		expect(cinetPayError(bed.context(), { code: '602', message: 'INSUFFICIENT_BALANCE' }).description).toMatch(/Top up/);
		expect(cinetPayError(bed.context(), { code: '724', message: 'ERROR_PHONE_NOT_MY_CONTACT' }).description).toMatch(/Add Contact/);
	});

	test('an unknown code still gives a readable error', () => {
		const error = cinetPayError(bed.context(), { code: '999', message: 'SOMETHING_NEW' });
		expect(error.message).toBe('SOMETHING_NEW (999): CinetPay answered with an error code this node does not know');
	});
});

describe('login failures', () => {
	test.each(['http200', 'http4xx'] as const)('a wrong password (701 with %s) is named, without the secrets', async (errorHttpStatus) => {
		bed.sim.control.setVariants({ errorHttpStatus });
		const wrong = `wrong-${Date.now()}`;
		bed.store.data.password = wrong;
		const error = await failure(callCinetPay.call(bed.context(), { endpoint: 'balance' }));
		expect(error.message).toContain('INVALID_CREDENTIALS (701)');
		expect(findSecrets(error, [DEMO_API_KEY, wrong])).toEqual([]);
		// A failed login is not retried: the same password would fail again.
		expect(bed.sim.control.requests().map((entry) => entry.path)).toEqual(['/v1/auth/login']);
	});
});

describe('calls without an answer', () => {
	test('a dropped connection after a send: outcome unknown, not retried, no secret', async () => {
		const contact = { prefix: '225', phone: transfer.phone, name: 'Kone', surname: 'Awa', email: 'awa@example.com' };
		await callCinetPay.call(bed.context(), { endpoint: 'addContacts', data: [contact] });
		bed.sim.control.injectFaults({ dropAfterNextSend: 1 });
		const error = await failure(callCinetPay.call(bed.context(), { endpoint: 'sendMoney', data: [transfer] }));
		expect(callOutcome(error)).toBe('unknown');
		expect(error.message).toMatch(/closed before its answer/);
		expect(error.description).toMatch(/client transaction ID/);
		expect(bed.sim.control.transfers()).toHaveLength(1);
		expect(bed.sim.control.requests().filter((entry) => entry.path.endsWith('/send/contact'))).toHaveLength(1);
		expect(findSecrets(error, secrets())).toEqual([]);
	});

	test('a timeout: outcome unknown, says how long it waited', async () => {
		bed.sim.control.injectFaults({ slowNextMs: { ms: 1500, count: 2 } });
		const error = await failure(callCinetPay.call(bed.context(), { endpoint: 'sendMoney', data: [transfer], timeoutMs: 300 }));
		expect(callOutcome(error)).toBe('unknown');
		expect(error.message).toMatch(/did not answer within/);
		expect(findSecrets(error, secrets())).toEqual([]);
	});

	test('a refused connection: nothing was sent', async () => {
		bed.store.data.baseUrl = 'http://127.0.0.1:1';
		const error = await failure(callCinetPay.call(bed.context(), { endpoint: 'balance' }));
		expect(callOutcome(error)).toBe('not-sent');
		expect(findSecrets(error, secrets())).toEqual([]);
	});

	test('a 5xx page on a read is retried; on a send it is not', async () => {
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		bed.sim.control.clearRequests();
		bed.sim.control.injectFaults({ http5xxNext: 1 });
		expect((await callCinetPay.call(bed.context(), { endpoint: 'balance' })).code).toBe('0');
		expect(bed.sim.control.requests().map((entry) => entry.httpStatus)).toEqual([503, 200]);
		bed.sim.control.clearRequests();
		bed.sim.control.injectFaults({ http5xxNext: 1 });
		const error = await failure(callCinetPay.call(bed.context(), { endpoint: 'sendMoney', data: [transfer] }));
		expect(callOutcome(error)).toBe('unknown');
		expect(error.message).toMatch(/HTTP 503/);
		expect(bed.sim.control.requests()).toHaveLength(1);
	});
});

describe('reads without retry', () => {
	test('retry: false makes a failing read cost exactly one request', async () => {
		const { findTransfers } = await import('../../nodes/CinetPay/transport/v1');
		await callCinetPay.call(bed.context(), { endpoint: 'balance' });
		bed.sim.control.clearRequests();
		bed.sim.control.injectFaults({ http5xxNext: 3 });
		const error = await failure(findTransfers.call(bed.context(), 'transaction_id', 'EA1', { retry: false }));
		expect(callOutcome(error)).toBe('unknown');
		expect(bed.sim.control.requests()).toHaveLength(1);
	});
});
