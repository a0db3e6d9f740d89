/**
 * The payout protocol: how Transfer → Send pays items and settles each, on both CinetPay
 * platforms (each supplies only its calls and facts: platform.ts). An item's life:
 *
 *   checked (before any call, by the operation's reader)
 *   → planned: an earlier try's sent transfer is reported, not sent again; one an earlier try left
 *     unknown is sent again only where a resend is safe (v1's 805 guard)
 *   → prepared: what must precede its send and moves no money (v1: its receiver made a contact);
 *     the next call's preparation goes while this call's send is out, so at most one send and one
 *     preparation are out at once, and lookups start only once that preparation is back
 *   → in flight: the retry memory learns it left BEFORE the call does (retryMemory.ts)
 *   → answered: accepted → sent (outcomes.ts settleHeld); refused → not-sent, unless its ID may
 *     already be held (outcomes.ts settleRefused); exists or lost → looked up
 *   → looked up by its ID (a few at a time, within the run's check deadline): found → sent if it is
 *     this item's; nothing found after a lost answer → sent once more with the same ID where a
 *     resend is safe, else `unknown`; nothing found after a refusal of a held ID → `unknown`
 *   → sent / not-sent / unknown, each exactly once.
 *
 * The circuit breaker (run.ts): after 3 send calls in a row without an answer, when a lookup
 * times out, or past the check deadline, no further send starts; items never sent are settled
 * as refused by the run (not-sent, or unknown where the ID may be held).
 */
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT, mapBounded } from '../helpers/batching';
import { factsOf, type ItemError } from '../transport/shared/errors';
import { settleHeld, settleRefused, settleUnknown, settleUnsent } from './outcomes';
import type { LookupAnswer, PayoutItem, PayoutPlatform, SendAnswer } from './platform';
import type { PayoutRun } from './run';

/** A first send, and one more for what a lookup did not find after a lost answer. */
const SEND_ROUNDS = 2;

/** An item to look up, and why. */
interface ToCheck {
	item: PayoutItem;
	cause: ItemError;
	/** CinetPay said the ID exists (805/1200): never send it again. */
	exists: boolean;
	/** CinetPay refused this call, but may hold the ID from before. */
	refused: boolean;
}

/** Pays every item and settles each exactly once. */
export async function payItems(
	run: PayoutRun,
	platform: PayoutPlatform,
	items: PayoutItem[],
): Promise<void> {
	const toSend = items.filter((item) => !settledByEarlierTry(run, platform, item));
	const calls = platform.calls(toSend);
	const prepared = new Preparations(run, platform, calls);
	await mapBounded(
		calls,
		() => platform.inFlight(),
		async (call, index) => {
			const stopped = run.stoppedBecause;
			if (stopped) settleUnsent(run, platform, call, stopped);
			else await payCall(run, platform, call, prepared, index);
		},
	);
	// A preparation that went ahead for a call the run then did not send: none outlives the run.
	await prepared.all();
}

/** Each call's preparation, started once: in its turn, or ahead of it while a send is out. */
class Preparations {
	private readonly started = new Map<number, Promise<void>>();

	constructor(
		private readonly run: PayoutRun,
		private readonly platform: PayoutPlatform,
		private readonly calls: PayoutItem[][],
	) {}

	of(index: number): Promise<void> {
		const { prepare } = this.platform;
		if (!prepare || index >= this.calls.length) return Promise.resolve();
		let preparation = this.started.get(index);
		if (!preparation) {
			preparation = prepare.call(this.platform, this.run, this.calls[index]);
			// Awaited later (or by all()): a failure is not unhandled meanwhile.
			void preparation.catch(() => undefined);
			this.started.set(index, preparation);
		}
		return preparation;
	}

	async all(): Promise<void> {
		await Promise.all(this.started.values());
	}
}

/** What an earlier try of this execution settled is reported, not sent again. */
function settledByEarlierTry(run: PayoutRun, platform: PayoutPlatform, item: PayoutItem): boolean {
	const sent = run.earlier.sent[item.id];
	if (sent) {
		run.results.succeed(item.itemIndex, { ...sent, sent_by_earlier_try: true });
		return true;
	}
	// Where a resend could pay twice, nothing an earlier try may have made is sent again: not what
	// it left unknown, nor what it sent before dying without a word.
	if (platform.resendIsSafe || !run.earlierTryMayHold(item)) return false;
	const error = new NodeOperationError(
		run.context.getNode(),
		`Outcome unknown for transfer "${item.id}": an earlier try of this execution sent it without a clear answer`,
		{
			itemIndex: item.itemIndex,
			description: `Not sent again: on this platform a second send with the same ID may pay twice. ${platform.texts.checkOne(item.id)}`,
		},
	);
	// Not a failure of this try: it does not stop this try's other sends.
	run.results.fail(
		item.itemIndex,
		error,
		{ clientTransactionId: item.id, outcome: 'unknown' },
		item.echo,
	);
	return true;
}

/** One send call's items, through every round until each is settled. */
async function payCall(
	run: PayoutRun,
	platform: PayoutPlatform,
	call: PayoutItem[],
	prepared: Preparations,
	index: number,
): Promise<void> {
	await prepared.of(index);
	let nextPreparation: Promise<void> | undefined;
	let pending = call;
	for (let round = 1; pending.length > 0; round++) {
		run.noteLeaving(pending);
		const sending = platform.send(run, pending);
		// The next call's preparation goes once this send has left, while it is out (the send is
		// the one that waits on it); not once sends stopped.
		if (round === 1 && !run.stoppedBecause) nextPreparation = prepared.of(index + 1);
		const answers = await sending;
		run.noteSendCall(answers.some((answer) => answer.kind !== 'lost'));
		const toCheck = settleAnswers(run, platform, pending, answers, round > 1);
		if (toCheck.length === 0) return;
		// Lookups go a few at a time: not beside a preparation still out.
		await nextPreparation;
		run.startCheckClock();
		const found = await mapBounded(
			toCheck,
			DEFAULT_IN_FLIGHT,
			async ({ item }) => await lookUp(run, platform, item),
		);
		pending = settleLookups(run, platform, toCheck, found, round < SEND_ROUNDS);
	}
}

/** What CinetPay answered clearly is settled now; the rest is returned, to be looked up. */
function settleAnswers(
	run: PayoutRun,
	platform: PayoutPlatform,
	items: PayoutItem[],
	answers: SendAnswer[],
	resent: boolean,
): ToCheck[] {
	const toCheck: ToCheck[] = [];
	items.forEach((item, position) => {
		const answer = answers[position];
		if (answer.kind === 'accepted') {
			// `recovered`: sent again after a lost answer, with the same ID.
			const flags = resent ? { duplicate: false, recovered: true } : { duplicate: false };
			settleHeld(run, platform, item, answer.transfer, flags);
		} else if (answer.kind === 'refused') {
			if (run.mayBeHeld(item))
				toCheck.push({ item, cause: answer.error, exists: false, refused: true });
			else settleRefused(run, platform, item, answer.error);
		} else {
			run.noteUnclear(item);
			toCheck.push({ item, cause: answer.cause, exists: answer.kind === 'exists', refused: false });
		}
	});
	return toCheck;
}

async function lookUp(
	run: PayoutRun,
	platform: PayoutPlatform,
	item: PayoutItem,
): Promise<LookupAnswer> {
	const budgetMs = run.lookupBudgetMs();
	if (budgetMs <= 0)
		return {
			kind: 'failed',
			reason: 'CinetPay did not answer checks within the check deadline',
		};
	try {
		return await platform.lookUp(run, item, budgetMs);
	} catch (error) {
		// A lookup that timed out: CinetPay is not answering; later ones would not fare better.
		if (factsOf(error).timedOut) run.stopLookups();
		return { kind: 'failed', reason: `the lookup failed: ${(error as Error).message}` };
	}
}

/**
 * Found transfers are settled; the lost ones to send again are returned (same IDs, only where a
 * resend is safe and send rounds are left); the rest is `unknown`.
 */
function settleLookups(
	run: PayoutRun,
	platform: PayoutPlatform,
	toCheck: ToCheck[],
	found: LookupAnswer[],
	maySendAgain: boolean,
): PayoutItem[] {
	const again: PayoutItem[] = [];
	toCheck.forEach(({ item, cause, exists, refused }, position) => {
		const lookup = found[position];
		if (lookup.kind === 'found') {
			const flags = exists || refused ? { duplicate: true } : { duplicate: true, recovered: true };
			settleHeld(run, platform, item, lookup.transfer, flags);
			return;
		}
		const nothingSeen = lookup.kind === 'missing' || lookup.kind === 'cannot';
		if (refused) {
			// A held ID refused now: this call made nothing, an earlier one may have.
			settleRefused(run, platform, item, cause);
		} else if (
			nothingSeen &&
			!exists &&
			maySendAgain &&
			platform.resendIsSafe &&
			!run.stoppedBecause
		) {
			again.push(item);
		} else {
			settleUnknown(run, platform, item, `${cause.message}; ${lookupSaid(lookup)}`, cause);
		}
	});
	return again;
}

function lookupSaid(lookup: Exclude<LookupAnswer, { kind: 'found' }>): string {
	if (lookup.kind === 'failed') return lookup.reason;
	if (lookup.kind === 'cannot') return 'CinetPay cannot be asked for a transfer by this ID';
	return 'CinetPay does not show the transfer (yet)';
}
