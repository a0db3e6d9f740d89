/**
 * How the trigger answers CinetPay's HTTP call, on both platforms, and what it reads from n8n's
 * request: start a workflow (200), acknowledge and start nothing (200), or refuse with a status
 * and a message (nothing recorded, so a later delivery can still start).
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { platformProperty, type Platform } from '../helpers/platform';
import type { Unreadable } from './notification';
import { SIMPLIFIED_FIELDS, simplifiedItem } from './output';

/** Starts the workflow with one item, cut down to `simplifiedFields` when the user asked. */
export function startWorkflow(
	context: IWebhookFunctions,
	json: IDataObject,
	simplifiedFields: readonly string[] = SIMPLIFIED_FIELDS,
): IWebhookResponseData {
	const simplify = context.getNodeParameter('simplify', false) === true;
	const item = simplify ? simplifiedItem(json, simplifiedFields) : json;
	return { workflowData: [context.helpers.returnJsonArray([item])] };
}

/** Acknowledged with n8n's usual 200, and nothing starts. The same answer whatever the reason. */
export function ignore(
	context: IWebhookFunctions,
	key: string,
	reason: string,
): IWebhookResponseData {
	context.logger.debug(`CinetPay notification ${key} ignored: ${reason}`);
	return {};
}

export function refuse(
	context: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The body as it came, for bodies n8n did not parse (a wrong or missing Content-Type). From
 * version 2, n8n reads a trigger's body only when its type is form, JSON, text or XML; for any
 * other, n8n's request object reads it on demand (`readRawBody`, n8n 1.x and 2.x).
 */
export async function rawBodyOf(context: IWebhookFunctions, parsed: IDataObject): Promise<unknown> {
	const request = context.getRequestObject() as {
		rawBody?: unknown;
		readRawBody?: () => Promise<void>;
	};
	const nothingParsed = parsed === undefined || parsed === null || Object.keys(parsed).length === 0;
	if (request.rawBody === undefined && nothingParsed && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			// An aborted or unreadable stream: the notification is answered 400 as an empty one.
			context.logger.debug(
				`CinetPay notification body could not be read: ${(error as Error).message}`,
			);
		}
	}
	return request.rawBody;
}

/**
 * The credential whose lookups are bounded together: n8n's ID of it (not a secret), so that the
 * account's key, password and token are never held as a key in the process's memory.
 */
export function accountOf(context: IWebhookFunctions, credentialType: string): string {
	const reference = context.getNode().credentials?.[credentialType];
	return reference?.id ?? reference?.name ?? '';
}

/** Separates workflows, trigger nodes and test from production in the process-wide memories. */
export function scopeOf(context: IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}/${context.getNode().id}/${context.getMode()}`;
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
