import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dateParameter } from '../../../shared/helpers/parameters';
import { batchSizeOption, createInBatches, getBatchSize } from '../../helpers/batch';
import { idLocator, optionsCollection, simplifyField } from '../../../shared/helpers/fields';
import { documentFields } from '../../helpers/fieldsDocument';
import { getIdParameter, relationshipTo } from '../../helpers/operations';
import { requireNumberAbove } from '../../../shared/helpers/validation';
import type { ApiSession } from '../../../shared/transport';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardId',
		displayName: 'Reward',
		searchable: 'reward',
		description: 'The reward the patient earned (each reward is earned once)',
	}),
	{
		displayName: 'Earned Value',
		name: 'earnedValue',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 10,
		description: "The value earned (at most the reward's allocated value)",
	},
	{
		displayName: 'Earned At',
		name: 'earnedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When the reward was earned (after it was allocated, while the activation is active)',
	},
	optionsCollection([batchSizeOption]),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarning'], operation: ['create'] } };

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, { type: 'reward_earning', keep: ['options'], batched: true }),
);

/** One earning per input item, sent in batches (the API takes an array of earnings in `data`). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	return await createInBatches.call(this, session, items, {
		endpoint: '/reward_earning',
		resourceType: 'reward_earning',
		batchSize: getBatchSize.call(this),
		label: 'reward earning',
		// The spec offers no duplicate guard for earnings: an item a refused request may have created is not sent again.
		howToCheck: 'Get Many Reward Earnings for the patient (an earning of its reward)',
		buildResource: (itemIndex) => ({
			type: 'reward_earning',
			attributes: {
				earned_value: requireNumberAbove.call(
					this,
					this.getNodeParameter('earnedValue', itemIndex),
					'Earned Value',
					itemIndex,
					0,
					true,
				),
				earned_at: dateParameter.call(this, 'earnedAt', 'Earned At', itemIndex),
			},
			relationships: {
				reward: relationshipTo(
					'reward',
					getIdParameter.call(this, 'rewardId', 'Reward', itemIndex),
				),
			},
		}),
	});
}
