import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const healthProfileAnswer = defineResource({
	resource: {
		name: 'Health Profile Answer',
		value: 'healthProfileAnswer',
		description: "A patient's answers to health profile questions",
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health profile answers that match the filters Get Many takes, in one request however many there are',
			action: 'Count health profile answers',
		},
		get: {
			name: 'Get',
			description: "Get one answer of a patient's health profile by ID",
			action: 'Get a health profile answer',
		},
		getAll: {
			name: 'Get Many',
			description: 'List the health profile answers of a patient, of groups or of the organization',
			action: 'Get many health profile answers',
		},
	},
	default: 'getAll',
});
