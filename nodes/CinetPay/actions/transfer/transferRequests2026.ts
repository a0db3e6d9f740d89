/**
 * Reading Transfer → Send's input on the 2026 platform: the same parameters as v1 (prefix, phone,
 * amount, clientTransactionId, notifyUrl, paymentMethod/customPaymentMethod), each item checked
 * before any call and turned into the JSON body of one 2026 send by the transport's
 * transferPayload2026 (E.164 phone, amount ≥ 500, merchant ID ≤ 30 letters, digits or "-").
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterReader } from '../../helpers/parameters';
import type { ItemResults } from '../../helpers/results';
import {
	checkMaximumAmount,
	FieldError,
	validatePhone,
	validatePrefix,
} from '../../helpers/validation';
import { defaultIdParts } from '../../payout/retryMemory';
import {
	COUNTRIES_2026,
	defaultMerchantId2026,
	transferPayload2026,
	type Send2026Payload,
	type Transfer2026Input,
} from '../../transport/platform2026';
import { readWithUniqueIds, transferFields } from './transferRequests';

export interface Transfer2026Request {
	itemIndex: number;
	payload: Send2026Payload;
	/** The receiver as the item gave it, echoed on a failed item like v1's. */
	prefix: string;
	phone: string;
	/** The merchant ID is the user's own, so an earlier run may have used it. */
	ownId: boolean;
}

/** The node's parameter for each field transferPayload2026 may refuse. */
const PARAMETER_OF: Record<string, string> = {
	phone: 'phone',
	amount: 'amount',
	merchantTransactionId: 'clientTransactionId',
	paymentMethod: 'paymentMethod',
	notifyUrl: 'notifyUrl',
};

/** Every item's transfer, checked before any call; see readWithUniqueIds. */
export function readTransferRequests2026(
	context: IExecuteFunctions,
	results: ItemResults,
	accountCountry: string,
	maximumAmount: number,
): Transfer2026Request[] {
	return readWithUniqueIds(
		results,
		transferReader2026(context, accountCountry, maximumAmount),
		(request) => request.payload.merchant_transaction_id,
	);
}

function transferReader2026(
	context: IExecuteFunctions,
	accountCountry: string,
	maximumAmount: number,
) {
	const { raw, paymentMethod } = transferFields(context, {
		list: 'paymentMethod',
		custom: 'customPaymentMethod',
	});
	const notifyUrl = parameterReader<string>(context, 'notifyUrl', '');
	const reason = parameterReader<string>(context, 'options.reason', '');
	const { key, runIndex } = defaultIdParts(context);
	const account = COUNTRIES_2026[accountCountry];

	return (itemIndex: number): Transfer2026Request => {
		const prefix = validatePrefix(raw(itemIndex, 'prefix'));
		if (account && prefix !== account.callingCode) {
			throw new FieldError(
				'prefix',
				`this credential is the ${account.name} account (+${account.callingCode}): on the 2026 platform each country is its own account, so pay +${prefix} numbers with a credential of that country`,
			);
		}
		const phone = validatePhone(raw(itemIndex, 'phone'), prefix);
		const givenId = raw(itemIndex, 'clientTransactionId');
		const ownId = givenId !== undefined && givenId !== null && givenId !== '';
		const input: Transfer2026Input = {
			country: accountCountry,
			phone: `+${prefix}${phone}`,
			amount: raw(itemIndex, 'amount') as number | string,
			merchantTransactionId: ownId
				? String(givenId)
				: defaultMerchantId2026(key, runIndex, itemIndex),
			paymentMethod: String(paymentMethod(itemIndex) ?? ''),
			reason: reason(itemIndex),
			notifyUrl: notifyUrl(itemIndex),
		};
		const checked = transferPayload2026(input);
		if ('field' in checked) {
			throw new FieldError(PARAMETER_OF[checked.field] ?? checked.field, checked.problem);
		}
		checkMaximumAmount(checked.payload.amount, maximumAmount);
		return { itemIndex, payload: checked.payload, prefix, phone, ownId };
	};
}
