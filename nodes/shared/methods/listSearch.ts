import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { primaryResources } from '../transport/jsonApi';
import { isObjectId } from '../helpers/validation';
import { apiRequest, apiRequestAllItems, MAX_PAGE_SIZE, resourcePath } from '../transport';
import { credentialGroupsPath, credentialOrganizationFilter } from '../helpers/organization';
import type { Label } from './labels';
import {
	calendarEventLabel,
	labelled,
	nameLabel,
	personName,
	questionText,
	rewardEarningLabel,
	rewardProgramName,
} from './labels';

/**
 * One page of a collection for a resource locator. The API has no free-text search, so the filter narrows the
 * page by name or id here; the pagination token is the API's own `links.next`, followed as given.
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	endpoint: string,
	label: Label,
	filter?: string,
	paginationToken?: string,
	query: IDataObject = {},
): Promise<INodeListSearchResult> {
	const document = paginationToken
		? await apiRequest.call(this, 'GET', paginationToken)
		: await apiRequest.call(this, 'GET', endpoint, undefined, {
				...query,
				'page[limit]': MAX_PAGE_SIZE,
			});
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = labelled(primaryResources(document), label).filter(
		(entry) => needle === '' || entry.name.toLowerCase().includes(needle) || entry.value === needle,
	);
	const next = document.links?.next;
	return { results, paginationToken: typeof next === 'string' && next !== '' ? next : undefined };
}

/** Collections that need a scope filter are listed for the credential's organization (first page only). */
async function organizationQuery(
	this: ILoadOptionsFunctions,
	paginationToken?: string,
): Promise<IDataObject> {
	return paginationToken ? {} : await credentialOrganizationFilter.call(this);
}

export async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	// An exact id or identifier value finds the one patient without walking every page.
	if (!paginationToken && filter && isObjectId(filter.trim())) {
		const document = await apiRequest.call(
			this,
			'GET',
			resourcePath('/patient/{id}', { id: filter.trim() }),
		);
		return { results: labelled(primaryResources(document), personName) };
	}
	return await searchPage.call(
		this,
		'/patient',
		personName,
		filter,
		paginationToken,
		await organizationQuery.call(this, paginationToken),
	);
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	// GET /group requires an organization filter; the credential's token lists the groups it can reach.
	return await searchPage.call(
		this,
		await credentialGroupsPath.call(this),
		nameLabel,
		filter,
		paginationToken,
	);
}

export async function searchCoaches(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage.call(
		this,
		'/coach',
		personName,
		filter,
		paginationToken,
		await organizationQuery.call(this, paginationToken),
	);
}

export async function searchRewardPrograms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage.call(
		this,
		'/reward_program',
		rewardProgramName,
		filter,
		paginationToken,
		await organizationQuery.call(this, paginationToken),
	);
}

export async function searchCalendarEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage.call(
		this,
		'/calendar_event',
		calendarEventLabel,
		filter,
		paginationToken,
		await organizationQuery.call(this, paginationToken),
	);
}

export async function searchRewardEarnings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	// The API lists earnings only by patient and groups: the search text is a patient's ID.
	const patient = filter?.trim() ?? '';
	if (!paginationToken && !isObjectId(patient)) return { results: [] };
	const { data: groups } = paginationToken
		? { data: [] }
		: await apiRequestAllItems.call(
				this,
				await credentialGroupsPath.call(this),
				{},
				{ limit: 500 },
			);
	const query = paginationToken
		? {}
		: { 'filter[patient]': patient, 'filter[groups]': groups.map((g) => g.id).join(',') };
	return await searchPage.call(
		this,
		'/reward_earning',
		rewardEarningLabel,
		undefined,
		paginationToken,
		query,
	);
}

export async function searchHealthQuestionDefinitions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage.call(
		this,
		'/health_question_definition',
		questionText,
		filter,
		paginationToken,
	);
}
