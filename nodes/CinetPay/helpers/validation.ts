/**
 * Checks an item's fields before anything is sent to CinetPay. Each rule names the field and what
 * is wrong, so a user fixing a spreadsheet row knows what to change. Values are normalised only
 * where the meaning cannot change (trimmed, "+225" → "225", spaces inside a phone number removed).
 */
import { COUNTRIES_BY_PREFIX } from './countries';
import type { ContactPayload } from './interfaces';
import { CUSTOM_PAYMENT_METHOD } from './paymentMethods';

export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly rule: string,
		readonly value?: unknown,
	) {
		super(`Invalid ${field}: ${rule}`);
		this.name = 'FieldError';
	}
}

/** CinetPay's documented bounds for XOF/XAF: more than 200 and less than 1,500,000. */
export const AMOUNT_LIMITS = { above: 200, below: 1_500_000 } as const;

const ASCII_DIGITS = /^[0-9]+$/;
const CLIENT_TRANSACTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
export const CLIENT_TRANSACTION_ID_MAX_LENGTH = 64;
const PAYMENT_METHOD = /^[A-Z0-9_]{2,20}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;
// Letters of any script, marks, spaces and the punctuation names really use.
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;
const NAME_MAX_LENGTH = 60;

function text(field: string, value: unknown, { required = true } = {}): string {
	if (value === undefined || value === null || value === '') {
		if (required) throw new FieldError(field, 'is required');
		return '';
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new FieldError(
			field,
			`must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`,
			value,
		);
	}
	const trimmed = String(value).trim();
	if (required && trimmed === '') throw new FieldError(field, 'is empty', value);
	return trimmed;
}

/** Country calling code without "+" or "00", e.g. 225. */
export function validatePrefix(value: unknown, field = 'prefix'): string {
	const prefix = text(field, value).replace(/^(\+|00)/, '');
	if (!ASCII_DIGITS.test(prefix) || prefix.length > 4) {
		throw new FieldError(field, 'must be a country calling code in digits, like 225', value);
	}
	return prefix;
}

/** National number in ASCII digits, of a length that fits the prefix's country when known. */
export function validatePhone(value: unknown, prefix: string, field = 'phone'): string {
	const phone = text(field, value).replace(/[\s-]/g, '');
	if (!ASCII_DIGITS.test(phone)) {
		throw new FieldError(
			field,
			'must contain digits 0-9 only (no "+", letters or other symbols)',
			value,
		);
	}
	const country = COUNTRIES_BY_PREFIX[prefix];
	if (country && !country.nationalNumberLengths.includes(phone.length)) {
		const lengths = country.nationalNumberLengths.join(' or ');
		const hint = phone.startsWith(prefix) ? ' (give it without the country prefix)' : '';
		throw new FieldError(
			field,
			`a ${country.name} number (prefix ${prefix}) has ${lengths} digits, this one has ${phone.length}${hint}`,
			value,
		);
	}
	if (!country && (phone.length < 6 || phone.length > 12)) {
		throw new FieldError(field, 'must have 6 to 12 digits', value);
	}
	return phone;
}

/** Maximum Amount's default, a guard against an extra zero (v1's XOF/XAF bound; 2026's usual cap). */
export const DEFAULT_MAXIMUM_AMOUNT = 1_500_000;

/** Digits, or groups of three digits separated by a space, a no-break or a narrow no-break space. */
const AMOUNT_TEXT = /^(?:\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$/;

/**
 * An amount as a person or a sheet writes it, read only where it cannot be misread: a JSON whole
 * number, or digits with optional spaces between groups of three ("1 000", also the no-break spaces
 * French formats use). "750.000" (a thousands dot, or 750?), "1,5", "1e3", "0x3E8", negatives and
 * fractions are refused, naming the value: paying a guess is paying the wrong amount.
 */
export function parseAmount(value: unknown, field = 'amount'): number {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new FieldError(field, 'is required');
	}
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0)
			throw new FieldError(field, `must be a whole number above 0, not ${String(value)}`, value);
		return value;
	}
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || !AMOUNT_TEXT.test(text)) {
		throw new FieldError(
			field,
			`"${typeof value === 'string' ? value : JSON.stringify(value)}" is not a whole amount: write digits only, like 5000 or 5 000 (no decimals, dots, commas, signs or exponents)`,
			value,
		);
	}
	const amount = Number(text.replace(/\D/g, ''));
	if (!Number.isSafeInteger(amount) || amount <= 0)
		throw new FieldError(field, `must be a whole number above 0, not "${text}"`, value);
	return amount;
}

/** At most the Maximum Amount option (a guard against an extra zero). */
export function checkMaximumAmount(amount: number, maximum: number, field = 'amount'): number {
	if (amount > maximum) {
		throw new FieldError(
			field,
			`${amount} is above the Maximum Amount of ${maximum} per transfer (Options → Maximum Amount): a guard against a mistyped amount. Raise the option if this amount is meant`,
			amount,
		);
	}
	return amount;
}

/** A whole, positive amount in the currency of the prefix's country, within CinetPay's limits (v1). */
export function validateAmount(
	value: unknown,
	prefix: string,
	maximum = DEFAULT_MAXIMUM_AMOUNT,
	field = 'amount',
): number {
	const amount = parseAmount(value, field);
	const currency = COUNTRIES_BY_PREFIX[prefix]?.currency;
	if (currency === 'XOF' || currency === 'XAF') {
		if (amount <= AMOUNT_LIMITS.above) {
			throw new FieldError(field, `must be more than ${AMOUNT_LIMITS.above} ${currency}`, value);
		}
		if (amount >= AMOUNT_LIMITS.below) {
			throw new FieldError(
				field,
				`must be less than 1,500,000 ${currency}; split larger payments`,
				value,
			);
		}
	}
	return checkMaximumAmount(amount, maximum, field);
}

/** An absolute http(s) URL CinetPay can call. */
export function validateNotifyUrl(value: unknown, field = 'notifyUrl'): string {
	const raw = text(field, value);
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
		throw new FieldError(
			field,
			'must be an absolute http(s) URL, like https://example.com/webhook/cinetpay',
			value,
		);
	}
	return raw;
}

/** A required text of at most `maxLength` characters that `pattern` accepts (`rule` says how). */
function boundedText(
	field: string,
	value: unknown,
	maxLength: number,
	pattern: RegExp,
	rule: string,
): string {
	const result = text(field, value);
	if (result.length > maxLength) {
		throw new FieldError(field, `must be at most ${maxLength} characters`, value);
	}
	if (!pattern.test(result)) throw new FieldError(field, rule, value);
	return result;
}

export function validateClientTransactionId(value: unknown, field = 'clientTransactionId'): string {
	const rule = 'may contain only letters A-Z, digits and _ . : - (starting with a letter or digit)';
	return boundedText(field, value, CLIENT_TRANSACTION_ID_MAX_LENGTH, CLIENT_TRANSACTION_ID, rule);
}

export function validatePaymentMethod(value: unknown, field = 'paymentMethod'): string | undefined {
	const method = text(field, value, { required: false }).toUpperCase();
	if (method === '') return undefined;
	// The list's "Custom…" choice, not read through selectedPaymentMethod: never send it as a code.
	if (method === CUSTOM_PAYMENT_METHOD.toUpperCase()) {
		throw new FieldError(field, 'is "Custom…": type the code in Custom Payment Method', value);
	}
	if (!PAYMENT_METHOD.test(method)) {
		throw new FieldError(
			field,
			'must be a CinetPay payment method code such as WAVECI, or empty',
			value,
		);
	}
	return method;
}

export function validatePersonName(value: unknown, field: string): string {
	return boundedText(
		field,
		value,
		NAME_MAX_LENGTH,
		PERSON_NAME,
		"may contain only letters, spaces and . ' -",
	);
}

export function validateEmail(value: unknown, field = 'email'): string {
	const email = text(field, value);
	if (email.length > 254 || !EMAIL.test(email)) {
		throw new FieldError(field, 'must be an e-mail address like name@example.com', value);
	}
	return email;
}

/**
 * A contact's name, surname and e-mail checked for a receiver already checked. `fields` names them
 * as the user sees them (Transfer → Send calls them contactName, … in Map Each Field Below).
 */
export function validateContact(
	prefix: string,
	phone: string,
	raw: { name: unknown; surname: unknown; email: unknown },
	fields = { name: 'name', surname: 'surname', email: 'email' },
): ContactPayload {
	return {
		prefix,
		phone,
		name: validatePersonName(raw.name, fields.name),
		surname: validatePersonName(raw.surname, fields.surname),
		email: validateEmail(raw.email, fields.email),
	};
}
