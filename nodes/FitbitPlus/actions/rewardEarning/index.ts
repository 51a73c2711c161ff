import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const rewardEarning = defineResource({
	resource: {
		name: 'Reward Earning',
		value: 'rewardEarning',
		description: 'A reward a patient has earned',
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				"Count a patient's reward earnings that match the filters Get Many takes, in one request however many there are",
			action: 'Count reward earnings',
		},
		create: {
			name: 'Create',
			description: 'Record that a patient earned a reward, one per input item, sent in batches',
			action: 'Create a reward earning',
		},
		get: {
			name: 'Get',
			description: 'Get one reward earning by ID',
			action: 'Get a reward earning',
		},
		getAll: {
			name: 'Get Many',
			description:
				"List the reward earnings of a patient, or of groups or your credential's organization (patient by patient), optionally only those ready (or not yet ready) for fulfillment",
			action: 'Get many reward earnings',
		},
	},
	default: 'getAll',
});
