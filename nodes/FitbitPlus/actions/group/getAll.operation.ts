import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { getMany, withoutEmpty } from '../../helpers/operations';
import { tokenOrganizationId } from '../../helpers/organization';
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
				displayName: 'Organization Name or ID',
				name: 'organization',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOrganizations' },
				default: '',
				description:
					'The organization whose groups to list; the credential\'s own when not set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['group'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/group', async function (this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; organization?: string };
	// The API requires an organization; the credential's own is what a user means when they leave it out.
	const organization = filters.organization
		? requireObjectId.call(this, filters.organization, 'Organization', itemIndex)
		: await tokenOrganizationId.call(this);
	return withoutEmpty({ 'filter[name]': filters.name, 'filter[organization]': organization });
});
