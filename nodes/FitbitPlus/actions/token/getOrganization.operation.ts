import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyField } from '../../helpers/fields';
import { documentItems, forEachItem } from '../../helpers/operations';
import { apiRequest, resourcePath } from '../../transport';
import { tokenIdFor, tokenIdOption } from './common';

const properties: INodeProperties[] = [
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

const displayOptions = { show: { resource: ['token'], operation: ['getOrganization'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as { tokenId?: string };
		const tokenId = await tokenIdFor.call(this, options.tokenId, itemIndex);
		const path = resourcePath('/oauth/token/{id}/organization', { id: tokenId });
		const document = await apiRequest.call(this, 'GET', path, undefined, undefined, { itemIndex });
		return documentItems.call(this, document, itemIndex);
	});
}
