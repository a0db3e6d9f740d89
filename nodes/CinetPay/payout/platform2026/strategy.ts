/**
 * The 2026 platform's part of the payout protocol (platform.ts): one call per transfer, Sends In
 * Flight of them under way at once, and what facts.ts knows of CinetPay's answers: whether a
 * transfer can be found by the merchant's ID (MERCHANT_LOOKUP_2026; not known today, so a lost
 * answer cannot be checked) and whether a second send with one ID is refused or answered with the
 * existing transfer (DUPLICATE_GUARD_2026; not known today, so a lost answer is never resent: if
 * CinetPay took a reused ID as a new transfer, a resend would pay twice).
 */
import type { IDataObject } from 'n8n-workflow';

import type { TransportContext } from '../../transport/shared/authenticatedCall';
import type { CallGate } from '../../transport/shared/throttle';
import { callOutcome, type ItemError } from '../../transport/shared/errors';
import {
	cinetPay2026Error,
	DUPLICATE_GUARD_2026,
	findTransferByMerchantId2026,
	MERCHANT_LOOKUP_2026,
	normalizeTransfer2026,
	send2026Meaning,
	sendTransfer2026,
	type Answer2026,
	type Send2026Payload,
} from '../../transport/platform2026';
import { sentItemJson } from '../output';
import type { LookupAnswer, PayoutItem, PayoutPlatform, SendAnswer } from '../platform';
import type { PayoutRun } from '../run';

export type Item2026 = PayoutItem<Send2026Payload>;

/** Sends in flight at once, unless the operation says otherwise. */
export const DEFAULT_SENDS_IN_FLIGHT_2026 = 4;

/** A 2026 transfer, from the operation's checked request. */
export function item2026(request: {
	itemIndex: number;
	payload: Send2026Payload;
	prefix: string;
	phone: string;
	ownId: boolean;
}): Item2026 {
	const { payload } = request;
	return {
		itemIndex: request.itemIndex,
		id: payload.merchant_transaction_id,
		ownId: request.ownId,
		amount: payload.amount,
		receiver: payload.phone_number.replace(/\D/g, ''),
		payload,
		echo: { prefix: request.prefix, phone: request.phone, amount: payload.amount },
	};
}

export class Payout2026 implements PayoutPlatform<Send2026Payload> {
	constructor(
		private readonly context: TransportContext,
		private readonly options: {
			inFlight: number;
			timeoutMs: number;
			/** The account's gate: after a 429 it lets fewer calls go at once (shared/throttle.ts). */
			gate?: CallGate;
		},
	) {}

	get resendIsSafe(): boolean {
		return DUPLICATE_GUARD_2026 !== 'unknown';
	}

	get texts() {
		const canLookUp = MERCHANT_LOOKUP_2026 !== 'none';
		return {
			checkOne: (id: string) =>
				canLookUp
					? `Check it with Transfer → Get by merchant transaction ID "${id}" before doing anything else. Do not send it again under another ID.`
					: `CinetPay's 2026 platform cannot look a transfer up by your ID: check transfer "${id}" in your CinetPay dashboard (or by its transaction ID with Transfer → Get, if a notification brought it) before doing anything else. Do not send it again under another ID.`,
			checkAll: canLookUp
				? 'Check each with Transfer → Get by merchant transaction ID.'
				: 'The 2026 platform cannot look a transfer up by your ID: check each in your CinetPay dashboard before doing anything else.',
			rerun:
				'Do not re-run the whole execution: it would send them again under new IDs, and on this platform even your own IDs are not known to be refused a second time. Turn on "Continue On Fail" (or "Continue (using error output)") to get one result per item.',
		};
	}

	calls(items: Item2026[]): Item2026[][] {
		return items.map((item) => [item]);
	}

	inFlight(): number {
		return this.options.gate?.limitFor(this.options.inFlight) ?? this.options.inFlight;
	}

	async send(_run: PayoutRun, items: Item2026[]): Promise<SendAnswer[]> {
		return await Promise.all(items.map(async (item) => await this.sendOne(item)));
	}

	/** One send call: only an error proving the call never left (no connection, failed login) is a refusal. */
	private async sendOne(item: Item2026): Promise<SendAnswer> {
		let answer: Answer2026;
		try {
			answer = await sendTransfer2026.call(this.context, item.payload, {
				timeoutMs: this.options.timeoutMs,
			});
		} catch (error) {
			const cause = error as ItemError;
			return callOutcome(cause) === 'not-sent'
				? { kind: 'refused', error: cause }
				: { kind: 'lost', cause };
		}
		const hasId =
			typeof answer.body.transaction_id === 'string' && answer.body.transaction_id !== '';
		const meaning = send2026Meaning(answer.code, answer.httpStatus, hasId);
		if (meaning === 'accepted')
			return { kind: 'accepted', transfer: normalizeTransfer2026(answer.body as IDataObject) };
		const error = cinetPay2026Error(this.context, answer, item.itemIndex);
		if (meaning === 'refused') return { kind: 'refused', error };
		if (meaning === 'exists') return { kind: 'exists', cause: error };
		return { kind: 'lost', cause: error };
	}

	async lookUp(_run: PayoutRun, item: Item2026, budgetMs: number): Promise<LookupAnswer> {
		if (MERCHANT_LOOKUP_2026 === 'none') return { kind: 'cannot' };
		const found = await findTransferByMerchantId2026.call(this.context, item.id, {
			lookup: MERCHANT_LOOKUP_2026,
			timeoutMs: Math.min(budgetMs, this.options.timeoutMs),
			retry: false,
		});
		if (!found) return { kind: 'cannot' };
		return found.found ? { kind: 'found', transfer: found.transfer } : { kind: 'missing' };
	}

	held(transfer: IDataObject) {
		const user = transfer.user as IDataObject | undefined;
		return {
			amount: transfer.amount,
			fee: transfer.fee,
			receiver: transfer.phone_number ?? user?.phone_number,
		};
	}

	sentJson(item: Item2026, transfer: IDataObject, flags: IDataObject): IDataObject {
		const { payload } = item;
		return sentItemJson(
			{
				...transfer,
				merchant_transaction_id: payload.merchant_transaction_id,
				currency: transfer.currency ?? payload.currency,
				payment_method: transfer.payment_method ?? payload.payment_method,
				phone_number: transfer.phone_number ?? payload.phone_number,
			},
			{
				transaction_id: transfer.transaction_id,
				client_transaction_id: payload.merchant_transaction_id,
				treatment_status: transfer.status,
				prefix: String(item.echo.prefix),
				phone: String(item.echo.phone),
				amount: payload.amount,
				currency: payload.currency,
				notify_url: payload.notify_url ?? null,
			},
			flags,
		);
	}
}
