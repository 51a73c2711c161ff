import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rewardProgramActivation'] } },
		options: [
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
];
