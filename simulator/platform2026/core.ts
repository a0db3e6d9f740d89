/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * The 2026 platform's state and rules: per-country accounts, Bearer tokens, transfers and their
 * life cycle, balances, JSON notifications, pending faults. The HTTP front (server.ts) turns
 * requests into calls of `handle2026Api` and answers what it returns.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';

import { CallFaults } from '../callFaults';
import { SimulatorError } from '../errors';
import type { Logger } from '../logger';
import { isLoopbackHost } from '../notifier';
import { RequestLog } from '../requestLog';
import {
	country2026,
	ERRORS_2026,
	FINAL_STATUSES_2026,
	feeOf,
	SETTLE_STATUSES_2026,
	MERCHANT_ID_PATTERN,
	MIN_AMOUNT_2026,
	outcomeOfPhone,
	STATUS_CODES_2026,
	type Country2026,
	type Error2026,
	type Status2026,
} from './facts';
import type {
	Account2026Options,
	Balance2026,
	Fault2026Injection,
	Notification2026LogEntry,
	Pending2026Faults,
	Request2026LogEntry,
	Simulator2026Variants,
	Transfer2026State,
} from './types';

export const DEFAULT_VARIANTS_2026: Simulator2026Variants = {
	duplicateMerchantId: 'refuse1200',
	merchantLookup: 'none',
	expiredTokenStatus: 'http401',
	expiredStatus: false,
	sendAnswerNotifyToken: false,
	unknownPaymentMethodAnswer: 'namesCodes',
	tokenRefusalBody: 'unauthorized',
	ipNotAllowed: 'off',
	answerAmount: 'number',
	receiverField: 'topLevel',
	notifications: 'off',
	notificationSignature: 'none',
	tokenTtlSeconds: 86_400,
	latencyMs: 0,
	stepMs: 0,
	readLagMs: 0,
};

/** Sandbox-looking demo accounts (the `sk_test_` prefix selects CinetPay's sandbox). */
export const DEMO_ACCOUNTS_2026: readonly Required<Account2026Options>[] = [
	{
		country: 'CI',
		apiKey: 'sk_test_sim_ci_0123456789abcdef',
		apiPassword: 'sim-ci-password',
		balance: 5_000_000,
	},
	{
		country: 'SN',
		apiKey: 'sk_test_sim_sn_0123456789abcdef',
		apiPassword: 'sim-sn-password',
		balance: 5_000_000,
	},
	{
		country: 'CM',
		apiKey: 'sk_test_sim_cm_0123456789abcdef',
		apiPassword: 'sim-cm-password',
		balance: 5_000_000,
	},
];

export interface Account {
	country: Country2026;
	apiKey: string;
	apiPassword: string;
	initialBalance: number;
	real: number;
	available: number;
	/** Merchant's id → transfers of this account, oldest first. */
	byMerchantId: Map<string, Transfer2026State[]>;
}

interface TokenRecord {
	n: number;
	account: Account;
	expiresAtMs: number;
	revoked: boolean;
}

/** One API answer: HTTP status, JSON body, the code for the log. */
export interface Answer2026 {
	status: number;
	body: Record<string, unknown>;
	code: number | null;
	account: Account | null;
	tokenNumber: number | null;
}

export interface Request2026 {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization: string | undefined;
	/** The parsed JSON body, or undefined when it was not JSON. */
	json: unknown;
}

const ZERO_FAULTS = (): Pending2026Faults => ({
	http5xxNext: 0,
	dropAfterNextSend: 0,
	dropBeforeNextSend: 0,
	serverErrorNextSend: { count: 0, status: 500, body: 'json', committed: false },
	lateCommitNextSend: { ms: 0, count: 0 },
	slowNextMs: { ms: 0, count: 0 },
	forbiddenNext: 0,
	throttleNext: { count: 0 },
});

export class Simulator2026Core {
	variants: Simulator2026Variants;
	readonly accounts: Account[];
	readonly transfers = new Map<string, Transfer2026State>();
	/** Secrets are redacted by the server before `record`. */
	readonly requestLog = new RequestLog<Request2026LogEntry>(
		(e) => JSON.parse(JSON.stringify(e)) as Request2026LogEntry,
	);
	private tokens = new Map<string, TokenRecord>();
	private tokensIssued = 0;
	private pending = ZERO_FAULTS();
	private processing = 0;
	private apiIdleWaiters: Array<() => void> = [];
	private stepTimer: NodeJS.Timeout | null = null;
	readonly notifier: JsonNotifier;
	/** Faults drawn per API call (../callFaults.ts), beside the counters of `pending`. */
	readonly callFaults = new CallFaults();

	constructor(
		accounts: readonly Account2026Options[],
		private readonly initialVariants: Partial<Simulator2026Variants>,
		readonly logger: Logger,
	) {
		this.variants = { ...DEFAULT_VARIANTS_2026, ...initialVariants };
		this.accounts = accounts.map((a) => {
			const country = country2026(a.country);
			if (!country) throw new Error(`unknown country ${a.country}`);
			const balance = a.balance ?? 5_000_000;
			return {
				country,
				apiKey: a.apiKey,
				apiPassword: a.apiPassword,
				initialBalance: balance,
				real: balance,
				available: balance,
				byMerchantId: new Map(),
			};
		});
		this.notifier = new JsonNotifier(logger);
		this.applyStepTimer();
	}

	// --- variants, faults, counters -------------------------------------------------------------

	setVariants(partial: Partial<Simulator2026Variants>): Simulator2026Variants {
		for (const key of Object.keys(partial)) {
			if (!(key in DEFAULT_VARIANTS_2026)) throw new SimulatorError(400, `unknown variant ${key}`);
		}
		this.variants = { ...this.variants, ...partial };
		this.applyStepTimer();
		return { ...this.variants };
	}

	injectFaults(faults: Fault2026Injection): Pending2026Faults {
		const p = this.pending;
		if (faults.http5xxNext !== undefined) p.http5xxNext = faults.http5xxNext;
		if (faults.dropAfterNextSend !== undefined) p.dropAfterNextSend = faults.dropAfterNextSend;
		if (faults.dropBeforeNextSend !== undefined) p.dropBeforeNextSend = faults.dropBeforeNextSend;
		if (faults.serverErrorNextSend)
			p.serverErrorNextSend = { status: 500, ...faults.serverErrorNextSend };
		if (faults.lateCommitNextSend) p.lateCommitNextSend = { ...faults.lateCommitNextSend };
		if (faults.slowNextMs) p.slowNextMs = { ...faults.slowNextMs };
		if (faults.forbiddenNext !== undefined) p.forbiddenNext = faults.forbiddenNext;
		if (faults.throttleNext) p.throttleNext = { ...faults.throttleNext };
		return this.faults();
	}

	faults(): Pending2026Faults {
		return JSON.parse(JSON.stringify(this.pending)) as Pending2026Faults;
	}

	/** Takes one unit of a counted fault: true when it strikes this request. */
	take(
		kind: 'http5xxNext' | 'dropAfterNextSend' | 'dropBeforeNextSend' | 'forbiddenNext',
	): boolean {
		if (this.pending[kind] <= 0) return false;
		this.pending[kind]--;
		return true;
	}

	/** One unit of throttling: the Retry-After header to send ('' for none), or null. */
	takeThrottle(): string | null {
		const f = this.pending.throttleNext;
		if (f.count <= 0) return null;
		f.count--;
		return f.retryAfter ?? '';
	}

	takeServerError(): Pending2026Faults['serverErrorNextSend'] | null {
		const f = this.pending.serverErrorNextSend;
		if (f.count <= 0) return null;
		f.count--;
		return { ...f };
	}

	takeDelay(kind: 'lateCommitNextSend' | 'slowNextMs'): number {
		const f = this.pending[kind];
		if (f.count <= 0) return 0;
		f.count--;
		return f.ms;
	}

	beginProcessing(): void {
		this.processing++;
	}

	endProcessing(): void {
		this.processing--;
		if (this.processing === 0) {
			const waiters = this.apiIdleWaiters;
			this.apiIdleWaiters = [];
			for (const w of waiters) w();
		}
	}

	waitForApiIdle(timeoutMs = 10_000): Promise<void> {
		if (this.processing === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.apiIdleWaiters = this.apiIdleWaiters.filter((w) => w !== done);
				reject(new SimulatorError(504, `API requests still in flight after ${timeoutMs} ms`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				resolve();
			};
			this.apiIdleWaiters.push(done);
		});
	}

	delay(ms: number): Promise<void> {
		return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
	}

	// --- tokens -----------------------------------------------------------------------------------

	/** "<redacted:N>" for a token this simulator issued, so logs say which one without showing it. */
	tokenNumber(token: string): number | null {
		return this.tokens.get(token)?.n ?? null;
	}

	/** The account of a valid Bearer token, or why there is none. */
	accountOfToken(authorization: string | undefined): { account: Account; n: number } | 'rejected' {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		const record = match ? this.tokens.get(match[1]) : undefined;
		if (!record || record.revoked || record.expiresAtMs <= Date.now()) return 'rejected';
		return { account: record.account, n: record.n };
	}

	expireTokens(): number {
		for (const r of this.tokens.values()) r.expiresAtMs = 0;
		return this.tokens.size;
	}

	invalidateTokens(): number {
		for (const r of this.tokens.values()) r.revoked = true;
		return this.tokens.size;
	}

	// --- the API ----------------------------------------------------------------------------------

	/** Which endpoint a request is for: the faults and the log need it before processing. */
	static endpointOf(
		method: string,
		path: string,
	): 'login' | 'balance' | 'send' | 'get' | 'lookup' | null {
		if (path === '/v1/oauth/login') return method === 'POST' ? 'login' : null;
		if (path === '/v1/balances') return method === 'GET' ? 'balance' : null;
		if (path === '/v1/transfer')
			return method === 'POST' ? 'send' : method === 'GET' ? 'lookup' : null;
		if (/^\/v1\/transfer\/merchant\/[^/]+$/.test(path)) return method === 'GET' ? 'lookup' : null;
		if (/^\/v1\/transfer\/[^/]+$/.test(path)) return method === 'GET' ? 'get' : null;
		return null;
	}

	/** `auth`: the token as judged when the request arrived (a late commit is not judged again). */
	handle(req: Request2026, auth = this.accountOfToken(req.authorization)): Answer2026 {
		const endpoint = Simulator2026Core.endpointOf(req.method, req.path);
		if (endpoint === 'login') return this.login(req.json);
		if (endpoint === null)
			return this.error('NOT_FOUND', null, null, `No route ${req.method} ${req.path}`);
		if (auth === 'rejected') {
			const refusal = TOKEN_REFUSALS[this.variants.tokenRefusalBody];
			const answer = this.error(refusal, null, null, 'Invalid or expired token');
			answer.status = 401;
			if (this.variants.expiredTokenStatus === 'http200') answer.status = 200;
			return answer;
		}
		const { account, n } = auth;
		const answer = this.route(endpoint, req, account);
		return { ...answer, account, tokenNumber: n };
	}

	private route(
		endpoint: 'balance' | 'send' | 'get' | 'lookup',
		req: Request2026,
		account: Account,
	): Answer2026 {
		if (endpoint === 'balance') {
			return this.ok(account, { code: 200, status: 'OK', ...this.balanceOf(account) });
		}
		if (endpoint === 'send') return this.send(req.json, account);
		if (endpoint === 'get')
			return this.getTransfer(decodeURIComponent(req.path.split('/')[3]), account);
		// A lookup by the merchant's id, where the variant has one; otherwise the same 404 as an
		// unknown transfer: a client cannot tell "no such route" from "no such transfer".
		const viaQuery = req.path === '/v1/transfer';
		const style = this.variants.merchantLookup;
		if (style === 'none' || (style === 'query') !== viaQuery) {
			return this.error('NOT_FOUND', account, null, 'Not found');
		}
		const id = viaQuery
			? (req.query.merchant_transaction_id ?? '')
			: decodeURIComponent(req.path.split('/')[4]);
		const found = account.byMerchantId.get(id);
		if (!found?.length) return this.error('NOT_FOUND', account, null, 'Transaction not found');
		return this.ok(account, this.transferBody(found[found.length - 1]));
	}

	private login(json: unknown): Answer2026 {
		const body = isObject(json) ? json : {};
		if (typeof body.api_key !== 'string' || typeof body.api_password !== 'string') {
			return this.error('INVALID_PARAMS', null, null, 'api_key and api_password are required');
		}
		const account = this.accounts.find(
			(a) => a.apiKey === body.api_key && a.apiPassword === body.api_password,
		);
		if (!account) return this.error('UNAUTHORIZED', null, null, 'Invalid api_key or api_password');
		if (this.variants.ipNotAllowed !== 'off') {
			const refused = this.error('NOT_ALLOWED', null, null, 'IP address not allowed');
			if (this.variants.ipNotAllowed === 'http200') refused.status = 200;
			return refused;
		}
		const token = `cpt_${randomBytes(24).toString('base64url')}`;
		const n = ++this.tokensIssued;
		const ttl = this.variants.tokenTtlSeconds;
		this.tokens.set(token, { n, account, expiresAtMs: Date.now() + ttl * 1000, revoked: false });
		this.requestLog.logins++;
		return {
			...this.ok(account, {
				code: 200,
				status: 'OK',
				access_token: token,
				token_type: 'Bearer',
				expires_in: ttl,
			}),
			tokenNumber: n,
		};
	}

	private send(json: unknown, account: Account): Answer2026 {
		const body = isObject(json) ? json : {};
		const invalid = this.invalidSendField(body, account);
		if (invalid) return this.error('INVALID_PARAMS', account, invalid.field, invalid.message);
		const merchantId = String(body.merchant_transaction_id);
		const amount = Number(body.amount);
		const earlier = account.byMerchantId.get(merchantId);
		if (earlier?.length) {
			const mode = this.variants.duplicateMerchantId;
			if (mode === 'refuse1200') {
				return this.error(
					'TRANSACTION_EXIST',
					account,
					'merchant_transaction_id',
					'Transaction already exists',
				);
			}
			if (mode === 'returnExisting') return this.ok(account, this.transferBody(earlier[0]));
			// acceptNew: falls through and pays a second time.
		}
		const fee = feeOf(amount);
		if (amount + fee > account.available) {
			return this.error('INSUFFICIENT_BALANCE', account, null, 'Insufficient balance');
		}
		const now = new Date().toISOString();
		const phone = String(body.phone_number);
		const transfer: Transfer2026State = {
			transactionId: randomUUID(),
			merchantTransactionId: merchantId,
			country: account.country.iso,
			currency: account.country.currency,
			paymentMethod: String(body.payment_method),
			phoneNumber: phone,
			amount,
			fee,
			reason: typeof body.reason === 'string' ? body.reason : '',
			notifyUrl:
				typeof body.notify_url === 'string' && body.notify_url !== '' ? body.notify_url : null,
			status: 'INITIATED',
			outcome: outcomeOfPhone(phone),
			createdAt: now,
			updatedAt: now,
			history: [{ status: 'INITIATED', at: now, by: 'api' }],
		};
		account.available -= amount + fee;
		this.transfers.set(transfer.transactionId, transfer);
		account.byMerchantId.set(merchantId, [...(earlier ?? []), transfer]);
		this.notifyIfDue(transfer);
		const answer = this.transferBody(transfer);
		if (this.variants.sendAnswerNotifyToken) answer.notify_token = this.notifyTokenOf(transfer);
		return this.ok(account, answer);
	}

	private invalidSendField(
		body: Record<string, unknown>,
		account: Account,
	): { field: string; message: string } | null {
		const c = account.country;
		const phone = body.phone_number;
		const amount = body.amount;
		if (body.currency !== c.currency)
			return { field: 'currency', message: `currency must be ${c.currency} for this account` };
		if (typeof body.payment_method !== 'string' || !c.paymentMethods.includes(body.payment_method))
			return {
				field: 'payment_method',
				message:
					this.variants.unknownPaymentMethodAnswer === 'namesCodes'
						? `payment_method must be one of ${c.paymentMethods.join(', ')}`
						: 'payment_method is invalid',
			};
		if (
			typeof body.merchant_transaction_id !== 'string' ||
			!MERCHANT_ID_PATTERN.test(body.merchant_transaction_id)
		)
			return {
				field: 'merchant_transaction_id',
				message: 'merchant_transaction_id: 1 to 30 letters, digits or -',
			};
		if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < MIN_AMOUNT_2026)
			return {
				field: 'amount',
				message: `amount must be an integer of at least ${MIN_AMOUNT_2026}`,
			};
		const e164 = new RegExp(`^\\+${c.callingCode}\\d{${c.nationalLength}}$`);
		if (typeof phone !== 'string' || !e164.test(phone))
			return {
				field: 'phone_number',
				message: `phone_number must be E.164 (+${c.callingCode} and ${c.nationalLength} digits)`,
			};
		if (
			body.notify_url !== undefined &&
			body.notify_url !== '' &&
			!/^https?:\/\//.test(String(body.notify_url))
		)
			return { field: 'notify_url', message: 'notify_url must be an http(s) URL' };
		return null;
	}

	private getTransfer(id: string, account: Account): Answer2026 {
		const transfer = this.transfers.get(id);
		// Reads lag behind writes: a transfer made in the last readLagMs is not found yet, and its
		// status is the last one reached more than readLagMs ago.
		const asOf = Date.now() - this.variants.readLagMs;
		const seen = transfer?.history.filter((entry) => Date.parse(entry.at) <= asOf).pop();
		if (!transfer || (this.variants.readLagMs > 0 && !seen))
			return this.error('NOT_FOUND', account, null, 'Transaction not found');
		if (transfer.country !== account.country.iso)
			return this.error(
				'OTHER_ACCOUNT',
				account,
				null,
				'This transaction does not belong to this account',
			);
		const shown = seen && this.variants.readLagMs > 0 ? { ...transfer, status: seen.status } : transfer;
		return this.ok(account, this.transferBody(shown));
	}

	/** A transfer as the API shows it: the send answer's fields, code/status of its state. */
	transferBody(t: Transfer2026State): Record<string, unknown> {
		const onlyInUser = this.variants.receiverField === 'user';
		const user = this.userOf(t.country);
		return {
			code: STATUS_CODES_2026[t.status],
			status: t.status,
			merchant_transaction_id: t.merchantTransactionId,
			transaction_id: t.transactionId,
			amount: this.variants.answerAmount === 'null' ? null : t.amount,
			fee_amount: t.fee,
			currency: t.currency,
			payment_method: t.paymentMethod,
			...(onlyInUser ? {} : { phone_number: t.phoneNumber }),
			user: onlyInUser ? { ...user, phone_number: t.phoneNumber } : user,
		};
	}

	private userOf(country: string) {
		return {
			name: `Simulator merchant ${country}`,
			email: `merchant-${country.toLowerCase()}@simulator.invalid`,
			phone_number: null,
		};
	}

	balanceOf(account: Account): Balance2026 {
		return {
			country: account.country.iso,
			currency: account.country.currency,
			real_balance: account.real,
			available_balance: account.available,
		};
	}

	private ok(account: Account | null, body: Record<string, unknown>): Answer2026 {
		return {
			status: 200,
			body,
			code: typeof body.code === 'number' ? body.code : null,
			account,
			tokenNumber: null,
		};
	}

	error(
		kind: Error2026,
		account: Account | null,
		field: string | null,
		message: string,
	): Answer2026 {
		const e = ERRORS_2026[kind];
		return {
			status: e.httpStatus,
			body: {
				code: e.code,
				status: e.status,
				message,
				...(field ? { errors: { [field]: [message] } } : {}),
			},
			code: e.code,
			account,
			tokenNumber: null,
		};
	}

	// --- life cycle -------------------------------------------------------------------------------

	/**
	 * One step: INITIATED → PENDING → the receiver's end (EXPIRED → SUCCESS for the
	 * expiresThenSucceeds numbers). False when nothing moved.
	 */
	step(t: Transfer2026State, by: 'step' | 'control'): boolean {
		if (FINAL_STATUSES_2026.has(t.status)) return false;
		if (t.status === 'INITIATED') return this.moveTo(t, 'PENDING', by);
		if (t.status === 'EXPIRED')
			return t.outcome === 'expiresThenSucceeds' && this.moveTo(t, 'SUCCESS', by);
		if (t.outcome === 'pending') return false;
		const expires = t.outcome === 'expires' || t.outcome === 'expiresThenSucceeds';
		const next: Status2026 =
			expires && this.variants.expiredStatus
				? 'EXPIRED'
				: t.outcome === 'succeeds' || t.outcome === 'expiresThenSucceeds'
					? 'SUCCESS'
					: 'FAILED';
		return this.moveTo(t, next, by);
	}

	moveTo(t: Transfer2026State, status: Status2026, by: 'step' | 'control'): boolean {
		if (FINAL_STATUSES_2026.has(t.status))
			throw new SimulatorError(409, `transfer ${t.transactionId} is final (${t.status})`);
		const account = this.accounts.find((a) => a.country.iso === t.country)!;
		const total = t.amount + t.fee;
		// EXPIRED gave the amount back to `available`: leaving it takes it out again, or keeps it back.
		const wasHeld = t.status !== 'EXPIRED';
		if (status === 'SUCCESS') {
			account.real -= total;
			if (!wasHeld) account.available -= total;
		}
		if ((status === 'FAILED' || status === 'EXPIRED') && wasHeld) account.available += total;
		t.status = status;
		t.updatedAt = new Date().toISOString();
		t.history.push({ status, at: t.updatedAt, by });
		this.notifyIfDue(t);
		return true;
	}

	/** The transfer's own secret: the same in its notifications and (as a variant) its send answer. */
	private notifyTokenOf(t: Transfer2026State): string {
		const account = this.accounts.find((a) => a.country.iso === t.country)!;
		return createHmac('sha256', account.apiPassword)
			.update(t.transactionId)
			.digest('hex')
			.slice(0, 32);
	}

	private applyStepTimer(): void {
		if (this.stepTimer) clearInterval(this.stepTimer);
		this.stepTimer = null;
		const ms = this.variants.stepMs;
		if (ms <= 0) return;
		this.stepTimer = setInterval(
			() => {
				const due = Date.now() - ms;
				for (const t of this.transfers.values()) {
					if (!FINAL_STATUSES_2026.has(t.status) && Date.parse(t.updatedAt) <= due)
						this.step(t, 'step');
				}
			},
			Math.max(10, Math.floor(ms / 4)),
		);
		this.stepTimer.unref();
	}

	private notifyIfDue(t: Transfer2026State): void {
		const mode = this.variants.notifications;
		if (mode === 'off' || !t.notifyUrl) return;
		if (mode === 'final' && !SETTLE_STATUSES_2026.has(t.status)) return;
		const account = this.accounts.find((a) => a.country.iso === t.country)!;
		// [prod] No status in the body: the receiver must ask the status endpoint.
		const body = {
			notify_token: this.notifyTokenOf(t),
			merchant_transaction_id: t.merchantTransactionId,
			transaction_id: t.transactionId,
			user: this.userOf(t.country),
		};
		const text = JSON.stringify(body);
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		// [guess] header and key: the SDK mentions an HMAC, nothing more is known.
		if (this.variants.notificationSignature === 'hmacSha256')
			headers['x-cinetpay-signature'] = createHmac('sha256', account.apiKey)
				.update(text)
				.digest('hex');
		this.notifier.post(t.transactionId, t.notifyUrl, text, headers);
	}

	// --- control ------------------------------------------------------------------------------------

	setBalance(country: string, available: number): Balance2026 {
		const account = this.accounts.find((a) => a.country.iso === country);
		if (!account) throw new SimulatorError(404, `no account for ${country}`);
		if (!Number.isSafeInteger(available) || available < 0)
			throw new SimulatorError(400, 'available must be a non-negative integer');
		account.real += available - account.available;
		account.available = available;
		return this.balanceOf(account);
	}

	reset(): void {
		this.transfers.clear();
		this.tokens.clear();
		this.tokensIssued = 0;
		this.pending = ZERO_FAULTS();
		this.callFaults.install(null);
		this.requestLog.reset();
		this.notifier.reset();
		this.variants = { ...DEFAULT_VARIANTS_2026, ...this.initialVariants };
		for (const a of this.accounts) {
			a.real = a.initialBalance;
			a.available = a.initialBalance;
			a.byMerchantId.clear();
		}
		this.applyStepTimer();
	}

	close(): void {
		if (this.stepTimer) clearInterval(this.stepTimer);
		this.stepTimer = null;
		this.notifier.close();
	}
}

/** The error a refused token is answered with, per tokenRefusalBody. */
const TOKEN_REFUSALS = {
	unauthorized: 'UNAUTHORIZED',
	expiredToken: 'EXPIRED_TOKEN',
	invalidToken: 'INVALID_TOKEN',
} as const satisfies Record<Simulator2026Variants['tokenRefusalBody'], Error2026>;

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON notifications, delivered in the background in order of creation, to loopback hosts only
 * (the same safety rule as v1's notifier: a literal 127.x, localhost or ::1, no DNS).
 */
class JsonNotifier {
	private log: Notification2026LogEntry[] = [];
	private seq = 0;
	sent = 0;
	private chain: Promise<void> = Promise.resolve();
	private inFlight = 0;
	private idleWaiters: Array<() => void> = [];
	private generation = 0;
	private closed = false;
	private readonly agent = new http.Agent({ keepAlive: false });

	constructor(private readonly logger: Logger) {}

	post(transactionId: string, url: string, body: string, headers: Record<string, string>): void {
		if (this.closed) return;
		const generation = this.generation;
		this.inFlight++;
		this.chain = this.chain
			.then(() =>
				generation === this.generation
					? this.deliver(transactionId, url, body, headers)
					: undefined,
			)
			.finally(() => {
				this.inFlight--;
				if (this.inFlight === 0) {
					const waiters = this.idleWaiters;
					this.idleWaiters = [];
					for (const w of waiters) w();
				}
			});
	}

	private async deliver(
		transactionId: string,
		url: string,
		body: string,
		headers: Record<string, string>,
	): Promise<void> {
		const entry: Notification2026LogEntry = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			transactionId,
			url,
			body: JSON.parse(body) as Record<string, unknown>,
			headers,
		};
		this.log.push(entry);
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			entry.error = 'invalid URL';
			return;
		}
		if (!isLoopbackHost(target.hostname) || target.protocol !== 'http:') {
			entry.error = 'skipped: not loopback';
			return;
		}
		this.sent++;
		await new Promise<void>((resolve) => {
			const request = http.request(
				target,
				{
					method: 'POST',
					agent: this.agent,
					headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
					timeout: 10_000,
				},
				(res) => {
					entry.status = res.statusCode;
					res.resume();
					res.on('end', resolve);
					res.on('error', resolve);
				},
			);
			request.on('timeout', () => request.destroy(new Error('timeout')));
			request.on('error', (error) => {
				entry.error = error.message;
				resolve();
			});
			request.end(body);
		});
		this.logger.info(`notification ${transactionId} → ${url}: ${entry.status ?? entry.error}`);
	}

	entries(): Notification2026LogEntry[] {
		return this.log.map((e) => ({ ...e, body: { ...e.body }, headers: { ...e.headers } }));
	}

	waitForIdle(timeoutMs = 10_000): Promise<void> {
		if (this.inFlight === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(new SimulatorError(504, `notifications still in flight after ${timeoutMs} ms`)),
				timeoutMs,
			);
			this.idleWaiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	reset(): void {
		this.generation++;
		this.log = [];
		this.seq = 0;
		this.sent = 0;
	}

	close(): void {
		this.closed = true;
		this.generation++;
		this.agent.destroy();
	}
}
