import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const rewardEarningFulfillment = defineResource({
	resource: {
		name: 'Reward Earning Fulfillment',
		value: 'rewardEarningFulfillment',
		description: 'The payout of an earned reward',
	},
	operations: { create, get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				"Count a patient's reward earning fulfillments (payouts), in one request however many there are",
			action: 'Count reward earning fulfillments',
		},
		create: {
			name: 'Create',
			description: 'Record that an earned reward was paid out to the patient (once per earning)',
			action: 'Create a reward earning fulfillment',
		},
		get: {
			name: 'Get',
			description: 'Get one reward earning fulfillment (the payout of an earned reward) by ID',
			action: 'Get a reward earning fulfillment',
		},
		getAll: {
			name: 'Get Many',
			description:
				"List the reward earning fulfillments (payouts) of a patient, or of groups or your credential's organization (patient by patient)",
			action: 'Get many reward earning fulfillments',
		},
	},
	default: 'getAll',
});
