/**
 * One output slot per input item, filled in any order as batches come back, read out in input
 * order. Count in = count out: an item that was neither answered nor failed is a bug, and is
 * reported as one rather than dropped.
 *
 * A failed item's JSON is `{ error: { message, description, outcome, code, … } }`: one key,
 * `error`. That is what n8n (1.x and 2.x alike) reads to send an item to the node's error output
 * ("On Error: Continue (using error output)"), where it adds the input item's own fields beside
 * `error`. An item carrying `INodeExecutionData.error` would be routed too, but n8n then replaces
 * its whole JSON by `{ error: message }` (WorkflowExecute.normalizeNodeErrors), and with it the
 * outcome and the client transaction ID a user must act on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	addFacts,
	factsOf,
	type CinetPayErrorFacts,
	type ItemError,
} from '../transport/shared/errors';
import { FieldError } from './validation';

export type { ItemError } from '../transport/shared/errors';

interface Failure {
	error: ItemError;
	/** Per-item facts: an error may be shared by a whole batch (e.g. 602). */
	facts: CinetPayErrorFacts;
	/** What the item asked for, echoed on the failed item (e.g. receiver and amount). */
	echo: IDataObject;
}

export class ItemResults {
	private readonly outputs: Array<IDataObject[] | undefined>;

	private readonly failures: Array<Failure | undefined>;

	constructor(
		private readonly context: IExecuteFunctions,
		readonly count: number,
	) {
		this.outputs = new Array(count);
		this.failures = new Array(count);
	}

	succeed(itemIndex: number, json: IDataObject | IDataObject[]): void {
		this.outputs[itemIndex] = Array.isArray(json) ? json : [json];
		this.failures[itemIndex] = undefined;
	}

	fail(
		itemIndex: number,
		error: ItemError,
		facts: CinetPayErrorFacts = {},
		echo: IDataObject = {},
	): void {
		this.failures[itemIndex] = { error, facts, echo };
		this.outputs[itemIndex] = undefined;
	}

	/** Each item's (first) output, where it succeeded. */
	outputsByItem(): Array<IDataObject | undefined> {
		return this.outputs.map((jsons, itemIndex) =>
			jsons && this.failures[itemIndex] === undefined ? jsons[0] : undefined,
		);
	}

	succeeded(itemIndex: number): boolean {
		return this.outputs[itemIndex] !== undefined && this.failures[itemIndex] === undefined;
	}

	/** The facts recorded for a failed item (its own, then its error's). */
	factsOf(itemIndex: number): CinetPayErrorFacts | undefined {
		const failure = this.failures[itemIndex];
		return failure && { ...factsOf(failure.error), ...failure.facts };
	}

	/**
	 * An item that could not be read: a field breaking a rule, or a parameter whose expression
	 * failed for this item. Either way the item is not sent, and the others still can be.
	 */
	failRead(itemIndex: number, error: unknown): void {
		if (error instanceof FieldError) {
			const nodeError = new NodeOperationError(this.context.getNode(), error.message, {
				itemIndex,
				description: `Item ${itemIndex + 1} was not sent to CinetPay. Fix the field "${error.field}" and run again.`,
			});
			this.fail(itemIndex, addFacts(nodeError, { field: error.field, outcome: 'not-sent' }));
		} else if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			this.fail(itemIndex, error, { outcome: 'not-sent' });
		} else {
			this.fail(
				itemIndex,
				new NodeOperationError(this.context.getNode(), error as Error, { itemIndex }),
				{
					outcome: 'not-sent',
				},
			);
		}
	}

	hasFailures(): boolean {
		return this.failures.some(Boolean);
	}

	/** The first failed item's error, ready to throw: it names that item. */
	firstFailure(): ItemError {
		const itemIndex = this.failures.findIndex(Boolean);
		const { error, facts } = this.failures[itemIndex]!;
		error.context.itemIndex = itemIndex;
		return addFacts(error, facts);
	}

	/** Items in input order; failed ones carry their error (for n8n's error output). */
	toOutput(): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.count; itemIndex++) {
			const failure = this.failures[itemIndex];
			const jsons = this.outputs[itemIndex];
			if (failure) {
				output.push(failedItem(failure.error, itemIndex, failure.facts, failure.echo));
			} else if (jsons) {
				for (const json of jsons) output.push({ json, pairedItem: { item: itemIndex } });
			} else {
				const missing = new NodeOperationError(
					this.context.getNode(),
					`No result for item ${itemIndex + 1}: this is a bug in the CinetPay node, please report it`,
					{ itemIndex },
				);
				output.push(failedItem(missing, itemIndex, { outcome: 'unknown' }));
			}
		}
		return output;
	}
}

/** A failed item, as n8n's error output expects it (see the top of this file). */
export function failedItem(
	error: ItemError,
	itemIndex: number,
	facts: CinetPayErrorFacts = {},
	echo: IDataObject = {},
): INodeExecutionData {
	return { json: { error: errorDetails(error, facts, echo) }, pairedItem: { item: itemIndex } };
}

/** What a failed item's `error` says: the message first, then what helps act on it. */
export function errorDetails(
	error: ItemError,
	facts: CinetPayErrorFacts = {},
	echo: IDataObject = {},
): IDataObject {
	const known = { ...factsOf(error), ...facts };
	const details: IDataObject = { message: error.message };
	if (error.description) details.description = error.description;
	if (known.outcome) details.outcome = known.outcome;
	if (known.code !== undefined) details.code = known.code;
	if (known.status !== undefined) details.status = known.status;
	if (known.field !== undefined) details.field = known.field;
	if (known.clientTransactionId !== undefined) {
		details.client_transaction_id = known.clientTransactionId;
	}
	return { ...details, ...echo };
}
