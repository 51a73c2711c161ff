/**
 * The credential's own token and organization: the one place that asks the API which organization (and which
 * groups) the credential's token belongs to.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JsonApiDocument } from '../transport/jsonApi';
import { primaryResources } from '../transport/jsonApi';
import { inputError } from './validation';
import type { ApiSession } from '../transport';
import { resourcePath } from '../transport';

/** A token's own sub-collection: its organization, or the groups it can reach. */
export function tokenPath(tokenId: string, what: 'organization' | 'groups'): string {
	return resourcePath(`/oauth/token/{id}/${what}`, { id: tokenId });
}

/**
 * The id of the token the credential holds now. With no token yet (first use) or one that has run out, one light
 * request first makes n8n exchange the client credentials, and the credential then holds the new token's id.
 */
export async function currentTokenId(session: ApiSession): Promise<string> {
	const credentials = await session.credentialData();
	const expiresAt = Date.parse(String(credentials.accessTokenExpiresAt ?? ''));
	const current = credentials.accessToken ? String(credentials.accessTokenId ?? '') : '';
	if (current !== '' && !(expiresAt <= Date.now())) return current;
	await session.request('GET', '/health_question_definition', { qs: { 'page[limit]': 1 } });
	return String((await session.credentialData()).accessTokenId ?? '');
}

/** The groups the credential's token can reach (GET /group needs an organization filter; the token knows its groups). */
export async function credentialGroupsPath(session: ApiSession): Promise<string> {
	return tokenPath(await currentTokenId(session), 'groups');
}

/** The organization the credential's token belongs to (the API scopes client credentials to one). */
export async function tokenOrganization(session: ApiSession): Promise<JsonApiDocument> {
	return await session.request('GET', tokenPath(await currentTokenId(session), 'organization'));
}

/**
 * The id of the organization the credential's token belongs to: as the token exchange named it, stored with the
 * token (no request); asked of the API only when the token answer did not name it.
 */
async function tokenOrganizationId(session: ApiSession): Promise<string> {
	const tokenId = await currentTokenId(session);
	const credentials = await session.credentialData();
	const stored = String(credentials.accessTokenOrganizationId ?? '');
	if (stored !== '' && credentials.accessTokenId === tokenId) return stored;
	const [organization] = primaryResources(
		await session.request('GET', tokenPath(tokenId, 'organization')),
	);
	return organization?.id ?? '';
}

/** `filter[organization]` of the credential's organization, for dropdowns and searches of scoped collections. */
export async function credentialOrganizationFilter(session: ApiSession): Promise<IDataObject> {
	return { 'filter[organization]': await tokenOrganizationId(session) };
}

/**
 * The organization the credential belongs to, for a collection that needs one when the user gave none: looked up
 * once per run (kept by the session), refused (before the request) when the API does not say.
 */
export async function credentialOrganizationId(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
): Promise<string> {
	const organization = await session.remember('credentialOrganization', async () =>
		tokenOrganizationId(session),
	);
	if (!organization) {
		inputError.call(
			this,
			itemIndex,
			'Could not tell which organization the credential belongs to',
			"Set the 'Organization ID' filter.",
		);
	}
	return organization;
}
