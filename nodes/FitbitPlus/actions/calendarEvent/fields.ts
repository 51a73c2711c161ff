/** Fields that Create and Update Calendar Event share (their checks and body: body.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { listField, valueOptions } from '../../../shared/helpers/fields';
import { beforeVersion, fromVersion } from '../../../shared/helpers/version';

export { eventTypeOptions } from '../../../shared/helpers/calendarEventTypes';

export const RESPONSE_STATUSES = ['accepted', 'declined', 'needsAction', 'tentative'] as const;

/** Attributes both operations offer as optional fields (the API's names). */
export const optionalEventFields: INodeProperties[] = [
	{
		displayName: 'All Day',
		name: 'all_day',
		type: 'boolean',
		default: false,
		description:
			"Whether the event lasts all day (then 'Start At' and 'End At' are at the beginning of a day). Plan check-ins are always all day; otherwise start and end must be on the same day.",
	},
	{
		displayName: 'Completed At',
		name: 'completed_at',
		type: 'dateTime',
		default: '',
		description: 'When the event was completed (plan check-ins only; set Completed By too)',
		displayOptions: { show: beforeVersion(2) },
	},
	listField('coach', {
		name: 'completed_by',
		displayName: 'Completed By Coach Name or ID',
		description: "The coach who completed the event (plan check-ins only; set 'Completed At' too).",
		displayOptions: { show: beforeVersion(2) },
	}),
	// Version 2: when and by whom, as one field (the API takes them only together).
	{
		displayName: 'Completion',
		name: 'completion',
		type: 'fixedCollection',
		placeholder: 'Add Completion',
		// Added from the collection, its fields show at once (as n8n's HTTP Request shows Pagination).
		default: { values: {} },
		description: 'Mark the event completed: when, and by which coach (plan check-ins only)',
		options: [
			{
				displayName: 'Completion',
				name: 'values',
				values: [
					{
						displayName: 'Completed At',
						name: 'completed_at',
						type: 'dateTime',
						required: true,
						default: '',
						description: 'When the event was completed',
					},
					{
						...listField('coach', {
							name: 'completed_by',
							displayName: 'Completed By Coach Name or ID',
							description: 'The coach who completed the event.',
						}),
						required: true,
					},
				],
			},
		],
		displayOptions: { show: fromVersion(2) },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Notes shown with the event',
	},
	{
		displayName: 'End At',
		name: 'end_at',
		type: 'dateTime',
		default: '',
		description: 'When the event ends (not for plan check-ins)',
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12 Main Street, Suite 200',
	},
	{
		displayName: 'Time Zone',
		name: 'time_zone',
		type: 'string',
		default: '',
		placeholder: 'e.g. America/New_York',
		description: 'The IANA time zone the dates of the event are given in',
	},
];

/** The attendee list fixedCollection; `withStatus` adds each attendee's response status (create only). */
export function attendeesField(withStatus: boolean, description: string): INodeProperties {
	const values: INodeProperties[] = [
		{
			displayName: 'Patient or Coach ID',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'e.g. 58c4554710123c5c40dbab81',
			description: 'The ID of a patient or coach who attends',
		},
	];
	if (withStatus) {
		values.push({
			displayName: 'Response Status',
			name: 'response_status',
			type: 'options',
			options: valueOptions(RESPONSE_STATUSES),
			default: 'needsAction',
			description: 'Whether the attendee has answered the invitation',
		});
	}
	return {
		displayName: 'Attendees',
		name: 'attendees',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attendee',
		default: {},
		description,
		options: [{ displayName: 'Attendee', name: 'attendee', values }],
	};
}
