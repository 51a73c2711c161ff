import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({ name: 'bundleId', displayName: 'Bundle ID' }),
	simplifyField,
];

const displayOptions = { show: { resource: ['bundle'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/bundle/{id}', 'bundleId', 'Bundle ID');
