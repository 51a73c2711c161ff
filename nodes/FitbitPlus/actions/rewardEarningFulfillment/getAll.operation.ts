import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, getMany } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient whose fulfillments to list',
	}),
	...returnAllFields,
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarningFulfillment'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/reward_earning_fulfillment',
	function (this: IExecuteFunctions, itemIndex: number) {
		return { 'filter[patient]': getIdParameter.call(this, 'patientId', 'Patient', itemIndex) };
	},
);
