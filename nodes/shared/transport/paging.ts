import type { IDataObject } from 'n8n-workflow';

import { answerError } from './documents';
import type { JsonApiDocument, JsonApiResource } from './jsonApi';
import { primaryResources } from './jsonApi';
import { PageGuard } from './pageGuard';
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
 * Walks a collection with cursor paging: the first request asks for `page[limit]`, then each `links.next` (a URL
 * or a `{"href"}` link object) is followed exactly as the server gave it, until there is none. Every page must be
 * a list; a walk that goes round (PageGuard: a record, link or cursor again, far more records than meta.count)
 * is an error, never a silently short or endless result.
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
	const guard = new PageGuard(qs, (problem) => {
		throw answerError(session.context.getNode(), problem, itemIndex);
	});
	let document = await session.request('GET', endpoint, {
		qs: { ...qs, 'page[limit]': firstLimit },
		itemIndex,
		expect: 'collection',
	});
	for (;;) {
		guard.page(document);
		yield document;
		const next = guard.next(document);
		if (next === undefined) return;
		document = await session.request('GET', next, { itemIndex, expect: 'collection' });
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
