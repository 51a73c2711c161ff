/**
 * "Reward Earning Ready for Fulfillment": the fulfilment queue is `filter[ready_for_fulfillment]=true` (ready and
 * not yet fulfilled). Each earning is emitted once, when it is first seen in the queue, whatever its creation
 * order; the state keeps, per patient, only the ids still in the queue when that patient was last read.
 *
 * The API lists earnings per patient (and groups). For a group or organization the poll lists the reward
 * program activations in scope (1 request per 50): an earning enters the queue only when one is created under a
 * `fulfill_as_earned` activation or when its activation is deactivated (the spec's definition of
 * `ready_for_fulfillment`), and both change the activation (its counts, `active`, `deactivated_at`). Only the
 * patients whose activations changed since the last poll are read again: an idle poll over 1,000 activated
 * patients is 20 requests.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ApiSession } from '../shared/transport';
import type { JsonApiResource } from '../shared/transport/jsonApi';
import { groupsOfOrganization } from '../shared/helpers/patientWalk';
import { pageRecords } from './records';
import { readState, writeState } from './state';
import { watchedPatients } from './watched';
import type { TriggerOptions, WatchTarget } from './target';

/** Per patient: the fingerprint of their activations ('' = read again next poll), then the queued ids. */
type QueueState = Record<string, string[]>;

function readQueueState(state: IDataObject | undefined): QueueState | undefined {
	const patients = state?.patients;
	if (!patients || typeof patients !== 'object' || Array.isArray(patients)) return undefined;
	return patients as QueueState;
}

/** The patient's earnings in the queue, in id order. */
async function readQueue(
	this: IPollFunctions,
	target: WatchTarget,
	patient: string,
	groups: string | undefined,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const query: IDataObject = { ...target.query, 'filter[patient]': patient };
	if (groups !== undefined) query['filter[groups]'] = groups;
	const records: JsonApiResource[] = [];
	for await (const document of session.paginate(target.endpoint, query))
		records.push(...pageRecords.call(this, document));
	return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One poll of the fulfilment queue; `manual`: the first queued earning found, state untouched. */
export async function pollFulfillmentQueue(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
	manual = false,
): Promise<JsonApiResource[]> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = manual ? undefined : readQueueState(readState(staticData, target.key));
	const watched = await watchedPatients.call(this, target, session);
	const toRead = watched.filter(
		({ patient, fingerprint }) =>
			manual || fingerprint === null || stored?.[patient]?.[0] !== fingerprint,
	);
	let groups: string | undefined;
	if (target.groupsOfOrganization !== undefined && toRead.length > 0) {
		groups = await groupsOfOrganization(session, target.groupsOfOrganization);
		// An organization without groups has no earnings to list.
		if (groups === '') return [];
	}
	if (manual) {
		for (const { patient } of toRead) {
			const queue = await readQueue.call(this, target, patient, groups, session);
			if (queue.length > 0) return [queue[0]];
		}
		return [];
	}
	const queues = await session.mapConcurrent(toRead, options.concurrency, async ({ patient }) =>
		readQueue.call(this, target, patient, groups, session),
	);

	const emitting = stored !== undefined || options.emitExisting;
	const next: QueueState = {};
	const emitted: JsonApiResource[] = [];
	const read = new Map(toRead.map((entry, index) => [entry.patient, queues[index]]));
	for (const { patient, fingerprint } of watched) {
		const queue = read.get(patient);
		if (queue === undefined) {
			next[patient] = stored?.[patient] ?? [fingerprint ?? ''];
			continue;
		}
		const before = new Set(stored?.[patient]?.slice(1) ?? []);
		const entering = queue.filter((earning) => !before.has(earning.id));
		const room = emitting ? Math.max(0, options.maxRecords - emitted.length) : entering.length;
		const taken = entering.slice(0, room);
		if (emitting) emitted.push(...taken);
		const taking = new Set(taken.map((earning) => earning.id));
		// Only what is still queued is kept; a patient not read in full is read again next poll.
		next[patient] = [
			taken.length === entering.length ? (fingerprint ?? '') : '',
			...queue.map((earning) => earning.id).filter((id) => before.has(id) || taking.has(id)),
		];
	}
	if (emitted.length > 0 || JSON.stringify(next) !== JSON.stringify(stored))
		writeState(staticData, target.key, { patients: next });
	return emitted;
}
