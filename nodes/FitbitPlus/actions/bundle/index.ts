import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { create, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bundle'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: "Add a bundle (a named group of actions) to a patient's plan",
				action: 'Create a bundle',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get one bundle of a patient's plan by ID",
				action: 'Get a bundle',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a bundle of a patient's plan",
				action: 'Update a bundle',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...update.description,
];
