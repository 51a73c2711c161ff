/**
 * Events on new records. Fitbit Plus ids are MongoDB ObjectIds: 4 bytes of seconds, then bytes of the minting
 * process and its counter. An API on several servers mints ids ordered only to the second, and a record can be
 * committed a little after its id was minted, so a record that appears later can carry a lower id than one
 * already emitted, and a page can list ids out of order.
 *
 * So each poll reads again from a cursor some seconds (the overlap) before the newest id emitted: an ObjectId of
 * that id's second less the overlap, `page[after]=<that id>` (ids greater than it). It emits the ids it has not
 * emitted before, in id order, and keeps the ids emitted within the window (the newest id's second less the
 * overlap, pruned every poll). The stored state moves only once a whole poll has succeeded, so a poll that fails
 * part-way emits nothing and the next one starts again from the same point.
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

/** Where a "new records" read resumes. */
export interface NewRecordsCursor {
	/** The newest id emitted (at activation: the newest record then), or null before the first. */
	newest: string | null;
	/** The ids emitted in the window: at or after the newest id's second less the overlap. */
	seen: string[];
	/**
	 * Ids at or below this one count as emitted (the starting point at activation, or a cursor of 0.3.0, which
	 * kept no window); dropped once the window starts above it. Null: none.
	 */
	floor: string | null;
}

export const START_OF_COLLECTION: NewRecordsCursor = { newest: null, seen: [], floor: null };

/** A cursor that starts after `id` (the newest record at activation, or a 0.3.0 cursor): nothing at or below it is new. */
export const cursorAfter = (id: string | null): NewRecordsCursor =>
	id === null ? START_OF_COLLECTION : { newest: id, seen: [], floor: id };

/**
 * The ObjectId where the window of `newest` starts: its second less the overlap, process and counter bytes 0, so
 * `page[after]=<it>` gives every id of that second and later.
 */
export function windowStart(newest: string, overlapSeconds: number): string {
	const seconds = Math.max(0, parseInt(newest.slice(0, 8), 16) - overlapSeconds);
	return seconds.toString(16).padStart(8, '0') + '0'.repeat(16);
}

const later = (a: string | null, b: string | null) => (a === null || (b !== null && b > a) ? b : a);

/** Where the read starts: the window's start, or the floor where that is higher; null: the beginning. */
function readFrom(cursor: NewRecordsCursor, overlapSeconds: number): string | null {
	const start = cursor.newest === null ? null : windowStart(cursor.newest, overlapSeconds);
	return later(start, cursor.floor);
}

/** The cursor once `emitted` (in id order) went out: the newest id, the window's ids, the floor while above it. */
export function advanceCursor(
	cursor: NewRecordsCursor,
	emitted: JsonApiResource[],
	overlapSeconds: number,
): NewRecordsCursor {
	if (emitted.length === 0) return cursor;
	const newest = later(cursor.newest, emitted[emitted.length - 1].id.toLowerCase())!;
	const start = windowStart(newest, overlapSeconds);
	const seen = [...cursor.seen, ...emitted.map((record) => record.id.toLowerCase())];
	const floor = cursor.floor !== null && cursor.floor > start ? cursor.floor : null;
	return { newest, seen: seen.filter((id) => id > start && (floor === null || id > floor)), floor };
}

const byId = (a: JsonApiResource, b: JsonApiResource) =>
	a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1;

/**
 * The records new since `cursor` (everything if it is at the start), in id order, at most `max`, and the cursor
 * after them: the node's paging walk from `page[after]=<the window's start>`, following `links.next` as the
 * server gives it while more are wanted. Ids already emitted (the window's), at or below the start, or read twice
 * are left out, in whatever order a page lists them. When more than `max` are new, the lowest `max` go now: a
 * page holds the lowest ids after its cursor, so every id not read yet is higher, and the next poll reads on.
 */
export async function fetchNew(
	this: IPollFunctions,
	target: WatchTarget,
	cursor: NewRecordsCursor,
	options: { maxRecords: number; overlapSeconds: number },
	session: ApiSession,
): Promise<{ records: JsonApiResource[]; cursor: NewRecordsCursor }> {
	const from = readFrom(cursor, options.overlapSeconds);
	const qs: IDataObject = { ...target.query };
	if (from !== null) qs['page[after]'] = from;
	const seen = new Set(cursor.seen);
	const fresh = new Map<string, JsonApiResource>();
	let highest = from;
	const pages = session.paginate(target.endpoint, qs, { pageSize: MAX_PAGE_SIZE });
	for await (const document of pages) {
		const page = pageRecords.call(this, document);
		let advanced = false;
		for (const resource of page) {
			const id = resource.id.toLowerCase();
			if (from !== null && id <= from) continue;
			if (highest === null || id > highest) {
				highest = id;
				advanced = true;
			}
			if (!seen.has(id) && !fresh.has(id)) fresh.set(id, resource);
		}
		const next = document.links?.next;
		if (page.length > 0 && !advanced && typeof next === 'string' && next !== '') {
			// A whole page at or below what was read before, and more to come: the server is not honouring the
			// cursor, and walking on would read the whole collection.
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
		if (fresh.size >= options.maxRecords) break;
	}
	const records = [...fresh.values()].sort(byId).slice(0, options.maxRecords);
	return { records, cursor: advanceCursor(cursor, records, options.overlapSeconds) };
}

const storedId = (value: unknown): string | null | undefined =>
	value === null ? null : isObjectId(value) ? (value as string).toLowerCase() : undefined;

/**
 * A stored cursor (`{cursor: <newest>, floor, seen}`, or 0.3.0's `{cursor}`: the last id emitted, with no
 * window, so nothing at or below it is new); undefined when there is no usable state.
 */
function readCursor(state: IDataObject | undefined): NewRecordsCursor | undefined {
	if (!state) return undefined;
	if (!('seen' in state)) {
		const legacy = storedId(state.cursor);
		return legacy === undefined ? undefined : cursorAfter(legacy);
	}
	const newest = storedId(state.cursor);
	const floor = storedId(state.floor);
	if (newest === undefined || floor === undefined || !Array.isArray(state.seen)) return undefined;
	const seen = state.seen.filter(isObjectId).map((id) => (id as string).toLowerCase());
	return { newest, seen, floor };
}

/**
 * One poll of a "new records" event.
 * - First poll for these event and filters: the starting point is the newest record now, nothing emitted (or,
 *   with "Emit Existing Records", the records from the start, up to Max Records per Poll).
 * - Later polls: every record not emitted yet from the window on, in id order, up to Max Records per Poll.
 */
export async function pollCreated(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = readCursor(readState(staticData, target.key));
	if (stored === undefined && !options.emitExisting) {
		const newest = await findNewest.call(this, target, target.query, session);
		writeCursor(staticData, target.key, cursorAfter(newest ? newest.id.toLowerCase() : null));
		return [];
	}
	const { records, cursor } = await fetchNew.call(
		this,
		target,
		stored ?? START_OF_COLLECTION,
		options,
		session,
	);
	if (records.length > 0 || stored === undefined) writeCursor(staticData, target.key, cursor);
	return records;
}

function writeCursor(staticData: IDataObject, key: string, cursor: NewRecordsCursor): void {
	writeState(staticData, key, { cursor: cursor.newest, floor: cursor.floor, seen: cursor.seen });
}
