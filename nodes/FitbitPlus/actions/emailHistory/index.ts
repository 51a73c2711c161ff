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
		displayOptions: { show: { resource: ['emailHistory'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one sent email (type, address, delivery and open times) by ID',
				action: 'Get an email history record',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the emails sent to or by a user, optionally by email type, newest or oldest first',
				action: 'Get many email history records',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
