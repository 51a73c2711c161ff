import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({ name: 'groupId', displayName: 'Group', searchable: 'group' }),
	simplifyField,
];

const displayOptions = { show: { resource: ['group'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/group/{id}', 'groupId', 'Group');
