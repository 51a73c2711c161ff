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
		displayOptions: { show: { resource: ['healthProfileAnswer'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health profile answers that match the filters Get Many takes, in one request however many there are',
				action: 'Count health profile answers',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get one answer of a patient's health profile by ID",
				action: 'Get a health profile answer',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the health profile answers of a patient, of groups or of the organization',
				action: 'Get many health profile answers',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...count.description,
];
