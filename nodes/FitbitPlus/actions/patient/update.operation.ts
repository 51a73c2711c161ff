import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { updateFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { updateOperation } from '../../helpers/writeOperations';
import { buildAttributes } from './body';
import { attributeOptions, coachOptions, groupsOption } from './fields';
import { changedRelationships } from './relationships';
import { reportUnmappedColumns, usesColumns, versionedForms } from '../../helpers/columnMapper';
import { dryRunField } from '../../helpers/dryRun';
import { mappedPatientFields, patientMrnSystemField, patientColumnsField } from './mapper';
import type { ApiSession } from '../../../shared/transport';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient to update',
	}),
	// Version 2 maps the changed fields from columns; version 1 (and the AI tool) keeps one field each.
	...versionedForms(
		[
			updateFields(
				[...attributeOptions(true), ...coachOptions(), groupsOption].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
				'Only the fields added here are sent; the others keep their values',
			),
		],
		[
			patientMrnSystemField,
			patientColumnsField('update'),
			updateFields(
				[...coachOptions(), groupsOption].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
				'Only the relationships added here are sent; the others stay as they are',
			),
		],
	),
	dryRunField,
	simplifyField,
];

const update = updateOperation({
	displayOptions: { show: { resource: ['patient'], operation: ['update'] } },
	type: 'patient',
	id: { name: 'patientId', label: 'Patient' },
	properties,
	alwaysAttributes: true,
	build(itemIndex, _id, session) {
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		// Under the mapper, columns left empty are not sent: the patient keeps those values.
		const attributeFields = usesColumns.call(this, session)
			? mappedPatientFields.call(this, session, itemIndex, 'update').fields
			: updateFields;
		return {
			attributes: buildAttributes.call(this, attributeFields, itemIndex),
			relationships: changedRelationships.call(this, updateFields, itemIndex),
		};
	},
});

export const { description } = update;

/** Updates one patient per item; under the mapper, reports the input columns that mapped to nothing. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	const output = await update.execute.call(this, items, session);
	reportUnmappedColumns.call(this, session, 'patient');
	return output;
}
