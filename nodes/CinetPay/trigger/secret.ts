/**
 * The optional shared secret in the notify URL's query string (`?secret=…`). CinetPay signs
 * nothing, so a secret only the notify URL carries is what tells its calls from a stranger's;
 * checked before anything else, in constant time.
 */
import { createHash, timingSafeEqual } from 'crypto';

export const SECRET_QUERY_PARAMETER = 'secret';

export type SecretCheck = 'not-required' | 'accepted' | 'missing' | 'wrong';

export function checkSecret(expected: string, given: unknown): SecretCheck {
	const secret = expected.trim();
	if (secret === '') return 'not-required';
	if (given === undefined || given === null || given === '') return 'missing';
	// A repeated parameter (?secret=a&secret=b) arrives as a list: not the secret.
	if (typeof given !== 'string') return 'wrong';
	// Equal-length digests: the comparison takes the same time whatever the given value's length.
	return timingSafeEqual(digest(secret), digest(given)) ? 'accepted' : 'wrong';
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}
