/**
 * "New" events of per-patient collections (health results, reward earnings) for a group or organization: one
 * cursor per patient in scope, each read as the one-patient event reads its collection (created.ts: from the
 * overlap window before the patient's newest id emitted, the window's ids kept per patient).
 * - Reward earnings: patients with an activation; a patient is read only when their activations changed (a new
 *   earning changes its activation's counts), so an idle poll is 1 request per 50 activations.
 * - Health results: every patient of the groups or organization, read at every poll (1 request per 50 patients,
 *   then 1 per patient).
 * A patient who comes into scope later starts at their newest record (health results: their history is not
 * emitted) or from their first (reward earnings: a new activation's earnings are all new).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ApiSession } from '../shared/transport';
import type { JsonApiResource } from '../shared/transport/jsonApi';
import { groupsOfOrganization } from '../shared/helpers/patientWalk';
import { isObjectId } from '../shared/helpers/validation';
import type { NewRecordsCursor } from './created';
import { advanceCursor, cursorAfter, fetchNew, findNewest, START_OF_COLLECTION } from './created';
import { readState, writeState } from './state';
import type { TriggerOptions, WatchTarget } from './target';
import { watchedPatients } from './watched';

/**
 * Per patient: the fingerprint of their activations ('' = read next poll), then their cursor (created.ts): the
 * newest id emitted (null: none yet), the floor, and the ids emitted in the window. 0.3.0 kept
 * `[fingerprint, last id emitted]`: that id becomes the floor.
 */
type CursorEntry = [string, string | null, string | null, ...string[]];
type CursorState = Record<string, CursorEntry>;

const idOrNull = (value: unknown): string | null | undefined =>
	value === null ? null : isObjectId(value) ? (value as string).toLowerCase() : undefined;

function entryCursor(entry: unknown[]): NewRecordsCursor | undefined {
	const newest = idOrNull(entry[1]);
	if (newest === undefined) return undefined;
	if (entry.length === 2) return cursorAfter(newest);
	const floor = idOrNull(entry[2]);
	if (floor === undefined) return undefined;
	const seen = entry.slice(3).filter(isObjectId) as string[];
	return { newest, floor, seen: seen.map((id) => id.toLowerCase()) };
}

const toEntry = (fingerprint: string, cursor: NewRecordsCursor): CursorEntry => [
	fingerprint,
	cursor.newest,
	cursor.floor,
	...cursor.seen,
];

function readCursors(
	state: IDataObject | undefined,
): Record<string, [string, NewRecordsCursor]> | undefined {
	const cursors = state?.cursors;
	if (!cursors || typeof cursors !== 'object' || Array.isArray(cursors)) return undefined;
	const valid: Record<string, [string, NewRecordsCursor]> = {};
	for (const [patient, entry] of Object.entries(cursors as IDataObject)) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
		const cursor = entryCursor(entry);
		if (cursor !== undefined) valid[patient] = [entry[0], cursor];
	}
	return valid;
}

export async function pollCreatedWalk(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = readCursors(readState(staticData, target.key));
	const first = stored === undefined;
	const watched = await watchedPatients.call(this, target, session);
	const toRead = watched.filter(
		({ patient, fingerprint }) =>
			first || fingerprint === null || stored[patient]?.[0] !== fingerprint,
	);
	let groups: string | undefined;
	if (target.groupsOfOrganization !== undefined && toRead.length > 0) {
		groups = await groupsOfOrganization(session, target.groupsOfOrganization);
		if (groups === '') return [];
	}

	const reads = await session.mapConcurrent(toRead, options.concurrency, async ({ patient }) => {
		const query: IDataObject = { ...target.query, 'filter[patient]': patient };
		if (groups !== undefined) query['filter[groups]'] = groups;
		const known = stored?.[patient];
		const startsAtNewest =
			(first && !options.emitExisting) ||
			(!first && known === undefined && target.walk?.source === 'patients');
		if (startsAtNewest) {
			const newest = await findNewest.call(this, target, query, session);
			return {
				records: [],
				cursor: cursorAfter(newest ? newest.id.toLowerCase() : null),
			};
		}
		return await fetchNew.call(
			this,
			{ ...target, query },
			known?.[1] ?? START_OF_COLLECTION,
			options,
			session,
		);
	});

	const read = new Map(toRead.map((entry, index) => [entry.patient, reads[index]]));
	const next: CursorState = {};
	const emitted: JsonApiResource[] = [];
	for (const { patient, fingerprint } of watched) {
		const got = read.get(patient);
		const known = stored?.[patient];
		if (got === undefined) {
			next[patient] = known
				? toEntry(known[0], known[1])
				: toEntry(fingerprint ?? '', START_OF_COLLECTION);
			continue;
		}
		const room = Math.max(0, options.maxRecords - emitted.length);
		if (got.records.length <= room) {
			emitted.push(...got.records);
			// Read in full (fewer than a poll's maximum): the fingerprint is kept; else read again next poll.
			const complete = got.records.length < options.maxRecords;
			next[patient] = toEntry(complete ? (fingerprint ?? '') : '', got.cursor);
		} else {
			// More than this poll has room for: the patient's lowest ids go now, the rest next poll.
			const taken = got.records.slice(0, room);
			emitted.push(...taken);
			const from = known?.[1] ?? START_OF_COLLECTION;
			next[patient] = toEntry('', advanceCursor(from, taken, options.overlapSeconds));
		}
	}
	if (emitted.length > 0 || JSON.stringify(next) !== JSON.stringify(storedEntries(stored)))
		writeState(staticData, target.key, { cursors: next });
	return emitted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function storedEntries(stored: Record<string, [string, NewRecordsCursor]> | undefined) {
	if (stored === undefined) return undefined;
	const entries: CursorState = {};
	for (const [patient, [fingerprint, cursor]] of Object.entries(stored))
		entries[patient] = toEntry(fingerprint, cursor);
	return entries;
}
