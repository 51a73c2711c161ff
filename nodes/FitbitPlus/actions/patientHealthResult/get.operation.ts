import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'resultId',
		displayName: 'Health Result ID',
		description: 'The ID of the health result to get',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthResult'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/result/{id}', 'resultId', 'Health Result ID');
