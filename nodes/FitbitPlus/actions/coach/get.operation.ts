import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'coachId',
		displayName: 'Coach',
		searchable: 'coach',
		description: 'The coach to get',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['coach'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/coach/{id}', 'coachId', 'Coach');
