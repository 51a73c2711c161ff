import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentItems, forEachItem, resourceDocument, withoutEmpty } from '../../helpers/operations';
import { inputError } from '../../helpers/validation';
import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Hypertension Clinic',
		description: 'The name of the group',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Bio',
				name: 'bio',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'A description of the group',
			},
		],
	},
];

const displayOptions = { show: { resource: ['group'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const name = (this.getNodeParameter('name', itemIndex) as string).trim();
		if (name === '') inputError.call(this, itemIndex, 'Name is empty', 'Give the group a name.');
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {});
		const body = resourceDocument('group', withoutEmpty({ name, ...additionalFields }));
		const document = await apiRequest.call(this, 'POST', '/group', body, undefined, { itemIndex });
		return documentItems.call(this, document, itemIndex);
	});
}
