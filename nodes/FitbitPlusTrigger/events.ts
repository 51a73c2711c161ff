import type {
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EVENT_TYPES } from '../shared/helpers/calendarEventTypes';
import { idLocator, optionsCollection, simplifyField } from '../shared/helpers/fields';
import { isObjectId } from '../shared/helpers/validation';

/** Which records of a collection a trigger watches, as the spec lets that collection be narrowed. */
type ScopeRule =
	/** One of organization, groups or patient (calendar events, health metrics). */
	| 'organizationGroupsOrPatient'
	/** Organization or groups (patients). */
	| 'organizationOrGroups'
	/** A patient (health results: `filter[patient]` is required). */
	| 'patient'
	/** Groups and a patient (reward earnings: the spec requires both `filter[groups]` and `filter[patient]`). */
	| 'groupsAndPatient';

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	/** The collection polled. */
	endpoint: string;
	/** What one record is, for messages ("calendar event"). */
	noun: string;
	scope: ScopeRule;
}

export const EVENTS: Record<string, TriggerEvent> = {
	newCalendarEvent: {
		value: 'newCalendarEvent',
		name: 'New Calendar Event',
		description: 'Triggers when a calendar event (check-in, reminder, call, visit) is created',
		endpoint: '/calendar_event',
		noun: 'calendar event',
		scope: 'organizationGroupsOrPatient',
	},
	newPatientHealthMetric: {
		value: 'newPatientHealthMetric',
		name: 'New Patient Health Metric',
		description:
			'Triggers when a health metric (weight, blood pressure, steps…) is recorded for a patient',
		endpoint: '/patient_health_metric',
		noun: 'patient health metric',
		scope: 'organizationGroupsOrPatient',
	},
	newRewardEarning: {
		value: 'newRewardEarning',
		name: 'New Reward Earning',
		description: 'Triggers when a patient earns a reward',
		endpoint: '/reward_earning',
		noun: 'reward earning',
		scope: 'groupsAndPatient',
	},
	newPatient: {
		value: 'newPatient',
		name: 'New Patient',
		description: 'Triggers when a patient is added',
		endpoint: '/patient',
		noun: 'patient',
		scope: 'organizationOrGroups',
	},
	newPatientHealthResult: {
		value: 'newPatientHealthResult',
		name: 'New Patient Health Result',
		description:
			'Triggers when a health result (a completed action of a plan) is recorded for a patient',
		endpoint: '/result',
		noun: 'patient health result',
		scope: 'patient',
	},
};

const eventsWith = (...rules: ScopeRule[]) =>
	Object.values(EVENTS)
		.filter((event) => rules.includes(event.scope))
		.map((event) => event.value);

const eventOptions: INodePropertyOptions[] = Object.values(EVENTS).map(
	({ name, value, description }) => ({
		name,
		value,
		description,
	}),
);

const CALENDAR_EVENT_TYPES: readonly string[] = EVENT_TYPES;

const titleCase = (value: string) =>
	value
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

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
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'organization',
		description: 'Whose records to watch',
		options: [
			{
				name: 'Organization',
				value: 'organization',
				description: 'Every record of the organization',
			},
			{ name: 'Groups', value: 'groups', description: 'Records of patients in the chosen groups' },
			{ name: 'Patient', value: 'patient', description: 'Records of one patient' },
		],
		displayOptions: { show: { event: eventsWith('organizationGroupsOrPatient') } },
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'organization',
		description: 'Which patients to watch',
		options: [
			{
				name: 'Organization',
				value: 'organization',
				description: 'Every patient of the organization',
			},
			{ name: 'Groups', value: 'groups', description: 'Patients in the chosen groups' },
		],
		displayOptions: { show: { event: eventsWith('organizationOrGroups') } },
	},
	{
		displayName: 'Organization Name or ID',
		name: 'organization',
		type: 'options',
		required: true,
		default: '',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		description:
			'The organization to watch. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: {
			show: {
				event: eventsWith('organizationGroupsOrPatient', 'organizationOrGroups'),
				watch: ['organization'],
			},
		},
	},
	{
		displayName: 'Group Names or IDs',
		name: 'groups',
		type: 'multiOptions',
		required: true,
		default: [],
		typeOptions: { loadOptionsMethod: 'getGroups' },
		description:
			'The groups to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: {
			show: {
				event: eventsWith('organizationGroupsOrPatient', 'organizationOrGroups'),
				watch: ['groups'],
			},
		},
	},
	{
		displayName: 'Group Names or IDs',
		name: 'groups',
		type: 'multiOptions',
		required: true,
		default: [],
		typeOptions: { loadOptionsMethod: 'getGroups' },
		description:
			'The groups of the patient whose reward earnings to watch (the API requires both groups and a patient). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: eventsWith('groupsAndPatient') } },
	},
	{
		...idLocator({
			name: 'patient',
			displayName: 'Patient',
			description: 'The patient whose records to watch',
			searchable: 'patient',
		}),
		displayOptions: {
			show: { event: eventsWith('organizationGroupsOrPatient'), watch: ['patient'] },
		},
	},
	{
		...idLocator({
			name: 'patient',
			displayName: 'Patient',
			description: 'The patient whose records to watch',
			searchable: 'patient',
		}),
		displayOptions: { show: { event: eventsWith('patient', 'groupsAndPatient') } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['newCalendarEvent'] } },
		options: [
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'plan-check-in',
				description: 'Only calendar events of this type',
				options: CALENDAR_EVENT_TYPES.map((value) => ({ name: titleCase(value), value })),
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['newRewardEarning'] } },
		options: [
			{
				displayName: 'Ready for Fulfillment',
				name: 'readyForFulfillment',
				type: 'boolean',
				default: true,
				description:
					'Whether to trigger only on earnings ready for fulfillment (on) or only on earnings not ready yet (off); both are unfulfilled ones',
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['newPatient'] } },
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to trigger only on archived patients (on) or only on patients not archived (off)',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Emit Existing Records on First Poll',
			name: 'emitExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether the first poll after activation (or after the event or filters change) emits the records that already exist, oldest first, up to Max Records per Poll per poll. Off: only records created from then on.',
		},
		{
			displayName: 'Max Records per Poll',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 500,
			description:
				'The most records one poll emits; when more are new, the rest come in the next polls, in order, none lost',
		},
		{
			displayName: 'Request Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5 },
			default: 2,
			description:
				'How often a request is repeated after a rate limit, a server error or a timeout before the poll gives up (it then emits nothing and the next poll starts again from the same record)',
		},
		{
			...simplifyField,
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 20000,
			description:
				'Milliseconds to wait for one answer from Fitbit Plus before counting the request as timed out',
		},
	]),
];

export interface TriggerOptions {
	emitExisting: boolean;
	maxRecords: number;
	retries: number;
	simplify: boolean;
	timeout: number;
}

/** What the poll watches: the collection, its filters, and a key that names exactly these. */
export interface WatchTarget {
	event: TriggerEvent;
	endpoint: string;
	/** The filters of every request of the poll (paging parameters are added per request). */
	query: IDataObject;
	/** Derived from the event and the filters: a stored cursor is only ever reused under the same key. */
	key: string;
}

function invalid(this: IPollFunctions, message: string, description?: string): never {
	throw new NodeOperationError(this.getNode(), message, { description });
}

function objectId(this: IPollFunctions, value: unknown, label: string): string {
	const text = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (text === '')
		invalid.call(
			this,
			`${label} is empty`,
			`Set ${label}: pick one from the list or enter its ID.`,
		);
	if (!isObjectId(text)) {
		invalid.call(
			this,
			`${label} "${text.slice(0, 40)}" is not a Fitbit Plus ID`,
			'Fitbit Plus IDs are 24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81.',
		);
	}
	return text.toLowerCase();
}

function objectIds(this: IPollFunctions, value: unknown, label: string): string {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
	if (list.length === 0)
		invalid.call(this, `${label} is empty`, `Choose at least one in ${label}.`);
	const ids = list.map((id) => objectId.call(this, id, label));
	// Sorted and deduplicated: the same groups in another order are the same filter (and the same state key).
	return [...new Set(ids)].sort().join(',');
}

/** Reads and checks the node's parameters, before any request. */
export function getWatchTarget(this: IPollFunctions): WatchTarget {
	const eventName = this.getNodeParameter('event') as string;
	const event = EVENTS[eventName];
	if (!event) invalid.call(this, `Unknown event "${eventName}"`);

	const query: IDataObject = {};
	const organization = () =>
		(query['filter[organization]'] = objectId.call(
			this,
			this.getNodeParameter('organization', ''),
			'Organization',
		));
	const groups = () =>
		(query['filter[groups]'] = objectIds.call(this, this.getNodeParameter('groups', []), 'Groups'));
	const patient = () =>
		(query['filter[patient]'] = objectId.call(
			this,
			this.getNodeParameter('patient', '', { extractValue: true }),
			'Patient',
		));

	switch (event.scope) {
		case 'organizationGroupsOrPatient':
		case 'organizationOrGroups': {
			const watch = this.getNodeParameter('watch', 'organization') as string;
			if (watch === 'organization') organization();
			else if (watch === 'groups') groups();
			else if (watch === 'patient' && event.scope === 'organizationGroupsOrPatient') patient();
			else invalid.call(this, `Watch "${watch}" is not available for ${event.name}`);
			break;
		}
		case 'patient':
			patient();
			break;
		case 'groupsAndPatient':
			groups();
			patient();
			break;
	}

	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	if (
		event.value === 'newCalendarEvent' &&
		typeof filters.type === 'string' &&
		filters.type !== ''
	) {
		if (!CALENDAR_EVENT_TYPES.includes(filters.type)) {
			invalid.call(
				this,
				`Calendar event type "${filters.type}" is not one of ${CALENDAR_EVENT_TYPES.join(', ')}`,
			);
		}
		query['filter[type]'] = filters.type;
	}
	if (event.value === 'newRewardEarning' && typeof filters.readyForFulfillment === 'boolean') {
		query['filter[ready_for_fulfillment]'] = filters.readyForFulfillment;
	}
	if (event.value === 'newPatient' && typeof filters.archived === 'boolean') {
		query['filter[archived]'] = filters.archived;
	}

	const key =
		`${event.value} ${event.endpoint}?` +
		Object.keys(query)
			.sort()
			.map((name) => `${name}=${String(query[name])}`)
			.join('&');
	return { event, endpoint: event.endpoint, query, key };
}

export function getOptions(this: IPollFunctions): TriggerOptions {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number, label: string) => {
		if (value === undefined || value === null || value === '') return fallback;
		const n = Number(value);
		if (!Number.isFinite(n) || n < min)
			invalid.call(this, `${label} must be a number of at least ${min}`);
		return Math.floor(n);
	};
	return {
		emitExisting: options.emitExisting === true,
		maxRecords: number(options.maxRecords, 500, 1, 'Max Records per Poll'),
		retries: Math.min(number(options.retries, 2, 0, 'Request Retries'), 5),
		simplify: options.simplify !== false,
		timeout: number(options.timeout, 20000, 1, 'Timeout'),
	};
}
