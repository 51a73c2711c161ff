import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { rangeFilter, scopeFilters } from '../../helpers/fieldsFilters';
import { booleanQuery, getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';
import { inputError } from '../../../shared/helpers/validation';
import { rangeFilterValue } from '../../../shared/helpers/dateValidation';

const SCOPES = ['groups', 'organization'] as const;

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'patients',
		description:
			"Without Groups or Organization, the patients of your credential's organization are listed",
		scopes: SCOPES,
		more: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only archived patients (on) or only patients who are not archived (off). Leave the filter out to get both.',
			},
			rangeFilter('createdAt', 'Created At', 'creation time'),
			{
				displayName: 'Identifier System',
				name: 'identifierSystem',
				type: 'string',
				default: '',
				placeholder: 'e.g. medical-record-number',
				description: "Only the patient with this identifier (needs 'Identifier Value' too)",
			},
			{
				displayName: 'Identifier Value',
				name: 'identifierValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. 121212',
				description: "Only the patient with this identifier (needs 'Identifier System' too)",
			},
			rangeFilter('updatedAt', 'Updated At', 'last update'),
		],
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patient'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/patient',
	scopedQuery({
		scopes: SCOPES,
		more(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
			const system = String(filters.identifierSystem ?? '').trim();
			const value = String(filters.identifierValue ?? '').trim();
			if ((system === '') !== (value === '')) {
				inputError.call(
					this,
					itemIndex,
					"'Identifier System' and 'Identifier Value' go together",
					'Set both filters, or neither.',
				);
			}
			return {
				'filter[identifier][system]': system,
				'filter[identifier][value]': value,
				'filter[archived]': booleanQuery(filters.archived),
				'filter[created_at]': rangeFilterValue.call(
					this,
					filters.createdAt,
					'Created At',
					itemIndex,
				),
				'filter[updated_at]': rangeFilterValue.call(
					this,
					filters.updatedAt,
					'Updated At',
					itemIndex,
				),
			};
		},
	}),
);
