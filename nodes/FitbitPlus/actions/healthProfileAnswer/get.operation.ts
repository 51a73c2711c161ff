import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';
import { include } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'healthProfileAnswerId',
		displayName: 'Health Profile Answer',
		description:
			"The health profile answer to get (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'healthProfileAnswer',
	}),
	include.field,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfileAnswer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/health_profile_answer/{id}',
	'healthProfileAnswerId',
	'Health Profile Answer ID',
	include.query,
);
