import type { IDataObject } from 'n8n-workflow';

import type { TreatmentStatus } from '../../nodes/CinetPay/helpers/interfaces';
import { readNotification, type CinetPayNotification } from '../../nodes/CinetPay/trigger/notification';
import { verifyNotification } from '../../nodes/CinetPay/trigger/verifyNotification';

const API_TRANSFER: IDataObject = {
	transaction_id: 'EA180627.122753.M279245',
	client_transaction_id: 'payout-42',
	lot: '0044557641201530102473',
	amount: '2500',
	receiver: '0700000001',
	receiver_e164: '+2250700000001',
	operator: 'OM',
	sending_status: 'CONFIRM',
	transfer_valid: 'Y',
	treatment_status: 'VAL',
	comment: 'Transfer done',
	validated_at: '2018-06-27 12:53:26',
};

function notification(fields: Record<string, string>): CinetPayNotification {
	const reading = readNotification({
		transaction_id: API_TRANSFER.transaction_id,
		client_transaction_id: 'payout-42',
		lot: '0044557641201530102473',
		amount: '2500',
		treatment_status: 'VAL',
		comment: 'Transfert effectué avec succès',
		...fields,
	});
	if (!reading.readable) throw new Error(reading.message);
	return reading.notification;
}

const FINAL: TreatmentStatus[] = ['VAL', 'REJ'];

describe('verifyNotification', () => {
	test.each<[string, Record<string, string>, IDataObject[], TreatmentStatus[], string]>([
		['the API agrees and VAL is selected', {}, [API_TRANSFER], FINAL, 'start'],
		['amounts written differently are the same amount', { amount: '2500.00' }, [API_TRANSFER], FINAL, 'start'],
		['the status in lower case is the same status', { treatment_status: 'val' }, [API_TRANSFER], FINAL, 'start'],
		['claims left empty are not checked', { client_transaction_id: '', lot: '' }, [API_TRANSFER], FINAL, 'start'],
		['comment and validated_at are not claims', { comment: 'anything', validated_at: 'yesterday' }, [API_TRANSFER], FINAL, 'start'],
		['the API knows no such transfer (723)', {}, [], FINAL, 'unknown-transfer'],
		['the API answers about another transfer', {}, [{ ...API_TRANSFER, transaction_id: 'OTHER' }], FINAL, 'unknown-transfer'],
		['VAL claimed while the API says REC', {}, [{ ...API_TRANSFER, treatment_status: 'REC' }], FINAL, 'contradicted'],
		['a stale REC after the API moved to VAL', { treatment_status: 'REC' }, [API_TRANSFER], ['REC', 'VAL'], 'contradicted'],
		['a changed amount', { amount: '250000' }, [API_TRANSFER], FINAL, 'contradicted'],
		['another client_transaction_id', { client_transaction_id: 'payout-43' }, [API_TRANSFER], FINAL, 'contradicted'],
		['another lot', { lot: '1' }, [API_TRANSFER], FINAL, 'contradicted'],
		['an API without an amount cannot confirm one', {}, [{ ...API_TRANSFER, amount: null }], FINAL, 'contradicted'],
		['the API agrees but the status is not selected', {}, [API_TRANSFER], ['REJ'], 'status-not-selected'],
	])('%s → %s', (_label, fields, transfers, selected, expected) => {
		const verdict = verifyNotification(notification(fields), transfers, selected);
		expect(verdict.start ? 'start' : verdict.reason).toBe(expected);
		if (verdict.start) expect(verdict.transfer).toBe(transfers[0]);
		else expect(verdict.detail).not.toBe('');
	});

	test('names every contradicted claim', () => {
		const verdict = verifyNotification(
			notification({ amount: '9', lot: '1' }),
			[{ ...API_TRANSFER, treatment_status: 'REC' }],
			FINAL,
		);
		expect(verdict).toMatchObject({ start: false, reason: 'contradicted' });
		expect(!verdict.start && verdict.detail).toMatch(/treatment_status, amount, lot/);
	});
});
