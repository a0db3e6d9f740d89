/**
 * Where an item's outcome is decided, for both platforms: `sent`, `not-sent` or `unknown`.
 * This is the only file that says `not-sent` about a transfer CinetPay was asked to make (items
 * refused before any call by validation are the readers' to fail), and it says so only when the
 * item's ID cannot already be held (run.ts mayBeHeld): a refusal, or a lookup that finds nothing,
 * proves nothing about a transfer an earlier call, try or execution may have made under that ID.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addFacts, factsOf, unknownOutcomeError, type ItemError } from '../transport/shared/errors';
import type { HeldTransfer, PayoutItem, PayoutPlatform } from './platform';
import type { PayoutRun } from './run';

/**
 * A transfer CinetPay holds under the item's ID (its send's answer, or a lookup's find). A
 * default ID was drawn by this execution: whatever CinetPay holds under it is this item's,
 * however CinetPay writes its amount or receiver. The user's own ID may have paid something else
 * before: it is this item's only when amount and receiver match, and `unknown` otherwise.
 */
export function settleHeld(
	run: PayoutRun,
	platform: PayoutPlatform,
	item: PayoutItem,
	transfer: IDataObject,
	flags: IDataObject,
): void {
	const held = platform.held(transfer);
	if (!item.ownId || isSameTransfer(held, item)) {
		run.results.succeed(item.itemIndex, platform.sentJson(item, transfer, flags));
		return;
	}
	const error = new NodeOperationError(
		run.context.getNode(),
		`Transfer ID "${item.id}" belongs to another transfer at CinetPay, or to this one written differently`,
		{
			itemIndex: item.itemIndex,
			description: `CinetPay holds a transfer under this ID to ${String(held.receiver ?? '?')} for ${String(held.amount ?? '?')}; this item asks for +${item.receiver}, ${item.amount}. It may be this item's, written differently, or an earlier payout that used the same ID. ${platform.texts.checkOne(item.id)}`,
		},
	);
	fail(run, item, error, 'unknown');
}

/**
 * CinetPay refused to make this item's transfer, or the run never sent it. `not-sent` — unless the
 * ID may already be held, and then `unknown`: this is the one place where that rule is kept.
 */
export function settleRefused(
	run: PayoutRun,
	platform: PayoutPlatform,
	item: PayoutItem,
	refusal: ItemError,
): void {
	if (!run.mayBeHeld(item)) {
		fail(run, item, refusal, 'not-sent');
		return;
	}
	const error = new NodeOperationError(
		run.context.getNode(),
		`Not sent by this call, but "${item.id}" may have been sent before: ${refusal.message}`,
		{
			itemIndex: item.itemIndex,
			description: `${refusal.description ? `${refusal.description}\n\n` : ''}This says nothing of a transfer made earlier under the same ID (${heldBecause(run, item)}), and CinetPay did not show one. ${platform.texts.checkOne(item.id)}`,
		},
	);
	const { code, status } = factsOf(refusal);
	fail(run, item, addFacts(error, { code, status }), 'unknown');
}

/** Nobody can tell whether the transfer was made: `unknown`, with how to check it. */
export function settleUnknown(
	run: PayoutRun,
	platform: PayoutPlatform,
	item: PayoutItem,
	why: string,
	cause: ItemError,
): void {
	const error = unknownOutcomeError(run.context, item.id, why, platform.texts.checkOne(item.id));
	const { code, status } = factsOf(cause);
	fail(run, item, addFacts(error, { code, status }), 'unknown');
}

/** Items this run never sent, because it stopped sending (see run.ts stoppedBecause). */
export function settleUnsent(
	run: PayoutRun,
	platform: PayoutPlatform,
	items: PayoutItem[],
	reason: string,
): void {
	for (const item of items) {
		const error = new NodeOperationError(run.context.getNode(), `Not sent: ${reason}`, {
			itemIndex: item.itemIndex,
			description:
				'The node stopped sending so as not to add transfers whose outcome nobody could tell. Nothing was sent for this item by this run: run it again once the other transfers are checked.',
		});
		settleRefused(run, platform, item, error);
	}
}

function heldBecause(run: PayoutRun, item: PayoutItem): string {
	if (item.ownId) return 'it is your own ID, which an earlier execution may have used';
	if (item.itemIndex <= run.earlier.attemptedUpTo)
		return 'an earlier try of this execution sent it';
	return 'an earlier call of this run sent it without a clear answer';
}

export function fail(
	run: PayoutRun,
	item: PayoutItem,
	error: ItemError,
	outcome: 'not-sent' | 'unknown',
): void {
	run.noteItemFailed();
	run.results.fail(item.itemIndex, error, { clientTransactionId: item.id, outcome }, item.echo);
}

/**
 * Whether a transfer CinetPay holds is the one this item asks for. CinetPay writes amounts as
 * numbers or text ("1 000", "1000 XOF", "1000.00"), sometimes fee included, and receivers with or
 * without the country code, "+" or "00"; an unknown value does not contradict.
 */
export function isSameTransfer(held: HeldTransfer, item: PayoutItem): boolean {
	const amount = heldAmount(held.amount);
	if (amount !== undefined && amount !== item.amount) {
		const fee = heldAmount(held.fee);
		if (fee === undefined || amount !== item.amount + fee) return false;
	}
	const digits = String(held.receiver ?? '').replace(/\D/g, '');
	// "00" is an international prefix only before a full international number.
	const receiver = /^00\d{9,}$/.test(digits) ? digits.slice(2) : digits;
	if (receiver === '') return true;
	const [shorter, longer] =
		receiver.length <= item.receiver.length ? [receiver, item.receiver] : [item.receiver, receiver];
	// Côte d'Ivoire's 8-digit numbers from before 2021 are the last 8 digits of today's 10.
	return shorter.length >= 8 && longer.endsWith(shorter);
}

function heldAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d[\d\s\u00a0\u202f]*)(?:[.,](\d+))?/.exec(value);
	if (!match) return undefined;
	return Number(`${match[1].replace(/\D/g, '')}.${match[2] ?? '0'}`);
}
