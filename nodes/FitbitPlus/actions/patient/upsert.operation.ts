import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../../shared/helpers/fieldsDocument';
import { listField, listIds, simplifyField } from '../../../shared/helpers/fields';
import { inputError } from '../../../shared/helpers/validation';
import { upsertOperation } from '../../../shared/helpers/writeOperations';
import { namedPatientAttributes } from './body';
import { attributeOptions, coachOptions, groupsOption, nameFields } from './fields';
import { changedRelationships } from './relationships';

const properties: INodeProperties[] = [
	{
		displayName: 'Match Identifier System',
		name: 'matchSystem',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. medical-record-number',
		description: 'The identifier system to find the patient by (with the value below)',
	},
	{
		displayName: 'Match Identifier Value',
		name: 'matchValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 121212',
		description:
			'The identifier value to find the patient by. If no patient has it, one is created: include the identifier under Identifiers so the next run finds it.',
	},
	listField('group', {
		name: 'matchGroups',
		many: true,
		displayName: 'Match Group Names or IDs',
		description: 'The groups to look for the patient in (a new patient joins them).',
		required: true,
	}),
	...nameFields,
	additionalFields(
		[...attributeOptions(false), ...coachOptions(), groupsOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	),
	simplifyField,
];

export const { description, execute } = upsertOperation({
	displayOptions: { show: { resource: ['patient'], operation: ['upsert'] } },
	type: 'patient',
	properties,
	note: 'Name the patient to update (or create) in "meta": {"query": {"identifier": {"system": "…", "value": "…"}, "groups": ["…"]}}.',
	alwaysAttributes: true,
	build(itemIndex) {
		const system = String(this.getNodeParameter('matchSystem', itemIndex, '') ?? '').trim();
		const value = String(this.getNodeParameter('matchValue', itemIndex, '') ?? '').trim();
		if (system === '' || value === '') {
			inputError.call(
				this,
				itemIndex,
				'Match Identifier System and Value are both required',
				'They name the patient to update (or create).',
			);
		}
		const groups = listIds.call(
			this,
			this.getNodeParameter('matchGroups', itemIndex, []),
			'Match Group',
			itemIndex,
		);
		if (groups.length === 0)
			inputError.call(
				this,
				itemIndex,
				'No Match Group chosen',
				'Pick the groups to look for the patient in.',
			);
		const additionalFields = this.getNodeParameter(
			'additionalFields',
			itemIndex,
			{},
		) as IDataObject;
		return {
			attributes: namedPatientAttributes.call(this, additionalFields, itemIndex),
			relationships: changedRelationships.call(this, additionalFields, itemIndex),
			meta: { query: { identifier: { system, value }, groups } },
		};
	},
});
