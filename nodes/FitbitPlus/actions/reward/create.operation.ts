import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, textParameter, withoutEmpty } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, relationshipTo } from '../../helpers/operations';
import { requireNumberAbove } from '../../../shared/helpers/validation';
import { optionalIsoDate, requireDateOrder } from '../../../shared/helpers/dateValidation';
import { createOperation } from '../../helpers/writeOperations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardProgramActivationId',
		displayName: 'Reward Program Activation',
		searchable: 'rewardProgramActivation',
		description: "The patient's activation of the reward program the reward is allocated from",
	}),
	{
		displayName: 'Description',
		name: 'rewardDescription',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Log your weight 5 days a week',
		description: 'What the patient does to earn the reward',
	},
	{
		displayName: 'Allocated Value',
		name: 'allocatedValue',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 10,
		description:
			"The part of the program's budget set aside for this reward (at most what the activation has left)",
	},
	{
		displayName: 'Allocated At',
		name: 'allocatedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the reward was allocated (while the activation is active)',
	},
	additionalFields([
		{
			displayName: 'Target At',
			name: 'target_at',
			type: 'dateTime',
			default: '',
			description: "When the patient aims to earn the reward (not before 'Allocated At')",
		},
		{
			displayName: 'Thread',
			name: '_thread',
			type: 'string',
			default: '',
			placeholder: 'e.g. blood_pressure',
			description: 'The health action (thread) the reward is tied to',
		},
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['reward'], operation: ['create'] } },
	type: 'reward',
	properties,
	build(itemIndex) {
		const activation = getIdParameter.call(
			this,
			'rewardProgramActivationId',
			'Reward Program Activation ID',
			itemIndex,
		);
		const text = textParameter.call(
			this,
			'rewardDescription',
			'Description',
			itemIndex,
			'Say what the patient does to earn the reward.',
		);
		const allocatedValue = requireNumberAbove.call(
			this,
			this.getNodeParameter('allocatedValue', itemIndex),
			'Allocated Value',
			itemIndex,
			0,
		);
		const allocatedAt = dateParameter.call(this, 'allocatedAt', 'Allocated At', itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const targetAt = optionalIsoDate.call(this, additional.target_at, 'Target At', itemIndex);
		requireDateOrder.call(
			this,
			['Allocated At', allocatedAt],
			['Target At', targetAt],
			itemIndex,
			true,
		);
		const attributes = withoutEmpty({
			_thread: typeof additional._thread === 'string' ? additional._thread.trim() : undefined,
			description: text,
			allocated_value: allocatedValue,
			allocated_at: allocatedAt,
			target_at: targetAt,
		});
		return {
			attributes,
			relationships: {
				reward_program_activation: relationshipTo('reward_program_activation', activation),
			},
		};
	},
});
