import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { documentItems, forEachItem, getLimit } from '../../helpers/operations';
import { tokenPath } from '../../helpers/organization';
import { apiRequestAllItems } from '../../transport';
import { selectedTokenId, tokenOptionsField } from './common';

const properties: INodeProperties[] = [...returnAllFields, tokenOptionsField, simplifyField];

const displayOptions = { show: { resource: ['token'], operation: ['getGroups'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const limit = getLimit.call(this, itemIndex);
		const path = tokenPath(await selectedTokenId.call(this, itemIndex), 'groups');
		const { data, included } = await apiRequestAllItems.call(this, path, {}, { limit, itemIndex });
		return documentItems.call(this, { data, included }, itemIndex);
	});
}
