/**
 * What a CinetPay platform plugs into the one payout protocol (protocol.ts): its calls, how it
 * reads their answers, and its facts. Everything else — what may already be held, when an item is
 * `not-sent`, lookups, the check deadline, the circuit breaker, the retry memory — is the
 * protocol's, written once for both platforms. v1: v1.ts; the 2026 platform: platform2026.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ItemError } from '../transport/shared/errors';
import type { PayoutRun } from './run';

/** One item's transfer, checked, ready to send. */
export interface PayoutItem<Payload extends IDataObject = IDataObject> {
	itemIndex: number;
	/** The merchant's transfer ID: v1's client_transaction_id, 2026's merchant_transaction_id. */
	id: string;
	/** The ID is the user's own: an earlier execution may have used it. */
	ownId: boolean;
	amount: number;
	/** The receiver in international digits (country code + national number), to compare. */
	receiver: string;
	/** The body of the platform's send. */
	payload: Payload;
	/** What a failed item repeats of its request, so the error branch can act on it. */
	echo: IDataObject;
}

/** What one send call said about one of its transfers. */
export type SendAnswer =
	/** CinetPay took it: `transfer` is what it answered for it. */
	| { kind: 'accepted'; transfer: IDataObject }
	/** CinetPay's answer (or the lack of any connection) proves this call created nothing. */
	| { kind: 'refused'; error: ItemError }
	/** CinetPay says a transfer with this ID exists (v1 805, 2026 1200). */
	| { kind: 'exists'; cause: ItemError }
	/** No clear answer: the transfer may have been made, perhaps later (a late commit). */
	| { kind: 'lost'; cause: ItemError };

/** What a lookup by the merchant's transfer ID found. */
export type LookupAnswer =
	| { kind: 'found'; transfer: IDataObject }
	| { kind: 'missing' }
	/** The platform cannot look a transfer up by the merchant's ID. */
	| { kind: 'cannot' }
	| { kind: 'failed'; reason: string };

/** What CinetPay holds of a transfer, to compare with an item. */
export interface HeldTransfer {
	amount?: unknown;
	fee?: unknown;
	receiver?: unknown;
}

export interface PayoutPlatform<Payload extends IDataObject = IDataObject> {
	/** How the items are cut into send calls (v1: batches; 2026: one transfer per call). */
	calls(items: Array<PayoutItem<Payload>>): Array<Array<PayoutItem<Payload>>>;
	/** Send calls under way at once. Read before each call starts (it may change while sending). */
	inFlight(): number;
	/**
	 * What must precede a send call and moves no money, so it may go ahead of its turn (v1: making
	 * the receivers contacts). The protocol starts it before the call's send, and the next call's
	 * while this one's send is out. Never throws; what it refused, `send` answers as refused.
	 */
	prepare?(run: PayoutRun, items: Array<PayoutItem<Payload>>): Promise<void>;
	/** One send call, once prepared; one answer per item, in order. Never throws. */
	send(run: PayoutRun, items: Array<PayoutItem<Payload>>): Promise<SendAnswer[]>;
	/** One lookup by the item's transfer ID, within `budgetMs`; throws when the lookup failed. */
	lookUp(run: PayoutRun, item: PayoutItem<Payload>, budgetMs: number): Promise<LookupAnswer>;
	/**
	 * Whether CinetPay is known to refuse (or answer with the existing one) a second send with an
	 * ID it holds: then a resend after a lost answer can never become a second payout.
	 */
	readonly resendIsSafe: boolean;
	/** The amount, fee and receiver of a transfer CinetPay holds, as it wrote them. */
	held(transfer: IDataObject): HeldTransfer;
	/** A sent item's output, in the one output shape of both platforms. */
	sentJson(item: PayoutItem<Payload>, transfer: IDataObject, flags: IDataObject): IDataObject;
	readonly texts: PlatformTexts;
}

/** What the protocol's errors tell users to do, in each platform's terms. */
export interface PlatformTexts {
	/** How to check one transfer whose outcome is unknown. */
	checkOne(id: string): string;
	/** How to check the unknown transfers of a failed execution. */
	checkAll: string;
	/** Why not to re-run the whole execution, and what to do instead. */
	rerun: string;
}
