import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const group = defineResource({
	resource: {
		name: 'Group',
		value: 'group',
		description: 'Groups of patients and coaches',
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the groups that match the filters Get Many takes, in one request however many there are',
			action: 'Count groups',
		},
		create: {
			name: 'Create',
			description: 'Create a group of patients and coaches in your organization',
			action: 'Create a group',
		},
		get: {
			name: 'Get',
			description: 'Get one group by ID',
			action: 'Get a group',
		},
		getAll: {
			name: 'Get Many',
			description: 'List the groups your credential can reach, optionally by name or organization',
			action: 'Get many groups',
		},
	},
	default: 'getAll',
});
