import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../helpers/fields';
import { documentItems, forEachItem, getIdParameter, relationshipTo, resourceDocument } from '../../helpers/operations';
import { inputError, requireIsoDate } from '../../helpers/validation';
import { apiRequest, resourcePath } from '../../transport';
import { checkEffectiveDates, withRequiredFromCurrent } from '../action/shared';
import { hasValue, locatorId, optionalDate } from '../token/common';
import { bundleFields } from './shared';

const properties: INodeProperties[] = [
	idLocator({ name: 'bundleId', displayName: 'Bundle ID' }),
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
			...bundleFields,
			{
				displayName: 'Effective From',
				name: 'effective_from',
				type: 'dateTime',
				default: '',
				description: 'When the bundle starts',
			},
			{
				...idLocator({ name: 'plan', displayName: 'Plan ID', required: false }),
				description: 'Move the bundle to this plan (patient plan summary)',
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
			{ displayName: 'Type', name: 'type', type: 'string', default: '', placeholder: 'e.g. other_lifestyle' },
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['bundle'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const id = getIdParameter.call(this, 'bundleId', 'Bundle ID', itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		let attributes: IDataObject = {};
		for (const [name, label] of [
			['type', 'Type'],
			['title', 'Title'],
			['_thread', 'Thread'],
		] as const) {
			if (typeof fields[name] !== 'string') continue;
			const value = (fields[name] as string).trim();
			if (value === '' && name !== '_thread') inputError.call(this, itemIndex, `${label} is empty`, `Remove the field or give a ${label.toLowerCase()}.`);
			attributes[name] = value;
		}
		if (fields.effective_from !== undefined && fields.effective_from !== '') {
			attributes.effective_from = requireIsoDate.call(this, fields.effective_from, 'Effective From', itemIndex);
		}
		const effectiveTo = optionalDate.call(this, fields.effective_to, 'Effective To', itemIndex);
		if (effectiveTo !== undefined) attributes.effective_to = effectiveTo;
		checkEffectiveDates.call(this, attributes, itemIndex);
		const relationships: IDataObject = {};
		if (hasValue(fields.plan)) relationships.plan = relationshipTo('patient_plan_summary', locatorId.call(this, fields.plan, 'Plan ID', itemIndex));
		if (hasValue(fields.action)) relationships.actions = relationshipTo('action', locatorId.call(this, fields.action, 'Action ID', itemIndex));
		if (Object.keys(attributes).length === 0 && Object.keys(relationships).length === 0) {
			inputError.call(this, itemIndex, 'Nothing to update', 'Add at least one field under Update Fields.');
		}
		attributes = await withRequiredFromCurrent.call(this, '/bundle/{id}', id, attributes, itemIndex);
		const body = resourceDocument('bundle', attributes, relationships, id);
		const document = await apiRequest.call(this, 'PATCH', resourcePath('/bundle/{id}', { id }), body, undefined, { itemIndex });
		return documentItems.call(this, document, itemIndex);
	});
}
