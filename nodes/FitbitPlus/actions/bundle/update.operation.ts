import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { optionalLocatorId, relationshipTo } from '../../helpers/operations';
import { withoutEmpty } from '../../../shared/helpers/parameters';
import {
	checkEffectiveDates,
	planItemAttributes,
	planRelationship,
	requiredFromCurrentNotice,
	withRequiredFromCurrent,
} from '../../helpers/planItems';
import { optionalRequiredText } from '../../../shared/helpers/validation';
import { optionalIsoDate } from '../../../shared/helpers/dateValidation';
import { updateOperation } from '../../helpers/writeOperations';
import { bundleFields } from './fields';

const properties: INodeProperties[] = [
	idLocator({ name: 'bundleId', displayName: 'Bundle ID' }),
	requiredFromCurrentNotice,
	updateFields(
		[
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
		'Only the fields you add are changed',
	),
	simplifyField,
];

export const { description, execute } = updateOperation({
	displayOptions: { show: { resource: ['bundle'], operation: ['update'] } },
	type: 'bundle',
	id: { name: 'bundleId', label: 'Bundle ID' },
	properties,
	build(itemIndex) {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const attributes: IDataObject = withoutEmpty({
			type: optionalRequiredText.call(this, fields.type, 'Type', itemIndex),
			...planItemAttributes.call(this, fields, itemIndex),
			effective_to: optionalIsoDate.call(this, fields.effective_to, 'Effective To', itemIndex),
		});
		// An empty Thread is sent as such: it clears the thread.
		if (typeof fields._thread === 'string') attributes._thread = fields._thread.trim();
		checkEffectiveDates.call(this, attributes, itemIndex);
		const relationships = planRelationship.call(this, fields, itemIndex);
		const action = optionalLocatorId.call(this, fields.action, 'Action ID', itemIndex);
		if (action !== undefined) relationships.actions = relationshipTo('action', action);
		return { attributes, relationships };
	},
	complete: withRequiredFromCurrent('bundle'),
});
