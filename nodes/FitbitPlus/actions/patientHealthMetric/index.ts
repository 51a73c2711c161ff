import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const patientHealthMetric = defineResource({
	resource: {
		name: 'Patient Health Metric',
		value: 'patientHealthMetric',
		description: 'Measurements of a patient (weight, blood pressure, lab values…)',
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health metrics that match the filters Get Many takes, in one request however many there are',
			action: 'Count health metrics',
		},
		create: {
			name: 'Create',
			description:
				'Record measurements (weight, blood pressure, lab values…) for patients: one per input item, sent in batches',
			action: 'Create a health metric',
		},
		get: {
			name: 'Get',
			description: 'Get one health metric by ID',
			action: 'Get a health metric',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the health metrics (weight, blood pressure, lab values…) of a patient, of groups or of the organization',
			action: 'Get many health metrics',
		},
	},
	default: 'create',
});
