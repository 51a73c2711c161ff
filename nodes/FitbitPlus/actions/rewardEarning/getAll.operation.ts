import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	idLocator,
	listField,
	returnAllFields,
	simplifyField,
} from '../../../shared/helpers/fields';
import { filtersCollection } from '../../helpers/fieldsFilters';
import { booleanQuery, getIdParameter, getMany } from '../../helpers/operations';
import { withoutEmpty } from '../../../shared/helpers/parameters';
import { getManyOfPatients, patientScopeField } from '../../helpers/perPatient';
import { inputError, optionalIdList } from '../../../shared/helpers/validation';

const properties: INodeProperties[] = [
	patientScopeField('reward earnings'),
	{
		...idLocator({
			name: 'patientId',
			displayName: 'Patient',
			searchable: 'patient',
			description: 'The patient whose earnings to list',
		}),
		displayOptions: { show: { scope: ['patient'] } },
	},
	listField('group', {
		name: 'groups',
		many: true,
		description: 'The groups to look in (the API requires at least one).',
		required: true,
		displayOptions: { show: { scope: ['patient', 'groups'] } },
	}),
	...returnAllFields,
	filtersCollection([
		{
			displayName: 'Ready for Fulfillment',
			name: 'ready_for_fulfillment',
			type: 'boolean',
			default: true,
			description:
				'Whether to list only unfulfilled earnings that are ready to pay out (on) or only unfulfilled ones that are not ready yet (off)',
		},
	]),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarning'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function filtersQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as {
		ready_for_fulfillment?: boolean;
	};
	return withoutEmpty({
		'filter[ready_for_fulfillment]': booleanQuery(filters.ready_for_fulfillment),
	});
}

const ofOnePatient = getMany(
	'/reward_earning',
	function (this: IExecuteFunctions, itemIndex: number) {
		const groups = optionalIdList.call(
			this,
			this.getNodeParameter('groups', itemIndex, []),
			'Group Names or IDs',
			itemIndex,
		);
		if (groups === undefined) {
			inputError.call(
				this,
				itemIndex,
				"'Group Names or IDs' is empty",
				'Fitbit Plus lists reward earnings by patient and group: pick at least one group.',
			);
		}
		return withoutEmpty({
			'filter[groups]': groups,
			'filter[patient]': getIdParameter.call(this, 'patientId', 'Patient', itemIndex),
			...filtersQuery.call(this, itemIndex),
		});
	},
);

export const execute = getManyOfPatients(ofOnePatient, {
	endpoint: '/reward_earning',
	needsGroups: true,
	query(itemIndex, patient, groups) {
		return withoutEmpty({
			'filter[groups]': groups,
			'filter[patient]': patient,
			...filtersQuery.call(this, itemIndex),
		});
	},
});
