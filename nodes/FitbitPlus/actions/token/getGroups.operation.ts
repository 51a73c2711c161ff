import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { documentItems, forEachItem, getLimit } from '../../helpers/operations';
import { apiRequestAllItems, resourcePath } from '../../transport';
import { tokenIdFor, tokenIdOption } from './common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [tokenIdOption],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['token'], operation: ['getGroups'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as { tokenId?: string };
		const limit = getLimit.call(this, itemIndex);
		const tokenId = await tokenIdFor.call(this, options.tokenId, itemIndex);
		const path = resourcePath('/oauth/token/{id}/groups', { id: tokenId });
		const { data, included } = await apiRequestAllItems.call(this, path, {}, { limit, itemIndex });
		return documentItems.call(this, { data, included }, itemIndex);
	});
}
