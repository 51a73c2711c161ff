import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../helpers/fields';
import { withoutEmpty } from '../../helpers/operations';
import { scopeFilterOptions, scopeQuery, SCOPE_KEYS } from '../reward/scope';
import { getManyScoped } from '../token/common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: "Without Patient, Groups or Organization ID, the activations of your credential's organization are listed",
		options: scopeFilterOptions('activations'),
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgramActivation'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getManyScoped(
	'/reward_program_activation',
	function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {});
		return withoutEmpty(scopeQuery.call(this, filters, itemIndex));
	},
	SCOPE_KEYS,
);
