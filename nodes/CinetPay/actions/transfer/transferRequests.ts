/**
 * Reading Transfer → Send's input: one checked transfer per item, from the item's own fields (Map
 * Automatically) or from the parameters (Map Each Field Below), each with the client transaction
 * ID that makes it idempotent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { TransferPayload, TransferRequest } from '../../helpers/interfaces';
import { parameterReader, pickField, type DataMode } from '../../helpers/parameters';
import { selectedPaymentMethod } from '../../helpers/paymentMethods';
import type { ItemResults } from '../../helpers/results';
import {
	FieldError,
	validateAmount,
	validateClientTransactionId,
	validateContact,
	validateNotifyUrl,
	validatePaymentMethod,
	validatePhone,
	validatePrefix,
} from '../../helpers/validation';
import { defaultIdParts } from '../../payout/retryMemory';

/** In Map Each Field Below, the contact's fields are options with these names. */
const CONTACT_PARAMETERS = {
	name: 'contactName',
	surname: 'contactSurname',
	email: 'contactEmail',
};

/**
 * Every item's transfer, checked before any call. An item that breaks a rule, or repeats another
 * item's client transaction ID, fails on its own; the others are returned in input order.
 */
export function readTransferRequests(
	context: IExecuteFunctions,
	results: ItemResults,
	addContact: boolean,
	maximumAmount: number,
): TransferRequest[] {
	return readWithUniqueIds(
		results,
		transferReader(context, addContact, maximumAmount),
		(request) => request.payload.client_transaction_id,
	);
}

/**
 * Reads every item with `read`; an item that breaks a rule, or repeats another item's transfer ID,
 * fails on its own (not sent). The others are returned in input order. Both platforms.
 */
export function readWithUniqueIds<T>(
	results: ItemResults,
	read: (itemIndex: number) => T,
	idOf: (request: T) => string,
): T[] {
	const requests: T[] = [];
	const itemById = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < results.count; itemIndex++) {
		try {
			const request = read(itemIndex);
			const id = idOf(request);
			const earlier = itemById.get(id);
			if (earlier !== undefined) {
				throw new FieldError(
					'clientTransactionId',
					`"${id}" is also the ID of item ${earlier + 1}; each transfer needs its own`,
				);
			}
			itemById.set(id, itemIndex);
			requests.push(request);
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	return requests;
}

/**
 * One item's transfer fields, both platforms: the item's own (Map Automatically) or the
 * parameters' (Map Each Field Below). In Map Automatically an item's own payment_method wins over
 * the Payment Method parameter. Each parameter is resolved once unless it holds an expression.
 */
export function transferFields(
	context: IExecuteFunctions,
	methodParameters: { list: string; custom: string },
	contactParameters: Partial<Record<'name' | 'surname' | 'email', string>> = {},
) {
	const items = context.getInputData();
	const dataMode = context.getNodeParameter('dataMode', 0) as DataMode;
	const autoMap = dataMode === 'autoMapInputData';
	const paths = {
		prefix: 'prefix',
		phone: 'phone',
		amount: 'amount',
		clientTransactionId: 'clientTransactionId',
		...contactParameters,
	};
	type Field = keyof typeof paths | keyof typeof contactParameters;
	const param = Object.fromEntries(
		Object.entries(paths).map(([field, path]) => [
			field,
			parameterReader<string>(context, path, ''),
		]),
	) as Record<Field, (itemIndex: number) => string>;
	const listed = parameterReader<string>(context, methodParameters.list, '');
	const custom = parameterReader<string>(context, methodParameters.custom, '');
	return {
		autoMap,
		raw: (itemIndex: number, field: Field): unknown =>
			autoMap ? pickField(items[itemIndex].json, field) : param[field](itemIndex),
		paymentMethod: (itemIndex: number): unknown => {
			const chosen = selectedPaymentMethod(listed(itemIndex), custom(itemIndex));
			return autoMap ? (pickField(items[itemIndex].json, 'paymentMethod') ?? chosen) : chosen;
		},
	};
}

/** Reads and checks one item's transfer, from its fields or from the parameters. */
function transferReader(context: IExecuteFunctions, addContact: boolean, maximumAmount: number) {
	const { autoMap, raw, paymentMethod } = transferFields(
		context,
		{ list: 'options.paymentMethod', custom: 'options.customPaymentMethod' },
		{
			name: 'options.contactName',
			surname: 'options.contactSurname',
			email: 'options.contactEmail',
		},
	);
	const notifyUrl = parameterReader<string>(context, 'notifyUrl', '');
	// One URL for every item, as a rule: parsed once, not once per item.
	let checkedUrl: { raw: unknown; url: string } | undefined;
	const checkNotifyUrl = (raw: unknown): string => {
		if (checkedUrl === undefined || checkedUrl.raw !== raw)
			checkedUrl = { raw, url: validateNotifyUrl(raw) };
		return checkedUrl.url;
	};
	const defaultId = defaultClientTransactionIds(context);

	return (itemIndex: number): TransferRequest => {
		const prefix = validatePrefix(raw(itemIndex, 'prefix'));
		const phone = validatePhone(raw(itemIndex, 'phone'), prefix);
		const givenId = raw(itemIndex, 'clientTransactionId');
		const ownId = givenId !== undefined && givenId !== '';
		const method = paymentMethod(itemIndex);
		const payload: TransferPayload = {
			prefix,
			phone,
			amount: validateAmount(raw(itemIndex, 'amount'), prefix, maximumAmount),
			notify_url: checkNotifyUrl(notifyUrl(itemIndex)),
			client_transaction_id: ownId ? validateClientTransactionId(givenId) : defaultId(itemIndex),
		};
		const validMethod = validatePaymentMethod(method);
		if (validMethod) payload.payment_method = validMethod;
		if (!addContact) return { itemIndex, payload, ownId };
		const contact = validateContact(
			prefix,
			phone,
			{
				name: raw(itemIndex, 'name'),
				surname: raw(itemIndex, 'surname'),
				email: raw(itemIndex, 'email'),
			},
			autoMap ? undefined : CONTACT_PARAMETERS,
		);
		return { itemIndex, payload, contact, ownId };
	};
}

/**
 * Default client_transaction_id: `n8n-<key>-<run>-<item>`, where `key` is random and kept in the
 * node's execution context (`getContext('node')`), which n8n keeps with the execution:
 * - the same on every try of this node in this execution ("Retry On Fail"), and in an execution
 *   retried from the executions list (n8n carries the failed execution's context into it), so a
 *   transfer sent before the failure meets CinetPay's 805 and is reported, not paid again;
 * - different in every other execution, on this or any other n8n instance, even when execution
 *   IDs start again at 1 (a new instance, a reset database, an imported workflow), so a workflow
 *   that pays the same receiver the same amount every week still pays;
 * - the run index keeps apart the batches of a loop that runs this node several times.
 * At most 4 + 12 + 1 + 6 + 1 + 7 = 31 characters (CinetPay takes 64).
 */
function defaultClientTransactionIds(context: IExecuteFunctions): (itemIndex: number) => string {
	const { key, runIndex } = defaultIdParts(context);
	return (itemIndex) => `n8n-${key}-${runIndex}-${itemIndex}`;
}
