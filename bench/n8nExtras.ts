/**
 * What the benchmark needs from n8n beyond e2e/n8n.ts's client (which it wraps, not changes):
 * per-node times and output sizes of an execution.
 */
import type { N8nApi } from '../e2e/n8n';

export interface NodeTiming {
	name: string;
	/** n8n's own executionTime of the node's (first) run, in ms. */
	ms: number;
	/** Items on its first output. */
	items: number;
}

/** Per-node times and output sizes of one execution, in the order the nodes ran. */
export async function nodeTimings(api: N8nApi, executionId: string): Promise<NodeTiming[]> {
	const execution = (await api.request(
		'GET',
		`/api/v1/executions/${executionId}?includeData=true`,
		undefined,
		'apiKey',
	)) as {
		data?: {
			resultData?: {
				runData?: Record<
					string,
					Array<{
						startTime?: number;
						executionTime?: number;
						data?: { main?: Array<unknown[] | null> };
					}>
				>;
			};
		};
	};
	const runData = execution.data?.resultData?.runData ?? {};
	return Object.entries(runData)
		.map(([name, runs]) => ({
			name,
			start: runs[0]?.startTime ?? 0,
			ms: runs[0]?.executionTime ?? NaN,
			items: runs[0]?.data?.main?.[0]?.length ?? 0,
		}))
		.sort((a, b) => a.start - b.start)
		.map(({ name, ms, items }) => ({ name, ms, items }));
}
