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
		displayOptions: { show: { resource: ['patientHealthResult'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health results that match the filters Get Many takes, in one request however many there are',
				action: 'Count health results',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					"Get one health result (a patient's answer to a plan action, e.g. a logged measurement) by ID",
				action: 'Get a patient health result',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the health results of a patient, optionally by plan action, thread, or occurrence/creation/update time',
				action: 'Get many patient health results',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...count.description,
];
