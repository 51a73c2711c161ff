import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, textParameter, withoutEmpty } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, optionalLocatorId, relationshipTo } from '../../helpers/operations';
import { checkEffectiveDates } from '../../helpers/planItems';
import { optionalIsoDate } from '../../../shared/helpers/dateValidation';
import { createOperation } from '../../helpers/writeOperations';
import { bundleFields } from './fields';

const properties: INodeProperties[] = [
	idLocator({
		name: 'planId',
		displayName: 'Plan ID',
		description: "The patient's plan (patient plan summary) to add the bundle to",
	}),
	{
		displayName: 'Type',
		name: 'bundleType',
		type: 'string',
		required: true,
		default: 'other_lifestyle',
		placeholder: 'e.g. other_lifestyle',
		description: 'The kind of bundle',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Heart Health',
	},
	{
		displayName: 'Effective From',
		name: 'effectiveFrom',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the bundle starts',
	},
	additionalFields(bundleFields),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['bundle'], operation: ['create'] } },
	type: 'bundle',
	properties,
	build(itemIndex) {
		const plan = getIdParameter.call(this, 'planId', 'Plan ID', itemIndex);
		const type = textParameter.call(
			this,
			'bundleType',
			'Type',
			itemIndex,
			'Give the bundle a type, e.g. other_lifestyle.',
		);
		const title = textParameter.call(this, 'title', 'Title', itemIndex, 'Give the bundle a title.');
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const attributes = withoutEmpty({
			type,
			title,
			effective_from: dateParameter.call(this, 'effectiveFrom', 'Effective From', itemIndex),
			effective_to: optionalIsoDate.call(this, additional.effective_to, 'Effective To', itemIndex),
			_thread: typeof additional._thread === 'string' ? additional._thread.trim() : undefined,
		});
		checkEffectiveDates.call(this, attributes, itemIndex);
		const relationships: IDataObject = { plan: relationshipTo('patient_plan_summary', plan) };
		// The spec declares `actions` as one resource identifier (not a list).
		const action = optionalLocatorId.call(this, additional.action, 'Action ID', itemIndex);
		if (action !== undefined) relationships.actions = relationshipTo('action', action);
		return { attributes, relationships };
	},
});
