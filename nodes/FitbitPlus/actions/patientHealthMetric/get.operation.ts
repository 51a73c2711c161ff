import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'metricId',
		displayName: 'Health Metric',
		description:
			"The health metric to get (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'patientHealthMetric',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthMetric'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/patient_health_metric/{id}', 'metricId', 'Health Metric');
