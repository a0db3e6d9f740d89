import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPlatform } from '../helpers/platform';
import * as getBalance from './balance/get.operation';
import * as addContact from './contact/add.operation';
import * as getTransfer from './transfer/get.operation';
import * as sendTransfer from './transfer/send.operation';

type Execute = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/** An operation's module: `execute` for v1, `execute2026` for the 2026 platform. */
type Operation = { execute: Execute; execute2026: Execute };

/** resource → operation → its module. Every operation handles its own items and errors. */
const OPERATIONS: Record<string, Record<string, Operation>> = {
	balance: { get: getBalance },
	contact: { add: addContact },
	transfer: { send: sendTransfer, get: getTransfer },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const execute = readPlatform(this) === '2026' ? handler.execute2026 : handler.execute;
	return [await execute.call(this)];
}
