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
	/** How sure the meaning is: see facts.ts. */
	source: 'prod' | 'guess' | 'invented';
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
	'2003': {
		status: 'EXPIRED',
		meaning: 'The transfer expired without being paid',
		advice: 'Send it again under a new merchant transaction ID if it is still due',
		transferState: { normalized: 'REJ', final: true },
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

/** Whether an answer says the token is no longer good (HTTP 401, or code 401 with HTTP 200). */
export function isSessionRejected2026(code: string, httpStatus: number): boolean {
	return httpStatus === 401 || code2026Info(code)?.sessionRejected === true;
}
