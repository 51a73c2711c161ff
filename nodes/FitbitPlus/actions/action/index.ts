import { defineResource } from '../../../shared/helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const action = defineResource({
	resource: {
		name: 'Action',
		value: 'action',
		description: "Health actions in a patient's plan",
	},
	operations: { create, get, update },
	options: {
		create: {
			name: 'Create',
			description:
				"Add a health action (what the patient does, when, and what they record) to a patient's plan",
			action: 'Add an action to a patient plan',
		},
		get: {
			name: 'Get',
			description: "Get one action of a patient's plan by ID, with its adherence",
			action: 'Get a plan action by ID with its adherence',
		},
		update: {
			name: 'Update',
			description: "Change an action of a patient's plan",
			action: 'Update a plan action by ID',
		},
	},
	default: 'get',
});
