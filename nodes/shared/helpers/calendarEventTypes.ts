/** Calendar event types of the spec: the node's fields and the trigger's filter both offer them. */
import type { INodePropertyOptions } from 'n8n-workflow';

export const EVENT_TYPES = [
	'plan-check-in',
	'reminder',
	'telephone-call',
	'office-visit',
	'video-call',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const eventTypeOptions: INodePropertyOptions[] = [
	{ name: 'Office Visit', value: 'office-visit' },
	{
		name: 'Plan Check-In',
		value: 'plan-check-in',
		description: 'All-day, no end; the only type that can be marked completed',
	},
	{ name: 'Reminder', value: 'reminder' },
	{ name: 'Telephone Call', value: 'telephone-call' },
	{ name: 'Video Call', value: 'video-call' },
];
