import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'questionDefinitionId',
		displayName: 'Question Definition',
		searchable: 'healthQuestionDefinition',
		description: 'The health question definition to get',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['healthQuestionDefinition'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/health_question_definition/{id}',
	'questionDefinitionId',
	'Question Definition',
);
