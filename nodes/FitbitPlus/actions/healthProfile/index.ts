import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { count, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['healthProfile'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health profiles that match the filters Get Many takes, in one request however many there are',
				action: 'Count health profiles',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get one patient's health profile (the questionnaire they filled in) by ID",
				action: 'Get a health profile',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the health profiles of a patient, of groups or of the organization',
				action: 'Get many health profiles',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...count.description,
];
