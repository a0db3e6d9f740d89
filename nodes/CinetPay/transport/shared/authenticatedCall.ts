/**
 * How both platforms make one call with the credential's session: the session is renewed first
 * when it is stale, and when CinetPay still rejects the token the call is repeated exactly once
 * after exactly one fresh login; reads are retried after a transient failure, with a pause (a send
 * never is: its protocol decides); a call CinetPay throttled (HTTP 429, so not carried out) waits
 * as CinetPay asks and is repeated, with every call of the account (throttle.ts). A renewal hands
 * n8n the credential without a token, so that n8n runs the credential's preAuthentication (a login)
 * and stores the new token with the credential.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { callOutcome, factsOf } from './errors';
import { failedCallError, throttledCallError, unreadableAnswerError } from './failedCalls';
import type { SessionSharing, StoredSessionFields } from './session';
import { callGateOf, retryAfterMs, THROTTLED_REPEATS, type CallGate } from './throttle';

/** The n8n contexts that call CinetPay: the Transfer node, its option lists and the Trigger. */
export type TransportContext =
	| IExecuteFunctions
	| IWebhookFunctions
	| IHookFunctions
	| ILoadOptionsFunctions;

/** Pauses before the retries of a read after a transient failure. */
export const READ_RETRY_DELAYS_MS = [300, 1200];

/** What a platform says about one call. */
export interface AuthenticatedCall<Answer> {
	credentialType: string;
	sessions: Pick<
		SessionSharing<StoredSessionFields>,
		'baseUrlOf' | 'forCall' | 'without' | 'adopt' | 'accountOf'
	>;
	/** The request to the base URL, without what reading the answer needs (added here). */
	request(baseUrl: string): RequestToCinetPay;
	isSend: boolean;
	/** Pauses before each retry; none for a send. */
	retryDelaysMs: number[];
	/** The platform's answer in an HTTP response, or undefined when it is not CinetPay's. */
	readAnswer(statusCode: number, body: unknown): Answer | undefined;
	/** CinetPay no longer takes the token: one fresh login and one repeat. */
	isSessionRejected(answer: Answer): boolean;
	/** An answer that is as transient as a lost one (retried like it while retries are left). */
	isTransient?(answer: Answer): boolean;
}

export type RequestToCinetPay = Pick<
	IHttpRequestOptions,
	'method' | 'url' | 'qs' | 'headers' | 'body' | 'timeout'
>;

/** One call as sent: the platform's, with the session chosen for it. */
interface PreparedCall<Answer> extends AuthenticatedCall<Answer> {
	credentials: ICredentialDataDecryptedObject;
	options: IHttpRequestOptions;
	/** The account's calls in this process: the shared wait after a 429, and the in-flight limit. */
	gate: CallGate;
}

/** CinetPay answered HTTP 429: nothing was carried out; wait this long, then repeat. */
class Throttled {
	constructor(readonly waitMs: number) {}
}

/**
 * Calls CinetPay and returns its answer, whatever its code: what a code means depends on the
 * call, so callers decide. Throws only when there is no CinetPay answer to give (network,
 * timeout, a page that is not CinetPay's, a failed login).
 */
export async function callWithSession<Answer>(
	context: TransportContext,
	call: AuthenticatedCall<Answer>,
): Promise<Answer> {
	const stored = await context.getCredentials<ICredentialDataDecryptedObject>(call.credentialType);
	const session = call.sessions.forCall(stored);
	const credentials = session.credentials;
	let baseUrl: string;
	try {
		baseUrl = call.sessions.baseUrlOf(credentials);
	} catch (error) {
		throw failedCallError(context, error, { credentials, isSend: false, timeoutMs: 0 });
	}
	const prepared: PreparedCall<Answer> = {
		...call,
		credentials,
		gate: callGateOf(call.sessions.accountOf(credentials)),
		options: {
			...call.request(baseUrl),
			// Read the body as text and parse it here: error bodies come with 4xx too, and 5xx pages
			// are HTML.
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	};
	const answer = await sendWithRetries(context, prepared, session.renewFirst);
	// One fresh login per call at most: after a renewal, a rejected token is CinetPay's answer.
	if (session.renewFirst || !call.isSessionRejected(answer)) return answer;
	return await sendWithRetries(context, prepared, true);
}

async function sendWithRetries<Answer>(
	context: TransportContext,
	call: PreparedCall<Answer>,
	renewSession: boolean,
): Promise<Answer> {
	const delays = call.retryDelaysMs;
	let throttledRepeats = 0;
	const tokenAtStart = call.credentials.sessionToken;
	for (let attempt = 0; ; attempt++) {
		// Renew at most once per call: a retry after a renewal reuses the new token (adopted into
		// the call's credentials), and so does a repeat after a 429.
		const renewNow =
			renewSession && attempt === 0 && call.credentials.sessionToken === tokenAtStart;
		await call.gate.enter();
		const result = await sendOnce(context, call, renewNow)
			.then(
				(answer) => ({ answer }),
				(error: NodeApiError | Throttled) => ({ error }),
			)
			.finally(() => call.gate.leave());
		if ('error' in result && result.error instanceof Throttled) {
			call.gate.throttled(result.error.waitMs);
			// Not an attempt: nothing was carried out. The gate makes this call wait Retry-After.
			if (throttledRepeats++ < THROTTLED_REPEATS) {
				attempt--;
				continue;
			}
			throw throttledCallError(context, throttledRepeats);
		}
		if ('answer' in result) {
			call.gate.passed();
			const transient = call.isTransient?.(result.answer) === true && attempt < delays.length;
			if (!transient) return result.answer;
			await sleep(delays[attempt]);
			continue;
		}
		const retryable = attempt < delays.length && callOutcome(result.error) !== undefined;
		// A login CinetPay refused with a code is not transient: the same key and password would
		// fail again.
		if (!retryable || factsOf(result.error).code !== undefined) throw result.error;
		await sleep(delays[attempt]);
	}
}

async function sendOnce<Answer>(
	context: TransportContext,
	call: PreparedCall<Answer>,
	renewSession: boolean,
): Promise<Answer> {
	const { credentials, options: request } = call;
	// The credential the caller read, handed to n8n so that it does not read and decrypt it a
	// second time per call (in a webhook, n8n 2.x also builds a fresh expression isolate per read).
	// With an empty token n8n logs in first, and writes the new session into `data`.
	const data = renewSession ? call.sessions.without(credentials) : { ...credentials };
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			call.credentialType,
			// n8n adds the token to `qs` or `headers` in place: give it copies so the next attempt
			// starts clean.
			{
				...request,
				...(request.qs && { qs: { ...request.qs } }),
				...(request.headers && { headers: { ...request.headers } }),
			},
			{ credentialsDecrypted: asDecrypted(context, call.credentialType, data) },
		)) as typeof response;
	} catch (error) {
		call.sessions.adopt(credentials, data);
		throw failedCallError(context, error, {
			credentials,
			isSend: call.isSend,
			timeoutMs: Number(request.timeout),
		});
	}
	call.sessions.adopt(credentials, data);
	// A 429 is answered before the call is carried out, by CinetPay or a gateway before it.
	if (response.statusCode === 429)
		throw new Throttled(retryAfterMs(response.headers?.['retry-after']));

	const answer = call.readAnswer(response.statusCode, response.body);
	if (answer !== undefined) return answer;
	throw unreadableAnswerError(context, response.statusCode, call.isSend);
}

/**
 * The node's credential with the given data. With an empty token n8n runs the credential's
 * preAuthentication (one login) and stores the new token, so later calls, executions and workers
 * reuse it too.
 */
function asDecrypted(
	context: TransportContext,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
) {
	const reference = context.getNode().credentials?.[credentialType];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: credentialType, data };
}
