import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['healthQuestionDefinition'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one health question definition (the question text and its answer choices) by ID',
				action: 'Get a health question definition',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the health questions that health profiles can ask',
				action: 'Get many health question definitions',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
