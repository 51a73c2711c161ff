/** The fields of an action the editor shows (Create's Additional Fields, Update's Update Fields). */
import type { INodeProperties } from 'n8n-workflow';

import { identifiersField } from '../../helpers/identifiers';

export const actionTypeOptions = [{ name: 'Other Lifestyle', value: 'other_lifestyle' }];

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The optional attributes of an action, under the API's names (Create's Additional Fields, Update's Update Fields). */
export const optionalActionFields: INodeProperties[] = [
	{
		displayName: 'Details (JSON)',
		name: 'details',
		type: 'json',
		default: '{}',
		description: 'Free-form details of the action, as a JSON object',
	},
	{
		displayName: 'Effective To',
		name: 'effective_to',
		type: 'dateTime',
		default: '',
		description: "When the action ends (after 'Effective From')",
	},
	{
		displayName: 'Frequency Goal (Days of Week)',
		name: 'frequencyDays',
		type: 'multiOptions',
		options: DAYS.map((name, value) => ({ name, value })),
		default: [],
		description: 'The days of the week the action is scheduled for',
	},
	identifiersField('Codes for the action in other systems', {
		system: { placeholder: 'e.g. http://loinc.org', description: 'The code system' },
		value: { placeholder: 'e.g. 55284-4', description: 'The code in that system' },
		label: { description: 'A readable name for the code' },
	}),
	{
		displayName: 'Intake (JSON)',
		name: 'intake',
		type: 'json',
		default: '{}',
		description: 'Free-form intake information, as a JSON object',
	},
	{
		displayName: 'Metric Required',
		name: 'metric_required',
		type: 'boolean',
		default: false,
		description: 'Whether completing the action requires recording a metric',
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metric',
		default: {},
		description: 'What the patient records for the action, with goals and accepted ranges',
		options: [
			{
				displayName: 'Metric',
				name: 'metric',
				values: [
					{
						displayName: 'Goal (JSON)',
						name: 'goal',
						type: 'json',
						default: '{}',
						description:
							'The goal as a JSON object, as the API takes it (e.g. a systolic value and unit under data)',
					},
					{
						displayName: 'Maximum Unit',
						name: 'maximumUnit',
						type: 'string',
						default: '',
						placeholder: 'e.g. mmHg',
					},
					{
						displayName: 'Maximum Value',
						name: 'maximumValue',
						type: 'string',
						default: '',
						placeholder: 'e.g. 250',
						description: 'The highest value accepted (leave empty for none)',
					},
					{
						displayName: 'Metric Type',
						name: 'metric_type',
						type: 'string',
						default: '',
						placeholder: 'e.g. blood_pressure',
					},
					{
						displayName: 'Minimum Unit',
						name: 'minimumUnit',
						type: 'string',
						default: '',
						placeholder: 'e.g. mmHg',
					},
					{
						displayName: 'Minimum Value',
						name: 'minimumValue',
						type: 'string',
						default: '',
						placeholder: 'e.g. 60',
						description: 'The lowest value accepted (leave empty for none)',
					},
					{
						displayName: 'Unit',
						name: 'unit',
						type: 'string',
						default: '',
						placeholder: 'e.g. mmHg',
					},
				],
			},
		],
	},
	{
		displayName: 'Thread',
		name: '_thread',
		type: 'string',
		default: '',
		placeholder: 'e.g. blood_pressure',
		description: 'The thread that ties the action to its results and rewards',
	},
	{
		displayName: 'Tracking',
		name: 'tracking',
		type: 'boolean',
		default: true,
		description: 'Whether the patient tracks the action',
	},
	{
		displayName: 'Windows',
		name: 'windows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Window',
		default: {},
		description: 'The times of day the action is done',
		options: [
			{
				displayName: 'Window',
				name: 'window',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'string',
						default: '',
						placeholder: 'e.g. morning',
						description: 'The kind of window (required by the API)',
					},
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{
						displayName: 'Window ID',
						name: '_id',
						type: 'string',
						default: '',
						description: 'The ID of an existing window, to keep it',
					},
				],
			},
		],
	},
];
