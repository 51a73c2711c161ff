/** The trigger's fields: the event, whose records it watches, its filters and options. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { eventTypeOptions } from '../shared/helpers/calendarEventTypes';
import {
	byDisplayName,
	idLocator,
	listField,
	optionsCollection,
	simplifyField,
} from '../shared/helpers/fields';
import { DEFAULT_WALK_CONCURRENCY } from '../shared/helpers/patientWalk';
import {
	archivedPatientsFilter,
	completedEventsFilter,
	stateFilterField,
} from '../shared/helpers/stateFilter';
import { beforeVersion, fromVersion } from '../shared/helpers/version';
import type { TriggerEvent, WatchScope } from './events';
import { ALL_SCOPES, EVENTS, eventsWhere, NOT_PATIENT, PATIENT_FIRST, WALKED } from './events';
import { DEFAULT_OVERLAP_SECONDS, MAX_OVERLAP_SECONDS } from './state';

const eventOptions: INodePropertyOptions[] = Object.values(EVENTS)
	.map(({ name, value, description }) => ({ name, value, description }))
	.sort((a, b) => a.name.localeCompare(b.name));

const WALK_COST =
	'The API lists these per patient: each poll lists the patients in scope (1 request per 50) and asks for each (1 request or more per patient)';

function scopeOption(scope: WatchScope, event: TriggerEvent): INodePropertyOptions {
	const walk = event.perPatient && scope !== 'patient' ? `. ${WALK_COST}.` : '';
	switch (scope) {
		case 'organization':
			return {
				name: 'Organization',
				value: 'organization',
				description: `Every record of the organization${walk}`,
			};
		case 'groups':
			return {
				name: 'Groups',
				value: 'groups',
				description: `Records of patients in the chosen groups${walk}`,
			};
		case 'patient':
			return { name: 'Patient', value: 'patient', description: 'Records of one patient' };
	}
}

/** The Watch field of the events whose scopes are `scopes` (n8n shows the one whose event is chosen). */
function watchField(scopes: readonly WatchScope[], defaultScope: WatchScope): INodeProperties {
	const events = Object.values(EVENTS).filter(
		(event) => event.scopes.join(',') === scopes.join(','),
	);
	return {
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: defaultScope,
		description: 'Whose records to watch',
		// Alphabetical for every event; the default (the first of `scopes`) differs.
		options: [...scopes].sort().map((scope) => scopeOption(scope, events[0])),
		displayOptions: { show: { event: events.map((event) => event.value) } },
	};
}

const offers = (scope: WatchScope) => eventsWhere((event) => event.scopes.includes(scope));

/** Version 2's Completed and Archived filters (version 1: toggles whose off state sent `false`). */
export const COMPLETED_FILTER = completedEventsFilter('trigger on');
export const ARCHIVED_FILTER = archivedPatientsFilter('trigger on');

const v1 = { show: beforeVersion(2) };
const v2 = { show: fromVersion(2) };

/** The fields of each filter an event offers (events.ts `filters`), version 1's and version 2's. */
const filterFields: Record<string, INodeProperties[]> = {
	type: [
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			default: 'plan-check-in',
			description: 'Only calendar events of this type',
			options: eventTypeOptions,
		},
	],
	completed: [
		{
			displayName: 'Completed',
			name: 'completed',
			type: 'boolean',
			default: true,
			description:
				'Whether to trigger only on calendar events marked as completed (on) or only on those not completed yet (off)',
			displayOptions: v1,
		},
		{ ...stateFilterField(COMPLETED_FILTER), displayOptions: v2 },
	],
	attendees: [
		{
			displayName: 'Attendee IDs',
			name: 'attendees',
			type: 'string',
			default: '',
			placeholder: 'e.g. 58c4554710123c5c40dbab81, 58c4554710123c5c40dbab82',
			description:
				'Only calendar events one of these coaches or patients attends (comma-separated IDs)',
		},
	],
	archived: [
		{
			displayName: 'Archived',
			name: 'archived',
			type: 'boolean',
			default: false,
			description:
				'Whether to trigger only on archived patients (on) or only on patients not archived (off)',
			displayOptions: v1,
		},
		{ ...stateFilterField(ARCHIVED_FILTER), displayOptions: v2 },
	],
};

function filtersFields(): INodeProperties[] {
	const byFilters = new Map<string, TriggerEvent[]>();
	for (const event of Object.values(EVENTS)) {
		if (!event.filters?.length) continue;
		const key = event.filters.join(',');
		byFilters.set(key, [...(byFilters.get(key) ?? []), event]);
	}
	return [...byFilters.values()].map((events) => ({
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: events.map((event) => event.value) } },
		options: byDisplayName((events[0].filters ?? []).flatMap((name) => filterFields[name])),
	}));
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'newCalendarEvent',
		options: eventOptions,
	},
	watchField(ALL_SCOPES, 'organization'),
	watchField(NOT_PATIENT, 'organization'),
	watchField(WALKED, 'groups'),
	watchField(PATIENT_FIRST, 'patient'),
	{
		...listField('organization', {
			name: 'organization',
			description: 'The organization to watch (by default the one your credential belongs to).',
			displayOptions: { show: { event: offers('organization'), watch: ['organization'] } },
		}),
		// Its first entry, the empty default, is the credential's own organization.
		typeOptions: { loadOptionsMethod: 'getWatchOrganizations' },
	},
	listField('group', {
		name: 'groups',
		many: true,
		description: 'The groups to watch.',
		required: true,
		displayOptions: { show: { event: offers('groups'), watch: ['groups'] } },
	}),
	listField('group', {
		name: 'groups',
		many: true,
		description:
			'The groups of the patient whose reward earnings to watch (the API requires both groups and a patient).',
		required: true,
		displayOptions: {
			show: {
				event: eventsWhere((event) => event.needsGroups === true),
				watch: ['patient'],
			},
		},
	}),
	{
		...idLocator({
			name: 'patient',
			displayName: 'Patient',
			description: 'The patient whose records to watch',
			searchable: 'patient',
		}),
		displayOptions: {
			show: {
				event: offers('patient'),
				watch: ['patient'],
			},
		},
	},
	...filtersFields(),
	optionsCollection([
		{
			displayName: 'Emit Existing Records on First Poll',
			name: 'emitExisting',
			type: 'boolean',
			default: false,
			description:
				"Whether the first poll after activation (or after the event or filters change) emits the records that already exist (for 'Reward Earning Ready for Fulfillment': the earnings already waiting), up to 'Max Records per Poll' per poll. Off: only what happens from then on.",
		},
		{
			displayName: 'Max Records per Poll',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 500,
			description:
				'The most records one poll emits; when more are new, the rest come in the next polls, none lost',
		},
		{
			displayName: 'Overlap (Seconds)',
			name: 'overlapSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_OVERLAP_SECONDS },
			default: DEFAULT_OVERLAP_SECONDS,
			displayOptions: { show: { '/event': eventsWhere((event) => event.kind === 'created') } },
			description:
				'New-record events: how many seconds before the newest record emitted each poll reads again, for records the API commits late or whose IDs come out of order (several API servers). A record committed later than this after its ID was made is not emitted.',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: DEFAULT_WALK_CONCURRENCY,
			description:
				'When a group or organization is watched patient by patient: how many per-patient requests are in flight at once',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5 },
			default: 2,
			description:
				'How often a request is repeated after a rate limit, a 5xx answer or a timeout before the poll gives up (it then emits nothing and the next poll starts again from the same point)',
		},
		{
			...simplifyField,
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 20000,
			description:
				'Milliseconds to wait for one answer from Fitbit Plus before counting the request as timed out',
		},
	]),
];
