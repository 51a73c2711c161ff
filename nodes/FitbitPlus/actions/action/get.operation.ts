import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({ name: 'actionId', displayName: 'Action ID' }),
	simplifyField,
];

const displayOptions = { show: { resource: ['action'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/action/{id}', 'actionId', 'Action ID');
