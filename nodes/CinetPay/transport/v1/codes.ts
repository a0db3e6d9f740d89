/**
 * CinetPay's API codes (annex of the transfer API document, plus the [field] additions), as data.
 * Each entry says what the code means and what the user should do about it, so every error the
 * nodes raise can name the code and give advice without `if` chains.
 */
export interface CinetPayCodeInfo {
	message: string;
	/** What it means, in plain words. */
	meaning: string;
	/** What to do about it; shown as the error description. */
	advice: string;
	/** The code concerns one transfer or contact, not the whole call. */
	perItem?: boolean;
	/**
	 * On a send, this code is CinetPay refusing the call or the item: nothing was created. Every
	 * other code (709, 710, 715, -1, and codes this table does not know) leaves a send's outcome
	 * open: the transfer is looked up before anything is said about it.
	 */
	refusesSend?: true;
}

export const CINETPAY_CODES: Record<string, CinetPayCodeInfo> = {
	'0': { message: 'OPERATION_SUCCES', meaning: 'Success', advice: '' },
	'-1': {
		message: 'OPERATION_ERROR',
		meaning: 'CinetPay could not execute the request',
		advice: 'Try again later; if it persists, contact CinetPay support with the time of the call',
	},
	'701': {
		message: 'INVALID_CREDENTIALS',
		meaning: 'The API key or API password is wrong',
		advice:
			'Check the API key and the API password in the CinetPay Transfer API credential (the API password is the one set for the transfer API in your CinetPay back office, not your login password)',
		refusesSend: true,
	},
	'702': {
		message: 'COULD_NOT_CREATE_TOKEN',
		meaning: 'CinetPay could not create a session token',
		advice: 'Try again in a moment; if it persists, contact CinetPay support',
		refusesSend: true,
	},
	'703': {
		message: 'INVALID_USER',
		meaning: 'The merchant account is not valid for the transfer API',
		advice: 'Ask CinetPay to enable money transfers on your merchant account',
		refusesSend: true,
	},
	'704': {
		message: 'INVALID_PARAM',
		meaning: 'The parameters sent are not correct',
		advice: 'Check the fields of the request; this may also be a bug in the node, please report it',
		refusesSend: true,
	},
	'705': {
		message: 'EXPIRED_TOKEN',
		meaning: 'The session token has expired, even after a fresh login',
		advice:
			'The node already logged in again once. Check the API password in the credential and that the server clock is right',
		refusesSend: true,
	},
	'706': {
		message: 'INVALID_TOKEN',
		meaning: 'CinetPay did not accept the session token, even after a fresh login',
		advice:
			'The node already logged in again once. Check the API key and API password in the credential',
		refusesSend: true,
	},
	'707': {
		message: 'CANT_REFRESH_TOKEN',
		meaning: 'The token cannot be refreshed',
		advice: 'Run the workflow again: the node will log in with a new token',
		refusesSend: true,
	},
	'708': {
		message: 'NOT_ALLOWED',
		meaning: 'This account is not allowed to call this endpoint',
		advice:
			'Ask CinetPay to enable the transfer API (and, for unconfirmed sends, your IP addresses) on your account',
		refusesSend: true,
	},
	'709': {
		message: 'EXECUTION_ERROR',
		meaning: 'CinetPay failed while executing the request',
		advice:
			'Try again later; for a send, check the transfer by its client transaction ID before sending again',
	},
	'710': {
		message: 'EXECUTION_ERROR',
		meaning: 'CinetPay failed while executing the request',
		advice:
			'Try again later; for a send, check the transfer by its client transaction ID before sending again',
	},
	'715': {
		message: 'UNEXPECTED_ERROR',
		meaning: 'An unknown error happened at CinetPay',
		advice:
			'Try again later; for a send, check the transfer by its client transaction ID before sending again',
	},
	'716': {
		message: 'DATA_NOT_VALID',
		meaning: 'A field of this item is not valid',
		advice: 'Check the phone, prefix, name, surname and e-mail of this item',
		perItem: true,
		refusesSend: true,
	},
	'717': {
		message: 'ERROR_PHONE_NOT_PARTICULAR',
		meaning: 'The phone number is not a valid CinetPay personal account',
		advice: 'Check the number with the receiver; it must be a personal mobile-money account',
		perItem: true,
		refusesSend: true,
	},
	'718': {
		message: 'JSON_PARSE_ERROR',
		meaning: 'CinetPay could not read the data sent',
		advice: 'This is likely a bug in the node; please report it with the input that caused it',
		refusesSend: true,
	},
	'719': {
		message: 'AMOUNT_TOO_SMALL',
		meaning: 'The amount is too small (it must be above 200 XOF)',
		advice: 'Send a larger amount',
		perItem: true,
		refusesSend: true,
	},
	'720': {
		message: 'AMOUNT_TOO_LARGE',
		meaning: 'The amount is too large (it must be below 1,500,000 XOF)',
		advice: 'Split the payment into several transfers',
		perItem: true,
		refusesSend: true,
	},
	'721': {
		message: 'OPERATOR_NOT_AVAILABLE',
		meaning: "CinetPay does not support this number's mobile-money operator",
		advice: 'Use a number on a supported operator, or set a payment method that CinetPay supports',
		perItem: true,
		refusesSend: true,
	},
	'602': {
		message: 'INSUFFICIENT_BALANCE',
		meaning: 'The transfer balance is too low for this call; nothing was sent',
		advice:
			'Top up your CinetPay transfer balance (Balance → Get shows what is available), then run again',
		refusesSend: true,
	},
	'723': {
		message: 'NOT_FOUND',
		meaning: 'CinetPay found nothing for this search',
		advice: 'Check the ID and what you search by (transaction ID, client transaction ID or lot)',
		perItem: true,
	},
	'724': {
		message: 'ERROR_PHONE_NOT_MY_CONTACT',
		meaning: 'The receiver is not in your CinetPay contacts',
		advice:
			'Add the receiver with Contact → Add first, or turn on the "Add Contact" option of Transfer → Send',
		perItem: true,
		refusesSend: true,
	},
	'725': {
		message: 'MISSING_NOTIFY_URL',
		meaning: 'A valid notification URL is required',
		advice: "Set Notify URL to an https URL, e.g. the CinetPay Transfer Trigger's production URL",
		perItem: true,
		refusesSend: true,
	},
	'726': {
		message: 'ERROR_PHONE_ALREADY_MY_CONTACT',
		meaning: 'The contact exists already',
		advice: '',
		perItem: true,
	},
	'801': {
		message: 'INVALID_AMOUNT',
		meaning: 'The amount is not valid',
		advice: 'Use a whole number of XOF, without decimals or separators',
		perItem: true,
		refusesSend: true,
	},
	'802': {
		message: 'INVALID_PHONE',
		meaning: 'The phone number is not valid',
		advice: 'Give the national number in digits only, without the country prefix',
		perItem: true,
		refusesSend: true,
	},
	'804': {
		message: 'OPERATOR_UNAVAILABLE',
		meaning: "CinetPay does not support this number's mobile-money operator yet",
		advice: 'Use a number on a supported operator, or set a payment method that CinetPay supports',
		perItem: true,
		refusesSend: true,
	},
	'805': {
		message: 'CLIENT_TRANSACTION_ID_EXIST',
		meaning: 'A transfer with this client transaction ID exists already',
		advice: 'Nothing new was sent. Use Transfer → Get by client transaction ID to see it',
		perItem: true,
	},
	'811': {
		message: 'INVALID_PAYMENT_METHOD',
		meaning: 'CinetPay does not accept this payment method',
		advice:
			'Leave Payment Method empty to let CinetPay detect the operator, or use a supported value such as WAVECI',
		perItem: true,
		refusesSend: true,
	},
};

/** Codes meaning the session token is no longer good: log in once more and retry once. */
export const TOKEN_REJECTED_CODES = new Set(['705', '706', '707']);

/** Per-item codes that are not failures: the contact is there either way. */
export const CONTACT_EXISTS_CODE = '726';

/** The transfer exists already: not a new payout, and not a failure either. */
export const DUPLICATE_TRANSFER_CODE = '805';

export const NOT_FOUND_CODE = '723';

export function codeInfo(code: string): CinetPayCodeInfo | undefined {
	return Object.prototype.hasOwnProperty.call(CINETPAY_CODES, code)
		? CINETPAY_CODES[code]
		: undefined;
}

/**
 * What a send's code says about the transfers it concerns:
 * - `accepted`: created (0);
 * - `exists`: a transfer with this client transaction ID exists already (805);
 * - `refused`: nothing was created (a code of the table marked refusesSend);
 * - `unclear`: anything else, including codes this table does not know and any answer with HTTP
 *   5xx — CinetPay may have created the transfer before failing.
 */
export type SendCodeMeaning = 'accepted' | 'exists' | 'refused' | 'unclear';

export function sendCodeMeaning(code: string, httpStatus = 200): SendCodeMeaning {
	if (httpStatus >= 500) return 'unclear';
	if (code === '0') return 'accepted';
	if (code === DUPLICATE_TRANSFER_CODE) return 'exists';
	return codeInfo(code)?.refusesSend ? 'refused' : 'unclear';
}
