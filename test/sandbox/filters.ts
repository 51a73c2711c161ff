/**
 * The filters each collection operation declares, turned into predicates. Values the spec's types cannot
 * express as wrong (malformed ids, ranges) are answered 409 InvalidParameter, as the API does.
 */
import { badParameter } from './jsonapi';
import { groupsOf } from './model';
import { OBJECT_ID, relIds, type Store, type StoredRecord } from './store';
import { isIsoDateTime, type Query } from './validator';

type Predicate = (r: StoredRecord) => boolean;
type FilterFn = (value: string, param: string, store: Store, query: Query) => Predicate | undefined;

function idList(value: string, param: string): Set<string> {
	const ids = value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!ids.length) throw badParameter(param, `${param} must not be empty`);
	for (const id of ids)
		if (!OBJECT_ID.test(id)) throw badParameter(param, `${param}: "${id}" is not a valid id`);
	return new Set(ids);
}

const organization: FilterFn = (v, p) => {
	idList(v, p);
	return (r) => r.scope.organization === v;
};
function groupsFilter(store: Store): FilterFn {
	return (v, p) => {
		const ids = idList(v, p);
		return (r) => groupsOf(store, r).some((g) => ids.has(g));
	};
}
const patient: FilterFn = (v, p) => {
	const ids = idList(v, p);
	return (r) => !!r.scope.patient && ids.has(r.scope.patient);
};
/** Relationship `name` points at one of the listed ids. */
const rel =
	(name: string): FilterFn =>
	(v, p) => {
		const ids = idList(v, p);
		return (r) => relIds(r.relationships[name]).some((id) => ids.has(id));
	};
const attrIn =
	(name: string): FilterFn =>
	(v) => {
		const values = new Set(v.split(','));
		return (r) => values.has(String(r.attributes[name]));
	};
const bool =
	(fn: (r: StoredRecord) => boolean): FilterFn =>
	(v) =>
		v === 'true' ? fn : (r) => !fn(r);

function toTime(value: string, param: string): number {
	if (!isIsoDateTime(value))
		throw badParameter(param, `${param}: "${value}" is not an ISO date and time`);
	return Date.parse(value);
}
/** `<start>..<end>`, start inclusive, end exclusive; both sides required (the spec never shows an open side). */
const range =
	(name: string): FilterFn =>
	(v, p) => {
		const parts = v.split('..');
		if (parts.length !== 2 || !parts[0] || !parts[1])
			throw badParameter(p, `${p} must be <ISO start>..<ISO end> (start inclusive, end exclusive)`);
		const from = toTime(parts[0], p);
		const to = toTime(parts[1], p);
		if (from > to) throw badParameter(p, `${p}: the start is after the end`);
		return (r) => {
			const raw = r.attributes[name];
			if (typeof raw !== 'string') return false;
			const t = Date.parse(raw);
			return t >= from && t < to;
		};
	};
const since =
	(name: string, before: boolean): FilterFn =>
	(v, p) => {
		const t = toTime(v, p);
		return (r) => {
			const raw = r.attributes[name];
			if (typeof raw !== 'string') return false;
			return before ? Date.parse(raw) < t : Date.parse(raw) >= t;
		};
	};

interface FilterTable {
	filters: Record<string, FilterFn>;
	/** The description says one of these must be given. */
	oneOf?: string[];
}

const scoped = (store: Store, extra: Record<string, FilterFn> = {}): FilterTable => ({
	filters: {
		'filter[patient]': patient,
		'filter[groups]': groupsFilter(store),
		'filter[organization]': organization,
		...extra,
	},
	oneOf: ['filter[patient]', 'filter[groups]', 'filter[organization]'],
});

export function filterTables(store: Store): Record<string, FilterTable> {
	const groups = groupsFilter(store);
	const created = {
		'filter[created_at]': range('created_at'),
		'filter[updated_at]': range('updated_at'),
	};
	return {
		fetchGroups: {
			filters: {
				'filter[organization]': organization,
				'filter[name]': (v) => (r) => r.attributes.name === v,
			},
		},
		fetchCoaches: {
			filters: { 'filter[groups]': groups, 'filter[organization]': organization },
			oneOf: ['filter[groups]', 'filter[organization]'],
		},
		fetchRewardPrograms: {
			filters: { 'filter[groups]': groups, 'filter[organization]': organization },
			oneOf: ['filter[groups]', 'filter[organization]'],
		},
		fetchCalendarEvents: {
			filters: {
				// A patient's events: those they own or attend.
				'filter[patient]': (v, p) => {
					const ids = idList(v, p);
					return (r) =>
						(!!r.scope.patient && ids.has(r.scope.patient)) ||
						((r.attributes.attendees ?? []) as Array<{ user?: string }>).some(
							(a) => !!a.user && ids.has(a.user),
						);
				},
				'filter[groups]': groups,
				'filter[organization]': organization,
				'filter[attendees]': (v, p) => {
					const ids = idList(v, p);
					return (r) =>
						((r.attributes.attendees ?? []) as Array<{ user?: string }>).some(
							(a) => !!a.user && ids.has(a.user),
						);
				},
				'filter[type]': attrIn('type'),
				'filter[completed]': bool((r) => r.attributes.completed_at != null),
				'filter[start_at]': range('start_at'),
				'filter[end_at]': range('end_at'),
				'filter[completed_at]': range('completed_at'),
				...created,
			},
			oneOf: ['filter[patient]', 'filter[groups]', 'filter[organization]', 'filter[attendees]'],
		},
		fetchEmailHistories: {
			filters: {
				'filter[receiver]': rel('receiver'),
				'filter[sender]': rel('sender'),
				'filter[emailType]': attrIn('email_type'),
			},
			oneOf: ['filter[receiver]', 'filter[sender]'],
		},
		fetchHealthProfiles: scoped(store),
		fetchHealthProfileQuestions: scoped(store),
		fetchHealthProfileAnswers: scoped(store),
		fetchPatientHealthMetrics: scoped(store),
		fetchPatientPlanSummaries: scoped(store),
		fetchRewardProgramActivations: scoped(store),
		fetchRewards: scoped(store, {
			'filter[reward_program_activation]': rel('reward_program_activation'),
			'filter[thread]': attrIn('_thread'),
		}),
		fetchPatients: {
			filters: {
				'filter[groups]': groups,
				'filter[organization]': organization,
				'filter[identifier][system]': (_v, p, _s, q) => {
					if (!('filter[identifier][value]' in q))
						throw badParameter(p, `${p} requires filter[identifier][value]`);
					return undefined; // matched together with the value below
				},
				'filter[identifier][value]': (v, p, _s, q) => {
					const system = q['filter[identifier][system]'];
					if (typeof system !== 'string')
						throw badParameter(p, `${p} requires filter[identifier][system]`);
					return (r) =>
						((r.attributes.identifiers ?? []) as Array<{ system: string; value: string }>).some(
							(i) => i.system === system && i.value === v,
						);
				},
				'filter[archived]': bool((r) => r.attributes.archived === true),
				...created,
			},
			oneOf: ['filter[groups]', 'filter[organization]'],
		},
		fetchPatientHealthResults: {
			filters: {
				'filter[patient]': patient,
				'filter[actions]': rel('action'),
				'filter[start_at]': since('occurred_at', false),
				'filter[end_at]': since('occurred_at', true),
				'filter[threads]': attrIn('_thread'),
				...created,
			},
		},
		fetchRewardEarnings: {
			filters: {
				'filter[groups]': groups,
				'filter[patient]': patient,
				// true: ready and not yet fulfilled; false: not ready and not yet fulfilled (per the description).
				'filter[ready_for_fulfillment]': (v) => (r) =>
					r.attributes.fulfilled_at == null &&
					(r.attributes.ready_for_fulfillment === true) === (v === 'true'),
			},
		},
		fetchRewardEarningFulfillments: { filters: { 'filter[patient]': patient } },
	};
}

/** Predicate for the query's filters plus a cache key; throws 409 for bad values or a missing one-of filter. */
export function buildFilter(
	table: FilterTable | undefined,
	store: Store,
	query: Query,
): { predicate?: Predicate; key: string } {
	if (!table) return { key: '' };
	if (table.oneOf && !table.oneOf.some((name) => name in query))
		throw badParameter(table.oneOf[0], `one of ${table.oneOf.join(', ')} must be specified`);
	const predicates: Predicate[] = [];
	const keyParts: string[] = [];
	for (const [name, fn] of Object.entries(table.filters)) {
		const value = query[name];
		if (value === undefined || Array.isArray(value)) continue;
		const p = fn(value, name, store, query);
		if (p) predicates.push(p);
		keyParts.push(`${name}=${value}`);
	}
	if (!predicates.length) return { key: '' };
	return { predicate: (r) => predicates.every((p) => p(r)), key: keyParts.join('&') };
}
