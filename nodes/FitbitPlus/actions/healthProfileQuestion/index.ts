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
		displayOptions: { show: { resource: ['healthProfileQuestion'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health profile questions that match the filters Get Many takes, in one request however many there are',
				action: 'Count health profile questions',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get one question of a patient's health profile by ID",
				action: 'Get a health profile question',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the health profile questions of a patient, of groups or of the organization',
				action: 'Get many health profile questions',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...count.description,
];
