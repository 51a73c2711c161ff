import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const rewardProgramActivation = defineResource({
	resource: {
		name: 'Reward Program Activation',
		value: 'rewardProgramActivation',
		description: "A patient's enrollment in a reward program",
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the reward program activations that match the filters Get Many takes, in one request however many there are',
			action: 'Count reward program activations',
		},
		create: {
			name: 'Create',
			description: 'Enroll a patient in a reward program (once per patient and program)',
			action: 'Create a reward program activation',
		},
		get: {
			name: 'Get',
			description: 'Get one reward program activation by ID, with its allocated and earned totals',
			action: 'Get a reward program activation',
		},
		getAll: {
			name: 'Get Many',
			description:
				"List reward program activations of a patient, of groups, or of your credential's organization",
			action: 'Get many reward program activations',
		},
	},
	default: 'getAll',
});
