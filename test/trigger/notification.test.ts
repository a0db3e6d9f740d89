import { MAX_FIELDS, MAX_TEXT_LENGTH, MAX_VALUE_LENGTH, readNotification } from '../../nodes/CinetPay/trigger/notification';
import { NOTIFICATION } from './helpers';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('readNotification: what is accepted', () => {
	test.each([
		['form fields, parsed by n8n', NOTIFICATION, undefined],
		['a JSON object, parsed by n8n', { ...NOTIFICATION, amount: 2500 }, undefined],
		['form text n8n left as text (text/plain)', form(NOTIFICATION), undefined],
		['JSON text n8n left as text', JSON.stringify(NOTIFICATION), undefined],
		['a raw form body n8n did not parse (no Content-Type)', undefined, Buffer.from(form(NOTIFICATION))],
		['a raw JSON body n8n did not parse', {}, Buffer.from(JSON.stringify(NOTIFICATION))],
	])('%s', (_label, body, raw) => {
		const reading = readNotification(body, raw);
		expect(reading).toMatchObject({
			readable: true,
			notification: { transaction_id: NOTIFICATION.transaction_id, treatment_status: 'VAL', amount: '2500' },
		});
		if (reading.readable) expect(reading.notification.fields).toMatchObject({ lot: NOTIFICATION.lot, comment: NOTIFICATION.comment });
	});

	test('trims values, reads the status in any case, and keeps every field as text', () => {
		const reading = readNotification({ ...NOTIFICATION, treatment_status: ' rej ', extra: 7, empty: null });
		expect(reading.readable && reading.notification.treatment_status).toBe('REJ');
		expect(reading.readable && reading.notification.fields).toMatchObject({ extra: '7', empty: '' });
	});

	test('never copies a prototype-reaching name', () => {
		const fromJson = readNotification(`{"__proto__": "x", ${JSON.stringify(NOTIFICATION).slice(1)}`);
		const fromForm = readNotification(`__proto__=x&constructor=y&${form(NOTIFICATION)}`);
		for (const reading of [fromJson, fromForm]) {
			expect(reading.readable).toBe(true);
			if (!reading.readable) continue;
			expect(Object.keys(reading.notification.fields)).not.toContain('__proto__');
			expect(Object.keys(reading.notification.fields)).not.toContain('constructor');
			expect(Object.getPrototypeOf(reading.notification.fields)).toBe(Object.prototype);
		}
	});
});

describe('readNotification: what is refused, and why', () => {
	const without = (name: keyof typeof NOTIFICATION) => {
		const copy: Record<string, string> = { ...NOTIFICATION };
		delete copy[name];
		return copy;
	};
	test.each([
		['no body', undefined, undefined, 'empty'],
		['an empty object', {}, undefined, 'empty'],
		['garbage text', 'hello world', undefined, 'not-fields'],
		['garbage raw bytes', undefined, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x20, 0x00]), 'not-fields'],
		['broken JSON text', '{"transaction_id": ', undefined, 'not-fields'],
		['a JSON array', [NOTIFICATION], undefined, 'not-fields'],
		['a number', 42, undefined, 'not-fields'],
		['no transaction_id', without('transaction_id'), undefined, 'missing-field'],
		['no treatment_status', without('treatment_status'), undefined, 'missing-field'],
		['no amount', without('amount'), undefined, 'missing-field'],
		['an unknown status', { ...NOTIFICATION, treatment_status: 'PAID' }, undefined, 'invalid-field'],
		['an amount that is not a number', { ...NOTIFICATION, amount: '2 500 XOF' }, undefined, 'invalid-field'],
		['a negative amount', { ...NOTIFICATION, amount: '-2500' }, undefined, 'invalid-field'],
		['a transaction_id with a query in it', { ...NOTIFICATION, transaction_id: 'X&lot=1' }, undefined, 'invalid-field'],
		['a repeated field', { ...NOTIFICATION, treatment_status: ['REC', 'VAL'] }, undefined, 'invalid-field'],
		['a repeated form field', `${form(NOTIFICATION)}&amount=999999`, undefined, 'invalid-field'],
		['a nested value', { ...NOTIFICATION, amount: { value: 2500 } }, undefined, 'invalid-field'],
		['too many fields', Object.fromEntries(Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, 'x'])), undefined, 'too-large'],
		['a huge value', { ...NOTIFICATION, comment: 'x'.repeat(MAX_VALUE_LENGTH + 1) }, undefined, 'too-large'],
		['a huge raw body', undefined, Buffer.alloc(MAX_TEXT_LENGTH + 1, 'a'), 'too-large'],
	])('%s → %s', (_label, body, raw, reason) => {
		const reading = readNotification(body, raw);
		expect(reading).toMatchObject({ readable: false, reason });
		if (!reading.readable) expect(reading.message).not.toBe('');
	});
});
