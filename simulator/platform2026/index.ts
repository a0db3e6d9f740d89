/**
 * CinetPay's 2026 platform, simulated (development only): per-country accounts, OAuth-style login
 * with Bearer tokens, balance, one transfer per call, status lookups, JSON notifications without
 * status — and every [guess] of shared/spec/cinetpay-api-2026.md as a variant.
 *
 *   const sim = await startSimulator2026({ variants: { duplicateMerchantId: 'acceptNew' } });
 *   // POST `${sim.baseUrl}/v1/oauth/login` with DEMO_ACCOUNTS_2026[0]'s api_key/api_password
 *   sim.control.advance();
 *   await sim.close();
 *
 * See simulator/platform2026/README.md. Never imports from nodes/ or credentials/.
 */
import { commonControlOf } from '../controlTypes';
import { SimulatorError } from '../errors';
import { consoleLogger, SILENT_LOGGER } from '../logger';
import { listen } from '../serve';
import { DEMO_ACCOUNTS_2026, Simulator2026Core } from './core';
import { SETTLE_STATUSES_2026 } from './facts';
import { createSimulator2026Server } from './server';
import type {
	RunningSimulator2026,
	Simulator2026Control,
	Simulator2026Options,
	Transfer2026State,
} from './types';

export { DEFAULT_VARIANTS_2026, DEMO_ACCOUNTS_2026 } from './core';
export {
	COUNTRIES_2026,
	ERRORS_2026,
	MIN_AMOUNT_2026,
	STATUS_CODES_2026,
	TEST_NUMBERS_2026,
	feeOf,
} from './facts';
export type { Country2026, Outcome2026, Status2026, TestNumber2026 } from './facts';
export { CONTROL_PREFIX_2026 } from './server';
export type * from './types';

function copy(t: Transfer2026State): Transfer2026State {
	return { ...t, history: t.history.map((h) => ({ ...h })) };
}

export function createControl2026(core: Simulator2026Core): Simulator2026Control {
	const find = (id: string) => core.transfers.get(id) ?? failNotFound(id);
	return {
		...commonControlOf(core),
		stats: () => ({
			...core.requestLog.counters(),
			transfers: core.transfers.size,
			notificationsSent: core.notifier.sent,
		}),
		transfers: () => Array.from(core.transfers.values(), copy),
		transfer: (id) => {
			const t = core.transfers.get(id);
			return t ? copy(t) : undefined;
		},
		transfersByMerchantId: (country, merchantId) =>
			(
				core.accounts.find((a) => a.country.iso === country)?.byMerchantId.get(merchantId) ?? []
			).map(copy),
		advance: (id) => {
			const targets = id === undefined ? Array.from(core.transfers.values()) : [find(id)];
			return targets.filter((t) => core.step(t, 'control')).map(copy);
		},
		settle: (id, status) => {
			if (!SETTLE_STATUSES_2026.has(status))
				throw new SimulatorError(400, 'status must be SUCCESS, FAILED or EXPIRED');
			const t = find(id);
			core.moveTo(t, status, 'control');
			return copy(t);
		},
		expireTokens: () => core.expireTokens(),
		invalidateTokens: () => core.invalidateTokens(),
		balances: () => core.accounts.map((a) => core.balanceOf(a)),
		setBalance: (country, available) => core.setBalance(country, available),
		reset: () => core.reset(),
	};
}

function failNotFound(id: string): never {
	throw new SimulatorError(404, `no transfer ${id}`);
}

export async function startSimulator2026(
	options: Simulator2026Options = {},
): Promise<RunningSimulator2026> {
	const core = new Simulator2026Core(
		options.accounts ?? DEMO_ACCOUNTS_2026,
		options.variants ?? {},
		options.quiet === false ? consoleLogger() : SILENT_LOGGER,
	);
	const control = createControl2026(core);
	const server = createSimulator2026Server(core, control);
	return { ...(await listen(server, options, () => core.close())), control };
}
