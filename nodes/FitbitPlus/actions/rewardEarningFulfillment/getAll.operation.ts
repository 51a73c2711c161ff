import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	idLocator,
	listField,
	returnAllFields,
	simplifyField,
} from '../../../shared/helpers/fields';
import { getIdParameter, getMany } from '../../helpers/operations';
import { getManyOfPatients, patientScopeField } from '../../helpers/perPatient';

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
	listField('group', {
		name: 'groups',
		many: true,
		description: 'The groups whose patients to walk.',
		required: true,
		displayOptions: { show: { scope: ['groups'] } },
	}),
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
