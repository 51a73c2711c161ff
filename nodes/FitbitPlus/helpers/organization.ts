import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import type { JsonApiDocument } from './jsonApi';
import { primaryResources } from './jsonApi';
import { apiRequest, CREDENTIAL_TYPE, resourcePath } from '../transport';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * The id of the token the credential holds now. With no token yet (first use) or one that has run out, one light
 * request first makes n8n exchange the client credentials, and the credential then holds the new token's id.
 */
export async function currentTokenId(this: Context): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const expiresAt = Date.parse(String(credentials.accessTokenExpiresAt ?? ''));
	const current = credentials.accessToken ? String(credentials.accessTokenId ?? '') : '';
	if (current !== '' && !(expiresAt <= Date.now())) return current;
	await apiRequest.call(this, 'GET', '/health_question_definition', undefined, { 'page[limit]': 1 });
	return String((await this.getCredentials(CREDENTIAL_TYPE)).accessTokenId ?? '');
}

/** The organization the credential's token belongs to (the API scopes client credentials to one). */
export async function tokenOrganization(this: Context): Promise<JsonApiDocument> {
	const tokenId = await currentTokenId.call(this);
	return await apiRequest.call(this, 'GET', resourcePath('/oauth/token/{id}/organization', { id: tokenId }));
}

export async function tokenOrganizationId(this: Context): Promise<string> {
	const [organization] = primaryResources(await tokenOrganization.call(this));
	return organization?.id ?? '';
}
