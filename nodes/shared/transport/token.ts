import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import { JSON_API_MEDIA_TYPE, errorSummary, responseOf } from './errors';

/** What preAuthentication stores in the credential: n8n keeps it until the token runs out or is refused. */
export interface StoredToken extends IDataObject {
	accessToken: string;
	accessTokenExpiresAt: string;
	accessTokenId: string;
}

/**
 * The OAuth 2.0 client_credentials grant, sent as a JSON:API document (the API answers 403 to any content type
 * but JSON:API and plain JSON). Errors never carry the request: it holds the client secret.
 */
export async function exchangeClientCredentials(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<StoredToken> {
	const checked = checkBaseUrl(credentials.baseUrl, credentials.allowHttp);
	if (checked.problem !== undefined) throw credentialError(checked.problem);
	const baseUrl = checked.url;
	let response: unknown;
	try {
		response = await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/oauth/token`,
			headers: { 'Content-Type': JSON_API_MEDIA_TYPE, Accept: JSON_API_MEDIA_TYPE },
			body: {
				data: {
					type: 'token',
					attributes: {
						grant_type: 'client_credentials',
						client_id: credentials.clientId,
						client_secret: credentials.clientSecret,
					},
				},
			},
			json: true,
		});
	} catch (error) {
		const { status, summary } = errorSummary(responseOf(error));
		if (status === 401 || status === 403) {
			throw credentialError(
				`Fitbit Plus refused the token request: invalid client credentials (${summary}). Check the Client ID and Client Secret of the "Fitbit Plus API" credential.`,
			);
		}
		throw credentialError(
			`Fitbit Plus token request failed: ${summary}. Check the credential's Base URL.`,
		);
	}
	const document = (typeof response === 'string' ? safeParse(response) : response) as IDataObject;
	const data = document?.data as IDataObject | undefined;
	const attributes = data?.attributes as IDataObject | undefined;
	const accessToken = attributes?.access_token;
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw credentialError(
			'Fitbit Plus answered the token request without an access token. Check that the Base URL points at the Fitbit Plus API (ending in /pub).',
		);
	}
	const expiresIn = Number(attributes?.expires_in);
	const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3600 * 1000;
	return {
		accessToken,
		accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
		accessTokenId: typeof data?.id === 'string' ? data.id : '',
	};
}

/**
 * preAuthentication runs without a node, so it cannot build a NodeApiError; n8n wraps what it throws into one
 * for the node that made the request. The message is ours alone: the request (with the secret) stays out.
 */
function credentialError(message: string): Error {
	return new UserError(message);
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
