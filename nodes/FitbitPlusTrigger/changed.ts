/**
 * Events on changed records ("Created or Updated", "Completed"): a watermark taken from the server's own
 * timestamps (`updated_at`, `completed_at`), never this machine's clock.
 *
 * Each poll asks for the records whose timestamp is at or after the window start (`filter[<field>]`, less a
 * small overlap for stamps that land late) and emits each (id, timestamp) pair not seen before, oldest first.
 * A record changed twice between polls shows its last version only, so it is emitted once; several records
 * sharing one timestamp are told apart by id.
 *
 * Why the window starts at the mark before the last poll, not the newest stamp seen: a poll reads page after
 * page (or patient after patient), and a change made meanwhile to a page already read can carry a stamp older
 * than one seen later in the same poll. Every change after poll k-1 ended carries a stamp at or after the
 * newest one poll k-1 saw, so starting there misses none; the seen pairs keep the overlap from emitting twice.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ApiSession } from '../shared/transport';
import type { JsonApiResource } from '../shared/transport/jsonApi';
import { RANGE_ANY_START, rangeValue } from '../shared/helpers/range';
import { findNewest } from './created';
import { readAll } from './records';
import { readState, writeState } from './state';
import type { TriggerOptions, WatchTarget } from './target';

/** How far before the window start each poll looks again, for stamps written late (clock skew, slow commits). */
const OVERLAP_MS = 60_000;

interface ChangeState {
	/** Window start (a server timestamp), or null: from the beginning. */
	from: string | null;
	/** The newest server timestamp seen so far, or null. */
	mark: string | null;
	/** `<id>@<timestamp>` of the versions seen at or after `from` less the overlap. */
	seen: string[];
}

const timeOf = (value: unknown): number | undefined => {
	if (typeof value !== 'string') return undefined;
	const time = Date.parse(value);
	return Number.isFinite(time) ? time : undefined;
};

const versionKey = (id: string, time: number) =>
	`${id.toLowerCase()}@${new Date(time).toISOString()}`;
const keyTime = (key: string) => Date.parse(key.slice(key.indexOf('@') + 1));

function readChangeState(state: IDataObject | undefined): ChangeState | undefined {
	if (!state || !Array.isArray(state.seen)) return undefined;
	const stamp = (value: unknown) => (timeOf(value) === undefined ? null : (value as string));
	return {
		from: stamp(state.from),
		mark: stamp(state.mark),
		seen: state.seen.filter((key): key is string => typeof key === 'string'),
	};
}

const windowStart = (from: string | null) =>
	from === null ? undefined : new Date(Date.parse(from) - OVERLAP_MS).toISOString();

interface Version {
	record: JsonApiResource;
	key: string;
	time: number;
}

async function readVersions(
	this: IPollFunctions,
	target: WatchTarget,
	from: string | null,
	options: TriggerOptions,
	session: ApiSession,
): Promise<Version[]> {
	const field = target.event.field!;
	const start = windowStart(from);
	const query = {
		...target.query,
		[`filter[${field}]`]: rangeValue(start ?? RANGE_ANY_START, undefined),
	};
	const versions = new Map<string, Version>();
	for (const record of await readAll.call(this, target, query, options, session)) {
		const time = timeOf(record.attributes?.[field]);
		if (time === undefined) continue;
		const key = versionKey(record.id, time);
		versions.set(key, { record, key, time });
	}
	return [...versions.values()].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
}

const latest = (a: string | null, time: number | undefined) =>
	time === undefined || (a !== null && Date.parse(a) >= time) ? a : new Date(time).toISOString();

function keep(seen: Iterable<string>, from: string | null): string[] {
	const start = windowStart(from);
	const floor = start === undefined ? -Infinity : Date.parse(start);
	return [...new Set(seen)].filter((key) => keyTime(key) >= floor);
}

/** One poll of a "changed records" event; see the file's header. */
export async function pollChanged(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const staticData = this.getWorkflowStaticData('node');
	let state = readChangeState(readState(staticData, target.key));
	let emit = true;
	if (!state) {
		state = { from: null, mark: null, seen: [] };
		if (!options.emitExisting) {
			// Activation: the starting point is the server's time, bounded from below by the newest record's
			// creation stamp (a walk reads from the beginning once instead); nothing that exists now is emitted.
			emit = false;
			if (!target.walk) {
				const newest = await findNewest.call(this, target, target.query, session);
				if (newest === null) {
					writeState(staticData, target.key, { ...state });
					return [];
				}
				state.from = state.mark = latest(null, timeOf(newest.attributes?.created_at));
			}
		}
	}

	const versions = await readVersions.call(this, target, state.from, options, session);
	const seen = new Set(state.seen);
	const fresh = versions.filter((version) => !seen.has(version.key));
	if (!emit) {
		const mark = versions.reduce((m, v) => latest(m, v.time), state.mark);
		writeState(staticData, target.key, {
			from: state.mark,
			mark,
			seen: keep([...seen, ...versions.map((v) => v.key)], state.mark),
		});
		return [];
	}
	if (fresh.length > options.maxRecords) {
		// Too many for one poll: the oldest go now, the window stays where it is, and the rest come next poll.
		const now = fresh.slice(0, options.maxRecords);
		writeState(staticData, target.key, {
			from: state.from,
			mark: state.mark,
			seen: [...seen, ...now.map((v) => v.key)],
		});
		return now.map((v) => v.record);
	}
	const mark = versions.reduce((m, v) => latest(m, v.time), state.mark);
	const from = state.mark ?? state.from;
	const next = { from, mark, seen: keep([...seen, ...versions.map((v) => v.key)], from) };
	if (fresh.length > 0 || JSON.stringify(next) !== JSON.stringify(state))
		writeState(staticData, target.key, { ...next });
	return fresh.map((v) => v.record);
}
