import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const healthProfile = defineResource({
	resource: {
		name: 'Health Profile',
		value: 'healthProfile',
		description: "A patient's health questionnaire",
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health profiles that match the filters Get Many takes, in one request however many there are',
			action: 'Count health profiles',
		},
		get: {
			name: 'Get',
			description: "Get one patient's health profile (the questionnaire they filled in) by ID",
			action: 'Get a health profile',
		},
		getAll: {
			name: 'Get Many',
			description: 'List the health profiles of a patient, of groups or of the organization',
			action: 'Get many health profiles',
		},
	},
	default: 'getAll',
});
