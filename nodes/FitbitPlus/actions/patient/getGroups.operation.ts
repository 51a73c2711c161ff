import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, getMany } from '../../helpers/operations';
import { resourcePath } from '../../../shared/transport';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient whose groups to get',
	}),
	...returnAllFields,
	simplifyField,
];

const displayOptions = { show: { resource: ['patient'], operation: ['getGroups'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(function (this: IExecuteFunctions, itemIndex: number) {
	const id = getIdParameter.call(this, 'patientId', 'Patient', itemIndex);
	return resourcePath('/patient/{id}/groups', { id });
});
