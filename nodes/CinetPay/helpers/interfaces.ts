import type { IDataObject } from 'n8n-workflow';

/** A contact as CinetPay's /v1/transfer/contact takes it. */
export interface ContactPayload extends IDataObject {
	prefix: string;
	phone: string;
	name: string;
	surname: string;
	email: string;
}

/** A transfer as CinetPay's /v1/transfer/money/send/contact takes it. */
export interface TransferPayload extends IDataObject {
	prefix: string;
	phone: string;
	amount: number;
	notify_url: string;
	client_transaction_id: string;
	payment_method?: string;
}

/** One input item's validated request, remembering which item it came from. */
export interface ItemRequest<T> {
	itemIndex: number;
	payload: T;
}

export interface TransferRequest extends ItemRequest<TransferPayload> {
	/** Present when the "Add Contact" option asks to make the receiver a contact first. */
	contact?: ContactPayload;
	/** The client transaction ID is the user's own, so an earlier run may have used it. */
	ownId?: boolean;
}

/** Where a CinetPay transfer stands, as /v1/transfer/check/money describes it. */
export type TreatmentStatus = 'NEW' | 'REC' | 'NOS' | 'VAL' | 'REJ';

export const FINAL_STATUSES: readonly TreatmentStatus[] = ['VAL', 'REJ'];

export const TREATMENT_STATUSES: ReadonlyArray<{
	value: TreatmentStatus;
	name: string;
	description: string;
}> = [
	{ value: 'NEW', name: 'NEW (Waiting)', description: 'Waiting to be processed' },
	{ value: 'REC', name: 'REC (Processing)', description: 'Being processed' },
	{
		value: 'NOS',
		name: 'NOS (Awaiting Confirmation)',
		description: 'Waiting for your confirmation by e-mail',
	},
	{ value: 'VAL', name: 'VAL (Delivered)', description: 'Done: the money was delivered' },
	{ value: 'REJ', name: 'REJ (Rejected)', description: 'Rejected: no money was delivered' },
];
