import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';

export const calendarEventResponse = defineResource({
	resource: {
		name: 'Calendar Event Response',
		value: 'calendarEventResponse',
		description: "An attendee's answer to a calendar event",
	},
	operations: { create },
	options: {
		create: {
			name: 'Create',
			description:
				'Answer a calendar event for one of its attendees (accept, decline or tentative); Calendar Event > Get reads the answers',
			action: 'Create a calendar event response',
		},
	},
	default: 'create',
});
