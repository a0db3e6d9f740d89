/**
 * What the sandbox probe runs with, read from the environment, and the two refusals that come
 * before any call: a key that is not a sandbox key, and a base URL that is neither CinetPay's
 * sandbox nor this machine. The probe sends real (sandbox) transfers: these checks are why it can
 * never move real money.
 */
import {
	BASE_URLS_2026,
	COUNTRIES_2026,
	MIN_AMOUNT_2026,
	SANDBOX_KEY_PREFIX,
	type Country2026,
} from '../../nodes/CinetPay/transport/platform2026/facts';
import { TEST_NUMBERS_2026 } from '../../simulator/platform2026/facts';

export interface ProbeConfig {
	apiKey: string;
	apiPassword: string;
	/** ISO code, one of facts.ts's COUNTRIES_2026. */
	country: string;
	countryFacts: Country2026;
	/** Without a trailing slash. */
	baseUrl: string;
	/** E.164 receiver of the probe's transfers. */
	phone: string;
	paymentMethod: string;
	amount: number;
	/** How long step 8 watches the transfer's status. */
	watchSeconds: number;
	pollSeconds: number;
	timeoutSeconds: number;
	/** Where to write the report besides stdout (CINETPAY_PROBE_REPORT). */
	reportPath?: string;
}

/** The probe will not run: nothing was sent. */
export class ProbeRefusal extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * CinetPay's sandbox exactly (https, no port, no path), or a loopback URL (a simulator). Anything
 * else — production first of all — could reach real money or a stranger.
 */
export function isAllowedBaseUrl(raw: string): boolean {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return false;
	}
	if (url.username || url.password || url.search || url.hash) return false;
	if (LOOPBACK_HOSTS.has(url.hostname))
		return url.protocol === 'http:' || url.protocol === 'https:';
	return `${url.origin}${url.pathname.replace(/\/$/, '')}` === BASE_URLS_2026.sandbox;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new ProbeRefusal(`${name} must be a number > 0`);
	return value;
}

export function probeConfigFromEnv(env: NodeJS.ProcessEnv): ProbeConfig {
	const apiKey = env.CINETPAY_API_KEY ?? '';
	const apiPassword = env.CINETPAY_API_PASSWORD ?? '';
	if (!apiKey || !apiPassword)
		throw new ProbeRefusal('Set CINETPAY_API_KEY and CINETPAY_API_PASSWORD (a sandbox account).');
	if (!apiKey.startsWith(SANDBOX_KEY_PREFIX))
		throw new ProbeRefusal(
			`Refused: the key is not a sandbox key (it must start with ${SANDBOX_KEY_PREFIX}). The probe sends transfers; it runs only on the sandbox.`,
		);
	const baseUrl = (env.CINETPAY_BASE_URL || BASE_URLS_2026.sandbox).replace(/\/+$/, '');
	if (!isAllowedBaseUrl(baseUrl))
		throw new ProbeRefusal(
			`Refused: CINETPAY_BASE_URL must be the sandbox (${BASE_URLS_2026.sandbox}) or a loopback URL (127.0.0.1, localhost, [::1]).`,
		);
	const country = (env.CINETPAY_COUNTRY ?? '').toUpperCase();
	const countryFacts = COUNTRIES_2026[country];
	if (!countryFacts)
		throw new ProbeRefusal(
			`Set CINETPAY_COUNTRY to the key's account country, one of ${Object.keys(COUNTRIES_2026).join(', ')}.`,
		);
	return {
		apiKey,
		apiPassword,
		country,
		countryFacts,
		baseUrl,
		// The simulator's number that succeeds: well formed for the country. The sandbox moves no money.
		phone: env.CINETPAY_PROBE_PHONE || (TEST_NUMBERS_2026[country]?.succeeds.phone ?? ''),
		paymentMethod: env.CINETPAY_PROBE_PAYMENT_METHOD || countryFacts.paymentMethods[0],
		amount: MIN_AMOUNT_2026,
		watchSeconds: positiveNumber(env, 'CINETPAY_PROBE_WATCH_SECONDS', 120),
		pollSeconds: positiveNumber(env, 'CINETPAY_PROBE_POLL_SECONDS', 10),
		timeoutSeconds: positiveNumber(env, 'CINETPAY_PROBE_TIMEOUT_SECONDS', 30),
		reportPath: env.CINETPAY_PROBE_REPORT || undefined,
	};
}
