import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export async function execute2026(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'Transfer → send on the 2026 platform is not wired yet');
}
