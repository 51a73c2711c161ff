import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardEarningId',
		displayName: 'Reward Earning',
		searchable: 'rewardEarning',
		description: "The earning to get. From List: type a patient's ID to list their earnings.",
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarning'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/reward_earning/{id}', 'rewardEarningId', 'Reward Earning');
