import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { primaryResources } from '../helpers/jsonApi';
import { isObjectId } from '../helpers/validation';
import { apiRequest, MAX_PAGE_SIZE } from '../transport';

/**
 * One page of a collection for a resource locator. The API has no free-text search, so the filter narrows the
 * page by name or id here; the pagination token is the API's own `links.next`, followed as given.
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	endpoint: string,
	label: (attributes: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
	query: IDataObject = {},
): Promise<INodeListSearchResult> {
	const document = paginationToken
		? await apiRequest.call(this, 'GET', paginationToken)
		: await apiRequest.call(this, 'GET', endpoint, undefined, { ...query, 'page[limit]': MAX_PAGE_SIZE });
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = primaryResources(document)
		.map((resource) => ({ name: label(resource.attributes ?? {}) || resource.id, value: resource.id }))
		.filter((entry) => needle === '' || entry.name.toLowerCase().includes(needle) || entry.value === needle);
	const next = document.links?.next;
	return { results, paginationToken: typeof next === 'string' && next !== '' ? next : undefined };
}

function personName(attributes: IDataObject): string {
	const name = [attributes.given_name, attributes.family_name].filter(Boolean).join(' ');
	return name || String(attributes.email ?? '');
}

export async function searchPatients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	// An exact id or identifier value finds the one patient without walking every page.
	if (!paginationToken && filter && isObjectId(filter.trim())) {
		const document = await apiRequest.call(this, 'GET', `/patient/${filter.trim()}`);
		return { results: primaryResources(document).map((p) => ({ name: personName(p.attributes ?? {}), value: p.id })) };
	}
	return await searchPage.call(this, '/patient', personName, filter, paginationToken);
}

export async function searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(this, '/group', (a) => String(a.name ?? ''), filter, paginationToken);
}

export async function searchCoaches(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(this, '/coach', personName, filter, paginationToken);
}

export async function searchRewardPrograms(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(this, '/reward_program', (a) => String(a.name ?? a.title ?? ''), filter, paginationToken);
}

export async function searchCalendarEvents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(
		this,
		'/calendar_event',
		(a) => [a.title, a.start_at].filter(Boolean).join(' — '),
		filter,
		paginationToken,
	);
}

export async function searchRewardEarnings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(this, '/reward_earning', (a) => String(a.created_at ?? ''), filter, paginationToken);
}

export async function searchHealthQuestionDefinitions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPage.call(
		this,
		'/health_question_definition',
		(a) => String(a.question ?? a.name ?? a.title ?? ''),
		filter,
		paginationToken,
	);
}
