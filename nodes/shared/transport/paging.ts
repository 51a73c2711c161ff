import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import type { JsonApiDocument, JsonApiResource } from './jsonApi';
import { primaryResources } from './jsonApi';
import type { ApiRequestOptions } from './options';
import { apiRequest } from './request';

/** The API's largest page, for both paging strategies. */
export const MAX_PAGE_SIZE = 50;

export interface PageOptions extends ApiRequestOptions {
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
export async function* paginate(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): AsyncGenerator<JsonApiDocument> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const firstLimit = options.limit !== undefined ? Math.min(options.limit, pageSize) : pageSize;
	let document = await apiRequest.call(
		this,
		'GET',
		endpoint,
		undefined,
		{ ...qs, 'page[limit]': firstLimit },
		options,
	);
	const seen = new Set<string>();
	for (;;) {
		yield document;
		const next = document.links?.next;
		if (typeof next !== 'string' || next === '') return;
		if (seen.has(next)) {
			throw new NodeApiError(
				this.getNode(),
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
		document = await apiRequest.call(this, 'GET', next, undefined, undefined, options);
	}
}

/**
 * Walks a collection and keeps what `mapPage` makes of each page, up to `limit` entries, fetching no more
 * pages than that needs. Mapping page by page lets a caller drop each raw page once it has what it needs.
 */
export async function apiRequestAllMapped<T>(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject,
	options: PageOptions,
	mapPage: (document: JsonApiDocument) => T[],
): Promise<T[]> {
	const results: T[] = [];
	for await (const document of paginate.call(this, endpoint, qs, options)) {
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
export async function apiRequestAllItems(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): Promise<AllItems> {
	const included = new Map<string, JsonApiResource>();
	const data = await (apiRequestAllMapped<JsonApiResource>).call(
		this,
		endpoint,
		qs,
		options,
		(document) => {
			for (const resource of document.included ?? [])
				included.set(`${resource.type}:${resource.id}`, resource);
			return primaryResources(document);
		},
	);
	return { data, included: [...included.values()] };
}
