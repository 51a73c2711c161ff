import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { additionalFields } from '../../helpers/fieldsDocument';
import { listField, listIds, simplifyField } from '../../../shared/helpers/fields';
import { inputError } from '../../../shared/helpers/validation';
import { upsertOperation } from '../../helpers/writeOperations';
import { buildAttributes, namedPatientAttributes } from './body';
import { reportUnmappedColumns, usesColumns, versionedForms } from '../../helpers/columnMapper';
import { dryRunField } from '../../helpers/dryRun';
import {
	mappedPatientFields,
	mrnSystem,
	patientMrnSystemField,
	patientColumnsField,
} from './mapper';
import { attributeOptions, coachOptions, groupsOption, nameFields } from './fields';
import { changedRelationships } from './relationships';
import type { ApiSession } from '../../../shared/transport';

const matchFields: INodeProperties[] = [
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
];

const properties: INodeProperties[] = [
	// Version 2 maps the patient's fields from columns and matches on the MRN column; version 1 (and the AI tool)
	// keeps one field each.
	...versionedForms(matchFields, []),
	listField('group', {
		name: 'matchGroups',
		many: true,
		displayName: 'Match Group Names or IDs',
		description: 'The groups to look for the patient in (a new patient joins them).',
		required: true,
	}),
	...versionedForms(
		[
			...nameFields,
			additionalFields(
				[...attributeOptions(false), ...coachOptions(), groupsOption].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
			),
		],
		[
			patientMrnSystemField,
			patientColumnsField('upsert'),
			additionalFields(
				[...coachOptions(), groupsOption].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
			),
		],
	),
	dryRunField,
	simplifyField,
];

/** The identifier to match on: the MRN column under the mapper, else Match Identifier System and Value. */
function matchIdentifier(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
	mrn: string | undefined,
) {
	if (usesColumns.call(this, session))
		return { system: mrnSystem.call(this, itemIndex), value: mrn ?? '' };
	return {
		system: String(this.getNodeParameter('matchSystem', itemIndex, '') ?? '').trim(),
		value: String(this.getNodeParameter('matchValue', itemIndex, '') ?? '').trim(),
	};
}

const upsert = upsertOperation({
	displayOptions: { show: { resource: ['patient'], operation: ['upsert'] } },
	type: 'patient',
	properties,
	note: 'Name the patient to update (or create) in "meta": {"query": {"identifier": {"system": "…", "value": "…"}, "groups": ["…"]}}.',
	alwaysAttributes: true,
	build(itemIndex, session) {
		const mapped = usesColumns.call(this, session)
			? mappedPatientFields.call(this, session, itemIndex, 'upsert')
			: undefined;
		const { system, value } = matchIdentifier.call(this, session, itemIndex, mapped?.mrn);
		if (system === '' || value === '') {
			inputError.call(
				this,
				itemIndex,
				"'Match Identifier System' and 'Match Identifier Value' are both required",
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
			attributes: mapped
				? buildAttributes.call(this, mapped.fields, itemIndex)
				: namedPatientAttributes.call(this, additionalFields, itemIndex),
			relationships: changedRelationships.call(this, additionalFields, itemIndex),
			meta: { query: { identifier: { system, value }, groups } },
		};
	},
});

export const { description } = upsert;

/** Creates or updates one patient per item; under the mapper, reports the input columns that mapped to nothing. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	const output = await upsert.execute.call(this, items, session);
	reportUnmappedColumns.call(this, session, 'patient');
	return output;
}
