import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { rangeFilter, returnAllFields, simplifyField } from '../../helpers/fields';
import { getMany, withoutEmpty } from '../../helpers/operations';
import { inputError } from '../../helpers/validation';
import { CHOOSE_ID, CHOOSE_IDS, groupsFilterField, organizationFilterField, rangeQuery, scopeQuery } from './common';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Groups or Organization is required by Fitbit Plus',
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only archived patients (on) or only patients who are not archived (off). Leave the filter out to get both.',
			},
			rangeFilter('createdAt', 'Created At', 'creation time'),
			{ ...groupsFilterField, description: `Only patients in any of these groups. ${CHOOSE_IDS}` },
			{
				displayName: 'Identifier System',
				name: 'identifierSystem',
				type: 'string',
				default: '',
				placeholder: 'e.g. medical-record-number',
				description: 'Only the patient with this identifier (needs Identifier Value too)',
			},
			{
				displayName: 'Identifier Value',
				name: 'identifierValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. 121212',
				description: 'Only the patient with this identifier (needs Identifier System too)',
			},
			{ ...organizationFilterField, description: `Only patients of this organization. ${CHOOSE_ID}` },
			rangeFilter('updatedAt', 'Updated At', 'last update'),
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['patient'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/patient', function (this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const system = String(filters.identifierSystem ?? '').trim();
	const value = String(filters.identifierValue ?? '').trim();
	if ((system === '') !== (value === '')) {
		inputError.call(this, itemIndex, 'Identifier System and Identifier Value go together', 'Set both filters, or neither.');
	}
	return withoutEmpty({
		...scopeQuery.call(this, filters, itemIndex, ['groups', 'organization']),
		'filter[identifier][system]': system,
		'filter[identifier][value]': value,
		'filter[archived]': typeof filters.archived === 'boolean' ? String(filters.archived) : undefined,
		'filter[created_at]': rangeQuery.call(this, filters.createdAt, 'Created At', itemIndex),
		'filter[updated_at]': rangeQuery.call(this, filters.updatedAt, 'Updated At', itemIndex),
	});
});
