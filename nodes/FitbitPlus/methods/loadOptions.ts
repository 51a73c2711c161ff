import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { primaryResources } from '../helpers/jsonApi';
import type { JsonApiResource } from '../helpers/jsonApi';
import { apiRequestAllItems, resourcePath } from '../transport';
import { currentTokenId, tokenOrganization, tokenOrganizationId } from '../helpers/organization';

/** The dropdown lists are short by nature; this many entries is more than any organization has. */
const OPTIONS_LIMIT = 500;

function toOptions(resources: JsonApiResource[], label: (attributes: IDataObject) => string): INodePropertyOptions[] {
	return resources
		.map((resource) => ({ name: label(resource.attributes ?? {}) || resource.id, value: resource.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function personName(attributes: IDataObject): string {
	// Patients and coaches carry first_name / last_name / email_address (the spec's PatientResource, CoachResource).
	return (
		[attributes.first_name ?? attributes.given_name, attributes.last_name ?? attributes.family_name].filter(Boolean).join(' ') ||
		String(attributes.email_address ?? attributes.email ?? '')
	);
}

async function listAll(
	this: ILoadOptionsFunctions,
	endpoint: string,
	label: (attributes: IDataObject) => string,
	qs: IDataObject = {},
) {
	const { data } = await apiRequestAllItems.call(this, endpoint, qs, { limit: OPTIONS_LIMIT });
	return toOptions(data, label);
}

/** The groups the credential can reach (GET /group requires an organization filter; the token knows its groups). */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, resourcePath('/oauth/token/{id}/groups', { id: await currentTokenId.call(this) }), (a) => String(a.name ?? ''));
}

export async function getCoaches(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// GET /coach needs an organization (or groups) filter.
	return await listAll.call(this, '/coach', personName, { 'filter[organization]': await tokenOrganizationId.call(this) });
}

export async function getRewardPrograms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/reward_program', (a) => String(a.name ?? a.title ?? ''), {
		'filter[organization]': await tokenOrganizationId.call(this),
	});
}

export async function getHealthQuestionDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listAll.call(this, '/health_question_definition', (a) => String(a.question ?? a.name ?? a.title ?? ''));
}

/** The organization the credential belongs to, as the token tells it. */
export async function getOrganizations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(primaryResources(await tokenOrganization.call(this)), (a) => String(a.name ?? ''));
}
