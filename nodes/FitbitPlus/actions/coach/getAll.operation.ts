import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'coaches',
		description:
			"Without Groups or Organization, the coaches of your credential's organization are listed",
		scopes: ['groups', 'organization'],
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['coach'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/coach', scopedQuery({ scopes: ['groups', 'organization'] }));
