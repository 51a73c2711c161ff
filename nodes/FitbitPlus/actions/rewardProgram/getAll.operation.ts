import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { withoutEmpty } from '../../helpers/operations';
import { requireObjectId } from '../../helpers/validation';
import { getManyScoped, idListValue } from '../token/common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: "Without Groups or Organization ID, the programs of your credential's organization are listed",
		options: [
			{
				displayName: 'Group Names or IDs',
				name: 'groups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Only programs of these groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Organization ID',
				name: 'organization',
				type: 'string',
				default: '',
				description: 'Only programs of this organization',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgram'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getManyScoped(
	'/reward_program',
	function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as { groups?: string[] | string; organization?: string };
		return withoutEmpty({
			'filter[groups]': idListValue.call(this, filters.groups, 'Groups', itemIndex),
			'filter[organization]': filters.organization
				? requireObjectId.call(this, filters.organization, 'Organization ID', itemIndex)
				: undefined,
		});
	},
	['filter[groups]', 'filter[organization]'],
);
