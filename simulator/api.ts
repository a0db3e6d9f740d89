/**
 * The five endpoints of CinetPay's transfer API v1 (doc §5), as pure functions of the core and a
 * parsed request. HTTP concerns (bodies, faults, latency, logging) live in server.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import { CODE, type ApiCodeNumber } from './codes';
import {
	countryByPrefix,
	detectOperator,
	isAcceptedPaymentMethod,
	isWellFormedNumber,
} from './countries';
import type { SimulatorCore } from './core';
import {
	Envelope,
	insufficientBalanceDescription,
	isPlainObject,
	langOf,
	type ApiResponse,
	type Lang,
} from './envelope';
import {
	COMMENTS,
	contactKey,
	recordRevision,
	revisionAt,
	type ContactRecord,
	type TransferRecord,
} from './state';
import { behaviourOf, outcomeOf } from './testNumbers';
import type { ApiEndpoint, PendingFaults, SimulatorVariants } from './types';

export type Endpoint = ApiEndpoint;

export interface Route {
	method: 'GET' | 'POST';
	endpoint: Endpoint;
	/** Needs a valid token in the query string. */
	auth: boolean;
}

export const ROUTES: Readonly<Record<string, Route>> = {
	'/v1/auth/login': { method: 'POST', endpoint: 'login', auth: false },
	'/v1/transfer/check/balance': { method: 'GET', endpoint: 'balance', auth: true },
	'/v1/transfer/contact': { method: 'POST', endpoint: 'contact', auth: true },
	'/v1/transfer/money/send/contact': { method: 'POST', endpoint: 'send', auth: true },
	'/v1/transfer/check/money': { method: 'GET', endpoint: 'check', auth: true },
};

export function routeOf(path: string): Route | undefined {
	const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
	return Object.prototype.hasOwnProperty.call(ROUTES, normalised) ? ROUTES[normalised] : undefined;
}

export interface ApiRequest {
	query: Record<string, string>;
	form: Record<string, string>;
}

/** Amount limits of the 2018 document: strictly above 200, strictly below 1,500,000 XOF. */
export const AMOUNT_MIN_EXCLUSIVE = 200;
export const AMOUNT_MAX_EXCLUSIVE = 1_500_000;

/**
 * `tokenChecked`: the server checked the token already (before a late commit's delay, during
 * which the token may expire: the call was accepted when it arrived).
 */
export function handleApi(
	core: SimulatorCore,
	route: Route,
	req: ApiRequest,
	tokenChecked = false,
): ApiResponse {
	const env = new Envelope(core.variants, langOf(req.query));
	if (route.auth && !tokenChecked) {
		const denied = checkToken(core, req, env);
		if (denied) return denied;
	}
	switch (route.endpoint) {
		case 'login':
			return login(core, req, env);
		case 'balance':
			return balance(core, env);
		case 'contact':
			return addContacts(core, req, env);
		case 'send':
			return send(core, req, env);
		case 'check':
			return checkMoney(core, req, env);
	}
}

/** The token travels in the query string only: a token in the POST body counts as missing. */
export function checkToken(
	core: SimulatorCore,
	req: ApiRequest,
	env: Envelope,
): ApiResponse | null {
	const token = req.query.token;
	if (!token) return env.error(CODE.INVALID_TOKEN);
	switch (core.tokens.check(token)) {
		case 'valid':
			return null;
		case 'expired':
			return env.error(CODE.EXPIRED_TOKEN);
		case 'invalid':
			return env.error(CODE.INVALID_TOKEN);
	}
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function login(core: SimulatorCore, req: ApiRequest, env: Envelope): ApiResponse {
	const { apikey, password } = req.form;
	if (!apikey || !password) return env.error(CODE.INVALID_PARAM);
	if (!sameSecret(apikey, core.apiKey) || !sameSecret(password, core.password)) {
		return env.error(CODE.INVALID_CREDENTIALS);
	}
	const { token } = core.tokens.issue(core.variants.tokenTtlSeconds, core.merchantId);
	core.requestLog.logins++;
	return env.ok({ token });
}

function balance(core: SimulatorCore, env: Envelope): ApiResponse {
	const b = core.state.balance();
	if (core.variants.balanceShape === 'flat') return env.ok(b);
	// [field] per-country accounts: the one real account is the CI one, SN shows an empty wallet.
	return env.ok({ countryBalance: { CI: b, SN: { amount: 0, inUsing: 0, available: 0 } } });
}

/** The `data` form field: a non-empty JSON array. */
function parseData(req: ApiRequest, env: Envelope): unknown[] | ApiResponse {
	const raw = req.form.data;
	if (raw === undefined || raw.trim() === '') return env.error(CODE.INVALID_PARAM);
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return env.error(CODE.JSON_PARSE_ERROR);
	}
	if (!Array.isArray(parsed) || parsed.length === 0) return env.error(CODE.INVALID_PARAM);
	return parsed;
}

/** prefix/phone may come as strings (doc) or numbers; anything else is not a number. */
function asText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function optionalText(value: unknown): string | null | undefined {
	if (value === undefined || value === null) return null;
	return typeof value === 'string' ? value : undefined;
}

type Checked<T> = { ok: true; value: T } | { ok: false; code: ApiCodeNumber };

interface ContactInput {
	prefix: string;
	phone: string;
	name: string | null;
	surname: string | null;
	email: string | null;
}

function checkContact(item: unknown): Checked<ContactInput> {
	if (!isPlainObject(item)) return { ok: false, code: CODE.DATA_NOT_VALID };
	const prefix = asText(item.prefix);
	const phone = asText(item.phone);
	const country = countryByPrefix(prefix);
	if (!country) return { ok: false, code: CODE.OPERATOR_NOT_AVAILABLE };
	if (!isWellFormedNumber(country, phone)) return { ok: false, code: CODE.INVALID_PHONE };
	if (behaviourOf(prefix, phone) === 'operatorUnavailable') {
		return { ok: false, code: CODE.OPERATOR_NOT_AVAILABLE };
	}
	const name = optionalText(item.name);
	const surname = optionalText(item.surname);
	const email = optionalText(item.email);
	if (name === undefined || surname === undefined || email === undefined) {
		return { ok: false, code: CODE.DATA_NOT_VALID };
	}
	return { ok: true, value: { prefix, phone, name, surname, email } };
}

function addContacts(core: SimulatorCore, req: ApiRequest, env: Envelope): ApiResponse {
	const items = parseData(req, env);
	if (!Array.isArray(items)) return items;
	const v = core.variants;
	const lot = core.ids.lot();
	const now = new Date().toISOString();
	const results: unknown[] = [];
	// Saved only after every item was checked, so a wholeCall failure creates nothing.
	const toSave = new Map<string, ContactRecord>();
	for (const item of items) {
		const checked = checkContact(item);
		if (!checked.ok) {
			if (v.itemErrors === 'wholeCall') return env.error(checked.code);
			results.push(env.itemError(item, checked.code, lot));
			continue;
		}
		const c = checked.value;
		const key = contactKey(c.prefix, c.phone);
		const existing = toSave.get(key) ?? core.state.contacts.get(key);
		// An existing contact is not an invalid item: 726 stays per-item even under wholeCall.
		if (existing && v.readdContact === 'code726') {
			results.push(env.itemError(item, CODE.ERROR_PHONE_ALREADY_MY_CONTACT, lot));
			continue;
		}
		toSave.set(key, { ...c, lot, createdAt: existing?.createdAt ?? now, updatedAt: now });
		results.push(env.itemSuccess(item as Record<string, unknown>, { lot }));
	}
	for (const [key, contact] of toSave) core.state.contacts.set(key, contact);
	return env.items(v.resultOrder === 'reversed' ? results.reverse() : results);
}

interface SendInput {
	prefix: string;
	phone: string;
	amount: number;
	notifyUrl: string;
	clientTransactionId: string | null;
	paymentMethod: string | null;
	operator: string;
}

/** A positive integer, given as a JSON number or a string of digits; null otherwise. */
function parseAmount(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
		const n = Number(value.trim());
		return Number.isSafeInteger(n) && n > 0 ? n : null;
	}
	return null;
}

function isValidNotifyUrl(value: unknown): value is string {
	if (typeof value !== 'string' || value.trim() === '') return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/**
 * Per-item checks of a send, in this order: item shape (716), operator (804), contact (724),
 * personal account (717), amount (801/719/720), notify_url (725), client_transaction_id (805),
 * payment_method (811). The operator comes first because a number whose operator is unavailable
 * can never be a contact (contact add answers 721), and 804 is what CinetPay says for it.
 */
function checkTransfer(
	core: SimulatorCore,
	item: unknown,
	idsInCall: Set<string>,
): Checked<SendInput> {
	if (!isPlainObject(item)) return { ok: false, code: CODE.DATA_NOT_VALID };
	const prefix = asText(item.prefix);
	const phone = asText(item.phone);
	const country = countryByPrefix(prefix);
	const behaviour = behaviourOf(prefix, phone);
	if (!country || behaviour === 'operatorUnavailable')
		return { ok: false, code: CODE.OPERATOR_UNAVAILABLE };
	if (!core.state.contacts.has(contactKey(prefix, phone))) {
		return { ok: false, code: CODE.ERROR_PHONE_NOT_MY_CONTACT };
	}
	if (behaviour === 'notParticular') return { ok: false, code: CODE.ERROR_PHONE_NOT_PARTICULAR };

	const amount = parseAmount(item.amount);
	if (amount === null) return { ok: false, code: CODE.INVALID_AMOUNT };
	if (amount <= AMOUNT_MIN_EXCLUSIVE) return { ok: false, code: CODE.AMOUNT_TOO_SMALL };
	if (amount >= AMOUNT_MAX_EXCLUSIVE) return { ok: false, code: CODE.AMOUNT_TOO_LARGE };

	const notifyUrl = item.notify_url;
	if (!isValidNotifyUrl(notifyUrl)) return { ok: false, code: CODE.MISSING_NOTIFY_URL };

	let clientTransactionId: string | null = null;
	const rawId = item.client_transaction_id;
	if (rawId !== undefined && rawId !== null && rawId !== '') {
		if (typeof rawId !== 'string' && typeof rawId !== 'number')
			return { ok: false, code: CODE.DATA_NOT_VALID };
		clientTransactionId = String(rawId);
		if (core.state.hasClientId(clientTransactionId) || idsInCall.has(clientTransactionId)) {
			return { ok: false, code: CODE.CLIENT_TRANSACTION_ID_EXIST };
		}
	}

	let paymentMethod: string | null = null;
	const rawMethod = item.payment_method;
	if (rawMethod !== undefined && rawMethod !== null && rawMethod !== '') {
		if (typeof rawMethod !== 'string' || !isAcceptedPaymentMethod(rawMethod, prefix)) {
			return { ok: false, code: CODE.INVALID_PAYMENT_METHOD };
		}
		paymentMethod = rawMethod;
	}

	return {
		ok: true,
		value: {
			prefix,
			phone,
			amount,
			notifyUrl: notifyUrl.trim(),
			clientTransactionId,
			paymentMethod,
			operator: paymentMethod ?? detectOperator(country, phone),
		},
	};
}

function send(core: SimulatorCore, req: ApiRequest, env: Envelope): ApiResponse {
	const items = parseData(req, env);
	if (!Array.isArray(items)) return items;
	const v = core.variants;
	// The lot exists from the start: failed items carry it too (documented item-error shape).
	const now = new Date();
	const lot = core.ids.lot(now);
	const itemFault = core.takeDetailed('itemCodesNextSend');
	const faulted = itemFault
		? faultedPositions(itemFault.positions, items.length)
		: new Set<number>();
	const results: unknown[] = new Array(items.length);
	const accepted: Array<{ index: number; item: Record<string, unknown>; input: SendInput }> = [];
	const idsInCall = new Set<string>();
	let total = 0;
	for (let index = 0; index < items.length; index++) {
		const item = items[index];
		// An uncommitted faulty item is not processed at all: it cannot be created.
		if (itemFault && !itemFault.committed && faulted.has(index)) {
			results[index] = env.itemError(item, itemFault.code, lot);
			continue;
		}
		const checked = checkTransfer(core, item, idsInCall);
		if (!checked.ok) {
			if (v.itemErrors === 'wholeCall') return env.error(checked.code);
			results[index] = env.itemError(item, checked.code, lot);
			continue;
		}
		if (checked.value.clientTransactionId !== null)
			idsInCall.add(checked.value.clientTransactionId);
		accepted.push({ index, item: item as Record<string, unknown>, input: checked.value });
		total += checked.value.amount;
	}

	// Whole-call check, after the per-item ones: nothing is sent when the valid items do not fit.
	const available = core.state.available();
	if (total > available) {
		return env.error(
			CODE.INSUFFICIENT_BALANCE,
			insufficientBalanceDescription(available, total, env.lang),
		);
	}

	const created: TransferRecord[] = [];
	for (const { index, item, input } of accepted) {
		const t = newTransfer(core, input, lot, now);
		core.state.addTransfer(t);
		created.push(t);
		results[index] = env.itemSuccess(item, {
			transaction_id: t.transactionId,
			lot,
			treatment_status: t.treatmentStatus,
		});
	}
	// A committed faulty item was processed as usual; only its answer says otherwise.
	if (itemFault?.committed) {
		for (const index of faulted) results[index] = env.itemError(items[index], itemFault.code, lot);
	}
	for (const t of created) core.lifecycle.created(t);
	const answer = env.items(core.variants.resultOrder === 'reversed' ? results.reverse() : results);
	return itemFault ? { ...answer, fault: 'itemCodes' } : answer;
}

function faultedPositions(
	positions: PendingFaults['itemCodesNextSend']['positions'],
	length: number,
): Set<number> {
	if (positions === 'first') return new Set(length > 0 ? [0] : []);
	if (positions === 'all') return new Set(Array.from({ length }, (_, i) => i));
	return new Set(positions.filter((i) => i < length));
}

function newTransfer(
	core: SimulatorCore,
	input: SendInput,
	lot: string,
	now: Date,
): TransferRecord {
	const confirmed = core.variants.autoConfirm;
	const t: TransferRecord = {
		transactionId: core.ids.transactionId(now),
		clientTransactionId: input.clientTransactionId,
		lot,
		prefix: input.prefix,
		phone: input.phone,
		amount: input.amount,
		operator: input.operator,
		paymentMethod: input.paymentMethod,
		notifyUrl: input.notifyUrl,
		treatmentStatus: 'NEW',
		// An IP-allow-listed account needs no confirmation e-mail: confirmed from the start.
		sendingStatus: confirmed ? 'CONFIRM' : 'PENDING',
		transferValid: confirmed ? 'Y' : 'N',
		commentKey: 'new',
		operatorTransactionId: null,
		validatedAt: null,
		outcome: outcomeOf(input.prefix, input.phone),
		createdAtMs: now.getTime(),
		updatedAtMs: now.getTime(),
		history: [{ status: 'NEW', at: now.toISOString(), by: 'api' }],
		version: 0,
		revisions: [],
	};
	recordRevision(t, now.getTime());
	return t;
}

/**
 * How a Côte d'Ivoire number looked before the 2021 switch to 10 digits: the 2-digit operator
 * prefix (01 Moov/FLOOZ, 05 MTN/MOMO, 07 Orange/OM) was added in front of the 8-digit number.
 */
export function legacyReceiver(prefix: string, phone: string): string {
	return prefix === '225' && /^0[157]\d{8}$/.test(phone) ? phone.slice(2) : phone;
}

/** An amount as check/money writes it (the amountFormat variant); fees are 1.5 %, rounded up. */
function writtenAmount(
	amount: number,
	format: SimulatorVariants['amountFormat'] = 'plain',
): string {
	switch (format) {
		case 'plain':
			return String(amount);
		case 'spaced':
			return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
		case 'withCurrency':
			return `${amount} XOF`;
		case 'withFees':
			return String(amount + Math.ceil(amount * 0.015));
	}
}

/**
 * A transfer as /v1/transfer/check/money shows it (doc §5.5): amount as a string; with
 * `asOfMs`, the fields it had then (readLagMs); the receiver as the variant says.
 */
export function checkView(
	t: TransferRecord,
	lang: Lang,
	options: {
		asOfMs?: number;
		receiverFormat?: SimulatorVariants['receiverFormat'];
		amountFormat?: SimulatorVariants['amountFormat'];
	} = {},
): Record<string, unknown> {
	const shown = options.asOfMs === undefined ? t : revisionAt(t, options.asOfMs);
	const national =
		options.receiverFormat === 'legacy8' ? legacyReceiver(t.prefix, t.phone) : t.phone;
	const receiver =
		options.receiverFormat === 'international' ? `00${t.prefix}${t.phone}` : national;
	return {
		transaction_id: t.transactionId,
		client_transaction_id: t.clientTransactionId,
		lot: t.lot,
		amount: writtenAmount(t.amount, options.amountFormat),
		receiver,
		receiver_e164: `+${t.prefix}${national}`,
		operator: t.operator,
		sending_status: shown.sendingStatus,
		transfer_valid: shown.transferValid,
		treatment_status: shown.treatmentStatus,
		comment: COMMENTS[shown.commentKey][lang],
		validated_at: shown.validatedAt,
	};
}

function checkMoney(core: SimulatorCore, req: ApiRequest, env: Envelope): ApiResponse {
	const { transaction_id: transactionId, client_transaction_id: clientId, lot } = req.query;
	let found: TransferRecord[];
	if (transactionId) {
		const t = core.state.transfers.get(transactionId);
		found = t ? [t] : [];
	} else if (clientId) {
		if (core.take('emptyLookupNext')) return { ...env.error(CODE.NOT_FOUND), fault: 'emptyLookup' };
		const t = core.state.byClientId.get(clientId);
		found = t ? [t] : [];
	} else if (lot) {
		found = core.state.byLot.get(lot) ?? [];
	} else {
		return env.error(CODE.INVALID_PARAM);
	}
	const { readLagMs, receiverFormat, amountFormat } = core.variants;
	// Reads lag behind writes: what was created in the last readLagMs is not visible yet.
	const asOfMs = readLagMs > 0 ? Date.now() - readLagMs : undefined;
	if (asOfMs !== undefined) found = found.filter((t) => t.createdAtMs <= asOfMs);
	if (found.length === 0) return env.error(CODE.NOT_FOUND);
	return env.ok(found.map((t) => checkView(t, env.lang, { asOfMs, receiverFormat, amountFormat })));
}
