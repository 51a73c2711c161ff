import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCoaches from './getCoaches.operation';
import * as getGroups from './getGroups.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { count, create, get, getAll, getCoaches, getGroups, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description:
					'Count the patients that match the filters Get Many takes, in one request however many there are',
				action: 'Count patients',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create patients (one per input item, sent in batches) in groups by ID or name, with contact details, identifiers and coaches',
				action: 'Create a patient',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a patient',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one patient by ID',
				action: 'Get a patient',
			},
			{
				name: 'Get Coaches',
				value: 'getCoaches',
				description: 'List the coaches of a patient',
				action: 'Get the coaches of a patient',
			},
			{
				name: 'Get Groups',
				value: 'getGroups',
				description: 'List the groups a patient belongs to',
				action: 'Get the groups of a patient',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the patients of groups or of the organization, optionally by identifier, archived state or creation/update time',
				action: 'Get many patients',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a patient; fields not set keep their values',
				action: 'Update a patient',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...get.description,
	...getAll.description,
	...count.description,
	...getGroups.description,
	...getCoaches.description,
	...update.description,
];
