import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CinetPayLang } from '../transport';

/** Options every batched operation reads once per run. */
export interface BatchOptions {
	batchSize: number;
	lang: CinetPayLang;
	timeoutMs: number;
}

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

export function readBatchOptions(context: IExecuteFunctions): BatchOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.trunc(Number(options.batchSize ?? DEFAULT_BATCH_SIZE));
	return {
		batchSize: Math.min(Math.max(batchSize || DEFAULT_BATCH_SIZE, 1), MAX_BATCH_SIZE),
		lang: options.lang === 'fr' ? 'fr' : 'en',
		timeoutMs: Math.max(Number(options.timeout ?? 60), 1) * 1000,
	};
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/** The receiver's key: one contact per prefix and national number. */
export function receiverKey(payload: { prefix: string; phone: string }): string {
	return `${payload.prefix}:${payload.phone}`;
}
