/**
 * The trigger's steps, written once for both platforms: receive (read the body) → check (look the
 * transfer up at CinetPay, within the deadline and the per-trigger bounds) → decide (decide.ts) →
 * start (at most once per key). A platform (platformV1.ts, platform2026.ts) supplies only its
 * parsing, its lookup and how to read the API's transfer. Every outcome is answered as answers.ts
 * says: 200 with or without a start, 503 with nothing recorded, or 4xx for what is no notification.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { FINAL_STATUSES, type TreatmentStatus } from '../helpers/interfaces';
import type { Platform } from '../helpers/platform';
import {
	accountOf,
	ignore,
	refuse,
	refuseOtherPlatform,
	refuseUnreadable,
	scopeOf,
	startWorkflow,
} from './answers';
import { decide, type TransferState } from './decide';
import { BUSY, LookupLimits, TIMED_OUT } from './limits';
import {
	DEFAULT_LOOKUP_TIMEOUT_SECONDS,
	lookUpTransfer,
	SETTLED,
	SharedLookups,
	type FindTransfers,
} from './lookup';
import { idempotencyKey, TriggerMemories, type TriggerMemory } from './memory';
import { readNotificationBody, type Unreadable } from './notification';

/** Pauses before each new look while the API is behind; the deadline cuts the list short. */
export const RELOOK_DELAYS_MS = [250, 500, 1000, 2000];

export interface TriggerOptions {
	verify?: boolean;
	secret?: string;
	timeout?: number;
}

/** One call to the trigger, as it arrived. */
export interface Arrival {
	/** On the lookups' clock (lookup.ts `arrival()`): no lookup begun before may judge it. */
	arrivedAt: number;
	/** Date.now() on arrival: the lookup's deadline counts from it. */
	receivedAt: number;
	options: TriggerOptions;
	body: IDataObject;
	rawBody: unknown;
	contentType?: string;
}

/** What a notification says, read by its platform. */
export interface Notification {
	transactionId: string;
	/** The status it names, when it names one this node knows (v1); 2026 names none. */
	claimed?: TreatmentStatus;
	/** The body as received, bounded, without secrets: the output's `notification`. */
	echo: IDataObject;
}

/** What differs between CinetPay's two platforms, and nothing else. */
export interface TriggerPlatform {
	platform: Platform;
	credentialType: string;
	read: (fields: IDataObject) => Notification | Unreadable;
	/** Asks CinetPay for the transfers it knows under a transaction_id. */
	find: FindTransfers;
	/** The API transfer's status in v1's names. */
	stateOf: (transfer: IDataObject) => TransferState;
	/** The item a verified notification starts the workflow with, from the API's transfer. */
	itemOf: (transfer: IDataObject, notification: Notification) => IDataObject;
	simplifiedFields?: readonly string[];
	/** The item of a notification started unchecked (Verify off), where the platform allows it. */
	unverifiedItemOf?: (notification: Notification) => { item: IDataObject } | Unreadable;
	/** A lookup error that is an answer rather than a failure (the 2026 platform's 422). */
	answerLookupError?: (
		context: IWebhookFunctions,
		transactionId: string,
		error: unknown,
	) => IWebhookResponseData | undefined;
}

/** Process-wide, bounded, per trigger: see memory.ts, limits.ts and lookup.ts. */
export class TriggerState {
	readonly memories = new TriggerMemories();
	readonly lookups = new SharedLookups();
	readonly limits = new LookupLimits();
}

export async function receiveNotification(
	this: IWebhookFunctions,
	state: TriggerState,
	platform: TriggerPlatform,
	arrival: Arrival,
): Promise<IWebhookResponseData> {
	const body = readNotificationBody(arrival.body, arrival.rawBody, arrival.contentType);
	if ('reason' in body) return refuseUnreadable(this, body);
	const otherPlatform = refuseOtherPlatform(this, body.object, platform.platform);
	if (otherPlatform) return otherPlatform;
	const notification = platform.read(body.object);
	if ('reason' in notification) return refuseUnreadable(this, notification);

	const { transactionId: id, claimed } = notification;
	const statuses = this.getNodeParameter('statuses', []) as TreatmentStatus[];
	const scope = scopeOf(this);
	const memory = state.memories.of(scope);
	const label = claimed ? idempotencyKey(id, claimed) : id;
	// Before any API call: unwanted steps and repeats cost CinetPay nothing. A transfer started in
	// a final status moves no more.
	if (claimed && !statuses.includes(claimed)) return ignore(this, label, 'status not selected');
	const started = () =>
		[...(claimed ? [claimed] : []), ...FINAL_STATUSES].some((status) =>
			memory.started.has(idempotencyKey(id, status)),
		);
	if (started()) return ignore(this, label, 'already started');

	if (arrival.options.verify === false && platform.unverifiedItemOf) {
		const unverified = platform.unverifiedItemOf(notification);
		if ('reason' in unverified) return refuseUnreadable(this, unverified);
		if (!memory.started.claim(String(unverified.item.idempotency_key)))
			return ignore(this, label, 'already started');
		return startWorkflow(this, unverified.item, platform.simplifiedFields);
	}

	const timeoutMs =
		Math.max(Number(arrival.options.timeout ?? DEFAULT_LOOKUP_TIMEOUT_SECONDS), 1) * 1000;
	const lookupScope = {
		account: accountOf(this, platform.credentialType),
		scope,
		arrivedAt: arrival.arrivedAt,
		until: arrival.receivedAt + timeoutMs,
		settled: started,
	};
	const silenced = memory.notFound.silenced(id);
	if (silenced !== undefined) {
		return retryLater(
			this,
			label,
			`CinetPay did not know this transaction_id the last ${silenced} times`,
		);
	}
	for (let look = 0; ; look++) {
		let transfers: Awaited<ReturnType<typeof lookUpTransfer>>;
		try {
			transfers = await lookUpTransfer.call(
				this,
				state.lookups,
				state.limits,
				id,
				lookupScope,
				platform.find,
			);
		} catch (error) {
			const answer = platform.answerLookupError?.(this, id, error);
			if (answer) return answer;
			// Nothing is recorded: CinetPay's next delivery of this notification can still start it.
			return retryLater(
				this,
				label,
				(error as Error).message,
				'Could not check the notification with CinetPay',
			);
		}
		if (transfers === BUSY)
			return retryLater(this, label, 'too many notifications of this trigger are being checked');
		if (transfers === TIMED_OUT) return retryLater(this, label, 'CinetPay did not answer in time');
		if (transfers === SETTLED) return ignore(this, label, 'already started');

		const transfer = transfers.find((candidate) => String(candidate.transaction_id) === id);
		if (transfer) memory.notFound.found(id);
		else memory.notFound.notFound(id);
		const verdict = decide(claimed, transfer && platform.stateOf(transfer), statuses);
		if (verdict.outcome === 'start' && transfer)
			return start(this, memory, platform, transfer, notification);
		if (verdict.outcome !== 'behind')
			return ignore(this, label, 'detail' in verdict ? verdict.detail : 'nothing to start');

		const pause = RELOOK_DELAYS_MS[look];
		const askAgain = memory.notFound.silenced(id) === undefined;
		if (!askAgain || pause === undefined || Date.now() + pause >= lookupScope.until)
			return retryLater(this, label, `${verdict.detail} (looked ${look + 1} times)`);
		await sleep(pause);
	}
}

/** Starts once per (transaction_id, the API's status); only verified starts are recorded. */
function start(
	context: IWebhookFunctions,
	memory: TriggerMemory,
	platform: TriggerPlatform,
	transfer: IDataObject,
	notification: Notification,
): IWebhookResponseData {
	const key = idempotencyKey(notification.transactionId, platform.stateOf(transfer).status);
	if (!memory.started.claim(key)) return ignore(context, key, 'already started');
	return startWorkflow(context, platform.itemOf(transfer, notification), platform.simplifiedFields);
}

/** 503, nothing recorded: CinetPay delivers the notification again, and then it can start. */
function retryLater(
	context: IWebhookFunctions,
	label: string,
	detail: string,
	message = 'Could not confirm the notification with CinetPay yet',
): IWebhookResponseData {
	context.logger.warn(`CinetPay notification ${label} could not be verified: ${detail}`);
	return refuse(context, 503, message);
}
