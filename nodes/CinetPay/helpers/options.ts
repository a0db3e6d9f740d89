import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CinetPayLang } from '../transport/v1';

/**
 * The options every operation reads once per run (Options → Batch Size, Language, Timeout), as
 * one object.
 */
export interface OperationOptions {
	batchSize: number;
	lang: CinetPayLang;
	timeoutMs: number;
}

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

export function readOperationOptions(context: IExecuteFunctions): OperationOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.trunc(Number(options.batchSize ?? DEFAULT_BATCH_SIZE));
	return {
		batchSize: Math.min(Math.max(batchSize || DEFAULT_BATCH_SIZE, 1), MAX_BATCH_SIZE),
		lang: options.lang === 'fr' ? 'fr' : 'en',
		timeoutMs: Math.max(Number(options.timeout ?? 60), 1) * 1000,
	};
}
