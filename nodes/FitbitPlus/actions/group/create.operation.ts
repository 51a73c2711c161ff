import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentFields } from '../../../shared/helpers/fields';
import {
	documentBody,
	forEachItem,
	resourceDocument,
	sendDocument,
	withoutEmpty,
} from '../../../shared/helpers/operations';
import { requireText } from '../../../shared/helpers/validation';

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

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, { type: 'group' }),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const body = await documentBody.call(this, itemIndex, 'group', () => {
			const name = requireText.call(
				this,
				this.getNodeParameter('name', itemIndex),
				'Name',
				itemIndex,
				'Give the group a name.',
			);
			const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {});
			return resourceDocument('group', withoutEmpty({ name, ...additionalFields }));
		});
		return await sendDocument.call(this, 'POST', '/group', body, itemIndex);
	});
}
