/**
 * The 2026 simulator's switches for two answers of a send that the sandbox probe asks about:
 * whether the send answer carries the transfer's notify_token, and whether a refused payment
 * method names the country's codes. Over real HTTP.
 */
import { startReceiver, ciTransfer, simulator2026PerFile } from './helpers';

const env = simulator2026PerFile();

describe('sendAnswerNotifyToken', () => {
	test('off (default): the send answer has no notify_token', async () => {
		const answer = await env.client.send(ciTransfer());
		expect(answer.status).toBe(200);
		expect(answer.body.code).toBe(2001);
		expect(answer.body).not.toHaveProperty('notify_token');
	});

	test('on: the send answer carries the token its notifications carry; a lookup does not', async () => {
		const receiver = await startReceiver();
		try {
			env.sim.control.setVariants({ sendAnswerNotifyToken: true, notifications: 'everyChange' });
			const answer = await env.client.send(ciTransfer({ notify_url: receiver.url }));
			expect(answer.body.notify_token).toMatch(/^[0-9a-f]{32}$/);
			await env.sim.control.waitForIdle();
			expect(JSON.parse(receiver.received[0].body).notify_token).toBe(answer.body.notify_token);
			const lookup = await env.client.get(answer.body.transaction_id);
			expect(lookup.body).not.toHaveProperty('notify_token');
		} finally {
			await receiver.close();
		}
	});
});

describe('unknownPaymentMethodAnswer', () => {
	test.each([
		['namesCodes', /OM_CI, MTN_CI, MOOV_CI, WAVE_CI/],
		['bare', /^payment_method is invalid$/],
	] as const)(
		'%s: a 400 INVALID_PARAMS whose message is %p; nothing created',
		async (mode, message) => {
			env.sim.control.setVariants({ unknownPaymentMethodAnswer: mode });
			const answer = await env.client.send(ciTransfer({ payment_method: 'OM_XX' }));
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ code: 400, status: 'INVALID_PARAMS' });
			expect(answer.body.message).toMatch(message);
			if (mode === 'bare') expect(JSON.stringify(answer.body)).not.toMatch(/OM_CI/);
			expect(env.sim.control.transfers()).toEqual([]);
		},
	);
});
