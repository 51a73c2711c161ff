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
		displayOptions: { show: { resource: ['rewardProgramActivation'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the reward program activations that match the filters Get Many takes, in one request however many there are',
				action: 'Count reward program activations',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Enroll a patient in a reward program (once per patient and program)',
				action: 'Create a reward program activation',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one reward program activation by ID, with its allocated and earned totals',
				action: 'Get a reward program activation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List reward program activations of a patient, of groups, or of your credential's organization",
				action: 'Get many reward program activations',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
