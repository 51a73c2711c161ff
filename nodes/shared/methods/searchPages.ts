import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { primaryResources } from '../transport/jsonApi';
import type { JsonApiResource } from '../transport/jsonApi';
import { isObjectId } from '../helpers/validation';
import type { ApiSession } from '../transport';
import { MAX_PAGE_SIZE } from '../transport';
import { credentialOrganizationFilter } from '../helpers/organization';
import type { Label } from './labels';
import { distinguished, labelled } from './labels';

// The locator searches' engine (the API has no free-text search): pages read and matched here, and the direct
// lookups that find a record from the search text before or instead of reading pages.

/**
 * With search text, one call reads at most this many pages (of MAX_PAGE_SIZE): 2,000 records, so an organization
 * of that size is searched whole in one call; beyond, the pagination token continues where the call stopped.
 */
const SEARCH_PAGE_BUDGET = 40;

/** A call stops reading once this many entries match: more than n8n's list shows, so it can scroll for more. */
const SEARCH_ENOUGH_MATCHES = 20;

/** Identifier systems tried for a direct hit on an identifier value (MRN), as seen on the first page. */
const IDENTIFIER_SYSTEMS_TRIED = 3;

type Entry = { name: string; value: string };

/** Whether an entry answers the search text: the exact id, or every word of the text somewhere in its label. */
function searchMatcher(filter?: string): ((entry: Entry) => boolean) | undefined {
	const text = filter?.trim() ?? '';
	const words = text.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return undefined;
	return (entry) =>
		entry.value === text || words.every((word) => entry.name.toLowerCase().includes(word));
}

/** Records found straight from the search text (e.g. by identifier), before or instead of reading pages. */
export type DirectLookup = (
	this: ILoadOptionsFunctions,
	session: ApiSession,
	text: string,
	firstPage: JsonApiResource[],
	query: IDataObject,
) => Promise<JsonApiResource[]>;

/**
 * A collection for a resource locator. The API has no free-text search, so the search text is matched here
 * against each entry's label and id. Without text: one page. With text: pages are read (following the API's own
 * `links.next`, as given) until enough entries match or the page budget is spent; the pagination token is the
 * next page's link, so the next call goes on from there.
 */
export async function searchPages(
	this: ILoadOptionsFunctions,
	session: ApiSession,
	endpoint: string,
	label: Label,
	filter?: string,
	paginationToken?: string,
	query: IDataObject = {},
	direct?: DirectLookup,
): Promise<INodeListSearchResult> {
	const matches = searchMatcher(filter);
	const results: Entry[] = [];
	let next = paginationToken;
	let pages = 0;
	do {
		const document = next
			? await session.request('GET', next)
			: await session.request('GET', endpoint, {
					qs: { ...query, 'page[limit]': MAX_PAGE_SIZE },
				});
		const resources = primaryResources(document);
		if (matches && direct && pages === 0 && !paginationToken) {
			const hits = await direct.call(this, session, filter?.trim() ?? '', resources, query);
			if (hits.length > 0) return { results: distinguished(labelled(hits, label)) };
		}
		const entries = labelled(resources, label);
		results.push(...(matches ? entries.filter(matches) : entries));
		const link = document.links?.next;
		next = typeof link === 'string' && link !== '' ? link : undefined;
		pages++;
	} while (matches && next && pages < SEARCH_PAGE_BUDGET && results.length < SEARCH_ENOUGH_MATCHES);
	return { results: distinguished(results), paginationToken: next };
}

/**
 * An identifier value (one word with a digit, e.g. an MRN) is looked up with the API's identifier filter, for
 * each identifier system the first page's patients use: one request per system, whatever the page it sits on.
 */
export const patientsByIdentifier: DirectLookup = async function (session, text, firstPage, query) {
	if (/\s/.test(text) || !/\d/.test(text)) return [];
	const systems = new Set<string>();
	for (const patient of firstPage) {
		const identifiers = patient.attributes?.identifiers;
		for (const identifier of Array.isArray(identifiers) ? identifiers : []) {
			const system = (identifier as IDataObject | null)?.system;
			if (typeof system === 'string' && system !== '') systems.add(system);
		}
	}
	const hits: JsonApiResource[] = [];
	for (const system of [...systems].slice(0, IDENTIFIER_SYSTEMS_TRIED)) {
		const document = await session.request('GET', '/patient', {
			qs: {
				...query,
				'filter[identifier][system]': system,
				'filter[identifier][value]': text,
			},
		});
		for (const patient of primaryResources(document))
			if (!hits.some((hit) => hit.id === patient.id)) hits.push(patient);
	}
	return hits;
};

/** Collections that need a scope filter are listed for the credential's organization (first page only). */
export async function organizationQuery(
	session: ApiSession,
	paginationToken?: string,
): Promise<IDataObject> {
	return paginationToken ? {} : await credentialOrganizationFilter(session);
}

/** Records of the patient whose id is the search text (the API filters these collections by patient). */
export function ofPatient(endpoint: string): DirectLookup {
	return async function (session, text) {
		if (!isObjectId(text)) return [];
		const document = await session.request('GET', endpoint, {
			qs: { 'filter[patient]': text, 'page[limit]': MAX_PAGE_SIZE },
		});
		return primaryResources(document);
	};
}
