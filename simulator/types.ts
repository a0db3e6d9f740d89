/**
 * Public types of the CinetPay transfer-API simulator.
 *
 * Other parts of the project (integration tests, demo, benchmarks) code against these names:
 * change them only together with their users.
 */
import type { AnswerHold } from './answerHolds';
import type { CallFaultKind } from './callFaults';
import type { CommonControl, LoggedRequest, Running } from './controlTypes';

export type { SimulatorStats } from './controlTypes';

/** Behaviour switches for the points where CinetPay's documentation and the field disagree. */
export interface SimulatorVariants {
	/**
	 * 'spec': success code is the number 0, error codes are strings ("701") except 602 and 723,
	 * which are numbers (as in the doc's examples). 'string': every code a string.
	 * 'number': every code a number.
	 */
	codeType: 'spec' | 'string' | 'number';
	/** Errors with HTTP 200, or with a 4xx status (401/404/400) and the same JSON body. */
	errorHttpStatus: 'http200' | 'http4xx';
	/** Contact-add and send results as data:[[...]] (the doc) or data:[...]. */
	nesting: 'double' | 'single';
	/** Balance as {amount,inUsing,available} or {countryBalance:{CI:{...},SN:{...}}}. */
	balanceShape: 'flat' | 'perCountry';
	/** Re-adding an existing contact: per-item 726, or plain success. */
	readdContact: 'code726' | 'success';
	/** Invalid items of a multi-item call: per-item codes, or the whole call fails. */
	itemErrors: 'perItem' | 'wholeCall';
	/** Lifetime of a token, in seconds (fractions allowed, for tests). The doc says 5 minutes. */
	tokenTtlSeconds: number;
	/** How 705 EXPIRED_TOKEN arrives, independently of errorHttpStatus. */
	expiredTokenStatus: 'http200' | 'http401';
	/** Added to every API request (not to control requests). */
	latencyMs: number;
	/** The account is IP-allow-listed: transfers skip the NOS (merchant confirmation) step. */
	autoConfirm: boolean;
	/** Auto-advance interval of the transfers' life cycle; 0 = manual only. */
	stepMs: number;
	/** Each notification POST is sent this many times. */
	notifyRepeat: number;
	/**
	 * Notifications: 'on'; 'off' (none is sent, as a production account saw for months: each is
	 * logged as skipped); 'newestFirst' (out of order: a transfer's notifications are held for
	 * notifyDelayMs, then the newest is delivered first).
	 */
	notifications: 'on' | 'off' | 'newestFirst';
	/** Each notification waits this long before it may be delivered (0 = at once). */
	notifyDelayMs: number;
	/** A POST answered non-2xx (or not answered) is sent again this many times, 0.5 s, 1 s, 2 s… apart. */
	notifyRetries: number;
	/**
	 * check/money answers with the state as of this many ms ago: a transfer created more recently
	 * is 723 NOT_FOUND, and its status is the last one reached more than readLagMs ago.
	 */
	readLagMs: number;
	/**
	 * How check/money shows a Côte d'Ivoire (225) receiver: as sent, in the 8-digit national
	 * form of before 2021 (the 10-digit number without its 2-digit operator prefix 01/05/07), or
	 * international with 00 and the prefix ("00225…").
	 */
	receiverFormat: 'asSent' | 'legacy8' | 'international';
	/**
	 * How check/money writes the amount: as the digits sent ("1000", the doc), with a space between
	 * thousands ("1 000"), with the currency ("1000 XOF"), or fees included ("1015"). A client must
	 * not take a transfer written differently for another transfer.
	 */
	amountFormat: 'plain' | 'spaced' | 'withCurrency' | 'withFees';
	/**
	 * A failed item inside a successful envelope: 'documented' = `{...item, code, status: NAME,
	 * lot}` (CinetPay's own pages), 'withMessage' = `{...item, code, status: 'error', message,
	 * description}` (the simulator's former shape).
	 */
	itemErrorShape: 'documented' | 'withMessage';
	/**
	 * Contact and send results in the order of the call's `data`, or reversed: nothing in the
	 * document promises the order, so a client must match results by receiver or ID.
	 */
	resultOrder: 'asSent' | 'reversed';
}

export interface SimulatorOptions {
	/** Default 0 (random free port). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default DEMO_API_KEY. */
	apiKey?: string;
	/** Default DEMO_PASSWORD. */
	password?: string;
	/** Available transfer balance at start and after reset(), in XOF. Default 5,000,000. */
	initialBalance?: number;
	variants?: Partial<SimulatorVariants>;
	/** No console output. Defaults to true in-process; the CLI runs with quiet=false. */
	quiet?: boolean;
}

export type TreatmentStatus = 'NEW' | 'REC' | 'NOS' | 'VAL' | 'REJ';
export type SendingStatus = 'CONFIRM' | 'PENDING';
/** How a transfer ends once processed, decided by its receiver (see testNumbers.ts). */
export type TransferOutcome = 'succeeds' | 'rejected' | 'pending';

/** Full internal state of a transfer, as returned by the control API (a copy). */
export interface TransferState {
	transactionId: string;
	clientTransactionId: string | null;
	lot: string;
	prefix: string;
	phone: string;
	receiverE164: string;
	amount: number;
	operator: string;
	paymentMethod: string | null;
	notifyUrl: string;
	treatmentStatus: TreatmentStatus;
	sendingStatus: SendingStatus;
	transferValid: 'Y' | 'N';
	comment: string;
	operatorTransactionId: string | null;
	validatedAt: string | null;
	outcome: TransferOutcome;
	createdAt: string;
	updatedAt: string;
	history: Array<{
		status: TreatmentStatus;
		at: string;
		by: 'api' | 'step' | 'merchant' | 'control';
	}>;
}

export interface ContactState {
	prefix: string;
	phone: string;
	name: string | null;
	surname: string | null;
	email: string | null;
	lot: string;
	createdAt: string;
	updatedAt: string;
}

export interface BalanceState {
	amount: number;
	inUsing: number;
	available: number;
}

/** The query's `token` is replaced by "<redacted:N>" (N = issue number of the token). */
export interface RequestLogEntry extends LoggedRequest {
	/** Parsed form body; secrets redacted, `data` parsed from JSON when possible. */
	body: Record<string, unknown>;
	/** The envelope code as a string; null when the answer is not an API envelope (503, 417). */
	code: string | null;
	/** Set when an injected fault shaped this request. */
	fault?: FaultKind;
}

/** The fault that shaped a logged request. */
export type FaultKind =
	| 'http5xx'
	| 'drop'
	| 'dropBefore'
	| 'slow'
	| 'lateCommit'
	| 'ambiguous'
	| 'serverError'
	| 'itemCodes'
	| 'emptyLookup'
	/** A fault drawn for this call (callFaults.ts). */
	| Exclude<CallFaultKind, 'answered'>;

/** The API endpoints, as the simulator names them (see api.ts ROUTES). */
export type ApiEndpoint = 'login' | 'balance' | 'contact' | 'send' | 'check';

/** Whole-call codes that do not say whether the call was carried out. */
export type AmbiguousCallCode = -1 | 709 | 710 | 715;

/** Per-item codes a fault can put on items: the ambiguous ones, and codes not in the annex. */
export type InjectedItemCode = -1 | 709 | 710 | 715 | 722 | 727 | 728;

export interface NotificationLogEntry {
	seq: number;
	at: string;
	transactionId: string;
	url: string;
	/** 'GET' is the reachability ping sent before the first POST to a notify_url. */
	method: 'GET' | 'POST';
	/** 1-based repetition number of a POST (notifyRepeat); 1 for pings. */
	attempt: number;
	/** The form fields of a POST; null for a ping. */
	fields: Record<string, string> | null;
	/** HTTP status of the receiver's answer. */
	status?: number;
	/** Network error, timeout, or 'skipped: not loopback'. */
	error?: string;
	durationMs: number;
}

/**
 * Faults for the next calls. "committed" says whether the call's transfers are created before the
 * faulty answer (money moved, the client cannot tell) or not at all.
 */
export interface FaultInjection {
	/** Answer the next N API requests (any endpoint) with 503 and an HTML body, NOT processed. */
	http5xxNext?: number;
	/** Process the next N send calls fully, then destroy the socket without answering. */
	dropAfterNextSend?: number;
	/** Destroy the socket of the next N send calls before processing them: nothing is created. */
	dropBeforeNextSend?: number;
	/** Delay the next `count` API responses (any endpoint) by `ms`, after processing. */
	slowNextMs?: { ms: number; count: number };
	/**
	 * Delay the next `count` requests to one endpoint by `ms` after processing (a lookup that
	 * hangs: ms up to 600,000). Each endpoint has its own counter.
	 */
	slowEndpointNext?: { endpoint: ApiEndpoint; ms: number; count: number };
	/**
	 * The next `count` send calls wait `ms` BEFORE being processed: a client that gave up earlier
	 * never hears of the transfers, which appear only after the delay (a late commit).
	 */
	lateCommitNextSend?: { ms: number; count: number };
	/** The next `count` send calls answer HTTP 200 `{code, message: NAME}` for the whole call. */
	ambiguousNextSend?: { count: number; code: AmbiguousCallCode; committed: boolean };
	/**
	 * The next `count` send calls answer HTTP `status` (500–599, default 500) with a CinetPay JSON
	 * body `{code: -1, message: 'OPERATION_ERROR', …}` ('json') or an HTML page ('html').
	 */
	serverErrorNextSend?: {
		count: number;
		status?: number;
		body: 'json' | 'html';
		committed: boolean;
	};
	/**
	 * In the next `count` send calls, the items at `positions` (indexes in the call's `data`,
	 * 'first' or 'all') are answered with `code` inside a successful envelope. committed: the item
	 * is processed as usual (created if valid), only its answer changes; otherwise it is skipped.
	 */
	itemCodesNextSend?: {
		count: number;
		code: InjectedItemCode;
		positions: 'first' | 'all' | number[];
		committed: boolean;
	};
	/** The next N lookups by client_transaction_id answer 723 NOT_FOUND, found or not. */
	emptyLookupNext?: number;
}

export interface PendingFaults {
	http5xxNext: number;
	dropAfterNextSend: number;
	dropBeforeNextSend: number;
	slowNextMs: { ms: number; count: number };
	slowEndpointNext: Record<ApiEndpoint, { ms: number; count: number }>;
	lateCommitNextSend: { ms: number; count: number };
	ambiguousNextSend: { count: number; code: AmbiguousCallCode; committed: boolean };
	serverErrorNextSend: { count: number; status: number; body: 'json' | 'html'; committed: boolean };
	itemCodesNextSend: {
		count: number;
		code: InjectedItemCode;
		positions: 'first' | 'all' | number[];
		committed: boolean;
	};
	emptyLookupNext: number;
}

/**
 * In-process access to the same operations as the HTTP control API (/__sim). An expired token
 * answers 705 (expireTokens), an unknown one 706 (invalidateTokens).
 */
export interface SimulatorControl
	extends CommonControl<
		TransferState,
		SimulatorVariants,
		FaultInjection,
		PendingFaults,
		NotificationLogEntry,
		RequestLogEntry
	> {
	/** The form fields the simulator posts to the notify_url for this transfer as it is now. */
	notificationFields(transactionId: string): Record<string, string>;
	/**
	 * Holds the answer of the `nth` call to `endpoint` from now (default the next one): processed
	 * as usual, answered only once released (or after `valveMs`, default 10 s). In-process only:
	 * tests see what a client does while a call is out, without timing (answerHolds.ts).
	 */
	holdAnswer(endpoint: ApiEndpoint, options?: { nth?: number; valveMs?: number }): AnswerHold;
	contacts(): ContactState[];
	/** The merchant confirms a transfer waiting in NOS (or still NEW and unconfirmed). */
	confirm(transactionId: string): TransferState;
	/** The merchant rejects a transfer waiting in NOS (or still NEW and unconfirmed). */
	reject(transactionId: string): TransferState;
	/** Forces a final status on a non-final transfer. */
	settle(transactionId: string, status: 'VAL' | 'REJ'): TransferState;
	balance(): BalanceState;
	/** Sets the available balance (amount = n + inUsing). */
	setBalance(available: number): BalanceState;
}

export type RunningSimulator = Running<SimulatorControl>;
