import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const SCOPES = ['organization'] as const;

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'groups',
		description: "Without Organization, the groups of your credential's organization are listed",
		scopes: SCOPES,
		more: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only the group with exactly this name',
			},
		],
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['group'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// The API requires an organization; the credential's own is what a user means when they leave it out.
export const execute = getMany(
	'/group',
	scopedQuery({
		scopes: SCOPES,
		more: (_itemIndex: number, filters: IDataObject) => ({ 'filter[name]': filters.name }),
	}),
);
