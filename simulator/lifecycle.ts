/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Life cycle of a transfer (doc §6) and its effects on the balance and notifications.
 *
 *   autoConfirm:    NEW → REC → VAL | REJ                       (sending_status CONFIRM from the start)
 *   otherwise:      NEW → NOS ─(merchant confirms)→ REC → VAL | REJ
 *                            └(merchant rejects)─→ REJ
 *
 * The final status comes from the receiver (testNumbers.ts): ordinary numbers end VAL, the
 * "rejected" ones REJ, the "pending" ones stay REC. Each call of step() moves one transition.
 *
 * Automatic stepping (stepMs > 0) uses ONE timer for all transfers: every change appends
 * (due = now + stepMs, transfer, version) to a FIFO; with a constant stepMs the FIFO is sorted by
 * construction, so each step costs O(1). A changed version marks an entry stale (the transfer was
 * moved by hand meanwhile); changing stepMs or autoConfirm rebuilds the FIFO.
 */
import { SimulatorError } from './errors';
import { cinetpayDateTime, type IdFactory } from './ids';
import type { Logger } from './logger';
import type { Notifier } from './notifier';
import {
	COMMENTS,
	FINAL_STATUSES,
	recordRevision,
	type AccountState,
	type CommentKey,
	type TransferRecord,
} from './state';
import type { SimulatorVariants, TransferState, TreatmentStatus } from './types';

type Actor = TransferState['history'][number]['by'];

interface DueStep {
	due: number;
	t: TransferRecord;
	version: number;
}

/** The form fields of a notification POST (doc §4, plus the [field] extras). */
export function notificationFields(t: TransferRecord): Record<string, string> {
	return {
		transaction_id: t.transactionId,
		client_transaction_id: t.clientTransactionId ?? '',
		lot: t.lot,
		amount: String(t.amount),
		receiver: t.phone,
		operator: t.operator,
		treatment_status: t.treatmentStatus,
		sending_status: t.sendingStatus,
		comment: COMMENTS[t.commentKey].fr,
		operator_transaction_id: t.operatorTransactionId ?? '',
		validated_at: t.validatedAt ?? '',
	};
}

export class Lifecycle {
	private queue: DueStep[] = [];
	private head = 0;
	private timer: NodeJS.Timeout | null = null;

	constructor(
		private readonly state: AccountState,
		private readonly notifier: Notifier,
		private readonly ids: IdFactory,
		private readonly variants: () => SimulatorVariants,
		private readonly logger: Logger,
	) {}

	/** A transfer was just created by a send call (status NEW). */
	created(t: TransferRecord): void {
		this.notify(t);
		this.schedule(t);
	}

	/** Moves a transfer one step. Returns false when it cannot move by itself. */
	step(t: TransferRecord, by: Actor): boolean {
		const v = this.variants();
		switch (t.treatmentStatus) {
			case 'NEW':
				if (t.sendingStatus === 'CONFIRM' || v.autoConfirm) {
					this.markConfirmed(t);
					this.move(t, 'REC', 'processing', by);
				} else {
					this.move(t, 'NOS', 'awaitingConfirmation', by);
					this.logger.info(
						`${t.transactionId} waits for the merchant (NOS): POST /__sim/transfers/${t.transactionId}/confirm or /reject`,
					);
				}
				return true;
			case 'NOS':
				// Only the merchant moves a transfer out of NOS, unless the account became allow-listed.
				if (!v.autoConfirm) return false;
				this.markConfirmed(t);
				this.move(t, 'REC', 'processing', by);
				return true;
			case 'REC':
				if (t.outcome === 'pending') return false;
				if (t.outcome === 'rejected') this.finish(t, 'REJ', 'rejectedByOperator', by);
				else this.finish(t, 'VAL', 'done', by);
				return true;
			default:
				return false;
		}
	}

	/** The merchant confirms (the e-mail link of the doc's footnote). */
	confirm(t: TransferRecord): void {
		this.assertAwaitingMerchant(t, 'confirm');
		this.markConfirmed(t);
		// Confirming a NEW transfer only records the confirmation; its next step goes to REC.
		if (t.treatmentStatus === 'NOS') this.move(t, 'REC', 'processing', 'merchant');
		else recordRevision(t, Date.now());
	}

	reject(t: TransferRecord): void {
		this.assertAwaitingMerchant(t, 'reject');
		this.finish(t, 'REJ', 'rejectedByMerchant', 'merchant');
	}

	/** Forces a final status (control). */
	settle(t: TransferRecord, status: 'VAL' | 'REJ'): void {
		if (FINAL_STATUSES.has(t.treatmentStatus)) {
			throw new SimulatorError(
				409,
				`transfer ${t.transactionId} is already final (${t.treatmentStatus})`,
			);
		}
		if (status === 'VAL') {
			this.markConfirmed(t);
			this.finish(t, 'VAL', 'done', 'control');
		} else {
			this.finish(t, 'REJ', 'rejected', 'control');
		}
	}

	/** Rebuilds the auto-advance FIFO (after stepMs or autoConfirm changed). */
	reschedule(): void {
		this.clearQueue();
		const stepMs = this.variants().stepMs;
		if (stepMs <= 0) return;
		for (const t of this.state.active) {
			if (this.canMoveByItself(t))
				this.queue.push({ due: t.updatedAtMs + stepMs, t, version: t.version });
		}
		this.queue.sort((a, b) => a.due - b.due);
		this.arm();
	}

	stop(): void {
		this.clearQueue();
	}

	private assertAwaitingMerchant(t: TransferRecord, action: string): void {
		const waiting =
			t.sendingStatus === 'PENDING' && (t.treatmentStatus === 'NOS' || t.treatmentStatus === 'NEW');
		if (!waiting) {
			throw new SimulatorError(
				409,
				`cannot ${action} ${t.transactionId}: it is ${t.treatmentStatus}/${t.sendingStatus}, not waiting for the merchant`,
			);
		}
	}

	private markConfirmed(t: TransferRecord): void {
		t.sendingStatus = 'CONFIRM';
		t.transferValid = 'Y';
	}

	private finish(t: TransferRecord, status: 'VAL' | 'REJ', comment: CommentKey, by: Actor): void {
		this.state.finalize(t, status);
		if (status === 'VAL') {
			t.validatedAt = cinetpayDateTime(new Date());
			t.operatorTransactionId = this.ids.operatorTransactionId(t.transactionId);
		}
		this.move(t, status, comment, by);
	}

	private move(t: TransferRecord, status: TreatmentStatus, comment: CommentKey, by: Actor): void {
		const now = Date.now();
		t.treatmentStatus = status;
		t.commentKey = comment;
		t.updatedAtMs = now;
		t.version++;
		t.history.push({ status, at: new Date(now).toISOString(), by });
		recordRevision(t, now);
		this.notify(t);
		this.schedule(t);
	}

	private notify(t: TransferRecord): void {
		this.notifier.enqueue(t.transactionId, t.notifyUrl, notificationFields(t));
	}

	private canMoveByItself(t: TransferRecord): boolean {
		switch (t.treatmentStatus) {
			case 'NEW':
				return true;
			case 'NOS':
				return this.variants().autoConfirm;
			case 'REC':
				return t.outcome !== 'pending';
			default:
				return false;
		}
	}

	private schedule(t: TransferRecord): void {
		const stepMs = this.variants().stepMs;
		if (stepMs <= 0 || !this.canMoveByItself(t)) return;
		this.queue.push({ due: t.updatedAtMs + stepMs, t, version: t.version });
		this.arm();
	}

	private arm(): void {
		if (this.timer || this.head >= this.queue.length) return;
		const wait = Math.max(0, this.queue[this.head].due - Date.now());
		this.timer = setTimeout(() => this.tick(), wait);
		// The server keeps the CLI alive; tests that forget close() should still be able to exit.
		this.timer.unref();
	}

	private tick(): void {
		this.timer = null;
		const now = Date.now();
		while (this.head < this.queue.length && this.queue[this.head].due <= now) {
			const { t, version } = this.queue[this.head++];
			if (t.version === version) this.step(t, 'step');
		}
		if (this.head > 1024 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
		this.arm();
	}

	private clearQueue(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.queue = [];
		this.head = 0;
	}
}
