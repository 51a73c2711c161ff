import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardProgramId',
		displayName: 'Reward Program',
		searchable: 'rewardProgram',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgram'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/reward_program/{id}', 'rewardProgramId', 'Reward Program');
