/**
 * How a batch of transfers is paid, and how each of its items is settled. This is where money
 * safety lives; the rules, in the order they act:
 *
 *   1. Send the batch in one call. When CinetPay refuses the whole call because of one item
 *      (nothing of it was created), send each item alone so each gets its own answer.
 *   2. Settle what CinetPay answered clearly: accepted → sent; refused → not sent. Nothing else is
 *      ever reported as "not sent".
 *   3. Look up by client transaction ID every transfer without a clear answer: no answer at all,
 *      a timeout, HTTP 5xx, an ambiguous or unknown code (709, 710, 715, -1, 722, …), 805, or a
 *      result missing from the answer. Lookups run a few at a time, never retry a read, and stop
 *      at the run's check deadline or as soon as CinetPay stops answering them.
 *   4. Settle what the lookups found. A transfer not found after an ambiguous answer is sent once
 *      more with the same client transaction ID (CinetPay refuses a second transfer with one ID,
 *      805, so a first send that lands late cannot become a second payout), and goes through the
 *      same steps. Whatever is still unclear then is reported as `unknown`, with how to check it.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT, mapBounded } from '../../helpers/batching';
import type { TransferRequest } from '../../helpers/interfaces';
import { callCinetPay, findTransfers } from '../../transport';
import { addFacts, factsOf, unknownOutcomeError, type ItemError } from '../../transport/errors';
import type { PayoutRun } from './payoutRun';
import { answersOf, refusedForOneItem, type SendAnswer, type SendReply } from './sendAnswers';
import { isSameTransfer, sentTransferJson } from './transferOutput';

/** A first send, and one more for what a lookup did not find after an ambiguous answer. */
const SEND_ROUNDS = 2;

/** What a lookup by client transaction ID found. */
type LookupResult =
	| { kind: 'found'; transfer: IDataObject }
	| { kind: 'missing' }
	| { kind: 'failed'; reason: string };

interface Unclear {
	request: TransferRequest;
	cause: ItemError;
	exists: boolean;
	/** CinetPay refused this call, but may hold the item's ID from before: check before saying so. */
	refusal?: ItemError;
}

/** Pays one batch and settles every one of its items (steps 1 to 4 above). */
export async function payBatch(
	run: PayoutRun,
	batch: TransferRequest[],
	refusedBeforeSending: Array<{ request: TransferRequest; error: ItemError }> = [],
): Promise<void> {
	let pending = batch;
	// Items a step before the send refused (Add Contact) whose ID CinetPay may hold from before:
	// checked with the first round's lookups, never called not-sent on that refusal alone.
	let toCheck: Unclear[] = refusedBeforeSending.map(({ request, error }) => ({
		request,
		cause: error,
		exists: true,
		refusal: error,
	}));
	for (let round = 1; pending.length > 0 || toCheck.length > 0; round++) {
		const answers = pending.length > 0 ? await sendTransfers(run, pending) : [];
		const unclear = [...toCheck, ...settleAnswers(run, pending, answers)];
		toCheck = [];
		if (unclear.length > 0) run.startCheckClock();
		const found = await lookUpTransfers(run, unclear);
		pending = settleLookups(run, unclear, found, round < SEND_ROUNDS);
	}
}

/** Step 1: one call for the batch; one call per item when CinetPay refused it for one item. */
async function sendTransfers(run: PayoutRun, requests: TransferRequest[]): Promise<SendAnswer[]> {
	const reply = await callSend(run, requests);
	if (requests.length > 1 && 'envelope' in reply && refusedForOneItem(reply.envelope)) {
		// Nothing of the call was created: each item alone gets its own answer. Safe even if some
		// had been: they keep their client transaction IDs, and CinetPay answers 805 for those.
		const alone: SendAnswer[] = [];
		for (const request of requests)
			alone.push(...answersOf(run, [request], await callSend(run, [request])));
		return alone;
	}
	return answersOf(run, requests, reply);
}

async function callSend(run: PayoutRun, requests: TransferRequest[]): Promise<SendReply> {
	run.noteAttempt(requests);
	try {
		const envelope = await callCinetPay.call(run.context, {
			endpoint: 'sendMoney',
			data: requests.map((request) => request.payload),
			lang: run.options.lang,
			timeoutMs: run.options.timeoutMs,
		});
		return { envelope };
	} catch (error) {
		return { error: error as ItemError };
	}
}

/** Step 2: what CinetPay answered clearly is settled now; the rest is returned, to be looked up. */
function settleAnswers(
	run: PayoutRun,
	requests: TransferRequest[],
	answers: SendAnswer[],
): Unclear[] {
	const unclear: Unclear[] = [];
	requests.forEach((request, position) => {
		const answer = answers[position];
		if (answer.kind === 'accepted') {
			run.results.succeed(
				request.itemIndex,
				sentTransferJson(request.payload, answer.result, { duplicate: false }),
			);
		} else if (answer.kind === 'refused' && run.mayBeHeld(request)) {
			// A refusal of this call says nothing of a transfer made under the ID before it.
			unclear.push({ request, cause: answer.error, exists: true, refusal: answer.error });
		} else if (answer.kind === 'refused') {
			run.fail(request, answer.error, 'not-sent');
		} else {
			unclear.push({ request, cause: answer.cause, exists: answer.exists });
		}
	});
	return unclear;
}

/** Step 3: each unclear transfer looked up by its client transaction ID, a few at a time. */
async function lookUpTransfers(run: PayoutRun, unclear: Unclear[]): Promise<LookupResult[]> {
	return await mapBounded(
		unclear,
		DEFAULT_IN_FLIGHT,
		async ({ request }): Promise<LookupResult> => {
			const budgetMs = run.lookupBudgetMs();
			if (budgetMs <= 0) {
				return {
					kind: 'failed',
					reason: 'CinetPay did not answer lookups within the check deadline',
				};
			}
			try {
				const found = await findTransfers.call(
					run.context,
					'client_transaction_id',
					request.payload.client_transaction_id,
					{
						lang: run.options.lang,
						timeoutMs: budgetMs,
						// A read that failed is not retried: after a lost answer, time matters more than one
						// more try, and the item is reported as unknown with how to check it.
						retry: false,
					},
				);
				return found.length > 0 ? { kind: 'found', transfer: found[0] } : { kind: 'missing' };
			} catch (error) {
				if (factsOf(error).timedOut) run.stopLookups();
				return { kind: 'failed', reason: `the lookup failed: ${(error as Error).message}` };
			}
		},
	);
}

/**
 * Step 4: found transfers are settled; the ones to send again are returned (same IDs, only after
 * an ambiguous answer and only while send rounds are left); the rest is `unknown`.
 */
function settleLookups(
	run: PayoutRun,
	unclear: Unclear[],
	lookups: LookupResult[],
	maySendAgain: boolean,
): TransferRequest[] {
	const again: TransferRequest[] = [];
	unclear.forEach(({ request, cause, exists, refusal }, position) => {
		const lookup = lookups[position];
		if (lookup.kind === 'found') {
			settleFound(run, request, lookup.transfer, exists);
		} else if (lookup.kind === 'missing' && refusal) {
			run.fail(request, refusal, 'not-sent');
		} else if (lookup.kind === 'missing' && !exists && maySendAgain && run.maySend) {
			again.push(request);
		} else {
			const why =
				lookup.kind === 'failed'
					? `${cause.message}; ${lookup.reason}`
					: `${cause.message}; CinetPay does not show the transfer (yet)`;
			const error = unknownOutcomeError(run.context, request.payload.client_transaction_id, why);
			run.fail(
				request,
				addFacts(error, { code: factsOf(cause).code, status: factsOf(cause).status }),
				'unknown',
			);
		}
	});
	return again;
}

/** A transfer CinetPay holds under this item's client transaction ID. */
function settleFound(
	run: PayoutRun,
	request: TransferRequest,
	found: IDataObject,
	exists: boolean,
): void {
	if (isSameTransfer(found, request.payload)) {
		// `duplicate`: not a new payout of this call. `recovered`: found after a lost answer.
		const flags = exists ? { duplicate: true } : { duplicate: true, recovered: true };
		run.results.succeed(request.itemIndex, sentTransferJson(request.payload, found, flags));
		return;
	}
	// CinetPay keeps one transfer per client transaction ID: this item's transfer cannot be made
	// under this ID, whatever happened to the call.
	const error = new NodeOperationError(
		run.context.getNode(),
		`Client transaction ID "${request.payload.client_transaction_id}" belongs to another transfer at CinetPay`,
		{
			description: `That transfer went to ${String(found.receiver_e164 ?? found.receiver ?? '?')} for ${String(found.amount ?? '?')}; this item asks for ${request.payload.prefix} ${request.payload.phone}, ${request.payload.amount}. Nothing was sent for this item: give it a new, unique client transaction ID.`,
		},
	);
	run.fail(
		request,
		addFacts(error, { code: '805', status: 'CLIENT_TRANSACTION_ID_EXIST' }),
		'not-sent',
	);
}
