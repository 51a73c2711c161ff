import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { getMany } from '../../helpers/operations';
import { tokenPath } from '../../../shared/helpers/organization';
import type { ApiSession } from '../../../shared/transport';
import { selectedTokenId, tokenOptionsField } from './fields';

const properties: INodeProperties[] = [...returnAllFields, tokenOptionsField, simplifyField];

const displayOptions = { show: { resource: ['token'], operation: ['getGroups'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(async function (
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
) {
	return tokenPath(await selectedTokenId.call(this, itemIndex, session), 'groups');
});
