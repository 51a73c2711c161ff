import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const reward = defineResource({
	resource: {
		name: 'Reward',
		value: 'reward',
		description: 'A reward allocated to a patient from their program budget',
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the rewards that match the filters Get Many takes, in one request however many there are',
			action: 'Count rewards',
		},
		create: {
			name: 'Create',
			description: "Allocate a reward to a patient from their reward program activation's budget",
			action: 'Create a reward',
		},
		get: {
			name: 'Get',
			description: 'Get one reward by ID, with what was earned and fulfilled',
			action: 'Get a reward',
		},
		getAll: {
			name: 'Get Many',
			description:
				"List rewards of a patient, an activation, groups, or your credential's organization",
			action: 'Get many rewards',
		},
	},
	default: 'getAll',
});
