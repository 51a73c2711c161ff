import { defineResource } from '../../../shared/helpers/resource';
import * as count from './count.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCoaches from './getCoaches.operation';
import * as getGroups from './getGroups.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const patient = defineResource({
	resource: {
		name: 'Patient',
		value: 'patient',
		description: 'People in care: contact details, identifiers, groups and coaches',
	},
	operations: { create, upsert, get, getAll, count, getGroups, getCoaches, update },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the patients that match the filters Get Many takes, in one request however many there are',
			action: 'Count patients matching filters',
		},
		create: {
			name: 'Create',
			description:
				'Create patients (one per input item, sent in batches) in groups by ID or name, with contact details, identifiers and coaches',
			action: 'Create a patient in groups',
		},
		upsert: {
			name: 'Create or Update',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a patient matched by identifier',
		},
		get: {
			name: 'Get',
			description: 'Get one patient by ID',
			action: 'Get a patient by ID with name birth date MRN groups and coaches',
		},
		getCoaches: {
			name: 'Get Coaches',
			description: 'List the coaches of a patient',
			action: 'Get the coaches of a patient by patient ID',
		},
		getGroups: {
			name: 'Get Groups',
			description: 'List the groups a patient belongs to',
			action: 'Get the groups of a patient by patient ID',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the patients of groups or of the organization, optionally by identifier, archived state or creation/update time',
			action: 'Get many patients of a group or find one by MRN',
		},
		update: {
			name: 'Update',
			description: 'Change some fields of a patient; fields not set keep their values',
			action: 'Update fields of a patient by ID',
		},
	},
	default: 'get',
});
