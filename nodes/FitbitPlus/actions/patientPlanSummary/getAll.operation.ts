import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { scopeFilters } from '../../helpers/fieldsFilters';
import { getMany } from '../../helpers/operations';
import { scopedQuery } from '../../helpers/scope';
import { include } from './fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	scopeFilters({
		what: 'plan summaries',
		description:
			"Without Patient, Groups or Organization, the plan summaries of your credential's organization are listed",
	}),
	include.field,
	simplifyField,
];

const displayOptions = { show: { resource: ['patientPlanSummary'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany('/patient_plan_summary', scopedQuery({ more: include.query }));
