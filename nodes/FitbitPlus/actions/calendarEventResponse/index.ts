import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['calendarEventResponse'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Answer a calendar event for one of its attendees (accept, decline or tentative). Read answers with Calendar Event > Get.',
				action: 'Create a calendar event response',
			},
		],
		default: 'create',
	},
	...create.description,
];
