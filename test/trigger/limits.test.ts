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

describe('the wait for a slot costs nothing past the wait itself', () => {
	afterEach(() => jest.useRealTimers());

	/** Lets every promise that can settle without a timer settle. */
	const settleMicrotasks = async () => {
		for (let turn = 0; turn < 20; turn++) await Promise.resolve();
	};

	test('a released slot goes to the next waiter at once, with no timer run (no polling step)', async () => {
		jest.useFakeTimers();
		const limits = new LookupLimits(1, 4, 4);
		const until = Date.now() + 5_000;
		const first = await limits.acquire('acc', 'T', until);
		let second: Awaited<ReturnType<LookupLimits['acquire']>> | undefined;
		void limits.acquire('acc', 'T', until).then((slot) => (second = slot));
		await settleMicrotasks();
		expect(second).toBeUndefined();

		(first as () => void)();
		await settleMicrotasks();
		// No fake timer advanced: a waiter that polled on a timer would still be waiting here.
		expect(typeof second).toBe('function');
		expect(limits.active('acc', 'T')).toBe(1);
		(second as () => void)();
		expect(limits.active('acc', 'T')).toBe(0);
	});

	test('a waiter that reached its deadline leaves the line, and the next release skips it', async () => {
		jest.useFakeTimers();
		const limits = new LookupLimits(1, 4, 4);
		const first = await limits.acquire('acc', 'T', Date.now() + 5_000);
		const late = limits.acquire('acc', 'T', Date.now() + 250);
		let patient: Awaited<ReturnType<LookupLimits['acquire']>> | undefined;
		void limits.acquire('acc', 'T', Date.now() + 5_000).then((slot) => (patient = slot));
		await jest.advanceTimersByTimeAsync(250);
		expect(await late).toBe(TIMED_OUT);
		(first as () => void)();
		await settleMicrotasks();
		expect(typeof patient).toBe('function');
		(patient as () => void)();
		expect(limits.active('acc')).toBe(0);
	});
});
