/** The patient / groups / organization filters that reward and calendar collections share. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';
import { requireObjectId } from '../../helpers/validation';
import { hasValue, idListValue, locatorId } from '../token/common';

export const SCOPE_KEYS = ['filter[patient]', 'filter[groups]', 'filter[organization]'];

export function scopeFilterOptions(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Group Names or IDs',
			name: 'groups',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getGroups' },
			default: [],
			description: `Only ${what} of patients in these groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: 'Organization ID',
			name: 'organization',
			type: 'string',
			default: '',
			placeholder: 'e.g. 58c4554710123c5c40dbab81',
			description: `Only ${what} of this organization`,
		},
		{ ...idLocator({ name: 'patient', displayName: 'Patient', required: false, searchable: 'patient' }), description: `Only ${what} of this patient` },
	];
}

export function scopeQuery(this: IExecuteFunctions, filters: IDataObject, itemIndex: number): IDataObject {
	return {
		'filter[patient]': hasValue(filters.patient) ? locatorId.call(this, filters.patient, 'Patient', itemIndex) : undefined,
		'filter[groups]': idListValue.call(this, filters.groups, 'Groups', itemIndex),
		'filter[organization]': hasValue(filters.organization)
			? requireObjectId.call(this, filters.organization, 'Organization ID', itemIndex)
			: undefined,
	};
}
