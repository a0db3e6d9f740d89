/**
 * For the sandbox probe's tests: the probe's configuration pointed at a 2026 simulator's demo
 * account, with a status watch short enough for the simulator's fast life cycle.
 */
import { probeConfigFromEnv, type ProbeConfig } from '../../scripts/probe2026/config';
import { DEMO_ACCOUNTS_2026, type RunningSimulator2026 } from '../../simulator/platform2026';

export const CI_ACCOUNT = DEMO_ACCOUNTS_2026[0];

/** The environment `npm run probe:2026` would read to probe the simulator's CI account. */
export function probeEnv(
	sim: RunningSimulator2026,
	over: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
	return {
		CINETPAY_API_KEY: CI_ACCOUNT.apiKey,
		CINETPAY_API_PASSWORD: CI_ACCOUNT.apiPassword,
		CINETPAY_COUNTRY: 'CI',
		CINETPAY_BASE_URL: sim.baseUrl,
		CINETPAY_PROBE_WATCH_SECONDS: '0.6',
		CINETPAY_PROBE_POLL_SECONDS: '0.02',
		...over,
	};
}

export function probeConfig(sim: RunningSimulator2026, over: NodeJS.ProcessEnv = {}): ProbeConfig {
	return probeConfigFromEnv(probeEnv(sim, over));
}
