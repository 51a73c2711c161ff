import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getGroup from './getGroup.operation';

export { count, create, get, getAll, getGroup };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rewardProgram'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the reward programs that match the filters Get Many takes, in one request however many there are',
				action: 'Count reward programs',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a reward program with a budget for the patients of a group',
				action: 'Create a reward program',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one reward program by ID',
				action: 'Get a reward program',
			},
			{
				name: 'Get Group',
				value: 'getGroup',
				description: 'Get the group a reward program belongs to',
				action: 'Get the group of a reward program',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List reward programs of some groups, or of your credential's organization",
				action: 'Get many reward programs',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
	...getGroup.description,
];
