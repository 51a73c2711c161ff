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
		displayOptions: { show: { resource: ['reward'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the rewards that match the filters Get Many takes, in one request however many there are',
				action: 'Count rewards',
			},
			{
				name: 'Create',
				value: 'create',
				description: "Allocate a reward to a patient from their reward program activation's budget",
				action: 'Create a reward',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one reward by ID, with what was earned and fulfilled',
				action: 'Get a reward',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List rewards of a patient, an activation, groups, or your credential's organization",
				action: 'Get many rewards',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
