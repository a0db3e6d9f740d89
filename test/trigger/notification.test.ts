import {
	boundedEcho,
	MAX_ECHO_DEPTH,
	MAX_FIELDS,
	MAX_TEXT_LENGTH,
	MAX_VALUE_LENGTH,
	OMITTED,
	readNotificationBody,
} from '../../nodes/CinetPay/trigger/notification';
import { platform2026 } from '../../nodes/CinetPay/trigger/platform2026';
import { platformV1 } from '../../nodes/CinetPay/trigger/platformV1';
import { NOTIFICATION } from './helpers';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The body as the v1 platform reads it. */
function readV1(body: unknown, raw?: Buffer, contentType?: string) {
	const read = readNotificationBody(body, raw, contentType);
	return 'reason' in read ? read : platformV1.read(read.object);
}

describe('v1: what is accepted', () => {
	test.each([
		['form fields, parsed by n8n', NOTIFICATION, undefined, undefined],
		['a JSON object, parsed by n8n', { ...NOTIFICATION, amount: 2500 }, undefined, undefined],
		['form text n8n left as text (text/plain)', form(NOTIFICATION), undefined, undefined],
		['JSON text n8n left as text', JSON.stringify(NOTIFICATION), undefined, undefined],
		['a raw form body n8n did not parse (no Content-Type)', undefined, Buffer.from(form(NOTIFICATION)), undefined],
		['a raw JSON body n8n did not parse', {}, Buffer.from(JSON.stringify(NOTIFICATION)), undefined],
		['multipart/form-data, as n8n parses it', { data: NOTIFICATION, files: {} }, undefined, 'multipart/form-data; boundary=x'],
		['multipart/form-data, each value a list of one', { data: Object.fromEntries(Object.entries(NOTIFICATION).map(([k, v]) => [k, [v]])), files: {} }, undefined, 'multipart/form-data; boundary=x'],
	])('%s', (_label, body, raw, contentType) => {
		const reading = readV1(body, raw, contentType);
		expect(reading).toMatchObject({ transactionId: NOTIFICATION.transaction_id, claimed: 'VAL' });
		expect('echo' in reading && reading.echo).toMatchObject({ lot: NOTIFICATION.lot, comment: NOTIFICATION.comment });
	});

	test('any amount, receiver or status: a status this node does not know names nothing (the API decides)', () => {
		expect(readV1({ ...NOTIFICATION, amount: '2 500 XOF', receiver: '00225 07 00', treatment_status: 'SUCCES' })).toMatchObject({
			transactionId: NOTIFICATION.transaction_id,
			claimed: undefined,
		});
		expect(readV1({ transaction_id: NOTIFICATION.transaction_id })).toMatchObject({ claimed: undefined });
		expect(readV1({ ...NOTIFICATION, treatment_status: ' rej ' })).toMatchObject({ claimed: 'REJ' });
	});

	test('never copies a prototype-reaching name', () => {
		for (const body of [`{"__proto__": "x", ${JSON.stringify(NOTIFICATION).slice(1)}`, `__proto__=x&constructor=y&${form(NOTIFICATION)}`]) {
			const reading = readV1(body);
			if (!('echo' in reading)) throw new Error('unread');
			expect(Object.keys(reading.echo)).not.toContain('__proto__');
			expect(Object.keys(reading.echo)).not.toContain('constructor');
			expect(Object.getPrototypeOf(reading.echo)).toBe(Object.prototype);
		}
	});
});

describe('v1: what is refused, and why', () => {
	test.each([
		['no body', undefined, undefined, 'empty'],
		['an empty object', {}, undefined, 'empty'],
		['garbage text', 'hello world', undefined, 'not-fields'],
		['garbage raw bytes', undefined, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x20, 0x00]), 'not-fields'],
		['broken JSON text', '{"transaction_id": ', undefined, 'not-fields'],
		['a JSON array', [NOTIFICATION], undefined, 'not-fields'],
		['a number', 42, undefined, 'not-fields'],
		['no transaction_id', { amount: '2500', treatment_status: 'VAL' }, undefined, 'missing-field'],
		['a transaction_id with spaces in it', { ...NOTIFICATION, transaction_id: 'X lot=1' }, undefined, 'invalid-field'],
		['a repeated field', { ...NOTIFICATION, treatment_status: ['REC', 'VAL'] }, undefined, 'invalid-field'],
		['a repeated form field', `${form(NOTIFICATION)}&amount=999999`, undefined, 'invalid-field'],
		['a nested value', { ...NOTIFICATION, amount: { value: 2500 } }, undefined, 'invalid-field'],
		['too many fields', Object.fromEntries(Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, 'x'])), undefined, 'too-large'],
		['a huge value', { ...NOTIFICATION, comment: 'x'.repeat(MAX_VALUE_LENGTH + 1) }, undefined, 'too-large'],
		['a huge raw body', undefined, Buffer.alloc(MAX_TEXT_LENGTH + 1, 'a'), 'too-large'],
	])('%s → %s', (_label, body, raw, reason) => {
		const reading = readV1(body, raw);
		expect(reading).toMatchObject({ reason });
		if ('message' in reading) expect(reading.message).not.toBe('');
	});
});

describe('2026: read as a pointer, echoed bounded', () => {
	const body = { notify_token: 'token-1', merchant_transaction_id: 'order_123', transaction_id: 'a1b2c3d4-0000', user: { name: 'M' } };

	test('any merchant ID; the token is kept out of the echo', () => {
		expect(platform2026.read(body)).toEqual({
			transactionId: 'a1b2c3d4-0000',
			echo: { merchant_transaction_id: 'order_123', transaction_id: 'a1b2c3d4-0000', user: { name: 'M' } },
		});
		expect(platform2026.read({ ...body, transaction_id: '' })).toMatchObject({ reason: 'missing-field' });
	});

	test('the echo is bounded in depth, entries, text and total size, and never throws', () => {
		let deep: Record<string, unknown> = { leaf: 1 };
		for (let level = 0; level < 5_000; level++) deep = { inner: deep };
		const echo = boundedEcho({
			deep,
			long: 'x'.repeat(5 * 1024 * 1024),
			wide: Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i])),
			list: Array.from({ length: 1_000 }, (_, i) => i),
		});
		let level = echo.deep as Record<string, unknown>;
		for (let depth = 1; depth < MAX_ECHO_DEPTH; depth++) level = level.inner as Record<string, unknown>;
		expect(level).toBe(OMITTED);
		expect(String(echo.long)).toHaveLength(MAX_VALUE_LENGTH + 1);
		expect(Object.keys(echo.wide as object)).toHaveLength(MAX_FIELDS);
		expect(echo.list).toHaveLength(MAX_FIELDS);
		const many = boundedEcho(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, Array.from({ length: 40 }, () => 'y'.repeat(900))])));
		expect(JSON.stringify(many).length).toBeLessThan(MAX_TEXT_LENGTH + 2 * MAX_VALUE_LENGTH + 1024);
	});
});
