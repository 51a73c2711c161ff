import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, scopeFilters, simplifyField } from '../../../shared/helpers/fields';
import { getMany } from '../../../shared/helpers/operations';
import { scopedQuery } from '../../../shared/helpers/scope';
import { includeRelated, includeRelatedField } from './shared';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'health profile questions',
		description: 'Patient, Groups or Organization is required by Fitbit Plus',
	}),
	includeRelatedField,
	simplifyField,
];

const displayOptions = { show: { resource: ['healthProfileQuestion'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/health_profile_question',
	scopedQuery({ whenUnscoped: 'refuse', more: includeRelated }),
);
