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
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Add a health action (what the patient does, when, and what they record) to a patient's plan",
				action: 'Create an action',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get one action of a patient's plan by ID, with its adherence",
				action: 'Get an action',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change an action of a patient's plan",
				action: 'Update an action',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...update.description,
];
