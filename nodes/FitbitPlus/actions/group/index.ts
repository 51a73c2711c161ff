import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { count, create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the groups that match the filters Get Many takes, in one request however many there are',
				action: 'Count groups',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a group of patients and coaches in your organization',
				action: 'Create a group',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one group by ID',
				action: 'Get a group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the groups your credential can reach, optionally by name or organization',
				action: 'Get many groups',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
