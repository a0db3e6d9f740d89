/** The balance of the credential's country account, in v1's shape. */
import type { IDataObject } from 'n8n-workflow';

import type { TransportContext } from '../shared/authenticatedCall';
import { callPlatform2026, isOk2026 } from './call';
import { cinetPay2026Error } from './errors';
import { ENDPOINTS_2026 } from './facts';

/** v1's balance shape (`amount`, `inUsing`, `available`, `currency`) for the token's country. */
export async function getBalance2026(
	this: TransportContext,
	options: { timeoutMs?: number } = {},
): Promise<IDataObject> {
	const answer = await callPlatform2026.call(this, {
		...ENDPOINTS_2026.balance,
		timeoutMs: options.timeoutMs,
	});
	if (!isOk2026(answer)) throw cinetPay2026Error(this, answer);
	const real = Number(answer.body.real_balance ?? 0);
	const available = Number(answer.body.available_balance ?? 0);
	return {
		amount: real,
		inUsing: real - available,
		available,
		currency: String(answer.body.currency ?? ''),
		real_balance: real,
		available_balance: available,
		platform: '2026',
	};
}
