import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, scopeFilters, simplifyField } from '../../../shared/helpers/fields';
import { getMany } from '../../../shared/helpers/operations';
import { scopedQuery } from '../../../shared/helpers/scope';
import { includeRelated, includeRelatedField } from './shared';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'health profiles',
		description:
			"Without Patient, Groups or Organization, the health profiles of your credential's organization are listed",
	}),
	includeRelatedField,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfile'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/health_profile', scopedQuery({ more: includeRelated }));
