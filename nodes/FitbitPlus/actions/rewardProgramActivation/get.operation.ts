import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardProgramActivationId',
		displayName: 'Reward Program Activation',
		searchable: 'rewardProgramActivation',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgramActivation'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/reward_program_activation/{id}',
	'rewardProgramActivationId',
	'Reward Program Activation ID',
);
