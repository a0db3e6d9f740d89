import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { codeInfo } from '../nodes/CinetPay/transport/v1/codes';
import { createSession, v1Sessions } from '../nodes/CinetPay/transport/v1/session';
import { secretField, sessionFields } from '../nodes/CinetPay/transport/shared/credentialFields';

/** The login answers "Test connection" reports as failures, in CinetPay's words and ours. */
const LOGIN_TEST_FAILURE_CODES = ['701', '702', '703', '708'];

export class CinetPayTransferV1Api implements ICredentialType {
	name = 'cinetPayTransferApi';

	displayName = 'CinetPay Transfer API';

	icon = {
		light: 'file:../nodes/CinetPay/cinetpay.svg',
		dark: 'file:../nodes/CinetPay/cinetpay.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/cinetpay-n8n/n8n-nodes-cinetpay#credentials';

	properties: INodeProperties[] = [
		secretField({
			displayName: 'API Key',
			name: 'apiKey',
			description: 'The API key of your CinetPay merchant account (back office → Integration)',
		}),
		secretField({
			displayName: 'API Password',
			name: 'password',
			description:
				'The password you set for the transfer API in the CinetPay back office (not your login password)',
		}),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://client.cinetpay.com',
			description:
				"CinetPay's transfer API. Change it only to use the CinetPay simulator during development.",
		},
		// The session from /v1/auth/login. CinetPay documents a 5-minute lifetime and usually reports
		// expiry with HTTP 200, which n8n does not see: the transport renews early (session.ts).
		...sessionFields({ withExpiry: false }),
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await createSession(this.helpers, credentials);
	}

	/**
	 * CinetPay reads the token from the query string only (a token in a POST body gets 706).
	 * A function rather than the declarative `qs: { token: '={{$credentials.sessionToken}}' }`:
	 * n8n 2.x evaluates a declarative value as an expression in an isolate on every request.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// A token obtained with another key, password or base URL never leaves: CinetPay answers
		// 706 without one, and the transport logs in with the credential as it is now.
		return v1Sessions.authorize(credentials, requestOptions);
	}

	// The test is a login, so the user sees CinetPay's own verdict on the API key and password
	// ("INVALID_CREDENTIALS (701)") whatever token the credential holds from earlier runs.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{String($credentials.baseUrl || "https://client.cinetpay.com").trim().replace(/\\/+$/, "")}}',
			url: '/v1/auth/login',
			method: 'POST',
			qs: { lang: 'en' },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				apikey: '={{$credentials.apiKey}}',
				password: '={{$credentials.password}}',
			},
		},
		// CinetPay reports errors with HTTP 200 (or 4xx, handled by n8n) and a code in the body.
		rules: LOGIN_TEST_FAILURE_CODES.map((code) => {
			const { message, meaning } = codeInfo(code)!;
			return {
				type: 'responseSuccessBody' as const,
				properties: { key: 'message', value: message, message: `${message} (${code}): ${meaning}` },
			};
		}),
	};
}
