import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { count, create, del as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['calendarEvent'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the calendar events that match the filters Get Many takes, in one request however many there are',
				action: 'Count calendar events',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Schedule a call, visit, reminder or plan check-in for a patient',
				action: 'Create a calendar event',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a calendar event by ID',
				action: 'Delete a calendar event',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one calendar event by ID, with its attendees and their responses',
				action: 'Get a calendar event',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List calendar events of a patient, attendees, groups or organization, by type, completion and dates',
				action: 'Get many calendar events',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change a calendar event, mark a plan check-in completed or not, or change its attendees',
				action: 'Update a calendar event',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...count.description,
	...update.description,
];
