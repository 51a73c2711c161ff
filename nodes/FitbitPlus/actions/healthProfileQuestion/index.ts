import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const healthProfileQuestion = defineResource({
	resource: {
		name: 'Health Profile Question',
		value: 'healthProfileQuestion',
		description: "The questions of a patient's health profile",
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health profile questions that match the filters Get Many takes, in one request however many there are',
			action: 'Count health profile questions',
		},
		get: {
			name: 'Get',
			description: "Get one question of a patient's health profile by ID",
			action: 'Get a health profile question',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the health profile questions of a patient, of groups or of the organization',
			action: 'Get many health profile questions',
		},
	},
	default: 'getAll',
});
