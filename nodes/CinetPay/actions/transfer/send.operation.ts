import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk, readBatchOptions, type BatchOptions } from '../../helpers/batches';
import { addContacts } from '../../helpers/contacts';
import type { TransferPayload, TransferRequest } from '../../helpers/interfaces';
import { parameterReader, pickField, type DataMode } from '../../helpers/parameters';
import { CUSTOM_PAYMENT_METHOD, paymentMethodOptions } from '../../helpers/paymentMethods';
import { ItemResults, type ItemError } from '../../helpers/results';
import { filledByAgent } from '../../helpers/tool';
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
import { callCinetPay, callOutcome, cinetPayError, findTransfers } from '../../transport';
import { codeInfo, DUPLICATE_TRANSFER_CODE } from '../../transport/codes';
import { itemCode, resultItems, SUCCESS_CODE } from '../../transport/envelope';
import {
	autoMapNotice,
	batchSizeOption,
	dataModeProperties,
	langOption,
	receiverProperties,
	timeoutOption,
} from '../common.descriptions';

const show = { resource: ['transfer'], operation: ['send'] };
const showDefineBelow = { ...show, dataMode: ['defineBelow'] };

/** In Map Each Field Below, the contact's fields are options with these names. */
const CONTACT_PARAMETERS = { name: 'contactName', surname: 'contactSurname', email: 'contactEmail' };

export const description: INodeProperties[] = [
	...dataModeProperties('transfer', 'send'),
	autoMapNotice(
		'transfer',
		'send',
		'prefix, phone and amount; optionally client_transaction_id and payment_method, and name, surname and email when "Add Contact" is on',
	),
	...receiverProperties(showDefineBelow, "The receiver's"),
	...filledByAgent(
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				'Whole amount in the currency of the receiver\'s country (XOF for 225). CinetPay takes more than 200 and less than 1,500,000 XOF per transfer.',
			displayOptions: { show: showDefineBelow },
		},
		'amount',
		'Amount to pay, a whole number in the currency of the receiver country (XOF for 225 and 221), more than 200 and less than 1500000',
		'number',
	),
	...filledByAgent(
		{
			displayName: 'Client Transaction ID',
			name: 'clientTransactionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. payout-2026-11-0042',
			description:
				'Your own unique ID for this transfer (up to 64 letters, digits, _ . : -). CinetPay refuses an ID it has seen (805), so an ID from your data (e.g. the payout row\'s ID) makes re-running a workflow safe. Empty: the node makes one per item, stable within this execution only.',
			displayOptions: { show: showDefineBelow },
		},
		'client_transaction_id',
		'A unique ID for this payout, up to 64 letters, digits, _ . : -, e.g. the invoice or payout ID it settles. Use the same ID again when retrying the same payout: CinetPay then refuses to pay it twice.',
	),
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/cinetpay',
		description:
			"CinetPay calls this URL when the transfer's status changes. Use the production URL of a CinetPay Transfer Trigger node to react to delivered and rejected transfers.",
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		// Alphabetical by display name, as n8n's guidelines want (lint cannot see into the shared
		// constants; test/node/descriptions.test.ts checks it).
		options: [
			{
				displayName: 'Add Contact',
				name: 'addContact',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the receivers to your CinetPay contacts before sending (CinetPay only pays contacts; one call per batch, existing contacts are fine)',
			},
			batchSizeOption,
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				placeholder: 'e.g. name@email.com',
				default: '',
				description: "With Add Contact: the receiver's e-mail address",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				placeholder: 'e.g. Kouassi',
				default: '',
				description: "With Add Contact: the receiver's last name",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			{
				displayName: 'Contact Surname',
				name: 'contactSurname',
				type: 'string',
				placeholder: 'e.g. Aya',
				default: '',
				description: "With Add Contact: the receiver's first name",
				displayOptions: { show: { '/dataMode': ['defineBelow'] } },
			},
			{
				displayName: 'Custom Payment Method',
				name: 'customPaymentMethod',
				type: 'string',
				default: '',
				placeholder: 'e.g. WAVECI',
				description:
					'With Payment Method "Custom…": the code CinetPay gave you for the operator. CinetPay refuses codes it does not know (811).',
				displayOptions: { show: { paymentMethod: [CUSTOM_PAYMENT_METHOD] } },
			},
			langOption,
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'options',
				options: paymentMethodOptions('v1'),
				default: '',
				description:
					"The operator CinetPay pays through. Automatic: CinetPay picks it from the number; choose Wave to pay a Wave wallet. In Map Automatically mode an item's own payment_method wins.",
			},
			timeoutOption,
		],
	},
];

interface SendContext {
	context: IExecuteFunctions;
	options: BatchOptions;
	results: ItemResults;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results = new ItemResults(this, items.length);
	const options = readBatchOptions(this);
	const addContact = Boolean(this.getNodeParameter('options.addContact', 0, false));
	const readTransfer = transferReader(this, addContact);

	const requests: TransferRequest[] = [];
	const itemByClientId = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const request = readTransfer(itemIndex);
			const id = request.payload.client_transaction_id;
			const earlier = itemByClientId.get(id);
			if (earlier !== undefined) {
				throw new FieldError(
					'clientTransactionId',
					`"${id}" is also the ID of item ${earlier + 1}; each transfer needs its own`,
				);
			}
			itemByClientId.set(id, itemIndex);
			requests.push(request);
		} catch (error) {
			results.failRead(itemIndex, error);
		}
	}
	// Without "continue on fail", one bad row stops the run before any money moves.
	if (results.hasFailures() && !this.continueOnFail()) throw results.firstFailure();

	const run: SendContext = { context: this, options, results };
	for (const batch of chunk(requests, options.batchSize)) {
		await sendBatch(run, addContact ? await withContacts(run, batch) : batch, true);
		if (results.hasFailures() && !this.continueOnFail()) break;
	}
	if (results.hasFailures() && !this.continueOnFail()) throw failureAfterSends(run, requests);
	return results.toOutput();
}

/** Reads and checks one item's transfer, from its fields or from the parameters. */
function transferReader(context: IExecuteFunctions, addContact: boolean) {
	const items = context.getInputData();
	const dataMode = context.getNodeParameter('dataMode', 0) as DataMode;
	const param = {
		prefix: parameterReader<string>(context, 'prefix', ''),
		phone: parameterReader<string>(context, 'phone', ''),
		amount: parameterReader<number | string>(context, 'amount', ''),
		clientTransactionId: parameterReader<string>(context, 'clientTransactionId', ''),
		name: parameterReader<string>(context, 'options.contactName', ''),
		surname: parameterReader<string>(context, 'options.contactSurname', ''),
		email: parameterReader<string>(context, 'options.contactEmail', ''),
	};
	const notifyUrl = parameterReader<string>(context, 'notifyUrl', '');
	const paymentMethod = parameterReader<string>(context, 'options.paymentMethod', '');
	const raw = (itemIndex: number, field: keyof typeof param): unknown =>
		dataMode === 'autoMapInputData'
			? pickField(items[itemIndex].json, field)
			: param[field](itemIndex);
	const defaultId = defaultClientTransactionIds(context);

	return (itemIndex: number): TransferRequest => {
		const prefix = validatePrefix(raw(itemIndex, 'prefix'));
		const phone = validatePhone(raw(itemIndex, 'phone'), prefix);
		const givenId = raw(itemIndex, 'clientTransactionId');
		const method =
			dataMode === 'autoMapInputData'
				? (pickField(items[itemIndex].json, 'paymentMethod') ?? paymentMethod(itemIndex))
				: paymentMethod(itemIndex);
		const payload: TransferPayload = {
			prefix,
			phone,
			amount: validateAmount(raw(itemIndex, 'amount'), prefix),
			notify_url: validateNotifyUrl(notifyUrl(itemIndex)),
			client_transaction_id:
				givenId === undefined || givenId === '' ? defaultId(itemIndex) : validateClientTransactionId(givenId),
		};
		const validMethod = validatePaymentMethod(method);
		if (validMethod) payload.payment_method = validMethod;
		if (!addContact) return { itemIndex, payload };
		const contact = validateContact(
			prefix,
			phone,
			{ name: raw(itemIndex, 'name'), surname: raw(itemIndex, 'surname'), email: raw(itemIndex, 'email') },
			dataMode === 'autoMapInputData' ? undefined : CONTACT_PARAMETERS,
		);
		return { itemIndex, payload, contact };
	};
}

/**
 * Default client_transaction_id: the same for an item on every try of this node in this execution
 * (so n8n's "Retry On Fail" meets CinetPay's 805 instead of paying twice), different in the next
 * execution (so a workflow that pays the same receiver every week still pays). The run index keeps
 * apart the batches of a loop that runs this node several times in one execution.
 */
function defaultClientTransactionIds(context: IExecuteFunctions): (itemIndex: number) => string {
	const executionId = String(context.getExecutionId() ?? '').replace(/[^A-Za-z0-9]/g, '') || 'manual';
	// Read from the data proxy, not with evaluateExpression('{{ $runIndex }}'): n8n 2.x compiles
	// and runs every expression in an isolate, about 30 ms for this one on each run of the node.
	const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
	const nodeId = String(context.getNode().id ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'node';
	return (itemIndex) => `n8n-${executionId}-${nodeId}-${runIndex}-${itemIndex}`;
}

/** Makes the receivers of a batch contacts first; an item whose contact fails is not sent. */
async function withContacts(run: SendContext, batch: TransferRequest[]): Promise<TransferRequest[]> {
	const outcomes = await addContacts(
		run.context,
		batch.map((request) => ({ itemIndex: request.itemIndex, payload: request.contact! })),
		run.options,
	);
	return batch.filter((request) => {
		const outcome = outcomes.get(request.itemIndex);
		if (outcome && 'contact' in outcome) return true;
		run.results.fail(request.itemIndex, outcome?.error ?? missingResult(run, request), {
			clientTransactionId: request.payload.client_transaction_id,
			cinetPayOutcome: 'not-sent',
		});
		return false;
	});
}

/**
 * Sends one batch and settles every item of it. A call whose outcome is unknown (connection
 * dropped, timeout, 5xx) is never simply repeated: its transfers are looked up by
 * client_transaction_id first, and only those CinetPay does not know are sent again, once, with
 * the same IDs — so CinetPay itself refuses a second payout (805) if the first one lands late.
 */
async function sendBatch(run: SendContext, batch: TransferRequest[], mayResend: boolean): Promise<void> {
	if (batch.length === 0) return;
	const { context, options, results } = run;
	let envelope;
	try {
		envelope = await callCinetPay.call(context, {
			endpoint: 'sendMoney',
			data: batch.map((request) => request.payload),
			lang: options.lang,
			timeoutMs: options.timeoutMs,
		});
	} catch (error) {
		if (callOutcome(error) === 'unknown') {
			await reconcile(run, batch, error as ItemError, mayResend);
		} else {
			for (const request of batch) failItem(run, request, error as ItemError, 'not-sent');
		}
		return;
	}

	if (envelope.code !== SUCCESS_CODE) {
		// One transfer of the batch exists already, or one item is refused and CinetPay refused the
		// whole call for it: nothing of this call was created, so sort it out item by item.
		const perItem = codeInfo(envelope.code)?.perItem || envelope.code === DUPLICATE_TRANSFER_CODE;
		if (perItem && batch.length > 1) {
			for (const request of batch) await sendBatch(run, [request], mayResend);
		} else if (envelope.code === DUPLICATE_TRANSFER_CODE) {
			await settleDuplicate(run, batch[0]);
		} else {
			const error = cinetPayError(context, envelope);
			for (const request of batch) failItem(run, request, error, 'not-sent');
		}
		return;
	}

	const resultList = resultItems(envelope.data);
	const byClientId = new Map(resultList.map((result) => [String(result.client_transaction_id), result]));
	const unanswered: TransferRequest[] = [];
	for (const [position, request] of batch.entries()) {
		const result =
			byClientId.get(request.payload.client_transaction_id) ??
			(resultList.length === batch.length ? resultList[position] : undefined);
		if (!result) {
			unanswered.push(request);
			continue;
		}
		const code = itemCode(result);
		if (code === SUCCESS_CODE) {
			results.succeed(request.itemIndex, transferJson(request.payload, result, { duplicate: false }));
		} else if (code === DUPLICATE_TRANSFER_CODE) {
			await settleDuplicate(run, request);
		} else {
			failItem(run, request, cinetPayError(context, { ...result, code, message: String(result.message ?? '') }), 'not-sent');
		}
	}
	if (unanswered.length > 0) {
		const missing = missingResult(run, unanswered[0]);
		await reconcile(run, unanswered, missing, mayResend);
	}
}

/**
 * After a send with no clear answer: what CinetPay has is reported as sent, the rest is sent again
 * once (same IDs) or, after the second try, reported as unknown with how to check it.
 */
async function reconcile(
	run: SendContext,
	batch: TransferRequest[],
	cause: ItemError,
	mayResend: boolean,
): Promise<void> {
	const missing: TransferRequest[] = [];
	for (const request of batch) {
		const found = await lookUp(run, request);
		if (found === 'failed') {
			failItem(run, request, unknownOutcome(run, request, cause), 'unknown');
		} else if (found) {
			settleExisting(run, request, found, { recovered: true });
		} else {
			missing.push(request);
		}
	}
	if (missing.length === 0) return;
	if (mayResend) {
		await sendBatch(run, missing, false);
	} else {
		for (const request of missing) failItem(run, request, unknownOutcome(run, request, cause), 'unknown');
	}
}

/** 805: the transfer exists. Report it as it stands at CinetPay, not as a new payout. */
async function settleDuplicate(run: SendContext, request: TransferRequest): Promise<void> {
	const found = await lookUp(run, request);
	if (found && found !== 'failed') {
		settleExisting(run, request, found, {});
		return;
	}
	const error = cinetPayError(run.context, {
		code: DUPLICATE_TRANSFER_CODE,
		message: 'CLIENT_TRANSACTION_ID_EXIST',
		description: 'CinetPay says this client transaction ID exists but could not show the transfer',
	});
	failItem(run, request, error, 'not-sent');
}

function settleExisting(run: SendContext, request: TransferRequest, found: IDataObject, extra: IDataObject) {
	if (!isSameTransfer(found, request.payload)) {
		const error = new NodeOperationError(
			run.context.getNode(),
			`Client transaction ID "${request.payload.client_transaction_id}" belongs to another transfer at CinetPay`,
			{
				description: `That transfer went to ${String(found.receiver_e164 ?? found.receiver ?? '?')} for ${String(found.amount ?? '?')}; this item asks for ${request.payload.prefix} ${request.payload.phone}, ${request.payload.amount}. Nothing was sent for this item: give it a new, unique client transaction ID.`,
			},
		);
		failItem(run, request, error, 'not-sent');
		return;
	}
	run.results.succeed(request.itemIndex, transferJson(request.payload, found, { duplicate: true, ...extra }));
}

/** The transfer CinetPay holds under this item's client_transaction_id, if any. */
async function lookUp(run: SendContext, request: TransferRequest): Promise<IDataObject | undefined | 'failed'> {
	try {
		const found = await findTransfers.call(run.context, 'client_transaction_id', request.payload.client_transaction_id, {
			lang: run.options.lang,
			timeoutMs: run.options.timeoutMs,
		});
		return found[0];
	} catch {
		return 'failed';
	}
}

function isSameTransfer(found: IDataObject, payload: TransferPayload): boolean {
	if (found.amount !== undefined && found.amount !== null && Number(found.amount) !== payload.amount) return false;
	if (typeof found.receiver_e164 === 'string' && found.receiver_e164 !== '') {
		return found.receiver_e164.replace(/^\+/, '') === `${payload.prefix}${payload.phone}`;
	}
	if (typeof found.receiver === 'string' && found.receiver !== '') {
		return found.receiver.endsWith(payload.phone) || payload.phone.endsWith(found.receiver);
	}
	return true;
}

/** One shape for every sent item, whether CinetPay answered the send or the lookup. */
function transferJson(payload: TransferPayload, source: IDataObject, flags: IDataObject): IDataObject {
	// The item's own code/status/message describe CinetPay's answer, not the transfer.
	const fields = { ...source };
	delete fields.code;
	delete fields.status;
	delete fields.message;
	return {
		...fields,
		transaction_id: source.transaction_id,
		client_transaction_id: payload.client_transaction_id,
		lot: source.lot,
		treatment_status: source.treatment_status ?? 'NEW',
		prefix: payload.prefix,
		phone: payload.phone,
		amount: payload.amount,
		notify_url: payload.notify_url,
		...flags,
	};
}

function failItem(run: SendContext, request: TransferRequest, error: ItemError, outcome: 'not-sent' | 'unknown') {
	run.results.fail(request.itemIndex, error, {
		clientTransactionId: request.payload.client_transaction_id,
		cinetPayOutcome: outcome,
	});
}

function unknownOutcome(run: SendContext, request: TransferRequest, cause: ItemError): NodeApiError {
	const id = request.payload.client_transaction_id;
	return new NodeApiError(
		run.context.getNode(),
		{ message: cause.message },
		{
			message: `Outcome unknown for transfer "${id}": ${cause.message}`,
			description: `Money may have moved: CinetPay neither confirmed nor denied this transfer. Check it with Transfer → Get by client transaction ID "${id}" before doing anything else. Sending it again with the same client transaction ID is safe: CinetPay refuses a second transfer with it (805).`,
		},
	);
}

function missingResult(run: SendContext, request: TransferRequest): NodeApiError {
	return cinetPayError(run.context, {
		code: '-1',
		message: 'OPERATION_ERROR',
		description: `CinetPay's answer had no result for "${request.payload.client_transaction_id}"`,
	});
}

/**
 * Without "continue on fail" the node stops at the first failed item. Transfers of earlier items
 * may have been sent already: say which, so nobody re-runs the whole execution and pays twice.
 */
function failureAfterSends(run: SendContext, requests: TransferRequest[]): ItemError {
	const first = run.results.firstFailure();
	const sent = requests.filter((request) => run.results.succeeded(request.itemIndex));
	if (sent.length === 0) return first;
	const ids = sent.map((request) => request.payload.client_transaction_id);
	const shown = ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length - 20} more)` : '');
	first.description = `${first.description ?? ''}\n\n${sent.length} transfer(s) of this run WERE sent before this error (client transaction IDs: ${shown}). Do not re-run the whole execution: it would send them again under new IDs. Turn on "Continue On Fail" to get one result per item, or give items your own client transaction IDs so a re-run is refused by CinetPay (805).`.trim();
	first.context.sentClientTransactionIds = ids;
	return first;
}
