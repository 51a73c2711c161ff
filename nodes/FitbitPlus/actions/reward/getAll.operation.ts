import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany, optionalLocatorId } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'rewards',
		description:
			"Without 'Patient', 'Group Names or IDs' or 'Organization ID', the rewards of your credential's organization are listed",
		organizationById: true,
		more: [
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
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['reward'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/reward',
	scopedQuery({
		organizationLabel: 'Organization ID',
		more(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
			return {
				'filter[reward_program_activation]': optionalLocatorId.call(
					this,
					filters.reward_program_activation,
					'Reward Program Activation ID',
					itemIndex,
				),
				'filter[thread]': typeof filters.thread === 'string' ? filters.thread.trim() : undefined,
			};
		},
	}),
);
