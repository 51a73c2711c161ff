import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';
import { include } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'healthProfileQuestionId',
		displayName: 'Health Profile Question',
		description:
			"The health profile question to get (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'healthProfileQuestion',
	}),
	include.field,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfileQuestion'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/health_profile_question/{id}',
	'healthProfileQuestionId',
	'Health Profile Question ID',
	include.query,
);
