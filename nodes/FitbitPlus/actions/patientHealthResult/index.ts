import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const patientHealthResult = defineResource({
	resource: {
		name: 'Patient Health Result',
		value: 'patientHealthResult',
		description: 'What a patient logged against the actions of their plan',
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health results that match the filters Get Many takes, in one request however many there are',
			action: 'Count health results',
		},
		get: {
			name: 'Get',
			description:
				"Get one health result (a patient's answer to a plan action, e.g. a logged measurement) by ID",
			action: 'Get a health result',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the health results of a patient, optionally by plan action, thread, or occurrence/creation/update time',
			action: 'Get many health results',
		},
	},
	default: 'getAll',
});
