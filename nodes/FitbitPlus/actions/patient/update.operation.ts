import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateFields } from '../../../shared/helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { updateOperation } from '../../../shared/helpers/writeOperations';
import { buildAttributes } from './body';
import { attributeOptions, coachOptions, groupsOption } from './fields';
import { changedRelationships } from './relationships';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient to update',
	}),
	updateFields(
		[...attributeOptions(true), ...coachOptions(), groupsOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
		'Only the fields added here are sent; the others keep their values',
	),
	simplifyField,
];

export const { description, execute } = updateOperation({
	displayOptions: { show: { resource: ['patient'], operation: ['update'] } },
	type: 'patient',
	id: { name: 'patientId', label: 'Patient' },
	properties,
	alwaysAttributes: true,
	build(itemIndex) {
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		return {
			attributes: buildAttributes.call(this, updateFields, itemIndex),
			relationships: changedRelationships.call(this, updateFields, itemIndex),
		};
	},
});
