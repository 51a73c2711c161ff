import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const SCOPES = ['groups', 'organization'] as const;

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'programs',
		description:
			"Without 'Group Names or IDs' or 'Organization ID', the programs of your credential's organization are listed",
		scopes: SCOPES,
		organizationById: true,
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgram'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/reward_program',
	scopedQuery({
		scopes: SCOPES,
		organizationLabel: 'Organization ID',
	}),
);
