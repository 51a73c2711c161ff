import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';
import { include } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'healthProfileId',
		displayName: 'Health Profile',
		description:
			"The health profile to get (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'healthProfile',
	}),
	include.field,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfile'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/health_profile/{id}',
	'healthProfileId',
	'Health Profile ID',
	include.query,
);
