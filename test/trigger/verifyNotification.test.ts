import type { IDataObject } from 'n8n-workflow';

import type { TreatmentStatus } from '../../nodes/CinetPay/helpers/interfaces';
import { readNotification, type CinetPayNotification } from '../../nodes/CinetPay/trigger/notification';
import { transactionIdTime, verifyNotification } from '../../nodes/CinetPay/trigger/verifyNotification';
import { API_TRANSFER } from './helpers';

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
		['VAL claimed while the API still says REC', {}, [{ ...API_TRANSFER, treatment_status: 'REC' }], FINAL, 'api-behind'],
		['VAL claimed while the API still says NEW', {}, [{ ...API_TRANSFER, treatment_status: 'NEW' }], FINAL, 'api-behind'],
		['REC claimed while the API still says NOS (the same step)', { treatment_status: 'REC' }, [{ ...API_TRANSFER, treatment_status: 'NOS' }], ['REC'], 'api-behind'],
		['VAL claimed while the API says REJ', {}, [{ ...API_TRANSFER, treatment_status: 'REJ' }], FINAL, 'contradicted'],
		['NEW claimed after the API moved to REC', { treatment_status: 'NEW' }, [{ ...API_TRANSFER, treatment_status: 'REC' }], ['NEW'], 'contradicted'],
		['behind on the status, but another amount', { amount: '9' }, [{ ...API_TRANSFER, treatment_status: 'REC' }], FINAL, 'contradicted'],
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

	test('723 for an ID CinetPay made a minute ago: behind, not unknown; an hour ago: unknown', () => {
		const madeAt = Date.UTC(2026, 10, 29, 18, 5, 7);
		const id = 'EA261129.180507.M000001';
		expect(transactionIdTime(id)).toBe(madeAt);
		const claim = notification({ transaction_id: id });
		expect(verifyNotification(claim, [], FINAL, madeAt + 60_000)).toMatchObject({ start: false, reason: 'api-behind' });
		expect(verifyNotification(claim, [], FINAL, madeAt - 60_000)).toMatchObject({ start: false, reason: 'api-behind' });
		expect(verifyNotification(claim, [], FINAL, madeAt + 3_600_000)).toMatchObject({ start: false, reason: 'unknown-transfer' });
		// Not a date: never "recent".
		expect(transactionIdTime('EA261331.180507.M000001')).toBeUndefined();
		expect(transactionIdTime('EA260230.180507.M000001')).toBeUndefined();
		expect(transactionIdTime('XYZ')).toBeUndefined();
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
