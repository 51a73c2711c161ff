import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const calendarEvent = defineResource({
	resource: {
		name: 'Calendar Event',
		value: 'calendarEvent',
		description: 'Calls, visits, reminders and plan check-ins with patients',
	},
	operations: { create, delete: del, get, getAll, count, update },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the calendar events that match the filters Get Many takes, in one request however many there are',
			action: 'Count calendar events',
		},
		create: {
			name: 'Create',
			description: 'Schedule a call, visit, reminder or plan check-in for a patient',
			action: 'Create a calendar event',
		},
		delete: {
			name: 'Delete',
			description: 'Delete a calendar event by ID',
			action: 'Delete a calendar event',
		},
		get: {
			name: 'Get',
			description: 'Get one calendar event by ID, with its attendees and their responses',
			action: 'Get a calendar event',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List calendar events of a patient, attendees, groups or organization, by type, completion and dates',
			action: 'Get many calendar events',
		},
		update: {
			name: 'Update',
			description:
				'Change a calendar event by ID, mark a plan check-in completed or not, or change its attendees',
			action: 'Update a calendar event',
		},
	},
	default: 'getAll',
});
