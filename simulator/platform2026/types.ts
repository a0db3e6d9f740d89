/**
 * Public types of the 2026 platform's simulator. Tests, the demo and the bench code against these
 * names: change them only together with their users.
 */
import type { CallFaultKind } from '../callFaults';
import type { CommonControl, LoggedRequest, Running, SimulatorStats } from '../controlTypes';
import type { Outcome2026, Status2026 } from './facts';

/** Every [guess] of the spec, answering one way or the other, plus timing switches. */
export interface Simulator2026Variants {
	/**
	 * A send with a merchant_transaction_id the account already used: refused with 1200
	 * TRANSACTION_EXIST ([guess], one third-party note), accepted as a NEW transfer (a second
	 * payout: what a client must survive without paying twice), or answered with the existing
	 * transfer (its transaction_id and current status).
	 */
	duplicateMerchantId: 'refuse1200' | 'acceptNew' | 'returnExisting';
	/**
	 * A lookup by merchant_transaction_id: none (404, like an unknown transfer), as a query
	 * `GET /v1/transfer?merchant_transaction_id=`, or as a path `GET /v1/transfer/merchant/{id}`.
	 */
	merchantLookup: 'none' | 'query' | 'path';
	/** An expired, unknown or missing token: HTTP 401, or HTTP 200 with code 401 in the body. */
	expiredTokenStatus: 'http401' | 'http200';
	/** Whether the EXPIRED (2003) status exists; without it the "expires" test numbers end FAILED. */
	expiredStatus: boolean;
	/**
	 * Whether the send answer carries the transfer's `notify_token` ([guess]: the PHP SDK checks a
	 * notification against "the token stored when the transfer was initiated").
	 */
	sendAnswerNotifyToken: boolean;
	/** A send with a payment method the account does not have: the message names its codes, or not. */
	unknownPaymentMethodAnswer: 'namesCodes' | 'bare';
	/**
	 * The body of a refused token (its HTTP status is expiredTokenStatus's): `{code: 401,
	 * status: "UNAUTHORIZED"}`, or the statuses CinetPay's PHP SDK renews on ([sdk]; codes
	 * [guess]): `{code: 1003, status: "EXPIRED_TOKEN"}`, `{code: 1004, status: "INVALID_TOKEN"}`.
	 */
	tokenRefusalBody: 'unauthorized' | 'expiredToken' | 'invalidToken';
	/**
	 * The caller's address is not on the account's allow-list ([prod]): every login is answered
	 * `{code: 2011, status: "NOT_ALLOWED"}` with HTTP 403 or HTTP 200 ([guess]); 'off' by default.
	 */
	ipNotAllowed: 'off' | 'http403' | 'http200';
	/** `amount` in send and lookup answers: the number, or null (seen in a third-party client). */
	answerAmount: 'number' | 'null';
	/**
	 * Where answers give the receiver: top-level `phone_number` (default), or only
	 * `user.phone_number` as the spec's answer shape has it.
	 */
	receiverField: 'topLevel' | 'user';
	/**
	 * Notifications: 'off' by default — the production client's operators saw none in months
	 * ([prod]), so a workflow tried on the simulator must not come to depend on them.
	 * 'final': one at the final status; 'everyChange': at every status change.
	 */
	notifications: 'off' | 'final' | 'everyChange';
	/** An HMAC-SHA256 signature header on notifications ([guess]: the SDK mentions one). */
	notificationSignature: 'none' | 'hmacSha256';
	/** Lifetime of a token in seconds (fractions allowed, for tests). [prod] 86400. */
	tokenTtlSeconds: number;
	/** Added before processing every API request. */
	latencyMs: number;
	/** Auto-advance interval of the life cycle; 0 = manual (control.advance). */
	stepMs: number;
	/**
	 * GET /v1/transfer/{id} shows the transfer as of this many ms ago: one made more recently is
	 * 404, and its status is the last one reached before then (reads lagging writes).
	 */
	readLagMs: number;
}

export interface Account2026Options {
	/** ISO code of the account's country, one of COUNTRIES_2026. */
	country: string;
	apiKey: string;
	apiPassword: string;
	/** Available balance at start and after reset, in the country's currency. */
	balance?: number;
}

export interface Simulator2026Options {
	port?: number;
	host?: string;
	/** Default DEMO_ACCOUNTS_2026 (CI, SN, CM). */
	accounts?: Account2026Options[];
	variants?: Partial<Simulator2026Variants>;
	quiet?: boolean;
}

export interface Transfer2026State {
	transactionId: string;
	merchantTransactionId: string;
	/** The account's country. */
	country: string;
	currency: string;
	paymentMethod: string;
	phoneNumber: string;
	amount: number;
	fee: number;
	reason: string;
	notifyUrl: string | null;
	status: Status2026;
	outcome: Outcome2026;
	createdAt: string;
	updatedAt: string;
	history: Array<{ status: Status2026; at: string; by: 'api' | 'step' | 'control' }>;
}

export interface Balance2026 {
	country: string;
	currency: string;
	real_balance: number;
	available_balance: number;
}

export type Fault2026Kind =
	| 'http5xx'
	| 'drop'
	| 'dropBefore'
	| 'serverError'
	| 'lateCommit'
	| 'slow'
	/** A fault drawn for this call (../callFaults.ts). */
	| Exclude<CallFaultKind, 'answered'>
	| 'forbidden'
	| 'throttled';

export interface Request2026LogEntry extends LoggedRequest {
	/** JSON body; api_key/api_password as "<redacted>". The Authorization header is never logged. */
	body: unknown;
	/** The token's issue number ("<redacted:N>"), or null without a known token. */
	token: string | null;
	/** The country of the account the token belongs to (or that logged in). */
	account: string | null;
	code: number | null;
	fault?: Fault2026Kind;
}

export interface Notification2026LogEntry {
	seq: number;
	at: string;
	transactionId: string;
	url: string;
	body: Record<string, unknown>;
	headers: Record<string, string>;
	status?: number;
	error?: string;
}

export interface Fault2026Injection {
	/** The next N API requests (any endpoint) get 503 HTML, NOT processed. */
	http5xxNext?: number;
	/** The next N sends are processed (committed), then the socket is destroyed. */
	dropAfterNextSend?: number;
	/** The next N sends: the socket is destroyed before processing; nothing is created. */
	dropBeforeNextSend?: number;
	/** The next `count` sends answer HTTP `status` (JSON or HTML), committed or not. */
	serverErrorNextSend?: {
		count: number;
		status?: number;
		body: 'json' | 'html';
		committed: boolean;
	};
	/** The next `count` sends wait `ms` before being processed (a client may have given up). */
	lateCommitNextSend?: { ms: number; count: number };
	/** The next `count` API answers (any endpoint) are delayed by `ms`, after processing. */
	slowNextMs?: { ms: number; count: number };
	/** The next N API requests but logins: HTTP 403 `{code: 403, status: "FORBIDDEN"}`, not processed. */
	forbiddenNext?: number;
	/**
	 * The next `count` API requests, logins included: HTTP 429 `{code: 429, status:
	 * "TOO_MANY_REQUESTS"}`, not processed, with `Retry-After: retryAfter` when given (seconds or
	 * an HTTP date).
	 */
	throttleNext?: { count: number; retryAfter?: string };
}

export interface Pending2026Faults {
	http5xxNext: number;
	dropAfterNextSend: number;
	dropBeforeNextSend: number;
	serverErrorNextSend: { count: number; status: number; body: 'json' | 'html'; committed: boolean };
	lateCommitNextSend: { ms: number; count: number };
	slowNextMs: { ms: number; count: number };
	forbiddenNext: number;
	throttleNext: { count: number; retryAfter?: string };
}

export type Simulator2026Stats = SimulatorStats;

export interface Simulator2026Control
	extends CommonControl<
		Transfer2026State,
		Simulator2026Variants,
		Fault2026Injection,
		Pending2026Faults,
		Notification2026LogEntry,
		Request2026LogEntry
	> {
	/** Transfers of one account with this merchant_transaction_id (more than one under acceptNew). */
	transfersByMerchantId(country: string, merchantTransactionId: string): Transfer2026State[];
	settle(transactionId: string, status: 'SUCCESS' | 'FAILED' | 'EXPIRED'): Transfer2026State;
	balances(): Balance2026[];
	setBalance(country: string, available: number): Balance2026;
}

export type RunningSimulator2026 = Running<Simulator2026Control>;
