import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { rangeFilter, scopeFilters } from '../../helpers/fieldsFilters';
import { booleanQuery, getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';
import { optionalIdList } from '../../../shared/helpers/validation';
import { rangeFilterValue } from '../../../shared/helpers/dateValidation';
import {
	completedEventsFilter,
	stateFilterField,
	stateFilterValue,
} from '../../../shared/helpers/stateFilter';
import { beforeVersion, fromVersion, nodeVersion } from '../../../shared/helpers/version';
import { eventTypeOptions } from './fields';
import { eventType } from './body';

const RANGES = {
	start_at: 'Start At',
	end_at: 'End At',
	completed_at: 'Completed At',
	created_at: 'Created At',
	updated_at: 'Updated At',
};

/** Version 2's Completed filter (version 1: a toggle whose off state sent `false`). */
const COMPLETED = completedEventsFilter('list');

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'events',
		description:
			"Without 'Patient', 'Group Names or IDs', 'Organization ID' or 'Attendee IDs', the events of your credential's organization are listed",
		organizationById: true,
		more: [
			{
				displayName: 'Attendee IDs',
				name: 'attendees',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab81,58c4554710123c5c40dbab82',
				description:
					'Only events attended by one of these patients or coaches (comma-separated IDs)',
			},
			{
				displayName: 'Completed',
				name: 'completed',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only completed events (on) or only events not completed yet (off)',
				displayOptions: { show: beforeVersion(2) },
			},
			{ ...stateFilterField(COMPLETED), displayOptions: { show: fromVersion(2) } },
			rangeFilter('completed_at', 'Completed At', 'completion time'),
			rangeFilter('created_at', 'Created At', 'creation time'),
			rangeFilter('end_at', 'End At', 'end'),
			rangeFilter('start_at', 'Start At', 'start'),
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: eventTypeOptions,
				default: 'plan-check-in',
				description: 'Only events of this type',
			},
			rangeFilter('updated_at', 'Updated At', 'last change'),
		],
	}),
	optionsCollection([
		{
			displayName: 'Include Owner',
			name: 'includeOwner',
			type: 'boolean',
			default: false,
			description:
				'Whether to include the patient each event is for (with Simplify, in place of its ID)',
		},
	]),
	simplifyField,
];

const displayOptions = { show: { resource: ['calendarEvent'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/calendar_event',
	scopedQuery({
		organizationLabel: 'Organization ID',
		alsoScoping: ['filter[attendees]'],
		more(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
			const options = this.getNodeParameter('options', itemIndex, {}) as { includeOwner?: boolean };
			const ranges: IDataObject = {};
			for (const [name, label] of Object.entries(RANGES)) {
				ranges[`filter[${name}]`] = rangeFilterValue.call(this, filters[name], label, itemIndex);
			}
			return {
				'filter[attendees]': optionalIdList.call(
					this,
					filters.attendees,
					'Attendee IDs',
					itemIndex,
				),
				'filter[type]':
					filters.type === undefined ? undefined : eventType.call(this, filters.type, itemIndex),
				'filter[completed]':
					nodeVersion.call(this) >= 2
						? booleanQuery(
								stateFilterValue.call(this, COMPLETED, filters.completedStatus, itemIndex),
							)
						: booleanQuery(filters.completed),
				...ranges,
				include: options.includeOwner ? 'owner' : undefined,
			};
		},
	}),
	// As an AI tool (version 2): the latest start first.
	{ newestFirstBy: 'start_at' },
);
