import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';
import { include } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'planSummaryId',
		displayName: 'Plan Summary',
		description:
			"The plan summary to get (the list: your organization's, or a patient's when you type their ID)",
		searchable: 'patientPlanSummary',
	}),
	include.field,
	simplifyField,
];

const displayOptions = { show: { resource: ['patientPlanSummary'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById(
	'/patient_plan_summary/{id}',
	'planSummaryId',
	'Plan Summary ID',
	include.query,
);
