import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const action = defineResource({
	resource: {
		name: 'Action Item',
		value: 'action',
		description: "Health actions in a patient's plan",
	},
	operations: { create, get, update },
	options: {
		create: {
			name: 'Create',
			description:
				"Add an action item (what the patient does, when, and what they record) to a patient's plan",
			action: 'Create an action item',
		},
		get: {
			name: 'Get',
			description: "Get one action item of a patient's plan by ID, with its adherence",
			action: 'Get an action item',
		},
		update: {
			name: 'Update',
			description: "Change an action item of a patient's plan by ID",
			action: 'Update an action item',
		},
	},
	default: 'get',
});
