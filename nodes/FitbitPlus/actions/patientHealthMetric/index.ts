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
		displayOptions: { show: { resource: ['patientHealthMetric'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the health metrics that match the filters Get Many takes, in one request however many there are',
				action: 'Count health metrics',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Record measurements (weight, blood pressure, lab values…) for patients: one per input item, sent in batches',
				action: 'Create patient health metrics',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one health metric by ID',
				action: 'Get a patient health metric',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the health metrics of a patient, of groups or of the organization',
				action: 'Get many patient health metrics',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...count.description,
];
