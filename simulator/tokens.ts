/**
 * Access tokens. They look like CinetPay's (a JWT: three base64url parts, HS256, iat/exp) but are
 * random and only meaningful to this simulator instance. Each carries an issue number so the
 * request log can say WHICH token a request used without revealing it.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type TokenCheck = 'valid' | 'expired' | 'invalid';

interface TokenRecord {
	n: number;
	expiresAtMs: number;
	/** expireTokens() marks tokens expired without touching their exp claim. */
	forcedExpired: boolean;
	/** invalidateTokens(): the token is unknown from now on (706), but still redactable. */
	revoked: boolean;
}

function base64url(input: Buffer | string): string {
	return Buffer.from(input)
		.toString('base64')
		.replace(/=+$/, '')
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

export class TokenStore {
	private readonly secret = randomBytes(32);
	private readonly tokens = new Map<string, TokenRecord>();
	private issued = 0;

	issue(ttlSeconds: number, subject: string, nowMs = Date.now()): { token: string; n: number } {
		const n = ++this.issued;
		const iat = Math.floor(nowMs / 1000);
		const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
		const payload = base64url(
			JSON.stringify({
				iss: 'https://client.cinetpay.com/v1/auth/login',
				iat,
				exp: Math.ceil((nowMs + ttlSeconds * 1000) / 1000),
				nbf: iat,
				jti: randomBytes(12).toString('hex'),
				sub: subject,
			}),
		);
		const signature = base64url(
			createHmac('sha256', this.secret).update(`${header}.${payload}`).digest(),
		);
		const token = `${header}.${payload}.${signature}`;
		this.tokens.set(token, {
			n,
			expiresAtMs: nowMs + ttlSeconds * 1000,
			forcedExpired: false,
			revoked: false,
		});
		return { token, n };
	}

	check(token: string, nowMs = Date.now()): TokenCheck {
		const rec = this.tokens.get(token);
		if (!rec || rec.revoked) return 'invalid';
		if (rec.forcedExpired || nowMs >= rec.expiresAtMs) return 'expired';
		return 'valid';
	}

	/** Issue number of a token this instance issued, for redaction. */
	numberOf(token: string): number | undefined {
		return this.tokens.get(token)?.n;
	}

	expireAll(): number {
		let count = 0;
		for (const rec of this.tokens.values()) {
			if (!rec.revoked && !rec.forcedExpired) count++;
			rec.forcedExpired = true;
		}
		return count;
	}

	invalidateAll(): number {
		let count = 0;
		for (const rec of this.tokens.values()) {
			if (!rec.revoked) count++;
			rec.revoked = true;
		}
		return count;
	}

	clear(): void {
		this.tokens.clear();
		this.issued = 0;
	}
}
