import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'metricId',
		displayName: 'Health Metric ID',
		description: 'The ID of the health metric to get',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthMetric'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/patient_health_metric/{id}', 'metricId', 'Health Metric ID');
