/** The trigger's events: what each watches, how it notices something new, and how it may be scoped. */

/**
 * How a poll finds what to emit.
 * - `created`: records created since a cursor (the id of the last record emitted).
 * - `changed`: records whose server timestamp (`field`) moved past a watermark.
 * - `fulfillmentQueue`: reward earnings that entered the fulfilment queue.
 */
export type EventKind = 'created' | 'changed' | 'fulfillmentQueue';

/** Whose records an event may watch. `walk`: the API needs a patient, so a group or organization is walked. */
export type WatchScope = 'organization' | 'groups' | 'patient';

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	kind: EventKind;
	/** The collection polled. */
	endpoint: string;
	/** What one record is, for messages ("calendar event"). */
	noun: string;
	/** The scopes offered, the first being the default. */
	scopes: readonly WatchScope[];
	/**
	 * The API needs one patient per request: a group or organization watch lists the patients in scope and asks
	 * for each (what `patientSource` names).
	 */
	perPatient?: 'patients' | 'rewardProgramActivations';
	/** The API also needs `filter[groups]` with the patient (reward earnings). */
	needsGroups?: boolean;
	/** `changed` events: the server timestamp watched, and the range filter that narrows it. */
	field?: 'updated_at' | 'completed_at';
	/** Filters of the Filters collection this event offers (see properties.ts). */
	filters?: readonly string[];
}

export const ALL_SCOPES: readonly WatchScope[] = ['organization', 'groups', 'patient'];
export const NOT_PATIENT: readonly WatchScope[] = ['organization', 'groups'];
/** Per-patient collections, whose group or organization watch walks the patients: the cheaper scopes first. */
export const WALKED: readonly WatchScope[] = ['groups', 'organization', 'patient'];
/** The same for events that watched one patient before groups were offered: Patient stays the default. */
export const PATIENT_FIRST: readonly WatchScope[] = ['patient', 'groups', 'organization'];

const list: TriggerEvent[] = [
	{
		value: 'newCalendarEvent',
		name: 'New Calendar Event',
		description: 'Triggers when a calendar event (check-in, reminder, call, visit) is created',
		kind: 'created',
		endpoint: '/calendar_event',
		noun: 'calendar event',
		scopes: ALL_SCOPES,
		filters: ['type', 'completed', 'attendees'],
	},
	{
		value: 'updatedCalendarEvent',
		name: 'Calendar Event Created or Updated',
		description:
			'Triggers when a calendar event is created or changed (each version the API stamps in updated_at, once)',
		kind: 'changed',
		endpoint: '/calendar_event',
		noun: 'calendar event',
		scopes: ALL_SCOPES,
		field: 'updated_at',
		filters: ['type', 'completed', 'attendees'],
	},
	{
		value: 'completedCalendarEvent',
		name: 'Calendar Event Completed',
		description: 'Triggers when a calendar event (a check-in) is marked as completed',
		kind: 'changed',
		endpoint: '/calendar_event',
		noun: 'calendar event',
		scopes: ALL_SCOPES,
		field: 'completed_at',
		filters: ['type', 'attendees'],
	},
	{
		value: 'newPatientHealthMetric',
		name: 'New Patient Health Metric',
		description:
			'Triggers when a health metric (weight, blood pressure, steps…) is recorded for a patient',
		kind: 'created',
		endpoint: '/patient_health_metric',
		noun: 'patient health metric',
		scopes: ALL_SCOPES,
	},
	{
		value: 'newPatient',
		name: 'New Patient',
		description: 'Triggers when a patient is added',
		kind: 'created',
		endpoint: '/patient',
		noun: 'patient',
		scopes: NOT_PATIENT,
		filters: ['archived'],
	},
	{
		value: 'updatedPatient',
		name: 'Patient Created or Updated',
		description:
			'Triggers when a patient is added or changed (each version the API stamps in updated_at, once)',
		kind: 'changed',
		endpoint: '/patient',
		noun: 'patient',
		scopes: NOT_PATIENT,
		field: 'updated_at',
		filters: ['archived'],
	},
	{
		value: 'newPatientHealthResult',
		name: 'New Patient Health Result',
		description:
			'Triggers when a health result (a completed action of a plan) is recorded for a patient',
		kind: 'created',
		endpoint: '/result',
		noun: 'patient health result',
		scopes: PATIENT_FIRST,
		perPatient: 'patients',
	},
	{
		value: 'updatedPatientHealthResult',
		name: 'Patient Health Result Created or Updated',
		description:
			'Triggers when a health result is recorded or corrected (each version the API stamps in updated_at, once)',
		kind: 'changed',
		endpoint: '/result',
		noun: 'patient health result',
		scopes: WALKED,
		perPatient: 'patients',
		field: 'updated_at',
	},
	{
		value: 'newRewardEarning',
		name: 'New Reward Earning',
		description: 'Triggers when a patient earns a reward (whether or not it is ready to pay out)',
		kind: 'created',
		endpoint: '/reward_earning',
		noun: 'reward earning',
		scopes: PATIENT_FIRST,
		perPatient: 'rewardProgramActivations',
		needsGroups: true,
	},
	{
		value: 'rewardEarningReadyForFulfillment',
		name: 'Reward Earning Ready for Fulfillment',
		description:
			'Triggers once for each reward earning that enters the fulfillment queue (ready and not yet fulfilled), in whatever order earnings become ready',
		kind: 'fulfillmentQueue',
		endpoint: '/reward_earning',
		noun: 'reward earning',
		scopes: WALKED,
		perPatient: 'rewardProgramActivations',
		needsGroups: true,
	},
];

export const EVENTS: Record<string, TriggerEvent> = Object.fromEntries(
	list.map((event) => [event.value, event]),
);

/** Values of the events for which `test` holds, for display options. */
export const eventsWhere = (test: (event: TriggerEvent) => boolean): string[] =>
	list.filter(test).map((event) => event.value);
