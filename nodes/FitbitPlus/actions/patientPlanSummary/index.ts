import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const patientPlanSummary = defineResource({
	resource: {
		name: 'Patient Plan Summary',
		value: 'patientPlanSummary',
		description: "A patient's care plan: actions, adherence and critical thresholds",
	},
	operations: { get, getAll, count, update },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the plan summaries that match the filters Get Many takes, in one request however many there are',
			action: 'Count plan summaries',
		},
		get: {
			name: 'Get',
			description: "Get one patient's plan summary (actions, adherence, critical thresholds) by ID",
			action: 'Get a plan summary',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the plan summaries (actions, adherence, critical thresholds) of a patient, of groups or of the organization',
			action: 'Get many plan summaries',
		},
		update: {
			name: 'Update',
			description:
				"Change a plan summary's time zone, critical thresholds, window order, or its actions, bundles and current results, by ID",
			action: 'Update a plan summary',
		},
	},
	default: 'get',
});
