/**
 * The trigger's polling machinery: where a watched collection ends, what was created since a cursor, and the
 * state kept between polls.
 *
 * A cursor is the id of the last record emitted (NOTES.md, "What a cursor is"): ids ascend with creation, and
 * `page[after]=<id>` returns what was created after that record, in creation order. The stored cursor moves only
 * once a whole poll has succeeded, so a poll that fails part-way emits nothing and the next one starts again
 * from the same record.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { JsonApiDocument, JsonApiResource } from '../shared/transport/jsonApi';
import { flattenResource } from '../shared/transport/jsonApi';
import { isObjectId } from '../shared/helpers/validation';
import type { ApiRequestOptions } from '../shared/transport';
import { apiRequest, MAX_PAGE_SIZE } from '../shared/transport';
import type { TriggerOptions, WatchTarget } from './events';
import { getOptions, getWatchTarget } from './events';

/** What the trigger keeps in the node's static data. */
export interface PollState {
	/** Event and filters the cursor belongs to (see `WatchTarget.key`). */
	key: string;
	/** Id of the last record emitted (or the last that existed at activation); null: before the first record. */
	cursor: string | null;
}

const STATE_FIELD = 'fitbitPlusTrigger';

/** The state stored for these event and filters, or undefined: never polled, or other filters then. */
export function readState(staticData: IDataObject, key: string): PollState | undefined {
	const state = staticData[STATE_FIELD] as IDataObject | undefined;
	if (!state || typeof state !== 'object' || state.key !== key) return undefined;
	const cursor = state.cursor;
	if (cursor === null) return { key, cursor: null };
	if (typeof cursor !== 'string' || !isObjectId(cursor)) return undefined;
	return { key, cursor: cursor.toLowerCase() };
}

function writeState(staticData: IDataObject, state: PollState): void {
	// One state only: a cursor kept for other filters could be picked up again, much later, if they came back.
	staticData[STATE_FIELD] = { key: state.key, cursor: state.cursor };
}

function unexpectedBody(this: IPollFunctions, what: string): never {
	throw new NodeApiError(
		this.getNode(),
		{ message: `Fitbit Plus answered with an unexpected body: ${what}` },
		{
			message: `Fitbit Plus answered with an unexpected body: ${what}`,
			description: 'A proxy or gateway in between may have answered instead of the API.',
		},
	);
}

/** The records of a collection page, each checked to have an object id. */
function pageRecords(this: IPollFunctions, document: JsonApiDocument): JsonApiResource[] {
	const data = document.data;
	if (!Array.isArray(data)) return unexpectedBody.call(this, 'no list of records (`data`)');
	for (const resource of data) {
		if (
			!resource ||
			typeof resource !== 'object' ||
			typeof resource.type !== 'string' ||
			!isObjectId(resource.id)
		) {
			unexpectedBody.call(this, 'a record without a valid id');
		}
	}
	return data;
}

function totalCount(this: IPollFunctions, document: JsonApiDocument): number {
	const count = document.meta?.count;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
		return unexpectedBody.call(this, 'no record count (`meta.count`)');
	}
	return count;
}

/**
 * The newest record of the watched collection, or null if it has none, in at most 2 requests whatever its size:
 * one page of one record gives the count (and, with one record, the record), then skip paging reads the record
 * at position `count`. A record created in between does not matter: the one at `count` is still older than it.
 */
export async function findNewest(
	this: IPollFunctions,
	target: WatchTarget,
	options: ApiRequestOptions,
): Promise<JsonApiResource | null> {
	const first = await apiRequest.call(
		this,
		'GET',
		target.endpoint,
		undefined,
		{ ...target.query, 'page[size]': 1 },
		options,
	);
	let count = totalCount.call(this, first);
	const firstRecords = pageRecords.call(this, first);
	if (count === 0) return null;
	if (count === 1 && firstRecords.length === 1) return firstRecords[0];
	// Records deleted between the two requests can leave position `count` empty: ask again with the new count.
	for (let attempt = 0; attempt < 3; attempt++) {
		const page = await apiRequest.call(
			this,
			'GET',
			target.endpoint,
			undefined,
			{ ...target.query, 'page[size]': 1, 'page[number]': count },
			options,
		);
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

export interface NewRecords {
	records: JsonApiResource[];
	/** Requests made, for tests and metrics. */
	requests: number;
}

const idAfter = (id: string, cursor: string | null) => cursor === null || id.toLowerCase() > cursor;

/**
 * Records created after `cursor` (all records if null), oldest first, at most `max`: the first request asks for
 * `page[after]=<cursor>`, then `links.next` is followed as the server gives it, while more are wanted.
 * A record not after the previous one (the boundary sent again, or a server that ignores the cursor) is
 * never returned twice.
 */
export async function fetchSince(
	this: IPollFunctions,
	target: WatchTarget,
	cursor: string | null,
	max: number,
	options: ApiRequestOptions,
): Promise<NewRecords> {
	const qs: IDataObject = { ...target.query, 'page[limit]': Math.min(MAX_PAGE_SIZE, max) };
	if (cursor !== null) qs['page[after]'] = cursor;
	let document = await apiRequest.call(this, 'GET', target.endpoint, undefined, qs, options);
	let requests = 1;
	const records: JsonApiResource[] = [];
	let last = cursor;
	const seenLinks = new Set<string>();
	for (;;) {
		const page = pageRecords.call(this, document);
		let fresh = 0;
		for (const resource of page) {
			if (!idAfter(resource.id, last)) continue;
			fresh++;
			records.push(resource);
			last = resource.id.toLowerCase();
			if (records.length >= max) return { records, requests };
		}
		const next = document.links?.next;
		if (typeof next !== 'string' || next === '') return { records, requests };
		if (page.length > 0 && fresh === 0) {
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
		if (seenLinks.has(next)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Fitbit Plus paging links loop' },
				{
					message: 'Fitbit Plus sent a paging link it had sent before: the results would never end',
					description: 'Try again later; if it persists, report it to Fitbit Plus.',
				},
			);
		}
		seenLinks.add(next);
		document = await apiRequest.call(this, 'GET', next, undefined, undefined, options);
		requests++;
	}
}

function toItems(
	this: IPollFunctions,
	records: JsonApiResource[],
	simplify: boolean,
): INodeExecutionData[] {
	const json = records.map((resource) =>
		simplify ? flattenResource(resource) : (resource as unknown as IDataObject),
	);
	return this.helpers.returnJsonArray(json);
}

/** Says, on the error a failed poll throws, that nothing was emitted and where the next poll resumes. */
function pollFailed(this: IPollFunctions, target: WatchTarget, error: unknown): Error {
	const what = `Could not fetch new ${target.event.noun} records`;
	const note =
		'Nothing was emitted and the trigger kept its position: the next poll starts again after the last record it emitted.';
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.startsWith(what)) error.message = `${what}: ${error.message}`;
		error.description = [error.description, note].filter(Boolean).join(' ');
		return error;
	}
	return new NodeOperationError(
		this.getNode(),
		`${what}: ${(error as Error)?.message ?? String(error)}`,
		{
			description: note,
		},
	);
}

function requestOptions(options: TriggerOptions): ApiRequestOptions {
	// The poll has its own deadline (45 s by default in n8n): retries stay short.
	return { retry: { maxRetries: options.retries, maxWaitSeconds: 10 }, timeout: options.timeout };
}

/**
 * One poll.
 * - Manual run ("Fetch Test Event"): the newest record, state untouched.
 * - First poll for these event and filters: the starting point is the current end of the collection, nothing
 *   emitted (or, with "Emit Existing Records", the records from the start, up to Max Records per Poll).
 * - Later polls: every record created since the cursor, oldest first, up to Max Records per Poll; the cursor
 *   moves to the last one emitted. `null` when nothing is new.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const target = getWatchTarget.call(this);
	const options = getOptions.call(this);
	const request = requestOptions(options);

	try {
		if (this.getMode() === 'manual') {
			const newest = await findNewest.call(this, target, request);
			return newest ? [toItems.call(this, [newest], options.simplify)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = readState(staticData, target.key);
		let cursor: string | null;
		if (stored) {
			cursor = stored.cursor;
		} else if (options.emitExisting) {
			cursor = null;
		} else {
			const newest = await findNewest.call(this, target, request);
			writeState(staticData, { key: target.key, cursor: newest ? newest.id.toLowerCase() : null });
			return null;
		}

		const { records } = await fetchSince.call(this, target, cursor, options.maxRecords, request);
		if (records.length === 0) {
			if (!stored) writeState(staticData, { key: target.key, cursor: null });
			return null;
		}
		writeState(staticData, {
			key: target.key,
			cursor: records[records.length - 1].id.toLowerCase(),
		});
		return [toItems.call(this, records, options.simplify)];
	} catch (error) {
		throw pollFailed.call(this, target, error);
	}
}
