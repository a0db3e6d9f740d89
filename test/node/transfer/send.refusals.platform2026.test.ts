/**
 * Transfer → Send on the 2026 platform when CinetPay refuses a call for a reason that is not the
 * transfer's, on n8n-core against the 2026 simulator over real HTTP: a token refused in the body
 * (one fresh login and one repeat, every item sent once), a login refused for the server's address
 * (2011: allow-list its IPv4 address), HTTP 429 (wait, repeat, every item sent once) and HTTP 403
 * (named, not sent).
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../helpers/n8nCore';
import { on2026, secretsIn, simulator2026PerFile, TEST_NUMBERS_2026 } from '../../helpers/node2026';
import { failureOf, outcomeOf, runNode } from '../../helpers/runNode';

const env = simulator2026PerFile();
const send = () =>
	on2026('transfer', 'send', { dataMode: 'autoMapInputData', paymentMethod: 'OM_CI' });
const SUCCEEDS_CI = TEST_NUMBERS_2026.CI.succeeds.phone.replace('+225', '');
const receivers = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({
		prefix: '225',
		phone: SUCCEEDS_CI,
		amount: 1000 + i,
	}));
/** Each run its own execution: default IDs and the Retry On Fail memory are per execution. */
let runs = 0;
const execution = () => ({ store: env.store, executionId: `refusals-${Date.now()}-${++runs}` });
const logins = () => env.sim.control.requests().filter((e) => e.path === '/v1/oauth/login').length;

test.each(['expiredToken', 'invalidToken'] as const)(
	'a token refused in the body with HTTP 200 (%s): one fresh login, every item sent once',
	async (tokenRefusalBody) => {
		await runNode(send(), receivers(1), execution());
		env.sim.control.setVariants({ tokenRefusalBody, expiredTokenStatus: 'http200' });
		env.sim.control.invalidateTokens();
		const output = await runNode(send(), receivers(3), execution());
		expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent']);
		expect(env.sim.control.transfers()).toHaveLength(4);
		expect(logins()).toBe(2);
	},
);

test("a login refused for the server's address (2011): the error says to allow-list its IPv4 address; nothing sent", async () => {
	env.sim.control.setVariants({ ipNotAllowed: 'http403' });
	const run = await runWorkflow(send(), receivers(2), {
		...execution(),
		onError: 'continueErrorOutput',
	});
	expect(run.main).toEqual([]);
	expect(run.errorOutput.map((item) => failureOf(item)?.outcome)).toEqual(['not-sent', 'not-sent']);
	const failure = failureOf(run.errorOutput[0])!;
	expect(String(failure.message)).toMatch(/NOT_ALLOWED \(2011\)/);
	expect(String(failure.description)).toMatch(
		/add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard/i,
	);
	expect(String(failure.description)).not.toMatch(/check the API key/i);
	expect(env.sim.control.transfers()).toHaveLength(0);
	expect(secretsIn(run, env.store)).toEqual([]);
});

test('HTTP 429 with Retry-After on sends: the node waits and repeats; every item sent once', async () => {
	await runNode(send(), receivers(1), execution());
	env.sim.control.injectFaults({ throttleNext: { count: 3, retryAfter: '0' } });
	const output = await runNode(send(), receivers(4), execution());
	expect(output.map(outcomeOf)).toEqual(['sent', 'sent', 'sent', 'sent']);
	expect(env.sim.control.transfers()).toHaveLength(5);
	expect(env.sim.control.requests().filter((e) => e.httpStatus === 429)).toHaveLength(3);
});

test('HTTP 403 on a send: that item is not sent, with an error naming FORBIDDEN; the others are sent', async () => {
	await runNode(send(), receivers(1), execution());
	env.sim.control.injectFaults({ forbiddenNext: 1 });
	const run = await runWorkflow(send(), receivers(3), {
		...execution(),
		onError: 'continueErrorOutput',
	});
	expect(run.main.map(outcomeOf)).toEqual(['sent', 'sent']);
	expect(run.errorOutput).toHaveLength(1);
	expect(failureOf(run.errorOutput[0])).toMatchObject({
		outcome: 'not-sent',
		message: expect.stringMatching(/FORBIDDEN \(403\)/),
		description: expect.stringMatching(/allow-list/),
	});
	expect(env.sim.control.transfers()).toHaveLength(3);
});
