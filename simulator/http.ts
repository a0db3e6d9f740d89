/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/**
 * Small HTTP helpers on node:http: reading bodies, parsing forms the way CinetPay's PHP back end
 * does (urlencoded or multipart; JSON bodies are NOT form fields), writing answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new BodyTooLargeError(`body larger than ${limit} bytes`));
				req.pause();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Query or form pairs; on a repeated key the last one wins, as in PHP. */
export function pairsToRecord(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	params.forEach((value, key) => {
		out[key] = value;
	});
	return out;
}

export function parseForm(contentType: string | undefined, body: Buffer): Record<string, string> {
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return pairsToRecord(new URLSearchParams(body.toString('utf8')));
	}
	if (type.startsWith('multipart/form-data')) return parseMultipart(contentType ?? '', body);
	return {};
}

/** Text fields of a multipart/form-data body (files are read as text too; nobody sends any). */
function parseMultipart(contentType: string, body: Buffer): Record<string, string> {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!match) return {};
	const delimiter = `--${match[1] ?? match[2]}`;
	const out: Record<string, string> = {};
	for (const part of body.toString('utf8').split(delimiter)) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) continue;
		const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd));
		if (!name) continue;
		out[name[1]] = part.slice(headerEnd + 4).replace(/\r\n$/, '');
	}
	return out;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendText(
	res: ServerResponse,
	status: number,
	contentType: string,
	text: string,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/** What an overloaded upstream behind a gateway answers: HTML, not the API's JSON. */
export const HTML_503 =
	'<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>' +
	'<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>\n';

export const HTML_417 =
	'<!DOCTYPE html>\n<html><head><title>417 Expectation Failed</title></head>' +
	'<body><center><h1>417 Expectation Failed</h1></center><hr><center>nginx</center></body></html>\n';
