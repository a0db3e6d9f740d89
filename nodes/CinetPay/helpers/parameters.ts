/**
 * Reading parameters and item fields cheaply. n8n 2.x evaluates each expression in an isolated VM
 * (about half a millisecond each), so on thousands of items the node reads a parameter once when
 * it holds no expression, and "Map Automatically" reads item JSON without any expression at all.
 */
import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

export type DataMode = 'autoMapInputData' | 'defineBelow';

/**
 * The item fields "Map Automatically" accepts, first match wins. snake_case first: it is how
 * CinetPay names them, and how most exported spreadsheets do too.
 */
export const AUTO_MAP_FIELDS = {
	prefix: ['prefix'],
	phone: ['phone'],
	amount: ['amount'],
	name: ['name'],
	surname: ['surname'],
	email: ['email'],
	clientTransactionId: ['client_transaction_id', 'clientTransactionId'],
	paymentMethod: ['payment_method', 'paymentMethod'],
} as const;

export type AutoMapField = keyof typeof AUTO_MAP_FIELDS;

export function pickField(json: IDataObject, field: AutoMapField): unknown {
	for (const name of AUTO_MAP_FIELDS[field]) {
		if (json[name] !== undefined) return json[name];
	}
	return undefined;
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * Returns a reader for a parameter: the value is resolved once when the parameter holds no
 * expression, per item otherwise. `path` is the parameter name, or "collection.field".
 */
export function parameterReader<T extends NodeParameterValueType | object>(
	context: IExecuteFunctions,
	path: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = path
		.split('.')
		.reduce<unknown>(
			(value, key) => (value as IDataObject | undefined)?.[key],
			context.getNode().parameters,
		);
	const read = (itemIndex: number) => context.getNodeParameter(path, itemIndex, fallback) as T;
	if (holdsExpression(raw)) return read;
	const constant = read(0);
	return () => constant;
}
