import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'resultId',
		displayName: 'Health Result',
		description: "The health result to get (to list them, type the patient's ID)",
		searchable: 'patientHealthResult',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthResult'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/result/{id}', 'resultId', 'Health Result');
