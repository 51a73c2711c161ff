import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentFields, idLocator, simplifyField } from '../../../shared/helpers/fields';
import {
	documentBody,
	forEachItem,
	getIdParameter,
	relationshipTo,
	resourceDocument,
	sendDocument,
} from '../../../shared/helpers/operations';
import { requireIsoDate, requireNumberAbove } from '../../../shared/helpers/validation';

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

const displayOptions = { show: { resource: ['rewardEarningFulfillment'], operation: ['create'] } };

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, { type: 'reward_earning_fulfillment' }),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const body = await documentBody.call(this, itemIndex, 'reward_earning_fulfillment', () => {
			const earning = getIdParameter.call(this, 'rewardEarningId', 'Reward Earning', itemIndex);
			const fulfilledValue = requireNumberAbove.call(
				this,
				this.getNodeParameter('fulfilledValue', itemIndex),
				'Fulfilled Value',
				itemIndex,
				0,
				true,
			);
			const fulfilledAt = requireIsoDate.call(
				this,
				this.getNodeParameter('fulfilledAt', itemIndex),
				'Fulfilled At',
				itemIndex,
			);
			return resourceDocument(
				'reward_earning_fulfillment',
				{ fulfilled_value: fulfilledValue, fulfilled_at: fulfilledAt },
				{ reward_earning: relationshipTo('reward_earning', earning) },
			);
		});
		return await sendDocument.call(this, 'POST', '/reward_earning_fulfillment', body, itemIndex);
	});
}
