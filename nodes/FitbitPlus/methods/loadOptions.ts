import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { primaryResources } from '../helpers/jsonApi';
import type { JsonApiResource } from '../helpers/jsonApi';
import { apiRequest, apiRequestAllItems } from '../transport';

/** The dropdown lists are short by nature; this many entries is more than any organization has. */
const OPTIONS_LIMIT = 500;

function toOptions(resources: JsonApiResource[], label: (attributes: IDataObject) => string): INodePropertyOptions[] {
	return resources
		.map((resource) => ({ name: label(resource.attributes ?? {}) || resource.id, value: resource.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function personName(attributes: IDataObject): string {
	return [attributes.given_name, attributes.family_name].filter(Boolean).join(' ') || String(attributes.email ?? '');
}

async function listAll(this: ILoadOptionsFunctions, endpoint: string, label: (attributes: IDataObject) => string) {
	const { data } = await apiRequestAllItems.call(this, endpoint, {}, { limit: OPTIONS_LIMIT });
	return toOptions(data, label);
}

export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/group', (a) => String(a.name ?? ''));
}

export async function getCoaches(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/coach', personName);
}

export async function getRewardPrograms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/reward_program', (a) => String(a.name ?? a.title ?? ''));
}

export async function getHealthQuestionDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/health_question_definition', (a) => String(a.question ?? a.name ?? a.title ?? ''));
}

/** The organization the credential belongs to, as the token tells it. */
export async function getOrganizations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await this.getCredentials('fitbitPlusApi');
	let tokenId = String(credentials.accessTokenId ?? '');
	if (tokenId === '') {
		// First use of the credential: any request makes n8n fetch a token, and with it the token's id.
		await apiRequest.call(this, 'GET', '/group', undefined, { 'page[limit]': 1 });
		tokenId = String((await this.getCredentials('fitbitPlusApi')).accessTokenId ?? '');
	}
	const document = await apiRequest.call(this, 'GET', `/oauth/token/${encodeURIComponent(tokenId)}/organization`);
	return toOptions(primaryResources(document), (a) => String(a.name ?? ''));
}
