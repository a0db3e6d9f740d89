/**
 * v1's control API: in-process (SimulatorControl) and over HTTP under the reserved prefix /__sim
 * (controlHttp.ts). Both call the same functions, so tests in-process and tools out-of-process
 * see one behaviour.
 */
import type { SimulatorCore } from './core';
import { SimulatorError } from './errors';
import { ControlHttp } from './controlHttp';
import { commonControlOf } from './controlTypes';
import { notificationFields } from './lifecycle';
import { toTransferState, type TransferRecord } from './state';
import type { FaultInjection, SimulatorControl, TransferState } from './types';

export function createControl(core: SimulatorCore): SimulatorControl {
	const find = (transactionId: string): TransferRecord => {
		const t = core.state.transfers.get(transactionId);
		if (!t) throw new SimulatorError(404, `no transfer ${transactionId}`);
		return t;
	};

	return {
		...commonControlOf(core),
		stats: () => ({
			...core.requestLog.counters(),
			transfers: core.state.transfers.size,
			notificationsSent: core.notifier.sentCount(),
		}),
		transfers: () => Array.from(core.state.transfers.values(), toTransferState),
		transfer: (id) => {
			const t = core.state.transfers.get(id);
			return t ? toTransferState(t) : undefined;
		},
		notificationFields: (id) => notificationFields(find(id)),
		holdAnswer: (endpoint, options = {}) =>
			core.answerHolds.hold(endpoint, options.nth, options.valveMs),
		contacts: () => Array.from(core.state.contacts.values(), (c) => ({ ...c })),
		advance: (id) => {
			// Snapshot first: a transfer moves at most one step per call, even if it stays active.
			const targets = id === undefined ? Array.from(core.state.active) : [find(id)];
			const changed: TransferState[] = [];
			for (const t of targets) {
				if (core.lifecycle.step(t, 'control')) changed.push(toTransferState(t));
			}
			return changed;
		},
		confirm: (id) => {
			const t = find(id);
			core.lifecycle.confirm(t);
			return toTransferState(t);
		},
		reject: (id) => {
			const t = find(id);
			core.lifecycle.reject(t);
			return toTransferState(t);
		},
		settle: (id, status) => {
			if (status !== 'VAL' && status !== 'REJ')
				throw new SimulatorError(400, 'status must be VAL or REJ');
			const t = find(id);
			core.lifecycle.settle(t, status);
			return toTransferState(t);
		},
		expireTokens: () => core.tokens.expireAll(),
		invalidateTokens: () => core.tokens.invalidateAll(),
		balance: () => core.state.balance(),
		setBalance: (available) => {
			if (typeof available !== 'number' || !Number.isSafeInteger(available) || available < 0) {
				throw new SimulatorError(400, 'balance must be a non-negative integer (XOF)');
			}
			return core.state.setAvailable(available);
		},
		reset: () => core.reset(),
	};
}

// ---------------------------------------------------------------------------------------------
// HTTP binding

const FAULTS_HELP =
	'inject faults, body {http5xxNext?, dropAfterNextSend?, dropBeforeNextSend?, slowNextMs?, slowEndpointNext?, lateCommitNextSend?, ambiguousNextSend?, serverErrorNextSend?, itemCodesNextSend?, emptyLookupNext?} (see simulator/README.md)';

/** v1's own control routes; those it shares with the 2026 simulator are in controlHttp.ts. */
export const CONTROL_HTTP = new ControlHttp<SimulatorControl>(
	{
		'POST /transfers/:id/confirm': ['merchant confirms (NOS → REC)', (c, id) => c.confirm(id)],
		'POST /transfers/:id/reject': ['merchant rejects (NOS → REJ)', (c, id) => c.reject(id)],
		'POST /transfers/:id/settle': [
			'force a final status, body {"status":"VAL"|"REJ"}',
			(c, id, b) => c.settle(id, b.status as 'VAL' | 'REJ'),
		],
		'GET /contacts': ['all contacts', (c) => c.contacts()],
		'POST /faults': [FAULTS_HELP, (c, _id, b) => c.injectFaults(b as FaultInjection)],
		'GET /balance': ['account balance', (c) => c.balance()],
		'POST /balance': [
			'set the available balance, body {"available": n}',
			(c, _id, b) => c.setBalance(b.available as number),
		],
	},
	(control) => ({
		name: 'CinetPay transfer API v1 simulator — control API',
		api: [
			'POST /v1/auth/login',
			'GET /v1/transfer/check/balance',
			'POST /v1/transfer/contact',
			'POST /v1/transfer/money/send/contact',
			'GET /v1/transfer/check/money',
		],
		control,
	}),
);
