import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { rangeFilter, scopeFilters } from '../../helpers/fieldsFilters';
import { booleanQuery, getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';
import { inputError, requireText } from '../../../shared/helpers/validation';
import { rangeFilterValue } from '../../../shared/helpers/dateValidation';
import {
	archivedPatientsFilter,
	stateFilterField,
	stateFilterValue,
} from '../../../shared/helpers/stateFilter';
import { beforeVersion, fromVersion, nodeVersion } from '../../../shared/helpers/version';

const SCOPES = ['groups', 'organization'] as const;

/** Version 2's Archived filter (version 1: a toggle whose off state sent `false`). */
const ARCHIVED = archivedPatientsFilter('list');

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
				displayOptions: { show: beforeVersion(2) },
			},
			{ ...stateFilterField(ARCHIVED), displayOptions: { show: fromVersion(2) } },
			rangeFilter('createdAt', 'Created At', 'creation time'),
			// Version 2: the identifier's system and value as one filter (both are needed).
			{
				displayName: 'Identifier',
				name: 'identifier',
				type: 'fixedCollection',
				placeholder: 'Add Identifier',
				// Added from the collection, its fields show at once (as n8n's HTTP Request shows Pagination).
				default: { values: {} },
				description: 'Only the patient with this identifier: its system and its value',
				options: [
					{
						displayName: 'Identifier',
						name: 'values',
						values: [
							{
								displayName: 'System',
								name: 'system',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'e.g. medical-record-number',
								description: 'The identifier system, e.g. the MRN system of your EMR',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								required: true,
								default: '',
								placeholder: 'e.g. 121212',
								description: "The patient's identifier in that system",
							},
						],
					},
				],
				displayOptions: { show: fromVersion(2) },
			},
			{
				displayName: 'Identifier System',
				name: 'identifierSystem',
				type: 'string',
				default: '',
				placeholder: 'e.g. medical-record-number',
				description: "Only the patient with this identifier (needs 'Identifier Value' too)",
				displayOptions: { show: beforeVersion(2) },
			},
			{
				displayName: 'Identifier Value',
				name: 'identifierValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. 121212',
				description: "Only the patient with this identifier (needs 'Identifier System' too)",
				displayOptions: { show: beforeVersion(2) },
			},
			rangeFilter('updatedAt', 'Updated At', 'last update'),
		],
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patient'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Version 1: two separate filters, refused when only one is set. */
function identifierV1(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
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
	return { system, value };
}

/** Version 2: the Identifier filter, added with both its System and its Value or refused. */
function identifierV2(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
	if (filters.identifier === undefined) return {};
	const values = ((filters.identifier as IDataObject).values ?? {}) as IDataObject;
	const fill = 'Fill in both the System and the Value of the Identifier filter, or remove it.';
	return {
		system: requireText.call(this, values.system, 'Identifier System', itemIndex, fill),
		value: requireText.call(this, values.value, 'Identifier Value', itemIndex, fill),
	};
}

export const execute = getMany(
	'/patient',
	scopedQuery({
		scopes: SCOPES,
		more(this: IExecuteFunctions, itemIndex: number, filters: IDataObject) {
			const v2 = nodeVersion.call(this) >= 2;
			const { system, value } = (v2 ? identifierV2 : identifierV1).call(this, itemIndex, filters);
			return {
				'filter[identifier][system]': system,
				'filter[identifier][value]': value,
				'filter[archived]': v2
					? booleanQuery(stateFilterValue.call(this, ARCHIVED, filters.archivedStatus, itemIndex))
					: booleanQuery(filters.archived),
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
