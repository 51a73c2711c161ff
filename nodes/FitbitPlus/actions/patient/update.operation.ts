import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentFields, idLocator, simplifyField } from '../../../shared/helpers/fields';
import {
	documentBody,
	forEachItem,
	getIdParameter,
	requireChanges,
	sendDocument,
} from '../../../shared/helpers/operations';
import { resourcePath } from '../../../shared/transport';
import {
	attributeOptions,
	buildAttributes,
	coachOptions,
	groupsOption,
	patientDocument,
} from './fields';
import { changedRelationships } from './relationships';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient to update',
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others keep their values',
		options: [...attributeOptions(true), ...coachOptions(), groupsOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['patient'], operation: ['update'] } };

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, { type: 'patient', keep: ['patientId'], update: true }),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const id = getIdParameter.call(this, 'patientId', 'Patient', itemIndex);
		const body = await documentBody.call(
			this,
			itemIndex,
			'patient',
			() => {
				const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
				const attributes = buildAttributes.call(this, updateFields, itemIndex);
				const relationships = changedRelationships.call(this, updateFields, itemIndex);
				requireChanges.call(this, itemIndex, attributes, relationships);
				return patientDocument(attributes, relationships, id);
			},
			{ id },
		);
		return await sendDocument.call(
			this,
			'PATCH',
			resourcePath('/patient/{id}', { id }),
			body,
			itemIndex,
		);
	});
}
