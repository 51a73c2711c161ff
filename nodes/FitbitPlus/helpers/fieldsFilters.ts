/** The Filters collection of a Get Many: range filters, the scope filters (patient, groups, organization). */
import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName, idLocator, listField } from '../../shared/helpers/fields';

const DATE_HINT = {
	propertyHint:
		'An ISO 8601 date or date-time, e.g. 2024-03-01 or 2024-03-01T09:30:00Z. From is inclusive, To exclusive; either may be left empty.',
};

/** A range filter (`from..to`, From inclusive, To exclusive) as a pair of date-time fields. */
export function rangeFilter(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName} Range`,
		description: `Only records whose ${what} falls in this range (From inclusive, To exclusive)`,
		options: [
			{
				displayName: 'Range',
				name: 'range',
				values: [
					{
						displayName: 'From',
						name: 'from',
						type: 'dateTime',
						default: '',
						builderHint: DATE_HINT,
					},
					{ displayName: 'To', name: 'to', type: 'dateTime', default: '', builderHint: DATE_HINT },
				],
			},
		],
	};
}

/** What the API lets a Get Many narrow its collection by (`filter[patient]`, `filter[groups]`, `filter[organization]`). */
export type Scope = 'patient' | 'groups' | 'organization';

export const ALL_SCOPES: readonly Scope[] = ['patient', 'groups', 'organization'];

/**
 * The Filters collection of a Get Many whose collection the API scopes by patient, groups or organization: the
 * scope filters (`scopes`, all three by default) and any `more` filters, in display-name order.
 *
 * - `what`: the records, for descriptions ("health metrics"). Where the collection has a patient filter, its
 *   records are a patient's, and the groups filter reads "of patients in any of these groups".
 * - `organizationById`: the organization as an ID typed in (Organization ID), instead of the dropdown of the
 *   credential's organization (Organization Name or ID).
 */
export function scopeFilters(options: {
	what: string;
	description: string;
	scopes?: readonly Scope[];
	organizationById?: boolean;
	more?: INodeProperties[];
}): INodeProperties {
	const { what, scopes = ALL_SCOPES } = options;
	const fields: Record<Scope, INodeProperties> = {
		groups: listField('group', {
			name: 'groups',
			many: true,
			description: `Only ${what}${scopes.includes('patient') ? ' of patients' : ''} in any of these groups.`,
		}),
		organization: options.organizationById
			? {
					displayName: 'Organization ID',
					name: 'organization',
					type: 'string',
					default: '',
					placeholder: 'e.g. 58c4554710123c5c40dbab81',
					description: `Only ${what} of this organization`,
				}
			: listField('organization', {
					name: 'organization',
					description: `Only ${what} of this organization.`,
				}),
		patient: {
			...idLocator({
				name: 'patient',
				displayName: 'Patient',
				searchable: 'patient',
				required: false,
			}),
			description: `Only ${what} of this patient`,
		},
	};
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: options.description,
		options: [...scopes.map((scope) => fields[scope]), ...(options.more ?? [])].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The Filters collection of a Get Many (`description`: which filter the API requires, where it requires one). */
export function filtersCollection(
	options: INodeProperties[],
	description?: string,
): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: byDisplayName(options),
	};
	if (description !== undefined) field.description = description;
	return field;
}
