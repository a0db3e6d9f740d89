/**
 * One transfer as the trigger's tests see it: as CinetPay's API reads it back, and as CinetPay's
 * notification posts it. Not a test file itself (no .test.ts).
 */

/** The transfer as CinetPay's API answers a lookup of it. */
export const API_TRANSFER = {
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

/** Every field of CinetPay's notification of that transfer, as it posts them. */
export const NOTIFICATION = {
	transaction_id: API_TRANSFER.transaction_id,
	client_transaction_id: 'payout-42',
	lot: API_TRANSFER.lot,
	amount: '2500',
	receiver: '0700000001',
	operator: 'OM',
	treatment_status: 'VAL',
	sending_status: 'CONFIRM',
	comment: 'Transfert effectué avec succès',
	operator_transaction_id: 'OM123',
	validated_at: '2018-06-27 12:53:26',
};
