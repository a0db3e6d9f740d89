/**
 * From what a user gives (the same parameters as v1 where they mean the same) to the JSON body of
 * one 2026 send, checked before anything is sent: what CinetPay would refuse is said here with the
 * field's name, and a merchant ID that cannot serve as the idempotency key is never sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseAmount, type FieldError } from '../../helpers/validation';
import {
	COUNTRIES_2026,
	MERCHANT_ID_MAX_LENGTH,
	MERCHANT_ID_PATTERN,
	MIN_AMOUNT_2026,
} from './facts';

/** The JSON body of one send ([prod] fields). */
export interface Send2026Payload extends IDataObject {
	currency: string;
	payment_method: string;
	merchant_transaction_id: string;
	amount: number;
	phone_number: string;
	reason: string;
	notify_url?: string;
}

export interface Transfer2026Input {
	/** The account's country (the credential's). */
	country: string;
	/** E.164 (+225…), or the national number of the account's country. */
	phone: string;
	amount: number | string;
	merchantTransactionId: string;
	/** One of the country's known codes, or another typed by the user (CinetPay will judge it). */
	paymentMethod: string;
	reason?: string;
	notifyUrl?: string;
}

export type Transfer2026Check = { payload: Send2026Payload } | { field: string; problem: string };

/** [prod] Payment methods look like OPERATOR_CC. */
const PAYMENT_METHOD_PATTERN = /^[A-Z0-9]+_[A-Z]{2}$/;

export function transferPayload2026(input: Transfer2026Input): Transfer2026Check {
	const country = COUNTRIES_2026[input.country];
	if (!country) return { field: 'country', problem: `unknown country "${input.country}"` };
	const phone = e164(input.phone, country.callingCode);
	if (!phone)
		return {
			field: 'phone',
			problem: `"${input.phone}" is not a phone number of ${country.name} (+${country.callingCode}…)`,
		};
	let amount: number;
	try {
		amount = parseAmount(input.amount);
	} catch (error) {
		return { field: 'amount', problem: (error as FieldError).rule };
	}
	if (amount < MIN_AMOUNT_2026)
		return {
			field: 'amount',
			problem: `the amount must be a whole number of at least ${MIN_AMOUNT_2026} ${country.currency}`,
		};
	const id = String(input.merchantTransactionId ?? '').trim();
	if (!MERCHANT_ID_PATTERN.test(id))
		return {
			field: 'merchantTransactionId',
			problem: `"${id}" must be 1 to ${MERCHANT_ID_MAX_LENGTH} letters, digits or "-" on CinetPay's 2026 platform`,
		};
	const method = String(input.paymentMethod ?? '')
		.trim()
		.toUpperCase();
	if (!PAYMENT_METHOD_PATTERN.test(method))
		return {
			field: 'paymentMethod',
			problem: `a payment method is required on the 2026 platform, e.g. ${country.paymentMethods.join(', ') || `OM_${input.country}`}`,
		};
	const notifyUrl = String(input.notifyUrl ?? '').trim();
	if (notifyUrl !== '' && !/^https?:\/\//i.test(notifyUrl))
		return {
			field: 'notifyUrl',
			problem: 'the notification URL must start with https:// or http://',
		};
	return {
		payload: {
			currency: country.currency,
			payment_method: method,
			merchant_transaction_id: id,
			amount,
			phone_number: phone,
			reason: String(input.reason ?? '').trim() || 'Payout',
			...(notifyUrl !== '' && { notify_url: notifyUrl }),
		},
	};
}

/** +<calling code><national>, from E.164 (with or without +, 00) or a national number. */
function e164(raw: string, callingCode: string): string | undefined {
	const text = String(raw ?? '').replace(/[\s().-]/g, '');
	let digits: string;
	if (text.startsWith('+')) digits = text.slice(1);
	else if (text.startsWith('00')) digits = text.slice(2);
	else if (text.startsWith(callingCode) && text.length > callingCode.length + 7) digits = text;
	else digits = callingCode + text;
	if (!/^\d+$/.test(digits) || !digits.startsWith(callingCode)) return undefined;
	const national = digits.length - callingCode.length;
	return national >= 7 && national <= 11 ? `+${digits}` : undefined;
}

/**
 * A default merchant ID that fits the 2026 platform's 30 characters: v1's default
 * (`n8n-<12-character key>-<run>-<item>`, up to 31) without its first dash. Same guarantees as v1
 * when the key is kept in the node's execution context: the same on every try of an execution,
 * different in every other. The key must be letters and digits.
 */
export function defaultMerchantId2026(
	executionKey: string,
	runIndex: number,
	itemIndex: number,
): string {
	return `n8n${executionKey}-${runIndex}-${itemIndex}`;
}
