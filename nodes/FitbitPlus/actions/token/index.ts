import type { INodeProperties } from 'n8n-workflow';

import * as getGroups from './getGroups.operation';
import * as getOrganization from './getOrganization.operation';

export { getGroups, getOrganization };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get Groups',
				value: 'getGroups',
				description: "List the groups this node's credential (its access token) can reach",
				action: 'Get the groups of the access token',
			},
			{
				name: 'Get Organization',
				value: 'getOrganization',
				description: "Get the organization this node's credential (its access token) belongs to",
				action: 'Get the organization of the access token',
			},
		],
		default: 'getOrganization',
	},
	...getGroups.description,
	...getOrganization.description,
];
