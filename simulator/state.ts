/**
 * The merchant account: contacts, transfers (with the indexes the API looks them up by) and the
 * transfer balance. Every operation here is O(1) or O(size of its result), so a run with thousands
 * of transfers stays fast.
 */
import type { BalanceState, ContactState, TransferState, TreatmentStatus } from './types';

/** The `comment` of a transfer at each stage; VAL's wording is the doc's example. */
export const COMMENTS = {
	new: { fr: 'Transfert en attente de traitement', en: 'Transfer waiting to be processed' },
	awaitingConfirmation: {
		fr: 'Transfert en attente de confirmation ou de rejet',
		en: 'Transfer waiting for confirmation or rejection',
	},
	processing: { fr: 'Transfert en cours de traitement', en: 'Transfer being processed' },
	done: { fr: 'Transfert effectué avec succès', en: 'Transfer completed successfully' },
	rejectedByOperator: {
		fr: "Transfert rejeté par l'opérateur",
		en: 'Transfer rejected by the operator',
	},
	rejectedByMerchant: {
		fr: 'Transfert rejeté par le marchand',
		en: 'Transfer rejected by the merchant',
	},
	rejected: { fr: 'Transfert rejeté', en: 'Transfer rejected' },
} as const;

export type CommentKey = keyof typeof COMMENTS;

/**
 * A transfer as the simulator keeps it: TransferState's fields, with times in ms and the comment
 * as a key (TransferState is derived from it by toTransferState).
 */
export interface TransferRecord
	extends Omit<TransferState, 'receiverE164' | 'comment' | 'createdAt' | 'updatedAt'> {
	commentKey: CommentKey;
	createdAtMs: number;
	updatedAtMs: number;
	/** Bumped on every change, so a stale auto-advance entry can be recognised and skipped. */
	version: number;
	/** What check/money showed from each moment on (for the readLagMs variant), oldest first. */
	revisions: TransferRevision[];
}

/** The fields of a transfer that change over its life, as they were from `atMs` on. */
export interface TransferRevision
	extends Pick<
		TransferRecord,
		'treatmentStatus' | 'sendingStatus' | 'transferValid' | 'commentKey' | 'validatedAt'
	> {
	atMs: number;
}

/** Records the transfer's current visible fields as a revision, from now on. */
export function recordRevision(t: TransferRecord, atMs: number): void {
	t.revisions.push({
		atMs,
		treatmentStatus: t.treatmentStatus,
		sendingStatus: t.sendingStatus,
		transferValid: t.transferValid,
		commentKey: t.commentKey,
		validatedAt: t.validatedAt,
	});
}

/** The transfer's visible fields as they were at `atMs` (the creation ones before that). */
export function revisionAt(t: TransferRecord, atMs: number): TransferRevision {
	let found = t.revisions[0];
	for (const revision of t.revisions) {
		if (revision.atMs > atMs) break;
		found = revision;
	}
	return found;
}

export type ContactRecord = ContactState;

export function contactKey(prefix: string, phone: string): string {
	return `${prefix}:${phone}`;
}

export const FINAL_STATUSES: ReadonlySet<TreatmentStatus> = new Set(['VAL', 'REJ']);

export class AccountState {
	readonly contacts = new Map<string, ContactRecord>();
	readonly transfers = new Map<string, TransferRecord>();
	readonly byClientId = new Map<string, TransferRecord>();
	readonly byLot = new Map<string, TransferRecord[]>();
	/** Non-final transfers, in creation order (what "advance all" and the stepper walk). */
	readonly active = new Set<TransferRecord>();
	/** Total on the account, including what is reserved by transfers in progress. */
	private amount: number;
	/** Reserved by transfers that are not final yet. */
	private inUsing = 0;

	constructor(private readonly initialBalance: number) {
		this.amount = initialBalance;
	}

	balance(): BalanceState {
		return { amount: this.amount, inUsing: this.inUsing, available: this.amount - this.inUsing };
	}

	available(): number {
		return this.amount - this.inUsing;
	}

	setAvailable(available: number): BalanceState {
		this.amount = available + this.inUsing;
		return this.balance();
	}

	hasClientId(id: string): boolean {
		return this.byClientId.has(id);
	}

	/** Records a new transfer and moves its amount from available to inUsing. */
	addTransfer(t: TransferRecord): void {
		this.transfers.set(t.transactionId, t);
		if (t.clientTransactionId !== null) this.byClientId.set(t.clientTransactionId, t);
		const lot = this.byLot.get(t.lot);
		if (lot) lot.push(t);
		else this.byLot.set(t.lot, [t]);
		this.active.add(t);
		this.inUsing += t.amount;
	}

	/** Balance effect of a final status: VAL spends the reserved amount, REJ gives it back. */
	finalize(t: TransferRecord, status: 'VAL' | 'REJ'): void {
		if (!this.active.delete(t)) return;
		this.inUsing -= t.amount;
		if (status === 'VAL') this.amount -= t.amount;
	}

	clear(): void {
		for (const index of [this.contacts, this.transfers, this.byClientId, this.byLot, this.active])
			index.clear();
		this.amount = this.initialBalance;
		this.inUsing = 0;
	}
}

/** A detached copy of a transfer's full state, for the control API. */
export function toTransferState(t: TransferRecord): TransferState {
	return {
		transactionId: t.transactionId,
		clientTransactionId: t.clientTransactionId,
		lot: t.lot,
		prefix: t.prefix,
		phone: t.phone,
		receiverE164: `+${t.prefix}${t.phone}`,
		amount: t.amount,
		operator: t.operator,
		paymentMethod: t.paymentMethod,
		notifyUrl: t.notifyUrl,
		treatmentStatus: t.treatmentStatus,
		sendingStatus: t.sendingStatus,
		transferValid: t.transferValid,
		comment: COMMENTS[t.commentKey].fr,
		operatorTransactionId: t.operatorTransactionId,
		validatedAt: t.validatedAt,
		outcome: t.outcome,
		createdAt: new Date(t.createdAtMs).toISOString(),
		updatedAt: new Date(t.updatedAtMs).toISOString(),
		history: t.history.map((h) => ({ ...h })),
	};
}
