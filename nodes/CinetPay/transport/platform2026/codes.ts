/**
 * The 2026 platform's codes as data: what each means, what to do, and what it says about a send
 * and about a transfer's state. One table, read by the transport and the payout protocol.
 */

/** v1's names for a transfer's state, so outputs of both platforms read alike. */
export type NormalizedStatus = 'NEW' | 'REC' | 'VAL' | 'REJ';

export interface Code2026Info {
	/** CinetPay's name for the code (its `status`). */
	status: string;
	meaning: string;
	advice: string;
	/** The code is a transfer's state: v1's name for it, and whether it is final. */
	transferState?: { normalized: NormalizedStatus; final: boolean };
	/** On a send: CinetPay refused it, nothing was created. */
	refusesSend?: true;
	/** On a send: a transfer with this merchant ID exists already. */
	exists?: true;
	/** The session token was not accepted: log in once more and repeat once. */
	sessionRejected?: true;
	/**
	 * A login refused with this code: what to tell the user instead of "check the key". It is part
	 * of the login error's message: n8n's Test connection shows the message only.
	 */
	onLogin?: string;
	/** How sure the meaning is: see facts.ts. */
	source: 'prod' | 'guess' | 'invented';
}

/** [prod] CinetPay allow-lists caller addresses, IPv4 only: what to do when a call is refused for it. */
export const ALLOW_LIST_ADVICE =
	"Add this n8n server's public IPv4 address to the allow-list in the CinetPay dashboard";
const FORBIDDEN_ADVICE = `${ALLOW_LIST_ADVICE}, and check there that this account may use the API`;

/** A token refused by name ([sdk] statuses, [guess] codes): renewed once, then "not sent". */
function tokenRefusal(status: string): Code2026Info {
	return {
		status,
		meaning: 'CinetPay refused the session token, even after a fresh login; nothing was sent',
		advice: "Run again. If it persists, check the credential's key, password and environment",
		refusesSend: true,
		sessionRejected: true,
		source: 'guess',
	};
}

export const CODES_2026: Record<string, Code2026Info> = {
	'200': { status: 'OK', meaning: 'Success', advice: '', source: 'prod' },
	'2001': {
		status: 'INITIATED',
		meaning: 'The transfer was created and waits to be processed',
		advice: 'Check its status later with Transfer → Get',
		transferState: { normalized: 'NEW', final: false },
		source: 'prod',
	},
	'2002': {
		status: 'PENDING',
		meaning: 'The operator is processing the transfer',
		advice: 'Check its status later with Transfer → Get',
		transferState: { normalized: 'REC', final: false },
		source: 'prod',
	},
	'100': {
		status: 'SUCCESS',
		meaning: 'The receiver was paid',
		advice: '',
		transferState: { normalized: 'VAL', final: true },
		source: 'prod',
	},
	'2010': {
		status: 'FAILED',
		meaning: 'The transfer failed; the amount went back to the balance',
		advice:
			'Check the phone number and payment method, then send it again under a new merchant transaction ID',
		transferState: { normalized: 'REJ', final: true },
		source: 'prod',
	},
	// Not final: CinetPay's own cinetpay-seamless and the dashboard docs say so (a third-party list
	// says final). Shown as REJ, it would invite a resend that could pay twice.
	'2003': {
		status: 'EXPIRED',
		meaning: 'Expired, but not final: it may still be paid',
		advice: 'Do not send it again: check it later with Transfer → Get',
		transferState: { normalized: 'REC', final: false },
		source: 'guess',
	},
	'2005': {
		status: 'INSUFFICIENT_BALANCE',
		meaning: 'The country account has not enough available balance for this transfer',
		advice:
			'Top up the CinetPay account of this country, or wait for transfers in flight to settle',
		refusesSend: true,
		source: 'prod',
	},
	'1200': {
		status: 'TRANSACTION_EXIST',
		meaning: 'A transfer with this merchant transaction ID exists already',
		advice: 'This is not a new payout. Check the earlier transfer before doing anything else',
		exists: true,
		source: 'guess',
	},
	'400': {
		status: 'INVALID_PARAMS',
		meaning: 'CinetPay refused the fields of the request',
		advice:
			'Check the phone number (E.164, with +), the amount (at least 500), the currency of the account and the payment method',
		refusesSend: true,
		source: 'invented',
	},
	'401': {
		status: 'UNAUTHORIZED',
		meaning: 'CinetPay did not accept the session, even after a fresh login',
		advice:
			'Check the API key, the API password and the environment in the CinetPay 2026 Platform API credential',
		refusesSend: true,
		sessionRejected: true,
		source: 'guess',
	},
	// [sdk] The PHP SDK renews the token on these statuses; their codes are [guess] (1003, 1004 in
	// a sibling platform's table). 1002 is INVALID_TOKEN to one client and INVALID_PARAMS to
	// another: the status text decides when there is one (isSessionRejected2026). Either way a
	// call refused with them created nothing.
	'1002': tokenRefusal('INVALID_TOKEN'),
	'1003': tokenRefusal('EXPIRED_TOKEN'),
	'1004': tokenRefusal('INVALID_TOKEN'),
	'2011': {
		status: 'NOT_ALLOWED',
		meaning: 'CinetPay refused the call from this address; nothing was sent',
		advice: ALLOW_LIST_ADVICE,
		refusesSend: true,
		onLogin: `CinetPay refused the login from this address (not the key or password). ${ALLOW_LIST_ADVICE}.`,
		source: 'prod',
	},
	'403': {
		status: 'FORBIDDEN',
		meaning: 'CinetPay refused the call; nothing was sent',
		advice: FORBIDDEN_ADVICE,
		refusesSend: true,
		onLogin: `CinetPay refused the login. ${FORBIDDEN_ADVICE}.`,
		source: 'guess',
	},
	'429': {
		status: 'TOO_MANY_REQUESTS',
		meaning: 'CinetPay throttled the calls; nothing was sent',
		advice: 'Run again in a minute, with fewer items per execution',
		refusesSend: true,
		onLogin: 'CinetPay throttled the login. Run again in a minute.',
		source: 'guess',
	},
	'404': {
		status: 'NOT_FOUND',
		meaning: 'CinetPay knows no such transfer',
		advice:
			'Check the ID, and that the credential is the account of the country the transfer was sent from',
		source: 'prod',
	},
	'422': {
		status: 'UNPROCESSABLE_ENTITY',
		meaning: "The transfer belongs to another country's account",
		advice: 'Use the credential of the country account that sent it (one credential per country)',
		source: 'prod',
	},
};

export function code2026Info(code: string): Code2026Info | undefined {
	return Object.prototype.hasOwnProperty.call(CODES_2026, code) ? CODES_2026[code] : undefined;
}

/**
 * What a send's answer says:
 * - `accepted`: a transfer exists for this call — any transfer state (2001, 2002, 100, 2010, 2003)
 *   or 200 — if the answer carries its transaction_id;
 * - `exists`: 1200, a transfer with this merchant ID was made earlier;
 * - `refused`: nothing was created (a code marked refusesSend, with an HTTP status below 500);
 * - `unclear`: anything else, 5xx included: CinetPay may have created the transfer.
 */
export type Send2026Meaning = 'accepted' | 'exists' | 'refused' | 'unclear';

export function send2026Meaning(
	code: string,
	httpStatus: number,
	hasTransactionId: boolean,
): Send2026Meaning {
	if (httpStatus >= 500) return 'unclear';
	const info = code2026Info(code);
	if ((info?.transferState || code === '200') && httpStatus < 300)
		return hasTransactionId ? 'accepted' : 'unclear';
	if (info?.exists) return 'exists';
	return info?.refusesSend ? 'refused' : 'unclear';
}

/** The table's entry for CinetPay's name of a code (`status`), if it names one. */
function infoOfStatus(status: string): Code2026Info | undefined {
	const name = status.trim().toUpperCase();
	return Object.values(CODES_2026).find((info) => info.status === name);
}

/**
 * Whether an answer says the token is no longer good: HTTP 401, or a body status or code of a
 * refused session (401 UNAUTHORIZED, EXPIRED_TOKEN, INVALID_TOKEN) with any HTTP status. The
 * status text, when the body has one the table knows, decides over the code: 1002 is a refused
 * token as INVALID_TOKEN, a refused request as INVALID_PARAMS.
 */
export function isSessionRejected2026(code: string, httpStatus: number, status?: string): boolean {
	if (httpStatus === 401) return true;
	const named = status ? infoOfStatus(status) : undefined;
	return (named ?? code2026Info(code))?.sessionRejected === true;
}
