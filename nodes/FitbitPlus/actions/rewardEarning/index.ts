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
		displayOptions: { show: { resource: ['rewardEarning'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the reward earnings that match the filters Get Many takes, in one request however many there are',
				action: 'Count reward earnings',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Record that a patient earned a reward, one per input item, sent in batches',
				action: 'Create a reward earning',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one reward earning by ID',
				action: 'Get a reward earning',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List a patient's reward earnings, optionally only those ready (or not yet ready) to pay out",
				action: 'Get many reward earnings',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
