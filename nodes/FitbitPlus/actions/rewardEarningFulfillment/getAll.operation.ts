import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	groupsFilterField,
	idLocator,
	returnAllFields,
	simplifyField,
} from '../../../shared/helpers/fields';
import { getIdParameter, getMany } from '../../../shared/helpers/operations';
import { getManyOfPatients, patientScopeField } from '../../../shared/helpers/patientWalk';

const properties: INodeProperties[] = [
	patientScopeField('reward earning fulfillments'),
	{
		...idLocator({
			name: 'patientId',
			displayName: 'Patient',
			searchable: 'patient',
			description: 'The patient whose fulfillments to list',
		}),
		displayOptions: { show: { scope: ['patient'] } },
	},
	{
		...groupsFilterField,
		required: true,
		description:
			'The groups whose patients to walk. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { scope: ['groups'] } },
	},
	...returnAllFields,
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarningFulfillment'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const ofOnePatient = getMany(
	'/reward_earning_fulfillment',
	function (this: IExecuteFunctions, itemIndex: number) {
		return { 'filter[patient]': getIdParameter.call(this, 'patientId', 'Patient', itemIndex) };
	},
);

export const execute = getManyOfPatients(ofOnePatient, {
	endpoint: '/reward_earning_fulfillment',
	needsGroups: false,
	query: (_itemIndex, patient) => ({ 'filter[patient]': patient }),
});
