import { sleep } from 'n8n-workflow';

import {
	BUSY,
	LOOKUPS_PER_ACCOUNT,
	LOOKUPS_PER_TRIGGER,
	LOOKUPS_WAITING_PER_TRIGGER,
	LookupLimits,
	TIMED_OUT,
} from '../../nodes/CinetPay/trigger/limits';

describe('lookup limits: per trigger, and per account for all its triggers', () => {
	test('three flooded triggers never hold more than the account bound; a fourth still gets a slot', async () => {
		const limits = new LookupLimits();
		let inFlight = 0;
		let most = 0;
		const answers: Array<string | symbol> = [];
		const lookup = async (trigger: string) => {
			const slot = await limits.acquire('account-1', trigger, Date.now() + 2_000);
			if (slot === BUSY || slot === TIMED_OUT) return answers.push(slot);
			inFlight++;
			most = Math.max(most, inFlight);
			await sleep(20);
			inFlight--;
			slot();
			return answers.push(trigger);
		};
		const flood = ['A', 'B', 'C'].flatMap((trigger) => Array.from({ length: 30 }, () => lookup(trigger)));
		await sleep(5);
		expect(limits.active('account-1')).toBe(LOOKUPS_PER_ACCOUNT);
		await Promise.all([...flood, lookup('D')]);
		expect(most).toBe(LOOKUPS_PER_ACCOUNT);
		expect(answers).toContain('D');
		// Each flooded trigger: its slots and line, the rest refused at once.
		for (const trigger of ['A', 'B', 'C']) {
			expect(answers.filter((answer) => answer === trigger)).toHaveLength(LOOKUPS_PER_TRIGGER + LOOKUPS_WAITING_PER_TRIGGER);
		}
		expect(answers.filter((answer) => answer === BUSY)).toHaveLength(3 * (30 - LOOKUPS_PER_TRIGGER - LOOKUPS_WAITING_PER_TRIGGER));
		expect(limits.active('account-1')).toBe(0);
	});

	test('no slot before the deadline: TIMED_OUT, and the waiter leaves the line', async () => {
		const limits = new LookupLimits(1, 1, 1);
		const held = await limits.acquire('acc', 'T', Date.now() + 1_000);
		expect(typeof held).toBe('function');
		expect(await limits.acquire('acc', 'T', Date.now() + 30)).toBe(TIMED_OUT);
		(held as () => void)();
		expect(typeof (await limits.acquire('acc', 'T', Date.now() + 30))).toBe('function');
	});
});
