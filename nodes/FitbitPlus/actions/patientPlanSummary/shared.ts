import type { IExecuteFunctions } from 'n8n-workflow';

import { includeField } from '../../../shared/helpers/fields';
import { includeQuery } from '../../../shared/helpers/operations';

const PLAN_SUMMARY_INCLUDES = ['actions', 'bundles', 'patient', 'current_results'] as const;

export const planSummaryIncludeField = includeField([
	{ name: 'Actions', value: 'actions', description: 'The plan actions' },
	{
		name: 'Bundles',
		value: 'bundles',
		description: 'The bundles of actions the plan is built from',
	},
	{
		name: 'Current Results',
		value: 'current_results',
		description: 'The latest result of each action',
	},
	{ name: 'Patient', value: 'patient' },
]);

export function planSummaryInclude(this: IExecuteFunctions, itemIndex: number) {
	return includeQuery.call(this, itemIndex, PLAN_SUMMARY_INCLUDES);
}
