import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentFields, idLocator, simplifyField } from '../../../shared/helpers/fields';
import {
	forEachItem,
	getIdParameter,
	optionalLocatorId,
	relationshipTo,
	withoutEmpty,
} from '../../../shared/helpers/operations';
import { optionalIsoDate, optionalRequiredText } from '../../../shared/helpers/validation';
import {
	checkEffectiveDates,
	requiredFromCurrentNotice,
	sendPlanItemUpdate,
} from '../action/shared';
import { bundleFields } from './shared';

const properties: INodeProperties[] = [
	idLocator({ name: 'bundleId', displayName: 'Bundle ID' }),
	requiredFromCurrentNotice,
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
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'e.g. other_lifestyle',
			},
		],
	},
	simplifyField,
];

const displayOptions = { show: { resource: ['bundle'], operation: ['update'] } };

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, { type: 'bundle', keep: ['bundleId'], update: true }),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const id = getIdParameter.call(this, 'bundleId', 'Bundle ID', itemIndex);
		return await sendPlanItemUpdate.call(this, 'bundle', id, itemIndex, () => {
			const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			const attributes: IDataObject = withoutEmpty({
				type: optionalRequiredText.call(this, fields.type, 'Type', itemIndex),
				title: optionalRequiredText.call(this, fields.title, 'Title', itemIndex),
				effective_from: optionalIsoDate.call(
					this,
					fields.effective_from,
					'Effective From',
					itemIndex,
				),
				effective_to: optionalIsoDate.call(this, fields.effective_to, 'Effective To', itemIndex),
			});
			// An empty Thread is sent as such: it clears the thread.
			if (typeof fields._thread === 'string') attributes._thread = fields._thread.trim();
			checkEffectiveDates.call(this, attributes, itemIndex);
			const relationships: IDataObject = {};
			const plan = optionalLocatorId.call(this, fields.plan, 'Plan ID', itemIndex);
			if (plan !== undefined) relationships.plan = relationshipTo('patient_plan_summary', plan);
			const action = optionalLocatorId.call(this, fields.action, 'Action ID', itemIndex);
			if (action !== undefined) relationships.actions = relationshipTo('action', action);
			return { attributes, relationships };
		});
	});
}
