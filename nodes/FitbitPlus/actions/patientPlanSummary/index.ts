import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { count, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patientPlanSummary'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the plan summaries that match the filters Get Many takes, in one request however many there are',
				action: 'Count plan summaries',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					"Get one patient's plan summary (actions, adherence, critical thresholds) by ID",
				action: 'Get a patient plan summary',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the plan summaries of a patient, of groups or of the organization',
				action: 'Get many patient plan summaries',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change a plan summary's time zone, critical thresholds, window order, or its actions, bundles and current results",
				action: 'Update a patient plan summary',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...count.description,
	...update.description,
];
