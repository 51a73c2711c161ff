import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'activations',
		description:
			"Without 'Patient', 'Group Names or IDs' or 'Organization ID', the activations of your credential's organization are listed",
		organizationById: true,
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['rewardProgramActivation'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/reward_program_activation',
	scopedQuery({ organizationLabel: 'Organization ID' }),
);
