import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { JsonApiDocument, JsonApiResource } from './jsonApi';
import { primaryResources } from './jsonApi';
import type { ApiSession } from './session';

/** The API's largest page, for both paging strategies. */
export const MAX_PAGE_SIZE = 50;

export interface PageOptions {
	/** The input item the walk serves, for error messages. */
	itemIndex?: number;
	/** Resources per page (the API caps it at MAX_PAGE_SIZE). */
	pageSize?: number;
	/** Stop once this many resources are in hand. */
	limit?: number;
}

/**
 * Walks a collection with cursor paging: the first request asks for `page[limit]`, then each `links.next` is
 * followed exactly as the server gave it, until there is none. A `next` seen before means the server is
 * looping: that is an error, never a silently short result.
 */
export async function* pages(
	session: ApiSession,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): AsyncGenerator<JsonApiDocument> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const firstLimit = options.limit !== undefined ? Math.min(options.limit, pageSize) : pageSize;
	const { itemIndex } = options;
	let document = await session.request('GET', endpoint, {
		qs: { ...qs, 'page[limit]': firstLimit },
		itemIndex,
	});
	const seen = new Set<string>();
	for (;;) {
		yield document;
		const next = document.links?.next;
		if (typeof next !== 'string' || next === '') return;
		if (seen.has(next)) {
			throw new NodeApiError(
				session.context.getNode(),
				{ message: 'Fitbit Plus paging links loop' },
				{
					message: 'Fitbit Plus sent a paging link it had sent before: the results would never end',
					description:
						'No partial result is returned. Try again later; if it persists, report it to Fitbit Plus.',
					itemIndex: options.itemIndex,
				},
			);
		}
		seen.add(next);
		document = await session.request('GET', next, { itemIndex });
	}
}

/**
 * Walks a collection and keeps what `mapPage` makes of each page, up to `limit` entries, fetching no more
 * pages than that needs. Mapping page by page lets a caller drop each raw page once it has what it needs.
 */
export async function allMapped<T>(
	session: ApiSession,
	endpoint: string,
	qs: IDataObject,
	options: PageOptions,
	mapPage: (document: JsonApiDocument) => T[],
): Promise<T[]> {
	const results: T[] = [];
	for await (const document of pages(session, endpoint, qs, options)) {
		for (const entry of mapPage(document)) {
			results.push(entry);
			if (options.limit !== undefined && results.length >= options.limit) return results;
		}
	}
	return results;
}

export interface AllItems {
	data: JsonApiResource[];
	included: JsonApiResource[];
}

/** Every resource of a collection (or the first `limit`), with the related resources the pages included. */
export async function allItems(
	session: ApiSession,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): Promise<AllItems> {
	const included = new Map<string, JsonApiResource>();
	const data = await allMapped<JsonApiResource>(session, endpoint, qs, options, (document) => {
		for (const resource of document.included ?? [])
			included.set(`${resource.type}:${resource.id}`, resource);
		return primaryResources(document);
	});
	return { data, included: [...included.values()] };
}
