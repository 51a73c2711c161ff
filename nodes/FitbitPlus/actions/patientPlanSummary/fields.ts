import { includeRelated } from '../../../shared/helpers/fields';

/** Include Related of Get and Get Many Patient Plan Summary. */
export const include = includeRelated([
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
