import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({ name: 'rewardId', displayName: 'Reward', searchable: 'reward' }),
	simplifyField,
];

const displayOptions = { show: { resource: ['reward'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/reward/{id}', 'rewardId', 'Reward');
