import { defineResource } from '../../helpers/resource';
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
			action: 'Count patients',
		},
		create: {
			name: 'Create',
			description:
				'Create patients (one per input item, sent in batches) in groups by ID or name, with contact details, identifiers and coaches',
			action: 'Create a patient',
		},
		upsert: {
			name: 'Create or Update',
			description:
				'Create a patient, or update the one an identifier (e.g. an MRN) already matches (upsert)',
			action: 'Create or update a patient',
		},
		get: {
			name: 'Get',
			description:
				'Get one patient by ID, with name, birth date, identifiers (MRN), groups and coaches',
			action: 'Get a patient',
		},
		getCoaches: {
			name: 'Get Coaches',
			description: 'List the coaches of a patient, by the patient ID',
			action: 'Get coaches of a patient',
		},
		getGroups: {
			name: 'Get Groups',
			description: 'List the groups a patient belongs to, by the patient ID',
			action: 'Get groups of a patient',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the patients of groups or of the organization, or find one by identifier (e.g. an MRN), archived state or creation/update time',
			action: 'Get many patients',
		},
		update: {
			name: 'Update',
			description: 'Change some fields of a patient by ID; fields not set keep their values',
			action: 'Update a patient',
		},
	},
	default: 'get',
});
