/**
 * How both platforms make one call with the credential's session: the run's session (runSession.ts:
 * the credential read once per run, the token sent with n8n's plain request helper) is renewed first
 * when it is stale, and when CinetPay still rejects the token the call is repeated exactly once, after
 * one fresh login shared by the run; reads are retried after a transient failure, with a pause (a
 * send never is: its protocol decides); a call CinetPay throttled (HTTP 429, so not carried out) waits
 * as CinetPay asks and is repeated, with every call of the account (throttle.ts). A renewal goes
 * through n8n's credential path without a token, so that n8n runs the credential's preAuthentication
 * (a login) and stores the new token with the credential.
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
import { runSessionOf, type RunSession, type RunSessions } from './runSession';
import { retryAfterMs, THROTTLED_REPEATS } from './throttle';

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
	sessions: RunSessions;
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

/** One call as sent: the platform's, in the run's session. */
interface PreparedCall<Answer> extends AuthenticatedCall<Answer> {
	run: RunSession;
	options: IHttpRequestOptions;
}

/** CinetPay answered HTTP 429: nothing was carried out; wait this long, then repeat. */
class Throttled {
	constructor(readonly waitMs: number) {}
}

/** An answer, and the token the call carried (the one CinetPay judged). */
interface Sent<Answer> {
	answer: Answer;
	token: string;
	/** The call was the run's renewal of a token it had: it carried one just obtained. */
	renewed: boolean;
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
	const run = await runSessionOf(context, call.credentialType, call.sessions);
	let baseUrl: string;
	try {
		baseUrl = run.baseUrl();
	} catch (error) {
		throw failedCallError(context, error, {
			credentials: run.credentials,
			isSend: false,
			timeoutMs: 0,
		});
	}
	const prepared: PreparedCall<Answer> = {
		...call,
		run,
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
	const first = await sendWithRetries(context, prepared);
	// One fresh login per call at most: after its own renewal, a rejected token is CinetPay's answer.
	if (first.renewed || !call.isSessionRejected(first.answer)) return first.answer;
	return (await sendWithRetries(context, prepared, first.token)).answer;
}

async function sendWithRetries<Answer>(
	context: TransportContext,
	call: PreparedCall<Answer>,
	refusedToken?: string,
): Promise<Sent<Answer>> {
	const delays = call.retryDelaysMs;
	const { gate } = call.run;
	let throttledRepeats = 0;
	for (let attempt = 0; ; attempt++) {
		await gate.enter();
		const result = await sendOnce(context, call, refusedToken)
			.then(
				(sent) => ({ sent }),
				(error: NodeApiError | Throttled) => ({ error }),
			)
			.finally(() => gate.leave());
		if ('error' in result && result.error instanceof Throttled) {
			gate.throttled(result.error.waitMs);
			// Not an attempt: nothing was carried out. The gate makes this call wait Retry-After.
			if (throttledRepeats++ < THROTTLED_REPEATS) {
				attempt--;
				continue;
			}
			throw throttledCallError(context, throttledRepeats);
		}
		if ('sent' in result) {
			gate.passed();
			const transient = call.isTransient?.(result.sent.answer) === true && attempt < delays.length;
			if (!transient) return result.sent;
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

type Response = { statusCode: number; body: unknown; headers?: Record<string, unknown> };

async function sendOnce<Answer>(
	context: TransportContext,
	call: PreparedCall<Answer>,
	refusedToken: string | undefined,
): Promise<Sent<Answer>> {
	const { run, options: request } = call;
	let token = '';
	let renewed = false;
	let response: Response;
	try {
		response = await run.leave<Response>(
			{
				// The token is taken as the call leaves: after a renewal, never the old one.
				withToken: async (current) => {
					token = current;
					return (await context.helpers.httpRequest(
						call.sessions.authorize(run.credentials, copyOf(request)),
					)) as Response;
				},
				renewing: async (blank) => {
					// A call that found no token at all logged in as any first call does: if CinetPay
					// refuses the new token, the call still has its one repeat after a fresh login.
					renewed = run.token !== '';
					try {
						return (await context.helpers.httpRequestWithAuthentication.call(
							context,
							call.credentialType,
							copyOf(request),
							{ credentialsDecrypted: asDecrypted(context, call.credentialType, blank) },
						)) as Response;
					} finally {
						token = String(blank.sessionToken ?? '');
					}
				},
			},
			refusedToken,
		);
	} catch (error) {
		throw failedCallError(context, error, {
			credentials: run.credentials,
			isSend: call.isSend,
			timeoutMs: Number(request.timeout),
		});
	}
	// A 429 is answered before the call is carried out, by CinetPay or a gateway before it.
	if (response.statusCode === 429)
		throw new Throttled(retryAfterMs(response.headers?.['retry-after']));

	const answer = call.readAnswer(response.statusCode, response.body);
	if (answer !== undefined) return { answer, token, renewed };
	throw unreadableAnswerError(context, response.statusCode, call.isSend);
}

/** A copy of the request whose `qs` and `headers` the token may be added to. */
function copyOf(request: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...request,
		...(request.qs && { qs: { ...request.qs } }),
		...(request.headers && { headers: { ...request.headers } }),
	};
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
