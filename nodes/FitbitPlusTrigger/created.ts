/**
 * Events on new records. A cursor is the id of the last record emitted: ids ascend with creation, and
 * `page[after]=<id>` returns what was created after that record, in creation order. The stored cursor moves only
 * once a whole poll has succeeded, so a poll that fails part-way emits nothing and the next one starts again
 * from the same record.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiSession } from '../shared/transport';
import { MAX_PAGE_SIZE } from '../shared/transport';
import type { JsonApiResource } from '../shared/transport/jsonApi';
import { isObjectId } from '../shared/helpers/validation';
import { pageRecords, totalCount } from './records';
import { readState, writeState } from './state';
import type { TriggerOptions, WatchTarget } from './target';

/**
 * The newest record of a collection (`query` as sent), or null if it has none, in at most 2 requests whatever
 * its size: one page of one record gives the count (and, with one record, the record), then skip paging reads
 * the record at position `count`. A record created in between does not matter: the one at `count` is still
 * older than it.
 */
export async function findNewest(
	this: IPollFunctions,
	target: WatchTarget,
	query: IDataObject,
	session: ApiSession,
): Promise<JsonApiResource | null> {
	const first = await session.request('GET', target.endpoint, {
		qs: { ...query, 'page[size]': 1 },
	});
	let count = totalCount.call(this, first);
	const firstRecords = pageRecords.call(this, first);
	if (count === 0) return null;
	if (count === 1 && firstRecords.length === 1) return firstRecords[0];
	// Records deleted between the two requests can leave position `count` empty: ask again with the new count.
	for (let attempt = 0; attempt < 3; attempt++) {
		const page = await session.request('GET', target.endpoint, {
			qs: { ...query, 'page[size]': 1, 'page[number]': count },
		});
		const records = pageRecords.call(this, page);
		if (records.length > 0) return records[records.length - 1];
		const now = totalCount.call(this, page);
		if (now === 0) return null;
		if (now >= count) break;
		count = now;
	}
	throw new NodeApiError(
		this.getNode(),
		{ message: 'Could not find the newest record' },
		{
			message: `Could not find the newest ${target.event.noun}: Fitbit Plus gave no record at the end of the collection`,
			description: 'Records may have been deleted meanwhile. The next poll tries again.',
		},
	);
}

const idAfter = (id: string, cursor: string | null) => cursor === null || id.toLowerCase() > cursor;

/**
 * Records created after `cursor` (all records if null), oldest first, at most `max`: the node's paging walk from
 * `page[after]=<cursor>`, following `links.next` as the server gives it while more are wanted. A record not
 * after the previous one (the boundary sent again, or a server that ignores the cursor) is never returned twice.
 */
export async function fetchSince(
	this: IPollFunctions,
	target: WatchTarget,
	cursor: string | null,
	max: number,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const qs: IDataObject = { ...target.query };
	if (cursor !== null) qs['page[after]'] = cursor;
	const records: JsonApiResource[] = [];
	let last = cursor;
	const pages = session.paginate(target.endpoint, qs, {
		pageSize: Math.min(MAX_PAGE_SIZE, max),
	});
	for await (const document of pages) {
		const page = pageRecords.call(this, document);
		let fresh = 0;
		for (const resource of page) {
			if (!idAfter(resource.id, last)) continue;
			fresh++;
			records.push(resource);
			last = resource.id.toLowerCase();
			if (records.length >= max) return records;
		}
		const next = document.links?.next;
		if (page.length > 0 && fresh === 0 && typeof next === 'string' && next !== '') {
			// A whole page at or before the cursor, and more to come: the server is not honouring the cursor, and
			// walking on would read the whole collection.
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Fitbit Plus did not resume after the cursor' },
				{
					message: `Fitbit Plus sent ${target.event.noun} records the trigger had already seen`,
					description:
						'The server did not honour page[after]. Try again later; if it persists, report it.',
				},
			);
		}
	}
	return records;
}

/** The stored cursor: null before the first record; undefined when there is no usable state. */
function storedCursor(state: IDataObject | undefined): string | null | undefined {
	if (!state) return undefined;
	if (state.cursor === null) return null;
	return typeof state.cursor === 'string' && isObjectId(state.cursor)
		? state.cursor.toLowerCase()
		: undefined;
}

/**
 * One poll of a "new records" event.
 * - First poll for these event and filters: the starting point is the current end of the collection, nothing
 *   emitted (or, with "Emit Existing Records", the records from the start, up to Max Records per Poll).
 * - Later polls: every record created since the cursor, oldest first, up to Max Records per Poll; the cursor
 *   moves to the last one emitted.
 */
export async function pollCreated(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedCursor(readState(staticData, target.key));
	let cursor: string | null;
	if (stored !== undefined) {
		cursor = stored;
	} else if (options.emitExisting) {
		cursor = null;
	} else {
		const newest = await findNewest.call(this, target, target.query, session);
		writeState(staticData, target.key, { cursor: newest ? newest.id.toLowerCase() : null });
		return [];
	}

	const records = await fetchSince.call(this, target, cursor, options.maxRecords, session);
	if (records.length === 0) {
		if (stored === undefined) writeState(staticData, target.key, { cursor: null });
		return [];
	}
	writeState(staticData, target.key, { cursor: records[records.length - 1].id.toLowerCase() });
	return records;
}
