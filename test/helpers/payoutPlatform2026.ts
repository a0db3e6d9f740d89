/**
 * The payout invariant on CinetPay's 2026 platform: its simulator's faults and [guess] variants,
 * the rows and parameters of Transfer → Send on 2026, the transfers CinetPay holds. The invariant
 * and its check are payoutInvariants.ts's, unchanged.
 *
 * Variants of a scenario: how CinetPay answers a reused merchant ID (1200, a second transfer, the
 * existing one), whether it can look a transfer up by the merchant's ID, and what the node is told
 * of both — facts.ts as it is today (nothing known), or the truth (facts2026Override.ts plays the
 * one-line edit of facts.ts a confirmed answer would bring).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	DEMO_ACCOUNTS_2026,
	type Fault2026Injection,
	type RunningSimulator2026,
	type Simulator2026Variants,
} from '../../simulator/platform2026';
import { facts2026Override } from './facts2026Override';
import { capturedLogLines, credentialStore, type CredentialStore } from './n8nCore';
import {
	applySharedFault,
	executeOnCore,
	NO_SHARED_FAULTS,
	receiverNumber,
	SLOWER_THAN_TIMEOUT_MS,
	TIMEOUT_SECONDS,
	type ExecutionIds,
	type FaultSettings,
	type NodeExecution,
	type PayoutPlatform,
	type Row,
	type RowSpec,
	type Scenario,
	type SharedFault,
} from './payoutInvariants';
import { NOTIFY_URL } from './runNode';

export const ACCOUNT_2026 = DEMO_ACCOUNTS_2026[0];
/** The account's available balance, unless a fault lowers it. */
export const INITIAL_BALANCE_2026 = 10_000_000_000;
/** The payment methods of the CI account (the valid rows take one each). */
const CI_METHODS = ['OM_CI', 'MTN_CI', 'MOOV_CI', 'WAVE_CI'];
/** A well-formed method of another country: the node passes it on, CinetPay refuses it (400). */
const OTHER_COUNTRY_METHOD = 'WAVE_SN';

export type Fault2026 =
	| SharedFault
	/** Any endpoint: processed, the answer comes after the node's timeout. */
	| { kind: 'slowAnswer'; count: number };

export interface Variants2026 {
	duplicateMerchantId: Simulator2026Variants['duplicateMerchantId'];
	merchantLookup: Simulator2026Variants['merchantLookup'];
	/** What the node is told: facts.ts today, or the simulator's truth. */
	knowledge: 'today' | 'truth';
}

export type Scenario2026 = Scenario<Fault2026, Variants2026>;

const GUARD_OF: Record<
	Variants2026['duplicateMerchantId'],
	'refused' | 'returnsExisting' | 'unknown'
> = { refuse1200: 'refused', returnExisting: 'returnsExisting', acceptNew: 'unknown' };

/** The simulator faults and variants of one execution's schedule on 2026. */
export function faultSettings2026(
	faults: Fault2026[],
): FaultSettings<Fault2026Injection, Simulator2026Variants> {
	const settings: FaultSettings<Fault2026Injection, Simulator2026Variants> = {
		inject: {},
		variants: {},
		expireTokens: false,
	};
	for (const fault of faults) {
		if (fault.kind === 'slowAnswer') {
			settings.inject.slowNextMs = { ms: SLOWER_THAN_TIMEOUT_MS, count: fault.count };
		} else {
			applySharedFault(fault, settings);
		}
	}
	return settings;
}

/** A row of the 2026 Send: the same columns as v1's, with the item's own payment_method. */
export function makeRow2026(spec: Exclude<RowSpec, { repeat: number }>, index: number): Row {
	const phone = receiverNumber(spec.kind, index);
	const amount = spec.kind === 'invalidAmount' ? 300 : spec.amount; // CinetPay takes ≥ 500
	const ownId =
		spec.kind === 'invalidId'
			? index % 2 === 0
				? `payout_${index}` // '_' is v1's, not 2026's
				: `payout-${index}-${'x'.repeat(30)}` // more than 30 characters
			: spec.ownId
				? `payout-${index}`
				: undefined;
	const json: IDataObject = {
		prefix: '225',
		phone,
		amount: spec.amountText ?? amount,
		payment_method:
			spec.kind === 'wrongMethod' ? OTHER_COUNTRY_METHOD : CI_METHODS[index % CI_METHODS.length],
		...(ownId && { client_transaction_id: ownId }),
	};
	return { json, kind: spec.kind, phone, amount, ownId, original: index };
}

/** Transfer → Send on the 2026 platform, as the suite sets it. */
export const sendParameters2026 = (scenario: Scenario2026): IDataObject => ({
	platform: '2026',
	resource: 'transfer',
	operation: 'send',
	dataMode: 'autoMapInputData',
	paymentMethod: CI_METHODS[0],
	notifyUrl: NOTIFY_URL,
	options: {
		sendsInFlight: scenario.batchSize,
		timeout: TIMEOUT_SECONDS,
	},
});

/** Runs one execution of Send on 2026 (n8n-core's engine; a test may put a stand-in in its place). */
export type Send2026Executor = (
	parameters: IDataObject,
	scenario: Scenario2026,
	rows: Row[],
	store: CredentialStore,
	ids: ExecutionIds,
) => Promise<NodeExecution>;

/** Transfer → Send on 2026, run by n8n-core like v1's (the node's `platform` selects the credential). */
export const sendOnCore2026: Send2026Executor = async (parameters, scenario, rows, store, ids) =>
	await executeOnCore(parameters, scenario.mode, rows, store, ids);

export function platform2026(
	sim: RunningSimulator2026,
	execute: Send2026Executor,
	logLines: () => string[] = () => capturedLogLines,
): PayoutPlatform<Fault2026, Variants2026> {
	const freshStore = () =>
		credentialStore({
			apiKey: ACCOUNT_2026.apiKey,
			password: ACCOUNT_2026.apiPassword,
			country: ACCOUNT_2026.country,
			environment: 'auto',
			baseUrl: sim.baseUrl,
			sessionExpiresAt: 0,
			sessionAccount: '',
		});
	const store = freshStore();
	const country = ACCOUNT_2026.country;
	return {
		name: '2026',
		batchSizeName: 'sends in flight',
		clientIdPattern: /^[A-Za-z0-9-]{1,30}$/,
		clientIdRule: "the 2026 platform's merchant IDs: 1 to 30 letters, digits, -",
		// Without a lookup by the merchant's ID, Transfer → Get cannot find it: the dashboard can.
		howToCheck: /Transfer → Get|dashboard/,
		reset: (scenario) => {
			sim.control.reset();
			store.data = freshStore().data;
			const variants = scenario.variants ?? defaultVariants2026;
			sim.control.setVariants({
				duplicateMerchantId: variants.duplicateMerchantId,
				merchantLookup: variants.merchantLookup,
			});
			const truth = variants.knowledge === 'truth';
			facts2026Override.merchantLookup = truth ? variants.merchantLookup : undefined;
			facts2026Override.duplicateGuard = truth ? GUARD_OF[variants.duplicateMerchantId] : undefined;
		},
		credentials: () => store,
		makeRow: makeRow2026,
		// No contact step on the 2026 platform: any number can be paid.
		prepare: async () => undefined,
		applyFaults: (scenario, faults) => {
			sim.control.injectFaults(NO_SHARED_FAULTS);
			sim.control.setCallFaults(null);
			const variants = scenario.variants ?? defaultVariants2026;
			sim.control.setVariants({
				tokenTtlSeconds: 86_400,
				latencyMs: 0,
				expiredTokenStatus: 'http401',
				duplicateMerchantId: variants.duplicateMerchantId,
				merchantLookup: variants.merchantLookup,
			});
			const settings = faultSettings2026(faults);
			sim.control.setBalance(country, settings.balance ?? INITIAL_BALANCE_2026);
			sim.control.setVariants(settings.variants);
			sim.control.injectFaults(settings.inject);
			sim.control.setCallFaults(settings.callFaults ?? null);
			if (settings.expireTokens) sim.control.expireTokens();
		},
		transfers: () =>
			sim.control
				.transfers()
				.filter((t) => t.country === country)
				.map((t) => ({
					transactionId: t.transactionId,
					clientTransactionId: t.merchantTransactionId,
					phone: t.phoneNumber.replace(/^\+225/, ''),
					amount: t.amount,
				})),
		clearRequests: () => sim.control.clearRequests(),
		faultsStruck: () =>
			sim.control.requests().flatMap((entry) => (entry.fault ? [entry.fault] : [])),
		writeCalls: () => sim.control.requests().filter((entry) => entry.method !== 'GET').length,
		sendCalls: () =>
			sim.control
				.requests()
				.filter((entry) => entry.method === 'POST' && entry.path === '/v1/transfer')
				.map((entry) => {
					const phone = (entry.body as IDataObject | null)?.phone_number;
					return typeof phone === 'string' ? [phone.replace(/^\+225/, '')] : [];
				}),
		sendsInFlight: (scenario) => scenario.batchSize,
		waitForApiIdle: (timeoutMs) => sim.control.waitForApiIdle(timeoutMs),
		execute: async (scenario, rows, ids) =>
			await execute(sendParameters2026(scenario), scenario, rows, store, ids),
		secrets: () => [
			ACCOUNT_2026.apiKey,
			ACCOUNT_2026.apiPassword,
			String(store.data.sessionToken ?? ''),
		],
		logLines,
		guardsReusedIds: (scenario) =>
			(scenario.variants ?? defaultVariants2026).duplicateMerchantId !== 'acceptNew',
		describeFault: (fault) => JSON.stringify(fault),
		describeVariants: (scenario) => {
			const v = scenario.variants ?? defaultVariants2026;
			return `reused merchant ID → ${v.duplicateMerchantId}, lookup by merchant ID: ${v.merchantLookup}, the node knows: ${v.knowledge === 'truth' ? 'the truth (facts.ts edited)' : 'facts.ts today'}`;
		},
	};
}

/** The simulator's defaults: 1200 for a reused ID, no lookup by merchant ID; facts.ts as it is. */
export const defaultVariants2026: Variants2026 = {
	duplicateMerchantId: 'refuse1200',
	merchantLookup: 'none',
	knowledge: 'today',
};
