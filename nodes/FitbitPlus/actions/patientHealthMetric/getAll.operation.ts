import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'health metrics',
		description:
			"Without Patient, Groups or Organization, the health metrics of your credential's organization are listed",
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthMetric'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

// As an AI tool (version 2): the newest by when measured first.
export const execute = getMany('/patient_health_metric', scopedQuery(), {
	newestFirstBy: 'occurred_at',
});
