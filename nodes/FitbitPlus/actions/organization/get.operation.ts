import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listField, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	listField('organization', {
		name: 'organizationId',
		description: 'The organization to get.',
		required: true,
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['organization'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/organization/{id}', 'organizationId', 'Organization');
