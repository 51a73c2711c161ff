/** Reads and checks the trigger's parameters, before any request: what to watch and how. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { EVENT_TYPES } from '../shared/helpers/calendarEventTypes';
import type { PatientSource } from '../shared/helpers/patientWalk';
import { DEFAULT_WALK_CONCURRENCY } from '../shared/helpers/patientWalk';
import { credentialOrganizationFilter } from '../shared/helpers/organization';
import type { ApiSession } from '../shared/transport';
import { withoutEmpty } from '../shared/helpers/parameters';
import {
	inputError,
	quoted,
	requireBoolean,
	requireObjectId,
	requireOption,
} from '../shared/helpers/validation';
import { stateFilterValue } from '../shared/helpers/stateFilter';
import { nodeVersion } from '../shared/helpers/version';
import type { TriggerEvent, WatchScope } from './events';
import { EVENTS } from './events';
import { ARCHIVED_FILTER, COMPLETED_FILTER } from './properties';
import { DEFAULT_OVERLAP_SECONDS, MAX_OVERLAP_SECONDS } from './state';

export interface TriggerOptions {
	emitExisting: boolean;
	maxRecords: number;
	retries: number;
	simplify: boolean;
	timeout: number;
	concurrency: number;
	/** "New" events: how far before the newest id emitted each poll reads again (created.ts). */
	overlapSeconds: number;
}

/** What the poll watches: the collection, its filters, and a key that names exactly these. */
export interface WatchTarget {
	event: TriggerEvent;
	endpoint: string;
	scope: WatchScope;
	/** The filters of every request of the poll (paging parameters, and a walk's patient, are added per request). */
	query: IDataObject;
	/** Set when the API needs one patient per request and a group or organization is watched. */
	walk?: { source: PatientSource; scope: IDataObject };
	/** Reward earnings of an organization: `filter[groups]` is every group of it, listed when needed. */
	groupsOfOrganization?: string;
	/** Derived from the event and the filters: stored state is only ever reused under the same key. */
	key: string;
}

function invalid(this: IPollFunctions, message: string, description: string): never {
	return inputError.call(this, undefined, message, description);
}

function objectId(this: IPollFunctions, value: unknown, label: string): string {
	return requireObjectId.call(this, value, label, undefined).toLowerCase();
}

function objectIds(this: IPollFunctions, value: unknown, label: string): string {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
	if (list.length === 0)
		invalid.call(this, `${quoted(label)} is empty`, `Choose at least one in ${quoted(label)}.`);
	const ids = list.map((id) => objectId.call(this, id, label));
	// Sorted and deduplicated: the same groups in another order are the same filter (and the same state key).
	return [...new Set(ids)].sort().join(',');
}

/** A yes/no filter: undefined when not set; true or false (also as text, from an expression) or refused. */
function flagFilter(this: IPollFunctions, value: unknown, label: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireBoolean.call(this, value, label, undefined);
}

function filterQuery(this: IPollFunctions, event: TriggerEvent): IDataObject {
	const offered = new Set(event.filters ?? []);
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const query: IDataObject = {};
	if (offered.has('type') && filters.type !== undefined && filters.type !== '')
		query['filter[type]'] = requireOption.call(this, filters.type, EVENT_TYPES, 'Type', undefined);
	// Version 2's choices send what version 1's toggles sent for the same state, so the state key is the same.
	const v2 = nodeVersion.call(this) >= 2;
	if (offered.has('completed'))
		query['filter[completed]'] = v2
			? stateFilterValue.call(this, COMPLETED_FILTER, filters.completedStatus, undefined)
			: flagFilter.call(this, filters.completed, 'Completed');
	if (offered.has('attendees') && filters.attendees !== undefined && filters.attendees !== '')
		query['filter[attendees]'] = objectIds.call(this, filters.attendees, 'Attendee IDs');
	if (offered.has('archived'))
		query['filter[archived]'] = v2
			? stateFilterValue.call(this, ARCHIVED_FILTER, filters.archivedStatus, undefined)
			: flagFilter.call(this, filters.archived, 'Archived');
	if (event.field === 'completed_at') query['filter[completed]'] = true;
	if (event.kind === 'fulfillmentQueue') query['filter[ready_for_fulfillment]'] = true;
	return withoutEmpty(query);
}

/** Reads and checks the node's parameters, before any request. */
export async function getWatchTarget(
	this: IPollFunctions,
	session: ApiSession,
): Promise<WatchTarget> {
	const eventName = this.getNodeParameter('event') as string;
	const event = EVENTS[eventName];
	if (!event)
		invalid.call(
			this,
			`'Trigger On' "${eventName}" is not an event of this trigger`,
			`Choose one of: ${Object.values(EVENTS)
				.map((known) => known.name)
				.join(', ')}.`,
		);

	const scope = (
		event.scopes.length > 1 ? this.getNodeParameter('watch', event.scopes[0]) : event.scopes[0]
	) as WatchScope;
	if (!event.scopes.includes(scope))
		invalid.call(
			this,
			`'Watch' "${String(scope)}" is not available for ${event.name}`,
			`Set 'Watch' to one of: ${event.scopes.map((name) => name[0].toUpperCase() + name.slice(1)).join(', ')}.`,
		);

	const scopeQuery: IDataObject = {};
	if (scope === 'organization') {
		// Left empty (the default): the organization the credential belongs to, so the trigger runs as added. An
		// expression that comes out empty is refused as before: it was meant to name one.
		scopeQuery['filter[organization]'] =
			this.getNodeParameter('organization', '', { rawExpressions: true }) === ''
				? (await credentialOrganizationFilter(session))['filter[organization]']
				: objectId.call(this, this.getNodeParameter('organization', ''), 'Organization Name or ID');
	} else if (scope === 'groups' || event.needsGroups) {
		scopeQuery['filter[groups]'] = objectIds.call(
			this,
			this.getNodeParameter('groups', []),
			'Group Names or IDs',
		);
	}
	if (scope === 'patient') {
		scopeQuery['filter[patient]'] = objectId.call(
			this,
			this.getNodeParameter('patient', '', { extractValue: true }),
			'Patient',
		);
	}

	const target: WatchTarget = {
		event,
		endpoint: event.endpoint,
		scope,
		query: { ...filterQuery.call(this, event) },
		key: '',
	};
	if (event.perPatient && scope !== 'patient') {
		target.walk = { source: event.perPatient, scope: scopeQuery };
		// The groups travel with each per-patient request (reward earnings need them); the organization does not.
		if (event.needsGroups && scopeQuery['filter[groups]'] !== undefined)
			target.query['filter[groups]'] = scopeQuery['filter[groups]'];
		if (event.needsGroups && scope === 'organization')
			target.groupsOfOrganization = scopeQuery['filter[organization]'] as string;
	} else {
		Object.assign(target.query, scopeQuery);
	}

	const named = (query: IDataObject) =>
		Object.keys(query)
			.sort()
			.map((name) => `${name}=${String(query[name])}`)
			.join('&');
	target.key = `${event.value} ${event.endpoint}?${named(target.query)}`;
	if (target.walk) target.key += ` for the patients of ${named(target.walk.scope)}`;
	return target;
}

export function getOptions(this: IPollFunctions): TriggerOptions {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number, label: string) => {
		if (value === undefined || value === null || value === '') return fallback;
		const n = Number(value);
		if (!Number.isFinite(n) || n < min)
			invalid.call(
				this,
				`${quoted(label)} must be a number of at least ${min}`,
				`Set ${quoted(label)} to ${min} or more, or remove the option to use its default (${fallback}).`,
			);
		return Math.floor(n);
	};
	return {
		emitExisting: options.emitExisting === true,
		maxRecords: number(options.maxRecords, 500, 1, 'Max Records per Poll'),
		retries: Math.min(number(options.retries, 2, 0, 'Retries'), 5),
		simplify: options.simplify !== false,
		timeout: number(options.timeout, 20000, 1, 'Timeout'),
		concurrency: Math.min(
			number(options.concurrency, DEFAULT_WALK_CONCURRENCY, 1, 'Concurrency'),
			16,
		),
		overlapSeconds: Math.min(
			number(options.overlapSeconds, DEFAULT_OVERLAP_SECONDS, 0, 'Overlap (Seconds)'),
			MAX_OVERLAP_SECONDS,
		),
	};
}
