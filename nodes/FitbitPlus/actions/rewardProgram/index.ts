import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getGroup from './getGroup.operation';

export const rewardProgram = defineResource({
	resource: {
		name: 'Reward Program',
		value: 'rewardProgram',
		description: 'Incentive programs with a budget, for the patients of a group',
	},
	operations: { create, get, getAll, count, getGroup },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the reward programs that match the filters Get Many takes, in one request however many there are',
			action: 'Count reward programs',
		},
		create: {
			name: 'Create',
			description: 'Create a reward program with a budget for the patients of a group',
			action: 'Create a reward program',
		},
		get: {
			name: 'Get',
			description: 'Get one reward program by ID, with its budget',
			action: 'Get a reward program',
		},
		getGroup: {
			name: 'Get Group',
			description: 'Get the group a reward program belongs to, by the program ID',
			action: 'Get the group of a reward program',
		},
		getAll: {
			name: 'Get Many',
			description: "List reward programs of some groups, or of your credential's organization",
			action: 'Get many reward programs',
		},
	},
	default: 'getAll',
});
