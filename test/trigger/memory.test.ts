import {
	NOT_FOUNDS_BEFORE_SILENCE,
	NotFoundIds,
	SILENCE_BASE_MS,
	SILENCE_MAX_MS,
	StartedKeys,
	TriggerMemories,
	idempotencyKey,
} from '../../nodes/CinetPay/trigger/memory';

test('the idempotency key is transaction_id:status', () => {
	expect(idempotencyKey('EA1', 'VAL')).toBe('EA1:VAL');
});

describe('started keys', () => {
	test('a key is claimed once; the oldest are forgotten beyond the capacity', () => {
		const keys = new StartedKeys(3);
		expect(['a', 'b', 'a', 'c', 'd'].map((key) => keys.claim(key))).toEqual([true, true, false, true, true]);
		expect(keys.size).toBe(3);
		expect(keys.has('a')).toBe(false);
		expect(keys.has('d')).toBe(true);
	});

	test('each trigger has its own: one filling its memory evicts nothing of another', () => {
		const memories = new TriggerMemories();
		memories.of('wf-A/node/production').started.claim('EA1:VAL');
		const other = memories.of('wf-B/node/production');
		for (let i = 0; i < 20_000; i++) other.started.claim(`FORGED-${i}:VAL`);
		expect(memories.of('wf-A/node/production').started.has('EA1:VAL')).toBe(true);
		expect(other.started.size).toBe(10_000);
	});
});

describe('not-found IDs', () => {
	test('silent only after repeated not-founds, for a time that doubles up to a cap; found forgets', () => {
		const ids = new NotFoundIds();
		const now = 1_000_000;
		for (let i = 1; i < NOT_FOUNDS_BEFORE_SILENCE; i++) {
			ids.notFound('X', now);
			expect(ids.silenced('X', now)).toBeUndefined();
		}
		ids.notFound('X', now);
		expect(ids.silenced('X', now)).toBe(NOT_FOUNDS_BEFORE_SILENCE);
		expect(ids.silenced('X', now + SILENCE_BASE_MS)).toBeUndefined();
		ids.notFound('X', now);
		expect(ids.silenced('X', now + SILENCE_BASE_MS)).toBeDefined();
		expect(ids.silenced('X', now + 2 * SILENCE_BASE_MS)).toBeUndefined();
		for (let i = 0; i < 30; i++) ids.notFound('X', now);
		expect(ids.silenced('X', now + SILENCE_MAX_MS - 1)).toBeDefined();
		expect(ids.silenced('X', now + SILENCE_MAX_MS)).toBeUndefined();
		ids.found('X');
		expect(ids.silenced('X', now)).toBeUndefined();
	});

	test('bounded: the oldest IDs are forgotten first', () => {
		const ids = new NotFoundIds(2);
		for (const id of ['a', 'b', 'c']) for (let i = 0; i < NOT_FOUNDS_BEFORE_SILENCE; i++) ids.notFound(id, 0);
		expect(ids.size).toBe(2);
		expect(ids.silenced('a', 0)).toBeUndefined();
		expect(ids.silenced('c', 0)).toBeDefined();
	});
});
