/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: an HTTP front on 127.0.0.1 for the e2e tests */
/**
 * One CinetPay host serving several merchant accounts, made of one simulator per account (the
 * simulator holds a single account). A login goes to the account whose API key it carries; a call
 * with a token goes to the account that issued that token, as CinetPay's own host does: an old
 * token keeps working for its old account. A token no account issued is answered 706 here and
 * remembered, so a test can say "no request carried a token this host never gave".
 *
 * Used to edit a credential's API key and password without changing its base URL, and to see
 * which account each request of the next run reached (each simulator's own request log).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RoutedAccount {
	apiKey: string;
	/** The simulator's base URL (http://127.0.0.1:port). */
	baseUrl: string;
}

export interface AccountRouter {
	baseUrl: string;
	/** Requests whose token no account issued (path only; the token itself is never kept). */
	unknownTokenRequests(): string[];
	close(): Promise<void>;
}

export async function startAccountRouter(accounts: RoutedAccount[]): Promise<AccountRouter> {
	const byApiKey = new Map(accounts.map((a) => [a.apiKey, a]));
	const byToken = new Map<string, RoutedAccount>();
	const unknown: string[] = [];

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void route(req, Buffer.concat(chunks))
				.then(({ status, contentType, body }) => {
					res.writeHead(status, { 'content-type': contentType });
					res.end(body);
				})
				.catch((error: Error) => {
					res.writeHead(502, { 'content-type': 'text/plain' });
					res.end(`account router: ${error.message}`);
				});
		});
	});

	async function route(
		req: http.IncomingMessage,
		body: Buffer,
	): Promise<{ status: number; contentType: string; body: string }> {
		const url = new URL(req.url ?? '/', 'http://router');
		let account: RoutedAccount | undefined;
		const isLogin = url.pathname.endsWith('/auth/login');
		if (isLogin) {
			const apiKey = new URLSearchParams(body.toString('utf8')).get('apikey') ?? '';
			// An unknown key: let the first account answer it (701, as CinetPay would).
			account = byApiKey.get(apiKey) ?? accounts[0];
		} else {
			const token = url.searchParams.get('token') ?? '';
			account = byToken.get(token);
			if (!account) {
				unknown.push(url.pathname);
				return {
					status: 200,
					contentType: 'application/json',
					body: JSON.stringify({
						code: '706',
						message: 'INVALID_TOKEN',
						description: 'token unknown to this host',
						data: [],
					}),
				};
			}
		}
		const answer = await fetch(`${account.baseUrl}${url.pathname}${url.search}`, {
			method: req.method,
			headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
			body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
			signal: AbortSignal.timeout(60_000),
		});
		const text = await answer.text();
		if (isLogin) {
			try {
				const token = (JSON.parse(text) as { data?: { token?: unknown } }).data?.token;
				if (typeof token === 'string') byToken.set(token, account);
			} catch {
				// not JSON: nothing to remember
			}
		}
		return {
			status: answer.status,
			contentType: answer.headers.get('content-type') ?? 'application/json',
			body: text,
		};
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		unknownTokenRequests: () => [...unknown],
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
