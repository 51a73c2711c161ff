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
		displayOptions: { show: { resource: ['rewardEarningFulfillment'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the reward payouts that match the filters Get Many takes, in one request however many there are',
				action: 'Count reward payouts',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Record that an earned reward was paid out to the patient (once per earning)',
				action: 'Create a reward earning fulfillment',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one reward earning fulfillment by ID',
				action: 'Get a reward earning fulfillment',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the reward payouts of a patient',
				action: 'Get many reward earning fulfillments',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
