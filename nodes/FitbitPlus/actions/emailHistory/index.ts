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
		displayOptions: { show: { resource: ['emailHistory'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the sent emails that match the filters Get Many takes, in one request however many there are',
				action: 'Count sent emails',
			},
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
	...count.description,
];
