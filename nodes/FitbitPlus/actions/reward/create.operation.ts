import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../helpers/fields';
import {
	documentItems,
	forEachItem,
	getIdParameter,
	relationshipTo,
	resourceDocument,
	withoutEmpty,
} from '../../helpers/operations';
import { inputError, requireIsoDate } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { numberAbove, optionalDate } from '../token/common';

const properties: INodeProperties[] = [
	idLocator({
		name: 'rewardProgramActivationId',
		displayName: 'Reward Program Activation ID',
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
		description: "The part of the program's budget set aside for this reward (at most what the activation has left)",
	},
	{
		displayName: 'Allocated At',
		name: 'allocatedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the reward was allocated (while the activation is active)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Target At',
				name: 'target_at',
				type: 'dateTime',
				default: '',
				description: 'When the patient aims to earn the reward (not before Allocated At)',
			},
			{
				displayName: 'Thread',
				name: '_thread',
				type: 'string',
				default: '',
				placeholder: 'e.g. blood_pressure',
				description: 'The health action (thread) the reward is tied to',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['reward'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const activation = getIdParameter.call(this, 'rewardProgramActivationId', 'Reward Program Activation ID', itemIndex);
		const text = String(this.getNodeParameter('rewardDescription', itemIndex) ?? '').trim();
		if (text === '') inputError.call(this, itemIndex, 'Description is empty', 'Say what the patient does to earn the reward.');
		const allocatedValue = numberAbove.call(this, this.getNodeParameter('allocatedValue', itemIndex), 'Allocated Value', itemIndex, 0);
		const allocatedAt = requireIsoDate.call(this, this.getNodeParameter('allocatedAt', itemIndex), 'Allocated At', itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const targetAt = optionalDate.call(this, additional.target_at, 'Target At', itemIndex);
		if (targetAt !== undefined && Date.parse(targetAt) < Date.parse(allocatedAt)) {
			inputError.call(this, itemIndex, 'Target At must not be before Allocated At', `Allocated At is ${allocatedAt}, Target At is ${targetAt}.`);
		}
		const attributes = withoutEmpty({
			_thread: typeof additional._thread === 'string' ? additional._thread.trim() : undefined,
			description: text,
			allocated_value: allocatedValue,
			allocated_at: allocatedAt,
			target_at: targetAt,
		});
		const body = resourceDocument('reward', attributes, {
			reward_program_activation: relationshipTo('reward_program_activation', activation),
		});
		const document = await apiRequest.call(this, 'POST', '/reward', body, undefined, { itemIndex });
		return documentItems.call(this, document, itemIndex);
	});
}
