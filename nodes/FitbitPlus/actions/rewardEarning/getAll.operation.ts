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
import type { StateFilter } from '../../../shared/helpers/stateFilter';
import { stateFilterField, stateFilterValue } from '../../../shared/helpers/stateFilter';
import { beforeVersion, fromVersion, nodeVersion } from '../../../shared/helpers/version';

/** Version 2's Ready for Fulfillment filter (version 1: a toggle whose off state sent `false`). */
const READY: StateFilter = {
	displayName: 'Ready for Fulfillment',
	name: 'readyStatus',
	description: 'Which earnings to list by whether they are ready to pay out',
	any: 'Every earning, fulfilled ones too (no filter sent)',
	yes: {
		value: 'ready',
		name: 'Ready to Pay Out',
		description:
			'Only earnings ready for fulfillment and not fulfilled yet (sends filter[ready_for_fulfillment]=true)',
	},
	no: {
		value: 'notReady',
		name: 'Not Ready Yet',
		description:
			'Only earnings not ready for fulfillment and not fulfilled (sends filter[ready_for_fulfillment]=false)',
	},
	default: 'ready',
};

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
			displayOptions: { show: beforeVersion(2) },
		},
		{ ...stateFilterField(READY), displayOptions: { show: fromVersion(2) } },
	]),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardEarning'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function filtersQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as {
		ready_for_fulfillment?: boolean;
		readyStatus?: string;
	};
	return withoutEmpty({
		'filter[ready_for_fulfillment]':
			nodeVersion.call(this) >= 2
				? booleanQuery(stateFilterValue.call(this, READY, filters.readyStatus, itemIndex))
				: booleanQuery(filters.ready_for_fulfillment),
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
