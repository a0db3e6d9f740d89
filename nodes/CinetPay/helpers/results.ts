/**
 * One output slot per input item, filled in any order as batches come back, read out in input
 * order. Count in = count out: an item that was neither answered nor failed is a bug, and is
 * reported as one rather than dropped.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FieldError } from './validation';

export type ItemError = NodeApiError | NodeOperationError;

export class ItemResults {
	private readonly outputs: Array<IDataObject[] | undefined>;

	/** An error may be shared by a whole batch (e.g. 602), so per-item details live beside it. */
	private readonly errors: Array<{ error: ItemError; details: IDataObject } | undefined>;

	constructor(
		private readonly context: IExecuteFunctions,
		readonly count: number,
	) {
		this.outputs = new Array(count);
		this.errors = new Array(count);
	}

	succeed(itemIndex: number, json: IDataObject | IDataObject[]): void {
		this.outputs[itemIndex] = Array.isArray(json) ? json : [json];
	}

	fail(itemIndex: number, error: ItemError, details: IDataObject = {}): void {
		this.errors[itemIndex] = { error, details };
	}

	succeeded(itemIndex: number): boolean {
		return this.outputs[itemIndex] !== undefined && this.errors[itemIndex] === undefined;
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
			nodeError.context.field = error.field;
			this.fail(itemIndex, nodeError);
		} else if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			this.fail(itemIndex, error);
		} else {
			this.fail(itemIndex, new NodeOperationError(this.context.getNode(), error as Error, { itemIndex }));
		}
	}

	hasFailures(): boolean {
		return this.errors.some(Boolean);
	}

	/** The first failed item's error, ready to throw: it names that item. */
	firstFailure(): ItemError {
		const itemIndex = this.errors.findIndex(Boolean);
		const { error, details } = this.errors[itemIndex]!;
		error.context.itemIndex = itemIndex;
		Object.assign(error.context, details);
		return error;
	}

	/** Items in input order; failed ones carry their error when "continue on fail" is on. */
	toOutput(): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.count; itemIndex++) {
			const failure = this.errors[itemIndex];
			const jsons = this.outputs[itemIndex];
			if (failure) {
				output.push({ json: errorJson(failure.error, failure.details), pairedItem: { item: itemIndex } });
			} else if (jsons) {
				for (const json of jsons) output.push({ json, pairedItem: { item: itemIndex } });
			} else {
				const missing = new NodeOperationError(
					this.context.getNode(),
					`No result for item ${itemIndex + 1}: this is a bug in the CinetPay node, please report it`,
					{ itemIndex },
				);
				output.push({ json: errorJson(missing), pairedItem: { item: itemIndex } });
			}
		}
		return output;
	}
}

/** Error details worth keeping on a failed item, by their name in the error's context. */
const ERROR_CONTEXT_FIELDS = {
	cinetPayCode: 'code',
	field: 'field',
	clientTransactionId: 'client_transaction_id',
	cinetPayOutcome: 'outcome',
} as const;

/** What "continue on fail" puts on a failed item: the message first, then what helps act on it. */
export function errorJson(error: ItemError, details: IDataObject = {}): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	for (const [contextKey, outputKey] of Object.entries(ERROR_CONTEXT_FIELDS)) {
		const value = details[contextKey] ?? error.context[contextKey];
		if (value !== undefined) json[outputKey] = value as string;
	}
	return json;
}
