import { defineResource } from '../../../shared/helpers/resource';
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
				'Answer a calendar event for one of its attendees (accept, decline or tentative). Read answers with Calendar Event > Get.',
			action: 'Answer a calendar event for an attendee',
		},
	},
	default: 'create',
});
