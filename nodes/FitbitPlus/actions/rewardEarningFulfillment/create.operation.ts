import type { INodeProperties } from 'n8n-workflow';

import { dateParameter } from '../../../shared/helpers/parameters';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, relationshipTo } from '../../helpers/operations';
import { requireNumberAbove } from '../../../shared/helpers/validation';
import { createOperation } from '../../helpers/writeOperations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardEarningId',
		displayName: 'Reward Earning',
		searchable: 'rewardEarning',
		description:
			"The earning that was paid out (each earning is fulfilled once). From List: type a patient's ID to list their earnings.",
	}),
	{
		displayName: 'Fulfilled Value',
		name: 'fulfilledValue',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'The value paid out to the patient (0 or more)',
	},
	{
		displayName: 'Fulfilled At',
		name: 'fulfilledAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When it was paid out (not before the reward was earned)',
	},
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['rewardEarningFulfillment'], operation: ['create'] } },
	type: 'reward_earning_fulfillment',
	properties,
	build(itemIndex) {
		const earning = getIdParameter.call(this, 'rewardEarningId', 'Reward Earning', itemIndex);
		const fulfilledValue = requireNumberAbove.call(
			this,
			this.getNodeParameter('fulfilledValue', itemIndex),
			'Fulfilled Value',
			itemIndex,
			0,
			true,
		);
		const fulfilledAt = dateParameter.call(this, 'fulfilledAt', 'Fulfilled At', itemIndex);
		return {
			attributes: { fulfilled_value: fulfilledValue, fulfilled_at: fulfilledAt },
			relationships: { reward_earning: relationshipTo('reward_earning', earning) },
		};
	},
});
