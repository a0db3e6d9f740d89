/**
 * The steps a notification goes through after it was read, the same on both platforms: checked
 * with CinetPay within the deadline (checkWithApi), then started at most once per key
 * (deduplication), each outcome answered as answers.ts says. Also what both say to a body that is
 * not their notification, including the other platform's.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { platformProperty, type Platform } from '../helpers/platform';
import { ignore, refuse, scopeOf, startWorkflow } from './answers';
import { checkWithApi, type ApiCheck, type ApiChecks, type TransferCheck } from './checkWithApi';
import { claimKey, type RecentKeys } from './deduplication';
import { DEFAULT_LOOKUP_TIMEOUT_SECONDS } from './lookup';
import type { Unreadable } from './notification';

export interface TriggerOptions {
	verify?: boolean;
	secret?: string;
	timeout?: number;
}

/** Process-wide, bounded memories (deduplication.ts, lookup.ts), one per trigger class. */
export interface TriggerMemory {
	startedKeys: RecentKeys;
	apiChecks: ApiChecks;
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
}

/** What a verified notification starts: its deduplication key and its item. */
export interface Start {
	key: string;
	json: IDataObject;
	simplifiedFields?: readonly string[];
}

export interface Verification {
	/** Names the notification in logs (never a secret). */
	label: string;
	check: TransferCheck;
	/** The credential whose lookups are bounded together. */
	account: string;
	/** Whether a copy of this notification has been started meanwhile. */
	settled: () => boolean;
	startOf: (transfer: IDataObject) => Start;
	/** A lookup error that is an answer rather than a failure (the 2026 platform's 422). */
	answerLookupError?: (error: unknown) => IWebhookResponseData | undefined;
}

/** Checks with CinetPay, then starts once; `memory` and `staticData` hold the keys started. */
export async function verifyAndStart(
	this: IWebhookFunctions,
	memory: TriggerMemory,
	{ arrivedAt, receivedAt, options }: Arrival,
	staticData: IDataObject,
	{ label, check: request, account, settled, startOf, answerLookupError }: Verification,
): Promise<IWebhookResponseData> {
	const scope = scopeOf(this);
	const timeoutMs = Math.max(Number(options.timeout ?? DEFAULT_LOOKUP_TIMEOUT_SECONDS), 1) * 1000;
	let check: ApiCheck;
	try {
		check = await checkWithApi.call(this, memory.apiChecks, request, {
			account,
			scope,
			arrivedAt,
			until: receivedAt + timeoutMs,
			settled,
		});
	} catch (error) {
		const answer = answerLookupError?.(error);
		if (answer) return answer;
		// Nothing is recorded: CinetPay's next delivery of this notification can still start it.
		this.logger.warn(
			`CinetPay notification ${label} could not be verified: ${(error as Error).message}`,
		);
		return refuse(this, 503, 'Could not check the notification with CinetPay');
	}
	if (check.outcome === 'retry-later') {
		// Nothing is recorded: a sender that retries delivers it again, and then it can start.
		this.logger.warn(`CinetPay notification ${label} could not be verified: ${check.detail}`);
		return refuse(this, 503, 'Could not confirm the notification with CinetPay yet');
	}
	if (check.outcome === 'ignore') {
		// Unknown or contradicted: forged, or stale. Either way the API has the last word, and a
		// 200 does not invite the sender back.
		this.logger.warn(`CinetPay notification ${label} not started: ${check.detail}`);
		return {};
	}
	const { key, json, simplifiedFields } = startOf(check.transfer);
	if (!claimKey(memory.startedKeys, scope, staticData, key))
		return ignore(this, key, 'already started');
	return startWorkflow(this, json, simplifiedFields);
}

/** What each platform's notification has that the other's has not. */
const SIGNATURE_FIELDS: Record<Platform, readonly string[]> = {
	v1: ['treatment_status'],
	'2026': ['notify_token', 'merchant_transaction_id'],
};

/** Each platform as the Platform parameter names it, so the refusal says what to choose. */
function platformName(platform: Platform): string {
	const option = platformProperty.options?.find(
		(entry) => 'value' in entry && entry.value === platform,
	);
	return option?.name ?? platform;
}

/** Which platform's notification a body looks like, if either. */
export function notificationPlatformOf(fields: IDataObject): Platform | undefined {
	const has = (name: string) => Object.prototype.hasOwnProperty.call(fields, name);
	if (SIGNATURE_FIELDS.v1.some(has)) return 'v1';
	if (SIGNATURE_FIELDS['2026'].some(has)) return '2026';
	return undefined;
}

/**
 * 400 for the other platform's notification, saying which Platform the trigger should be set to;
 * undefined for any other body.
 */
export function refuseOtherPlatform(
	context: IWebhookFunctions,
	fields: IDataObject,
	expected: Platform,
): IWebhookResponseData | undefined {
	const sent = notificationPlatformOf(fields);
	if (sent === undefined || sent === expected) return undefined;
	return refuse(
		context,
		400,
		`This is a CinetPay ${platformName(sent)} notification, and this trigger's Platform is ${platformName(expected)}. Point the transfers of that platform at a trigger whose Platform is ${platformName(sent)}.`,
	);
}

/** 413 for an oversized body, else 400, naming what is wrong. */
export function refuseUnreadable(
	context: IWebhookFunctions,
	reading: Pick<Unreadable, 'reason' | 'message'>,
): IWebhookResponseData {
	const status = reading.reason === 'too-large' ? 413 : 400;
	return refuse(context, status, `Not a CinetPay notification: ${reading.message}`);
}
