import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URLS_2026, COUNTRIES_2026 } from '../nodes/CinetPay/transport/platform2026/facts';
import { createSession2026, sessions2026 } from '../nodes/CinetPay/transport/platform2026/session';
import { secretField, sessionFields } from '../nodes/CinetPay/transport/shared/credentialFields';

/**
 * One merchant account of CinetPay's 2026 platform (api.cinetpay.co, its sandbox api.cinetpay.net).
 * Each country is its own account with its own key, password, token and balance: one credential
 * per country.
 */
export class CinetPay2026Api implements ICredentialType {
	name = 'cinetPayApi';

	displayName = 'CinetPay 2026 Platform API';

	icon = {
		light: 'file:../nodes/CinetPay/cinetpay.svg',
		dark: 'file:../nodes/CinetPay/cinetpay.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/cinetpay-n8n/n8n-nodes-cinetpay#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'For CinetPay accounts opened in 2026 (keys starting with sk_live_ or sk_test_). Accounts with an API key and a transfer password from client.cinetpay.com use the "CinetPay Transfer API" credential instead.',
			name: 'platformNotice',
			type: 'notice',
			default: '',
		},
		secretField({
			displayName: 'API Key',
			name: 'apiKey',
			placeholder: 'sk_live_… or sk_test_…',
			description:
				'The API key of this country account, from your CinetPay dashboard. Keys starting with sk_test_ use the sandbox: no real money moves.',
		}),
		secretField({
			displayName: 'API Password',
			name: 'password',
			description: 'The API password of this country account, from your CinetPay dashboard',
		}),
		{
			displayName: 'Country',
			name: 'country',
			type: 'options',
			required: true,
			default: 'CI',
			options: Object.entries(COUNTRIES_2026).map(([code, country]) => ({
				name: `${country.name} (${country.currency})`,
				value: code,
			})),
			description:
				'The country of this merchant account. Each country is a separate CinetPay account: use one credential per country.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'From the API Key',
					value: 'auto',
					description: `sk_test_ keys use the sandbox (${BASE_URLS_2026.sandbox}), other keys production (${BASE_URLS_2026.production})`,
				},
				{ name: 'Sandbox', value: 'sandbox', description: BASE_URLS_2026.sandbox },
				{ name: 'Production', value: 'production', description: BASE_URLS_2026.production },
			],
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4020',
			description:
				"Leave empty. Set only to use the CinetPay simulator during development; it replaces the environment's URL.",
		},
		// The session from /v1/oauth/login, renewed before CinetPay's `expires_in` (session.ts).
		...sessionFields({ withExpiry: true }),
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await createSession2026(this.helpers, credentials);
	}

	/** `Authorization: Bearer …`, only with the account that obtained the token. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return sessions2026.authorize(credentials, requestOptions);
	}

	// The test is a login: the user sees CinetPay's verdict on this key and password, in the
	// environment the key selects, whatever session the credential holds.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ String($credentials.baseUrl || "").trim() ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : ($credentials.environment === "sandbox" || ($credentials.environment !== "production" && String($credentials.apiKey || "").startsWith("sk_test_")) ? "${BASE_URLS_2026.sandbox}" : "${BASE_URLS_2026.production}") }}`,
			url: '/v1/oauth/login',
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: {
				api_key: '={{$credentials.apiKey}}',
				api_password: '={{$credentials.password}}',
			},
		},
		// n8n reads `responseCode` rules for answers with an HTTP error status, `responseSuccessBody`
		// for HTTP 2xx: the same refusal gets the same words either way. n8n's type wants one kind per
		// list, while its tester (2.41 and 1.123) picks each rule by its own `type`: hence the cast.
		// A login refused before these rules apply — in preAuthentication — is shown by its message,
		// which names the code and what to do (2011 NOT_ALLOWED: the allow-list; login.ts, codes.ts).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'UNAUTHORIZED (401): CinetPay refused this API key and password. Check them, and that the environment matches the key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'NOT_FOUND (404): no CinetPay 2026 login at this address. Check the environment and the Base URL Override (leave it empty for CinetPay).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 401,
					message:
						'UNAUTHORIZED (401): CinetPay refused this API key and password. Check them, and that the environment matches the key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 400,
					message:
						'INVALID_PARAMS (400): CinetPay refused the login request. Check the API key and password.',
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
