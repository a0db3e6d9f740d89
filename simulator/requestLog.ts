/**
 * The API request log both simulators keep, and v1's redaction. Secrets never reach the log:
 * tokens are replaced by "<redacted:N>" (N = the token's issue number, so a test can tell WHICH
 * token was used), apikey and password by "<redacted>".
 */
import type { TokenStore } from './tokens';
import type { RequestLogEntry } from './types';

const SECRET_FIELDS = new Set(['apikey', 'password']);

export function redactToken(token: string, tokens: TokenStore): string {
	const n = tokens.numberOf(token);
	return `<redacted:${n === undefined ? 'unknown' : n}>`;
}

function redactFields(fields: Record<string, string>, tokens: TokenStore): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'token') out[key] = redactToken(value, tokens);
		else if (SECRET_FIELDS.has(key.toLowerCase())) out[key] = '<redacted>';
		else out[key] = value;
	}
	return out;
}

export function redactQuery(
	query: Record<string, string>,
	tokens: TokenStore,
): Record<string, string> {
	return redactFields(query, tokens);
}

/**
 * The form body as logged: redacted. `data` stays the text it came as; `entries()` parses it
 * when it is read, so a 500-item call is not parsed a second time while it is being answered.
 */
export function redactBody(
	form: Record<string, string>,
	tokens: TokenStore,
): Record<string, unknown> {
	return redactFields(form, tokens);
}

/** A logged body for a reader: a deep copy, with `data` parsed from JSON when it parses. */
function bodyForReader(body: Record<string, unknown>): Record<string, unknown> {
	const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
	if (typeof copy.data === 'string') {
		try {
			copy.data = JSON.parse(copy.data);
		} catch {
			// Not JSON: logged as the text it was.
		}
	}
	return copy;
}

/** v1's entries as a reader gets them: the nested query and body copied, `data` parsed. */
export function v1EntryForReader(e: RequestLogEntry): RequestLogEntry {
	return { ...e, query: { ...e.query }, body: bodyForReader(e.body) };
}

/** The request counters of both simulators' `stats()`. */
export interface RequestCounters {
	requests: number;
	logins: number;
	inFlight: number;
	maxInFlight: number;
}

/**
 * The API request log and its counters, for both simulators. Entries are recorded already
 * redacted; `forReader` copies one for a caller, so a test that mutates what it got does not
 * rewrite history.
 */
export class RequestLog<Entry> {
	private log: Entry[] = [];
	private seq = 0;
	requests = 0;
	logins = 0;
	inFlight = 0;
	maxInFlight = 0;

	constructor(private readonly forReader: (entry: Entry) => Entry) {}

	/** A request arrived: returns its sequence number. */
	begin(): number {
		this.requests++;
		this.inFlight++;
		if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
		return ++this.seq;
	}

	end(): void {
		this.inFlight--;
	}

	record(entry: Entry): void {
		this.log.push(entry);
	}

	entries(): Entry[] {
		return this.log.map(this.forReader);
	}

	counters(): RequestCounters {
		const { requests, logins, inFlight, maxInFlight } = this;
		return { requests, logins, inFlight, maxInFlight };
	}

	/** Empties the log and resets the counters (maxInFlight to the requests still in flight). */
	clear(): void {
		this.log = [];
		this.requests = 0;
		this.logins = 0;
		this.maxInFlight = this.inFlight;
	}

	/** clear(), and sequence numbers start again from 1. */
	reset(): void {
		this.clear();
		this.seq = 0;
	}
}
