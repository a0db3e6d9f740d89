import type { IDataObject, IObservableObject } from 'n8n-workflow';
import { ObservableObject } from 'n8n-workflow';

import {
	claimKey,
	DEDUPLICATION_CAPACITY,
	idempotencyKey,
	isClaimed,
	PROCESSED_KEYS_FIELD,
	processedKeys,
	RecentKeys,
	recordProcessed,
	wasProcessed,
} from '../../nodes/CinetPay/trigger/deduplication';

describe('idempotency key', () => {
	test('is transaction_id:treatment_status', () => {
		expect(idempotencyKey('EA180627.122753.M279245', 'VAL')).toBe('EA180627.122753.M279245:VAL');
	});
});

describe('processed keys in static data', () => {
	test('records a key once', () => {
		const data: IDataObject = {};
		expect(recordProcessed(data, 'A:VAL')).toBe(true);
		expect(recordProcessed(data, 'A:VAL')).toBe(false);
		expect(recordProcessed(data, 'A:REJ')).toBe(true);
		expect(processedKeys(data)).toEqual(['A:VAL', 'A:REJ']);
	});

	test('keeps the newest keys up to its capacity, forgetting the oldest first', () => {
		const data: IDataObject = {};
		for (let i = 0; i < 25; i++) recordProcessed(data, `T${i}:VAL`, 10);
		expect(processedKeys(data)).toHaveLength(10);
		expect(wasProcessed(data, 'T14:VAL')).toBe(false);
		expect(wasProcessed(data, 'T15:VAL')).toBe(true);
		expect(wasProcessed(data, 'T24:VAL')).toBe(true);
	});

	test('stays bounded at the default capacity', () => {
		const data: IDataObject = {};
		for (let i = 0; i < DEDUPLICATION_CAPACITY + 50; i++) recordProcessed(data, `T${i}:VAL`);
		expect(processedKeys(data)).toHaveLength(DEDUPLICATION_CAPACITY);
		expect(JSON.stringify(data).length).toBeLessThan(400_000);
	});

	test('ignores a corrupted field instead of failing', () => {
		expect(processedKeys({ [PROCESSED_KEYS_FIELD]: 'nonsense' })).toEqual([]);
		expect(processedKeys({ [PROCESSED_KEYS_FIELD]: ['A:VAL', 3, null] })).toEqual(['A:VAL']);
	});

	// n8n saves a workflow's static data after a webhook call only when its ObservableObject saw a
	// property set (workflow-static-data.service: `if (workflow.staticData.__dataChanged === true)`).
	test("marks n8n's observable static data as changed, also when it was loaded from the database", () => {
		const fresh = ObservableObject.create({}, undefined, { ignoreEmptyOnFirstChild: true }) as IDataObject;
		fresh['node:Trigger'] = ObservableObject.create({}, fresh as IObservableObject);
		expect(fresh.__dataChanged).toBe(false);
		recordProcessed(fresh['node:Trigger'] as IDataObject, 'A:VAL');
		expect(fresh.__dataChanged).toBe(true);

		const loaded = ObservableObject.create(JSON.parse(JSON.stringify(fresh)), undefined, {
			ignoreEmptyOnFirstChild: true,
		}) as IDataObject;
		expect(loaded.__dataChanged).toBe(false);
		expect(wasProcessed(loaded['node:Trigger'] as IDataObject, 'A:VAL')).toBe(true);
		expect(recordProcessed(loaded['node:Trigger'] as IDataObject, 'A:VAL')).toBe(false);
		expect(loaded.__dataChanged).toBe(false);
		recordProcessed(loaded['node:Trigger'] as IDataObject, 'B:VAL');
		expect(loaded.__dataChanged).toBe(true);
		expect(JSON.parse(JSON.stringify(loaded))['node:Trigger'][PROCESSED_KEYS_FIELD]).toEqual(['A:VAL', 'B:VAL']);
	});
});

describe('recent keys in the process', () => {
	test('forget the oldest beyond their capacity', () => {
		const recent = new RecentKeys(3);
		for (const key of ['a', 'b', 'c', 'd']) recent.add(key);
		expect(recent.size).toBe(3);
		expect(recent.has('a')).toBe(false);
		expect(recent.has('d')).toBe(true);
	});

	test('a claim checks and records both memories; scopes are separate', () => {
		const recent = new RecentKeys();
		const data: IDataObject = {};
		expect(claimKey(recent, 'wf1/node', data, 'A:VAL')).toBe(true);
		expect(claimKey(recent, 'wf1/node', data, 'A:VAL')).toBe(false);
		expect(isClaimed(recent, 'wf1/node', {}, 'A:VAL')).toBe(true);
		expect(isClaimed(recent, 'wf2/node', {}, 'A:VAL')).toBe(false);
		// A key another request's save dropped from static data is still known to the process.
		expect(claimKey(recent, 'wf1/node', {}, 'A:VAL')).toBe(false);
		// A key only static data knows (the process restarted) is known too.
		expect(claimKey(new RecentKeys(), 'wf1/node', data, 'A:VAL')).toBe(false);
	});
});
