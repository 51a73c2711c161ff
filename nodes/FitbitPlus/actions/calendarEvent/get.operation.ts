import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'calendarEventId',
		displayName: 'Calendar Event',
		searchable: 'calendarEvent',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['calendarEvent'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/calendar_event/{id}', 'calendarEventId', 'Calendar Event');
