/**
 * The probe's report: per step what a person reads first, then the raw JSON (redacted), then the
 * lines of facts.ts (and codes.ts) the answers imply. The whole text is scrubbed of every secret
 * the probe knows before it leaves.
 */
import type { ProbeConfig } from './config';
import type { ProbeFindings } from './probe';
import { redact, scrub } from './redact';

const FACTS_FILE = 'nodes/CinetPay/transport/platform2026/facts.ts';

/** The lines the answers imply, one per question; a comment where a question is not settled. */
export function impliedFactLines(findings: ProbeFindings, config: ProbeConfig): string[] {
	const lines: string[] = [];
	const duplicate = findings.duplicate;
	if (!duplicate?.answer)
		lines.push(`// DUPLICATE_GUARD_2026: not settled — ${duplicate?.why ?? 'not asked'}`);
	else if (duplicate.answer === 'acceptsNew')
		lines.push(
			"export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = 'unknown'; // settled: a reused ID is a NEW transfer — never resend",
		);
	else {
		lines.push(`export const DUPLICATE_GUARD_2026: DuplicateGuard2026 = '${duplicate.answer}';`);
		if (duplicate.answer === 'refused' && !duplicate.nodeReadsAsExists)
			lines.push(
				`// codes.ts: '${duplicate.code}' (HTTP ${String(duplicate.httpStatus)}) must be read as "exists" (exists: true) — today the node reads it otherwise`,
			);
	}
	const lookup = findings.merchantLookup;
	lines.push(
		lookup?.answer
			? `export const MERCHANT_LOOKUP_2026: MerchantLookup2026 = '${lookup.answer}';`
			: `// MERCHANT_LOOKUP_2026: not settled — ${lookup?.why ?? 'not asked'}`,
	);
	lines.push('// Not in facts.ts yet — new facts these answers settle:');
	const notifyToken = findings.sendNotifyToken;
	lines.push(
		notifyToken === undefined || notifyToken === null
			? '// SEND_ANSWER_HAS_NOTIFY_TOKEN_2026: not settled — no transfer was created'
			: `export const SEND_ANSWER_HAS_NOTIFY_TOKEN_2026 = ${String(notifyToken)};`,
	);
	const token = findings.token;
	if (!token?.answer)
		lines.push(`// REFUSED_TOKEN_2026: not settled — ${token?.why ?? 'not asked'}`);
	else {
		lines.push(
			`export const REFUSED_TOKEN_2026 = { answer: '${token.answer}', httpStatus: ${String(token.httpStatus)}, code: ${jsonLiteral(token.code)}, status: ${jsonLiteral(token.status)} } as const;`,
		);
		if (!token.nodeRenews)
			lines.push(
				`// codes.ts: '${String(token.code)}' must carry sessionRejected: true — today the node does not renew its session on this answer`,
			);
	}
	const expired = findings.expired;
	if (!expired || expired.answer === 'notSeen')
		lines.push(
			`// EXPIRED_2026: not settled — EXPIRED not seen (${expired?.why ?? 'not asked'}); CINETPAY_PROBE_PHONE can name a number the sandbox lets expire`,
		);
	else
		lines.push(
			`export const EXPIRED_2026 = '${expired.answer}'; // ${expired.why}`,
			...(expired.answer === 'moves'
				? ["// codes.ts: '2003' must be transferState.final = false"]
				: []),
		);
	const methods = findings.methods;
	if (methods?.answer === 'accepted')
		lines.push(
			'// PAYMENT METHODS: CinetPay accepted an unknown payment method — tell the maintainers',
		);
	else if (methods?.codes.length) {
		const known = config.countryFacts.paymentMethods;
		const added = methods.codes.filter((code) => !known.includes(code));
		const missing = known.filter((code) => !methods.codes.includes(code));
		lines.push(
			`// COUNTRIES_2026.${config.country}.paymentMethods, as CinetPay names them:`,
			`paymentMethods: [${methods.codes.map((code) => `'${code}'`).join(', ')}],${added.length || missing.length ? ` // new: ${added.join(', ') || '-'}; not named: ${missing.join(', ') || '-'}` : ' // as facts.ts has them'}`,
		);
	} else lines.push('// PAYMENT METHODS: not settled — the refusal names no codes');
	return lines;
}

export function renderReport(
	findings: ProbeFindings,
	config: ProbeConfig,
	now = new Date(),
): string {
	const out: string[] = [
		'CinetPay 2026 platform — sandbox probe report (n8n-nodes-cinetpay)',
		`date ${now.toISOString()}, base URL ${config.baseUrl}, country ${config.country}, key sk_test_… (redacted)`,
		`transfers of ${config.amount} ${config.countryFacts.currency} to ${config.phone} by ${config.paymentMethod}; status watched up to ${config.watchSeconds} s`,
		'',
	];
	for (const step of findings.steps) {
		out.push(`## ${step.title}`, ...step.lines.map((line) => `   ${line}`), '');
		for (const exchange of step.exchanges) {
			out.push(
				`   ${exchange.call} → ${exchange.httpStatus ?? `no answer (${exchange.error ?? 'unknown'})`}`,
				...(exchange.sent ? indent(`sent: ${JSON.stringify(exchange.sent)}`) : []),
				...indent(JSON.stringify(redact(exchange.body), null, 2)),
				'',
			);
		}
	}
	out.push(
		`## What these answers imply — ${FACTS_FILE}`,
		...(findings.loggedIn ? impliedFactLines(findings, config) : ['// nothing: the login failed']),
		'',
		'Open an issue at https://github.com/cinetpay-n8n/n8n-nodes-cinetpay/issues with this report.',
	);
	return scrub(out.join('\n'), [config.apiKey, config.apiPassword, ...findings.secretsSeen]);
}

function indent(text: string): string[] {
	return text.split('\n').map((line) => `      ${line}`);
}

/** A code as CinetPay wrote it: a number stays a number; quotes as facts.ts writes them. */
function jsonLiteral(value: string | undefined): string {
	if (value === undefined) return 'null';
	return /^\d+$/.test(value) ? value : `'${value.replace(/'/g, "\\'")}'`;
}
