import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	{
		displayName: 'Organization Name or ID',
		name: 'organizationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		required: true,
		default: '',
		description:
			'The organization to get. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['organization'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/organization/{id}', 'organizationId', 'Organization');
