/**
 * A stand-in for Transfer → Send on the 2026 platform while the node does not have it: the
 * transport's payTransfers2026 behind the node's contract (one result per item, failed items as
 * `{ error: {…} }`, a thrown error naming sent and unknown IDs, default IDs kept in the node's
 * execution context, n8n's Retry On Fail as repeated tries), so the suite's platform adapter,
 * generator and check can be built and checked against the transport before the Send is wired.
 * The suite runs the real operation on n8n-core once it exists (PAYOUT_SEND_2026=standin keeps
 * this one).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, randomString } from 'n8n-workflow';

import { factsOf } from '../../nodes/CinetPay/transport/errors';
import {
	payTransfers2026,
	type Payout2026Request,
	type Payout2026Result,
} from '../../nodes/CinetPay/transport/platform2026/payout2026';
import {
	defaultMerchantId2026,
	transferPayload2026,
} from '../../nodes/CinetPay/transport/platform2026/transferPayload';
import { capturedLogLines, executeContext } from './n8nHarness';
import type { Send2026Executor } from './payoutPlatform2026';

/** What the stand-in logged through the harness, for the secret scan. */
export const standInLogLines = (): string[] => capturedLogLines;

export const sendStandIn2026: Send2026Executor = async (parameters, scenario, rows, store, ids) => {
	const tries = scenario.mode === 'retryOnFail' ? 3 : 1;
	const continueOnFail = scenario.mode === 'continueOnFail';
	const key = ((ids.nodeContext.clientTransactionIdKey as string | undefined) ??= randomString(12));
	let error: NodeExecution2026Error | undefined;
	for (let attempt = 1; attempt <= tries; attempt++) {
		const items: INodeExecutionData[] = rows.map((row) => ({ json: { ...row.json } }));
		const context = executeContext({
			parameters,
			items,
			store,
			continueOnFail,
			executionId: ids.executionId,
			nodeContext: ids.nodeContext,
			instanceId: ids.instanceId,
		});
		const results: Array<Payout2026Result | undefined> = [];
		const requests: Payout2026Request[] = [];
		for (const [itemIndex, item] of items.entries()) {
			const json = item.json;
			const checked = transferPayload2026({
				country: 'CI',
				phone: `${String(json.prefix)}${String(json.phone)}`,
				amount: json.amount as number,
				merchantTransactionId:
					(json.client_transaction_id as string | undefined) ??
					defaultMerchantId2026(key, 0, itemIndex),
				paymentMethod: String(json.payment_method ?? parameters.paymentMethod),
				notifyUrl: String(parameters.notifyUrl ?? ''),
			});
			const copyOf = requests.find(
				(r) =>
					'payload' in checked &&
					r.payload.merchant_transaction_id === checked.payload.merchant_transaction_id,
			);
			if ('payload' in checked && !copyOf) requests.push({ itemIndex, payload: checked.payload });
			else if (copyOf)
				results[itemIndex] = {
					outcome: 'not-sent',
					error: new NodeOperationError(
						context.getNode(),
						`same ID as item ${copyOf.itemIndex + 1}`,
						{
							itemIndex,
						},
					),
				};
			else
				results[itemIndex] = {
					outcome: 'not-sent',
					error: new NodeOperationError(context.getNode(), `${checked.field}: ${checked.problem}`, {
						itemIndex,
					}),
				};
		}
		if (!continueOnFail && results.some(Boolean)) {
			error = thrown(context.getNode(), [], []);
			continue;
		}
		const options = parameters.options as IDataObject;
		// What earlier tries of this execution settled is not sent again (as v1's execution memory).
		const memory = ((ids.nodeContext.standIn2026 as Record<string, Payout2026Result>) ??= {});
		const toSend = requests.filter((r) => !memory[r.payload.merchant_transaction_id]);
		const fresh = await payTransfers2026(context, toSend, {
			inFlight: Number(options.sendsInFlight),
			timeoutMs: Number(options.timeout) * 1000,
		});
		for (const [position, request] of toSend.entries()) {
			const result = fresh[position];
			if (result.outcome !== 'not-sent') memory[request.payload.merchant_transaction_id] = result;
		}
		const paid = requests.map(
			(r) => memory[r.payload.merchant_transaction_id] ?? fresh[toSend.indexOf(r)],
		);
		for (const [position, request] of requests.entries())
			results[request.itemIndex] = paid[position];
		const idOf = new Map(requests.map((r) => [r.itemIndex, r.payload.merchant_transaction_id]));
		const output = results.map((result, itemIndex) =>
			itemOf(result!, idOf.get(itemIndex) ?? rows[itemIndex].json.client_transaction_id, itemIndex),
		);
		const failed = results.some((result) => result!.outcome !== 'sent');
		if (continueOnFail || !failed) return { tries: attempt, output };
		const ids2 = (outcome: string) =>
			requests
				.filter((_, position) => paid[position].outcome === outcome)
				.map((request) => request.payload.merchant_transaction_id);
		error = thrown(context.getNode(), ids2('sent'), ids2('unknown'));
	}
	return { tries, error };
};

type NodeExecution2026Error = NodeOperationError;

function itemOf(result: Payout2026Result, id: unknown, itemIndex: number): INodeExecutionData {
	if (result.outcome === 'sent') return { json: result.json, pairedItem: { item: itemIndex } };
	const facts = factsOf(result.error);
	return {
		json: {
			error: {
				message: result.error.message,
				description: result.error.description ?? null,
				outcome: result.outcome,
				code: facts.code ?? null,
				client_transaction_id: typeof id === 'string' ? id : null,
			},
		},
		pairedItem: { item: itemIndex },
	};
}

function thrown(
	node: ReturnType<ReturnType<typeof executeContext>['getNode']>,
	sent: string[],
	unknown: string[],
): NodeOperationError {
	const error = new NodeOperationError(node, 'Some transfers failed', {
		description: `sent: ${sent.join(', ')}; unknown: ${unknown.join(', ')}`,
	});
	error.context.cinetPay = { sentClientTransactionIds: sent, unknownClientTransactionIds: unknown };
	return error;
}
