/**
 * The credential's own token and organization: the one place that asks the API which organization (and which
 * groups) the credential's token belongs to.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { JsonApiDocument } from '../transport/jsonApi';
import { primaryResources } from '../transport/jsonApi';
import { inputError } from './validation';
import { apiRequest, CREDENTIAL_TYPE, resourcePath } from '../transport';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A token's own sub-collection: its organization, or the groups it can reach. */
export function tokenPath(tokenId: string, what: 'organization' | 'groups'): string {
	return resourcePath(`/oauth/token/{id}/${what}`, { id: tokenId });
}

/**
 * The id of the token the credential holds now. With no token yet (first use) or one that has run out, one light
 * request first makes n8n exchange the client credentials, and the credential then holds the new token's id.
 */
export async function currentTokenId(this: Context): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const expiresAt = Date.parse(String(credentials.accessTokenExpiresAt ?? ''));
	const current = credentials.accessToken ? String(credentials.accessTokenId ?? '') : '';
	if (current !== '' && !(expiresAt <= Date.now())) return current;
	await apiRequest.call(this, 'GET', '/health_question_definition', undefined, {
		'page[limit]': 1,
	});
	return String((await this.getCredentials(CREDENTIAL_TYPE)).accessTokenId ?? '');
}

/** The groups the credential's token can reach (GET /group needs an organization filter; the token knows its groups). */
export async function credentialGroupsPath(this: Context): Promise<string> {
	return tokenPath(await currentTokenId.call(this), 'groups');
}

/** The organization the credential's token belongs to (the API scopes client credentials to one). */
export async function tokenOrganization(this: Context): Promise<JsonApiDocument> {
	return await apiRequest.call(
		this,
		'GET',
		tokenPath(await currentTokenId.call(this), 'organization'),
	);
}

/**
 * The id of the organization the credential's token belongs to: as the token exchange named it, stored with the
 * token (no request); asked of the API only when the token answer did not name it.
 */
async function tokenOrganizationId(this: Context): Promise<string> {
	const tokenId = await currentTokenId.call(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const stored = String(credentials.accessTokenOrganizationId ?? '');
	if (stored !== '' && credentials.accessTokenId === tokenId) return stored;
	const [organization] = primaryResources(
		await apiRequest.call(this, 'GET', tokenPath(tokenId, 'organization')),
	);
	return organization?.id ?? '';
}

/** `filter[organization]` of the credential's organization, for dropdowns and searches of scoped collections. */
export async function credentialOrganizationFilter(
	this: ILoadOptionsFunctions | IPollFunctions,
): Promise<IDataObject> {
	return { 'filter[organization]': await tokenOrganizationId.call(this) };
}

/** Per execution (the context `execute` runs with), the credential's organization once looked up. */
const organizationOfExecution = new WeakMap<IExecuteFunctions, string>();

/**
 * The organization the credential belongs to, for a collection that needs one when the user gave none: looked up
 * once per execution, refused (before the request) when the API does not say.
 */
export async function credentialOrganizationId(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	const known = organizationOfExecution.get(this);
	if (known !== undefined) return known;
	const organization = await tokenOrganizationId.call(this);
	if (!organization) {
		inputError.call(
			this,
			itemIndex,
			'Could not tell which organization the credential belongs to',
			'Set the Organization ID filter.',
		);
	}
	organizationOfExecution.set(this, organization);
	return organization;
}
