import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { withoutEmpty } from '../../helpers/operations';
import { requireObjectId } from '../../helpers/validation';
import { getManyScoped } from '../token/common';
import { scopeFilterOptions, scopeQuery, SCOPE_KEYS } from './scope';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: "Without Patient, Groups or Organization ID, the rewards of your credential's organization are listed",
		options: [
			...scopeFilterOptions('rewards'),
			{
				displayName: 'Reward Program Activation ID',
				name: 'reward_program_activation',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab81',
				description: 'Only rewards allocated from this activation',
			},
			{
				displayName: 'Thread',
				name: 'thread',
				type: 'string',
				default: '',
				placeholder: 'e.g. blood_pressure',
				description: 'Only rewards tied to this health action thread',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['reward'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getManyScoped(
	'/reward',
	function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const activation = String(filters.reward_program_activation ?? '').trim();
		return withoutEmpty({
			...scopeQuery.call(this, filters, itemIndex),
			'filter[reward_program_activation]': activation
				? requireObjectId.call(this, activation, 'Reward Program Activation ID', itemIndex)
				: undefined,
			'filter[thread]': typeof filters.thread === 'string' ? filters.thread.trim() : undefined,
		});
	},
	SCOPE_KEYS,
);
