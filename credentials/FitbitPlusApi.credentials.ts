import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { UserError } from 'n8n-workflow';

import { DEFAULT_BASE_URL, checkBaseUrl } from '../nodes/shared/transport/baseUrl';
import {
	TOKEN_PATH,
	TOKEN_REDIRECT_RULES,
	exchangeToken,
	tokenRequest,
} from '../nodes/shared/transport/token';

export class FitbitPlusApi implements ICredentialType {
	name = 'fitbitPlusApi';

	displayName = 'Fitbit Plus API';

	icon: Icon = {
		light: 'file:../nodes/FitbitPlus/fitbitPlus.svg',
		dark: 'file:../nodes/FitbitPlus/fitbitPlus.dark.svg',
	};

	// A page of its own, no `#` anchor: n8n appends its tracking query to some docs links, which would land
	// inside the anchor (`#credentials?utm_source=…`) and the page would not scroll to it.
	documentationUrl =
		'https://github.com/n8n-nodes-fitbit-plus/n8n-nodes-fitbit-plus/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName:
				'Fitbit Plus issues a client ID and secret per integration, scoped to your organization. Ask your Fitbit Plus (Twine Health) customer success contact for API client credentials.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			required: true,
			description: 'The API root, including the /pub base path',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Allow Plain HTTP',
			name: 'allowHttp',
			type: 'boolean',
			default: false,
			description:
				"Whether to allow an http:// 'Base URL' for a host other than this machine. Secrets and health data would travel unencrypted.",
		},
		// Filled by preAuthentication; n8n clears it and calls preAuthentication again on a 401.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		// When the access token runs out (ISO date), so the node renews it before the API has to refuse it.
		{
			displayName: 'Access Token Expires At',
			name: 'accessTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		// The id of the access token (the token operations' default). Declared, or n8n drops it when it reads the
		// credential (it keeps only declared properties).
		{
			displayName: 'Access Token ID',
			name: 'accessTokenId',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		// The organization the token belongs to (from the token answer): the nodes' default organization, known
		// without asking the API again.
		{
			displayName: 'Access Token Organization ID',
			name: 'accessTokenOrganizationId',
			type: 'hidden',
			default: '',
		},
		// The refresh token of the last exchange: the next renewal uses it instead of sending the client secret.
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		// The Base URL and Client ID the refresh token was issued for: after either changes it is not sent.
		{
			displayName: 'Refresh Token Issued For',
			name: 'refreshTokenFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await exchangeToken.call(this, credentials);
	}

	// Set directly rather than as a generic `=Bearer {{...}}` template, which n8n would run through its expression
	// engine on every request (a per-item Get sends one per item). The Base URL rule first: n8n runs this before
	// every request with the credential, the declarative test's own POST (with the client secret) included, so
	// nothing is sent in clear text to a host that is not this machine.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const checked = checkBaseUrl(credentials.baseUrl, credentials.allowHttp);
		if (checked.problem !== undefined) throw new UserError(checked.problem);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.accessToken)}`,
			},
		};
	}

	// The test exchanges the client ID and secret as typed in the form: a token stored from before must not make
	// a changed, wrong secret look valid.
	test: ICredentialTestRequest = {
		request: {
			...tokenRequest({
				grant_type: 'client_credentials',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
			}),
			baseURL: '={{$credentials.baseUrl}}',
			url: TOKEN_PATH,
		},
		// Without a rule n8n's form says only "Unauthorized" (seen in the browser suite).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Fitbit Plus refused the token request: invalid client credentials. Check the 'Client ID' and 'Client Secret'.",
				},
			},
			...TOKEN_REDIRECT_RULES,
		],
	};
}
