import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const bundle = defineResource({
	resource: {
		name: 'Bundle',
		value: 'bundle',
		description: "Named groups of actions in a patient's plan",
	},
	operations: { create, get, update },
	options: {
		create: {
			name: 'Create',
			description: "Add a bundle (a named group of action items) to a patient's plan",
			action: 'Create a bundle',
		},
		get: {
			name: 'Get',
			description: "Get one bundle of a patient's plan by ID",
			action: 'Get a bundle',
		},
		update: {
			name: 'Update',
			description: "Change a bundle of a patient's plan by ID",
			action: 'Update a bundle',
		},
	},
	default: 'get',
});
