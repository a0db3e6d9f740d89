/**
 * What the two CinetPay credentials have in common: their secret fields, and the hidden fields in
 * which n8n stores the session that the credential's preAuthentication obtained (session.ts), so
 * that one login serves every item, execution and worker until it is renewed. Here rather than in
 * credentials/, which holds only the credential types n8n loads.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The API key or API password of a merchant account: required, masked, never in an output. */
export function secretField(field: {
	displayName: string;
	name: 'apiKey' | 'password';
	description: string;
	placeholder?: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		...(field.placeholder !== undefined && { placeholder: field.placeholder }),
		description: field.description,
	};
}

/**
 * The session fields, hidden. `sessionToken` is the token from the platform's login (`expirable`:
 * n8n runs preAuthentication again when it is empty); `sessionIssuedAt` (ms since epoch), and on
 * the 2026 platform `sessionExpiresAt`, tell the transport when to renew it; `sessionAccount` is a
 * digest of base URL + API key + password, never the secrets: n8n keeps hidden fields when a
 * credential is edited, so without it a token of the old account would be used (or sent to a new
 * base URL) until it expired.
 */
export function sessionFields(options: { withExpiry: boolean }): INodeProperties[] {
	return [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Session Issued At', name: 'sessionIssuedAt', type: 'hidden', default: 0 },
		...(options.withExpiry
			? [
					{
						displayName: 'Session Expires At',
						name: 'sessionExpiresAt',
						type: 'hidden',
						default: 0,
					} satisfies INodeProperties,
				]
			: []),
		{ displayName: 'Session Account', name: 'sessionAccount', type: 'hidden', default: '' },
	];
}
