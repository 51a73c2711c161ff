import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { count, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['healthQuestionDefinition'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health question definitions that match the filters Get Many takes, in one request however many there are',
				action: 'Count health question definitions',
			},
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
	...count.description,
];
