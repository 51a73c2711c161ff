import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, textParameter } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, relationshipTo, relationshipToMany } from '../../helpers/operations';
import { checkEffectiveDates } from '../../helpers/planItems';
import { requireObjectIds } from '../../../shared/helpers/validation';
import { createOperation } from '../../helpers/writeOperations';
import { actionType, optionalActionAttributes } from './body';
import { actionTypeOptions, optionalActionFields } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'planId',
		displayName: 'Plan ID',
		description: "The patient's plan (patient plan summary) to add the action to",
	}),
	{
		displayName: 'Type',
		name: 'actionType',
		type: 'options',
		options: actionTypeOptions,
		required: true,
		default: 'other_lifestyle',
		description: 'The kind of action',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Record Blood Pressure',
	},
	{
		displayName: 'Effective From',
		name: 'effectiveFrom',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the action starts',
	},
	additionalFields([
		{
			displayName: 'Bundle IDs',
			name: 'bundles',
			type: 'string',
			default: '',
			placeholder: 'e.g. 58aacf0d076adcef394bac30',
			description: 'Bundles of the plan the action belongs to (comma-separated IDs)',
		},
		...optionalActionFields,
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['action'], operation: ['create'] } },
	type: 'action',
	properties,
	build(itemIndex) {
		const plan = getIdParameter.call(this, 'planId', 'Plan ID', itemIndex);
		const title = textParameter.call(this, 'title', 'Title', itemIndex, 'Give the action a title.');
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const attributes: IDataObject = {
			type: actionType.call(this, this.getNodeParameter('actionType', itemIndex), itemIndex),
			title,
			effective_from: dateParameter.call(this, 'effectiveFrom', 'Effective From', itemIndex),
			...optionalActionAttributes.call(this, additional, itemIndex),
		};
		checkEffectiveDates.call(this, attributes, itemIndex);
		const relationships: IDataObject = { plan: relationshipTo('patient_plan_summary', plan) };
		const bundles = requireObjectIds.call(this, additional.bundles ?? '', 'Bundle IDs', itemIndex);
		if (bundles.length > 0) relationships.bundles = relationshipToMany('bundle', bundles);
		return { attributes, relationships };
	},
});
