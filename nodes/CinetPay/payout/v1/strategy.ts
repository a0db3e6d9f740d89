/**
 * The transfer API v1's part of the payout protocol (platform.ts): batches of up to Batch Size
 * transfers per call (CinetPay takes a list), each batch's receivers made contacts first when
 * "Add Contact" is on (the protocol's preparation: the next batch's contact call goes while this
 * batch's send is out), lookups by client transaction ID, and CinetPay's 805: a second transfer with
 * one ID is refused, so a resend after a lost answer is safe.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../helpers/batching';
import { addContacts } from '../../helpers/contacts';
import type { ContactPayload, TransferPayload } from '../../helpers/interfaces';
import type { OperationOptions } from '../../helpers/options';
import { callCinetPay, findTransfers } from '../../transport/v1';
import type { ItemError } from '../../transport/shared/errors';
import { sentTransferJson } from '../output';
import type { LookupAnswer, PayoutItem, PayoutPlatform, SendAnswer } from '../platform';
import type { PayoutRun } from '../run';
import { answersOf, noResultError, refusedForOneItem, type SendReply } from './answers';

export type V1Item = PayoutItem<TransferPayload>;

/** A v1 transfer, from the operation's checked request. */
export function v1Item(request: {
	itemIndex: number;
	payload: TransferPayload;
	ownId?: boolean;
}): V1Item {
	const { payload } = request;
	return {
		itemIndex: request.itemIndex,
		id: payload.client_transaction_id,
		ownId: request.ownId === true,
		amount: payload.amount,
		receiver: `${payload.prefix}${payload.phone}`,
		payload,
		echo: { prefix: payload.prefix, phone: payload.phone, amount: payload.amount },
	};
}

export const V1_TEXTS = {
	checkOne: (id: string) =>
		`Check it with Transfer → Get by client transaction ID "${id}" before doing anything else. Sending it again with the same client transaction ID is safe: CinetPay refuses a second transfer with it (805).`,
	checkAll: 'Check each with Transfer → Get by client transaction ID.',
	rerun:
		'Do not re-run the whole execution: it would send them again under new IDs. Turn on "Continue On Fail" (or "Continue (using error output)") to get one result per item, or give items your own client transaction IDs so a re-run is refused by CinetPay (805).',
};

export class V1Payout implements PayoutPlatform<TransferPayload> {
	readonly resendIsSafe = true;

	readonly texts = V1_TEXTS;

	/** Items whose receiver was made a contact by this run's preparation of their call. */
	private readonly contactsMade = new Set<number>();

	/** Items whose contact CinetPay refused: they are not sent, and answered with the refusal. */
	private readonly contactRefusals = new Map<number, ItemError>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly options: OperationOptions,
		/** With "Add Contact": each item's contact, by item index. */
		private readonly contacts?: Map<number, ContactPayload>,
	) {}

	calls(items: V1Item[]): V1Item[][] {
		return chunk(items, this.options.batchSize);
	}

	inFlight(): number {
		return 1;
	}

	/** "Add Contact": the receivers made contacts first (adding one twice is harmless: 726). */
	async prepare(_run: PayoutRun, items: V1Item[]): Promise<void> {
		const needed = items.filter(
			(item) =>
				this.contacts?.has(item.itemIndex) &&
				!this.contactsMade.has(item.itemIndex) &&
				!this.contactRefusals.has(item.itemIndex),
		);
		if (needed.length === 0) return;
		const outcomes = await addContacts(
			this.context,
			needed.map((item) => ({
				itemIndex: item.itemIndex,
				payload: this.contacts!.get(item.itemIndex)!,
			})),
			this.options,
		);
		for (const item of needed) {
			const outcome = outcomes.get(item.itemIndex);
			if (outcome && 'added' in outcome) this.contactsMade.add(item.itemIndex);
			else
				this.contactRefusals.set(
					item.itemIndex,
					outcome?.error ?? noResultError(this.context, item),
				);
		}
	}

	/** An item whose contact was refused is not sent: its answer is that refusal. */
	async send(_run: PayoutRun, items: V1Item[]): Promise<SendAnswer[]> {
		const toSend = items.filter((item) => !this.contactRefusals.has(item.itemIndex));
		const sent = toSend.length > 0 ? await this.sendBatch(toSend) : [];
		let position = 0;
		return items.map((item): SendAnswer => {
			const refusal = this.contactRefusals.get(item.itemIndex);
			return refusal ? { kind: 'refused', error: refusal } : sent[position++];
		});
	}

	/** One call for the batch; one call per item when CinetPay refused it for one item. */
	private async sendBatch(items: V1Item[]): Promise<SendAnswer[]> {
		const reply = await this.callSend(items);
		if (items.length > 1 && 'envelope' in reply && refusedForOneItem(reply.envelope)) {
			// Nothing of the call was created: each item alone gets its own answer. Safe even if some
			// had been: they keep their client transaction IDs, and CinetPay answers 805 for those.
			const alone: SendAnswer[] = [];
			for (const item of items)
				alone.push(...answersOf(this.context, [item], await this.callSend([item])));
			return alone;
		}
		return answersOf(this.context, items, reply);
	}

	private async callSend(items: V1Item[]): Promise<SendReply> {
		try {
			const envelope = await callCinetPay.call(this.context, {
				endpoint: 'sendMoney',
				data: items.map((item) => item.payload),
				lang: this.options.lang,
				timeoutMs: this.options.timeoutMs,
			});
			return { envelope };
		} catch (error) {
			return { error: error as ItemError };
		}
	}

	async lookUp(_run: PayoutRun, item: V1Item, budgetMs: number): Promise<LookupAnswer> {
		const found = await findTransfers.call(this.context, 'client_transaction_id', item.id, {
			lang: this.options.lang,
			timeoutMs: budgetMs,
			// A read that failed is not retried: after a lost answer, time matters more than one
			// more try, and the item is reported as unknown with how to check it.
			retry: false,
		});
		return found.length > 0 ? { kind: 'found', transfer: found[0] } : { kind: 'missing' };
	}

	held(transfer: IDataObject) {
		return {
			amount: transfer.amount,
			fee: transfer.fee,
			receiver: transfer.receiver_e164 ?? transfer.receiver,
		};
	}

	sentJson(item: V1Item, transfer: IDataObject, flags: IDataObject): IDataObject {
		return sentTransferJson(item.payload, transfer, flags);
	}
}
