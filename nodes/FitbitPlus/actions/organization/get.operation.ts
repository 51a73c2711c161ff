import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, listField, simplifyField } from '../../../shared/helpers/fields';
import { beforeVersion, fromVersion } from '../../../shared/helpers/version';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	// Version 1: a dropdown; from version 2 a locator (From List or By ID) as every other Get has.
	listField('organization', {
		name: 'organizationId',
		description: 'The organization to get.',
		required: true,
		displayOptions: { show: beforeVersion(2) },
	}),
	{
		...idLocator({
			name: 'organizationId',
			displayName: 'Organization',
			description: 'The organization to get (the list: the one your credential belongs to)',
			searchable: 'organization',
		}),
		displayOptions: { show: fromVersion(2) },
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['organization'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/organization/{id}', 'organizationId', 'Organization');
