/**
 * Balance → Get: against the simulator, and the balance's shape and currency from CinetPay's
 * answers.
 */
import { normalizeBalance } from '../../../nodes/CinetPay/actions/balance/get.operation';
import { type RunningSimulator } from '../../../simulator';
import type { CredentialStore } from '../../helpers/n8nCore';
import { sendParameters, simulatorForNodeTests } from '../../helpers/nodeTestSetup';
import { receivers, runNode } from '../../helpers/runNode';

let sim: RunningSimulator;
let store: CredentialStore;

simulatorForNodeTests({ variants: { autoConfirm: true } }, (current) => ({ sim, store } = current));

const send = sendParameters();

describe('Balance → Get', () => {
	test('one item with amount, inUsing and available, moving with sends', async () => {
		await runNode(send, receivers(1, 10_000), { store });
		const [balance] = await runNode(
			{ resource: 'balance', operation: 'get', options: { accountCountry: 'CI' } },
			[{}, {}],
			{ store },
		);
		expect(balance.json).toEqual({
			amount: 5_000_000,
			inUsing: 10_000,
			available: 4_990_000,
			currency: 'XOF',
		});
	});

	test('a per-country answer gives totals and the breakdown', async () => {
		sim.control.setVariants({ balanceShape: 'perCountry' });
		const [balance] = await runNode({ resource: 'balance', operation: 'get' }, [{}], { store });
		expect(balance.json).toMatchObject({ available: 5_000_000, currency: 'XOF' });
		expect(balance.json.countries).toMatchObject({ CI: { available: 5_000_000, currency: 'XOF' } });
	});

	test('mixed currencies are not passed off as one', () => {
		expect(
			normalizeBalance({
				countryBalance: {
					CI: { amount: 10, inUsing: 0, available: 10 },
					CM: { amount: '5', inUsing: '0', available: '5' },
				},
			}),
		).toMatchObject({
			amount: 15,
			currency: 'MIXED',
			countries: { CM: { amount: 5, currency: 'XAF' } },
		});
	});
});

describe('Balance → Get currency', () => {
	const flat = { amount: 663, inUsing: 0, available: 663 };

	test('a flat answer is not called XOF when nothing says so', () => {
		expect(normalizeBalance(flat)).toEqual({ ...flat, currency: null });
	});

	test.each([
		['CI', 'XOF'],
		['CM', 'XAF'],
		['GN', 'GNF'],
		['CD', 'CDF'],
	])("a flat answer of a %s account is in that country's currency, %s", (country, currency) => {
		expect(normalizeBalance(flat, country)).toEqual({ ...flat, currency });
	});

	test("CinetPay's own currency wins over the account country", () => {
		expect(normalizeBalance({ ...flat, currency: 'XAF' }, 'CI')).toEqual({
			...flat,
			currency: 'XAF',
		});
	});

	test('per-country answers keep each country its currency, whatever the option says', () => {
		const balance = normalizeBalance(
			{ countryBalance: { GN: { amount: 1000, inUsing: 0, available: 1000 } } },
			'CI',
		);
		expect(balance).toMatchObject({
			amount: 1000,
			currency: 'GNF',
			countries: { GN: { currency: 'GNF' } },
		});
	});
});
