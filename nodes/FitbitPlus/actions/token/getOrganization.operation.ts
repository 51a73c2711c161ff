import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyField } from '../../../shared/helpers/fields';
import { documentItems, forEachItem } from '../../helpers/operations';
import { tokenPath } from '../../../shared/helpers/organization';
import type { ApiSession } from '../../../shared/transport';
import { selectedTokenId, tokenOptionsField } from './fields';

const properties: INodeProperties[] = [tokenOptionsField, simplifyField];

const displayOptions = { show: { resource: ['token'], operation: ['getOrganization'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	return await forEachItem.call(this, session, items, async (itemIndex) => {
		const path = tokenPath(await selectedTokenId.call(this, itemIndex, session), 'organization');
		const document = await session.request('GET', path, { itemIndex });
		return documentItems.call(this, session, document, itemIndex);
	});
}
