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
		displayOptions: { show: { resource: ['coach'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the coaches that match the filters Get Many takes, in one request however many there are',
				action: 'Count coaches',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one coach (care team member) by ID',
				action: 'Get a coach',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the coaches of groups or of the organization',
				action: 'Get many coaches',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...count.description,
];
