/**
 * Finds secrets anywhere in a value: enumerable or not (an Error's message, stack, cause,
 * description, context, errorResponse), nested, in cycles. Used on outputs and errors.
 */
export function allText(value: unknown, seen = new Set<unknown>()): string {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object' && typeof value !== 'function') return String(value);
	if (seen.has(value)) return '';
	seen.add(value);
	const keys = new Set<string | symbol>([...Object.getOwnPropertyNames(value), ...Object.keys(value)]);
	if (value instanceof Error) ['message', 'stack', 'cause', 'description'].forEach((key) => keys.add(key));
	const parts: string[] = [];
	for (const key of keys) {
		let entry: unknown;
		try {
			entry = (value as Record<string | symbol, unknown>)[key];
		} catch {
			continue;
		}
		if (typeof entry === 'function') continue;
		parts.push(String(key), allText(entry, seen));
	}
	return parts.join(' ');
}

export function findSecrets(value: unknown, secrets: string[]): string[] {
	const text = allText(value);
	return secrets.filter((secret) => secret.length > 0 && text.includes(secret));
}
