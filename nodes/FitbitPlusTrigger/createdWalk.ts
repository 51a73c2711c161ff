/**
 * "New" events of per-patient collections (health results, reward earnings) for a group or organization: one
 * cursor per patient in scope, each read as the one-patient event reads its collection (created.ts).
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
import { fetchSince, findNewest } from './created';
import { readState, writeState } from './state';
import type { TriggerOptions, WatchTarget } from './target';
import { watchedPatients } from './watched';

/** Per patient: the fingerprint of their activations ('' = read next poll) and their cursor (null: none yet). */
type CursorState = Record<string, [string, string | null]>;

function readCursors(state: IDataObject | undefined): CursorState | undefined {
	const cursors = state?.cursors;
	if (!cursors || typeof cursors !== 'object' || Array.isArray(cursors)) return undefined;
	const valid: CursorState = {};
	for (const [patient, entry] of Object.entries(cursors as IDataObject)) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
		const cursor = entry[1];
		if (cursor === null || (typeof cursor === 'string' && isObjectId(cursor)))
			valid[patient] = [entry[0], cursor === null ? null : cursor.toLowerCase()];
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
			return { cursor: newest ? newest.id.toLowerCase() : null, records: [] };
		}
		const cursor = known?.[1] ?? null;
		const records = await fetchSince.call(
			this,
			{ ...target, query },
			cursor,
			options.maxRecords,
			session,
		);
		return { cursor, records };
	});

	const read = new Map(toRead.map((entry, index) => [entry.patient, reads[index]]));
	const next: CursorState = {};
	const emitted: JsonApiResource[] = [];
	for (const { patient, fingerprint } of watched) {
		const got = read.get(patient);
		if (got === undefined) {
			next[patient] = stored?.[patient] ?? [fingerprint ?? '', null];
			continue;
		}
		const room = Math.max(0, options.maxRecords - emitted.length);
		const taken = got.records.slice(0, room);
		emitted.push(...taken);
		// Read in full (fewer than a poll's maximum, all taken): the fingerprint is kept; else read again next poll.
		const complete = taken.length === got.records.length && got.records.length < options.maxRecords;
		next[patient] = [
			complete ? (fingerprint ?? '') : '',
			taken.length > 0 ? taken[taken.length - 1].id.toLowerCase() : got.cursor,
		];
	}
	if (emitted.length > 0 || JSON.stringify(next) !== JSON.stringify(stored))
		writeState(staticData, target.key, { cursors: next });
	return emitted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
