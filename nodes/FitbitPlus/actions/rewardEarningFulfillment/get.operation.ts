import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardEarningFulfillmentId',
		displayName: 'Reward Earning Fulfillment',
		description: "The reward earning fulfillment to get (to list them, type the patient's ID)",
		searchable: 'rewardEarningFulfillment',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarningFulfillment'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/reward_earning_fulfillment/{id}',
	'rewardEarningFulfillmentId',
	'Reward Earning Fulfillment ID',
);
