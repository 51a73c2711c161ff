import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const coach = defineResource({
	resource: {
		name: 'Coach',
		value: 'coach',
		description: 'Care team members',
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the coaches that match the filters Get Many takes, in one request however many there are',
			action: 'Count coaches',
		},
		get: {
			name: 'Get',
			description: 'Get one coach (care team member) by ID',
			action: 'Get a coach',
		},
		getAll: {
			name: 'Get Many',
			description: 'List the coaches of groups or of the organization',
			action: 'Get many coaches',
		},
	},
	default: 'getAll',
});
