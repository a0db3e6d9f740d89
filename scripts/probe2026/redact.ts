/**
 * The probe prints CinetPay's raw answers: every one goes through here first. Fields that hold a
 * secret are replaced whatever their value; the secrets the probe knows (key, password, tokens)
 * are also replaced wherever else they appear, as a last guard over the whole report.
 */

/** Fields whose value is a secret: credentials, session tokens, a transfer's notify_token. */
const SECRET_FIELD =
	/^(api_?key|api_?password|password|access_token|refresh_token|token|notify_token|authorization|secret)$/i;

export function redact(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redact);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [
			key,
			SECRET_FIELD.test(key) ? redactedValue(inner) : redact(inner),
		]),
	);
}

function redactedValue(value: unknown): string {
	return typeof value === 'string' ? `<redacted: ${value.length} characters>` : '<redacted>';
}

/** `text` with every occurrence of each secret (of 4 characters or more) replaced. */
export function scrub(text: string, secrets: Iterable<string>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= 4) out = out.split(secret).join('<redacted>');
	}
	return out;
}
