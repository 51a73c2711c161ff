import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { getMany, withoutEmpty } from '../../helpers/operations';
import { requireObjectId } from '../../helpers/validation';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only the group with exactly this name',
			},
			{
				displayName: 'Organization ID',
				name: 'organization',
				type: 'string',
				default: '',
				description: 'Only groups of this organization',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['group'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/group', function (this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; organization?: string };
	return withoutEmpty({
		'filter[name]': filters.name,
		'filter[organization]': filters.organization
			? requireObjectId.call(this, filters.organization, 'Organization ID', itemIndex)
			: undefined,
	});
});
