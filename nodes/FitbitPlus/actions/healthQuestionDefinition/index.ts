import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const healthQuestionDefinition = defineResource({
	resource: {
		name: 'Health Question Definition',
		value: 'healthQuestionDefinition',
		description: 'The questions health profiles can ask',
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the health question definitions that match the filters Get Many takes, in one request however many there are',
			action: 'Count health question definitions',
		},
		get: {
			name: 'Get',
			description:
				'Get one health question definition (the question text and its answer choices) by ID',
			action: 'Get a health question definition',
		},
		getAll: {
			name: 'Get Many',
			description: 'List the health questions that health profiles can ask',
			action: 'Get many health question definitions',
		},
	},
	default: 'getAll',
});
