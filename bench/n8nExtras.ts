/**
 * What the benchmark needs from n8n beyond e2e/n8n.ts's client (which it wraps, not changes):
 * a webhook call with a long timeout and no JSON expectations, and every execution of a
 * workflow across the public API's pages.
 */
import { HttpError, sleep, type Execution, type N8nApi } from '../e2e/n8n';

/** POSTs JSON to a production webhook; retries while the route is not registered yet (404). */
export async function postWebhook(url: string, body: unknown, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		if (res.status === 404 && Date.now() < deadline) {
			await sleep(250);
			continue;
		}
		if (!res.ok) throw new HttpError(res.status, text, `POST ${url}`);
		return text;
	}
}

/** Every execution of a workflow (no data), following the public API's cursor. */
export async function listAllExecutions(api: N8nApi, workflowId: string): Promise<Execution[]> {
	const all: Execution[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 1000; page++) {
		const params = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) params.set('cursor', cursor);
		const answer = (await api.request(
			'GET',
			`/api/v1/executions?${params}`,
			undefined,
			'apiKey',
		)) as {
			data: Execution[];
			nextCursor?: string | null;
		};
		all.push(...answer.data);
		cursor = answer.nextCursor ?? undefined;
		if (!cursor || answer.data.length === 0) break;
	}
	return all;
}

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
