import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { getMany } from '../../helpers/operations';
import { CHOOSE_ID, CHOOSE_IDS, groupsFilterField, organizationFilterField, scopeQuery } from '../patient/common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Groups or Organization is required by Fitbit Plus',
		options: [
			{ ...groupsFilterField, description: `Only coaches of any of these groups. ${CHOOSE_IDS}` },
			{ ...organizationFilterField, description: `Only coaches of this organization. ${CHOOSE_ID}` },
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['coach'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/coach', function (this: IExecuteFunctions, itemIndex: number) {
	return scopeQuery.call(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex, ['groups', 'organization']);
});
