import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../helpers/fields';
import { documentItems, forEachItem, getIdParameter, relationshipTo, resourceDocument } from '../../helpers/operations';
import { inputError, requireIsoDate } from '../../helpers/validation';
import { apiRequest, resourcePath } from '../../transport';
import { hasValue, locatorId } from '../token/common';
import {
	actionType,
	actionTypeOptions,
	checkEffectiveDates,
	optionalActionAttributes,
	optionalActionFields,
	withRequiredFromCurrent,
} from './shared';

const properties: INodeProperties[] = [
	idLocator({ name: 'actionId', displayName: 'Action ID' }),
	{
		displayName:
			'The API needs Type, Title and Effective From with every change: those you do not set are sent as they are now',
		name: 'requiredNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add are changed',
		options: [
			{
				displayName: 'Effective From',
				name: 'effective_from',
				type: 'dateTime',
				default: '',
				description: 'When the action starts',
			},
			{
				...idLocator({ name: 'plan', displayName: 'Plan ID', required: false }),
				description: 'Move the action to this plan (patient plan summary)',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: actionTypeOptions,
				default: 'other_lifestyle',
			},
			...optionalActionFields,
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['action'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const id = getIdParameter.call(this, 'actionId', 'Action ID', itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		let attributes: IDataObject = optionalActionAttributes.call(this, fields, itemIndex);
		if (fields.type !== undefined) attributes.type = actionType.call(this, fields.type, itemIndex);
		if (typeof fields.title === 'string') {
			if (fields.title.trim() === '') inputError.call(this, itemIndex, 'Title is empty', 'Remove the field or give a title.');
			attributes.title = fields.title.trim();
		}
		if (fields.effective_from !== undefined && fields.effective_from !== '') {
			attributes.effective_from = requireIsoDate.call(this, fields.effective_from, 'Effective From', itemIndex);
		}
		checkEffectiveDates.call(this, attributes, itemIndex);
		const relationships: IDataObject = {};
		if (hasValue(fields.plan)) relationships.plan = relationshipTo('patient_plan_summary', locatorId.call(this, fields.plan, 'Plan ID', itemIndex));
		if (Object.keys(attributes).length === 0 && Object.keys(relationships).length === 0) {
			inputError.call(this, itemIndex, 'Nothing to update', 'Add at least one field under Update Fields.');
		}
		attributes = await withRequiredFromCurrent.call(this, '/action/{id}', id, attributes, itemIndex);
		const body = resourceDocument('action', attributes, relationships, id);
		const document = await apiRequest.call(this, 'PATCH', resourcePath('/action/{id}', { id }), body, undefined, { itemIndex });
		return documentItems.call(this, document, itemIndex);
	});
}
