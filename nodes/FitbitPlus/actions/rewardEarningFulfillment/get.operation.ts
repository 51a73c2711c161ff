import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	idLocator({ name: 'rewardEarningFulfillmentId', displayName: 'Reward Earning Fulfillment ID' }),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarningFulfillment'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/reward_earning_fulfillment/{id}',
	'rewardEarningFulfillmentId',
	'Reward Earning Fulfillment ID',
);
