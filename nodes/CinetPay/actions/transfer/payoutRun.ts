/**
 * One run of Transfer → Send: its options, where its items' results go, and its budget for
 * checking transfers after unclear answers. Also the steps around a batch: making its receivers
 * contacts first, and failing what is never sent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationOptions } from '../../helpers/options';
import { addContacts } from '../../helpers/contacts';
import type { TransferRequest } from '../../helpers/interfaces';
import type { ItemResults } from '../../helpers/results';
import { cinetPayError, type ItemError, type SendOutcome } from '../../transport/errors';
import { attemptedUpTo, noteAttempted } from './executionMemory';
import { transferEcho } from './transferOutput';

export interface PayoutOptions extends OperationOptions {
	/** How long, from the first unclear answer, the run may spend looking transfers up. */
	checkDeadlineMs: number;
}

/** One run of Transfer → Send: where its items' results go, and its lookup budget. */
export class PayoutRun {
	/** When lookups must stop; set at the first unclear answer. */
	private checkDeadline: number | undefined;

	/** CinetPay let a lookup time out: it is not answering, later lookups would not fare better. */
	private lookupsStopped = false;

	private readonly runIndex: number;

	/** The highest item index an earlier try of this execution put on the wire. */
	private readonly earlierAttempts: number;

	constructor(
		readonly context: IExecuteFunctions,
		readonly options: PayoutOptions,
		readonly results: ItemResults,
	) {
		this.runIndex = Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
		this.earlierAttempts = attemptedUpTo(context, this.runIndex);
	}

	/**
	 * Whether CinetPay may hold a transfer under this item's client transaction ID from before this
	 * try: the ID is the user's own (an earlier run may have used it), or an earlier try of this
	 * execution sent it. A refusal or a silence then says nothing about that transfer.
	 */
	mayBeHeld(request: TransferRequest): boolean {
		return request.ownId === true || request.itemIndex <= this.earlierAttempts;
	}

	/** Records, before the call leaves, that these items were attempted (for later tries). */
	noteAttempt(requests: TransferRequest[]): void {
		const last = Math.max(...requests.map((request) => request.itemIndex));
		noteAttempted(this.context, this.runIndex, last);
	}

	/** Whether more transfers may be sent: not while CinetPay leaves earlier ones unanswered. */
	get maySend(): boolean {
		return !this.lookupsStopped && !this.pastCheckDeadline();
	}

	startCheckClock(): void {
		this.checkDeadline ??= Date.now() + this.options.checkDeadlineMs;
	}

	/** Milliseconds a lookup may still take, or 0 when lookups must stop. */
	lookupBudgetMs(): number {
		if (this.lookupsStopped || this.checkDeadline === undefined) return 0;
		return Math.min(this.options.timeoutMs, Math.max(this.checkDeadline - Date.now(), 0));
	}

	stopLookups(): void {
		this.lookupsStopped = true;
	}

	private pastCheckDeadline(): boolean {
		return this.checkDeadline !== undefined && Date.now() >= this.checkDeadline;
	}

	/** Records a failed item, with its client transaction ID and what happened to its transfer. */
	fail(request: TransferRequest, error: ItemError, outcome: SendOutcome): void {
		this.results.fail(
			request.itemIndex,
			error,
			{ clientTransactionId: request.payload.client_transaction_id, outcome },
			transferEcho(request.payload),
		);
	}

	/** CinetPay's answer left this item out. */
	noResultError(request: TransferRequest): ItemError {
		return cinetPayError(this.context, {
			code: '-1',
			message: 'OPERATION_ERROR',
			description: `CinetPay's answer had no result for "${request.payload.client_transaction_id}"`,
		});
	}
}

/** Makes the receivers of a batch contacts first; an item whose contact fails is not sent. */
export async function withContacts(
	run: PayoutRun,
	batch: TransferRequest[],
): Promise<{
	send: TransferRequest[];
	refused: Array<{ request: TransferRequest; error: ItemError }>;
}> {
	const outcomes = await addContacts(
		run.context,
		batch.map((request) => ({ itemIndex: request.itemIndex, payload: request.contact! })),
		run.options,
	);
	const send: TransferRequest[] = [];
	const refused: Array<{ request: TransferRequest; error: ItemError }> = [];
	for (const request of batch) {
		const outcome = outcomes.get(request.itemIndex);
		if (outcome && 'contact' in outcome) {
			send.push(request);
			continue;
		}
		const error = outcome?.error ?? run.noResultError(request);
		// Not sent by this run; but CinetPay may hold the ID from before: the protocol checks it.
		if (run.mayBeHeld(request)) refused.push({ request, error });
		else run.fail(request, error, 'not-sent');
	}
	return { send, refused };
}

/**
 * Items this try never sent because CinetPay stopped answering earlier in the run: not sent, unless
 * CinetPay may hold their ID from before (see mayBeHeld) — then nobody can say without asking.
 */
export function failUnsent(run: PayoutRun, requests: TransferRequest[]): void {
	const why =
		'The node stopped sending once CinetPay left transfers of this run without an answer, so as not to add more transfers whose outcome is unknown.';
	for (const request of requests) {
		const id = request.payload.client_transaction_id;
		if (run.mayBeHeld(request)) {
			const error = new NodeOperationError(
				run.context.getNode(),
				`Not sent by this run, but "${id}" may have been sent before: CinetPay stopped answering earlier in this run`,
				{
					description: `${why} This item's client transaction ID may already be at CinetPay (${request.ownId ? 'your own ID, perhaps used by an earlier run' : 'an earlier try of this execution sent it'}): check it with Transfer → Get by client transaction ID "${id}". Sending it again with the same ID is safe: CinetPay refuses a second transfer with it (805).`,
				},
			);
			run.fail(request, error, 'unknown');
		} else {
			const error = new NodeOperationError(
				run.context.getNode(),
				'Not sent: CinetPay stopped answering earlier in this run',
				{
					description: `${why} Nothing was sent for this item: run it again once the unknown transfers are checked.`,
				},
			);
			run.fail(request, error, 'not-sent');
		}
	}
}
