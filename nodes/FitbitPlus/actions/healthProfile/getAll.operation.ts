import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { getMany } from '../../helpers/operations';
import { scopeFilterOptions, scopeQuery } from '../patient/common';
import { includeRelated, includeRelatedField } from './shared';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Patient, Groups or Organization is required by Fitbit Plus',
		options: scopeFilterOptions('health profiles'),
	},
	includeRelatedField,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfile'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/health_profile', function (this: IExecuteFunctions, itemIndex: number) {
	return {
		...scopeQuery.call(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex),
		...includeRelated.call(this, itemIndex),
	};
});
