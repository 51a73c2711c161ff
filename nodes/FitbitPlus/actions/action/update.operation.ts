import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { withoutEmpty } from '../../../shared/helpers/parameters';
import {
	checkEffectiveDates,
	planItemAttributes,
	planRelationship,
	requiredFromCurrentNotice,
	withRequiredFromCurrent,
} from '../../helpers/planItems';
import { updateOperation } from '../../helpers/writeOperations';
import { actionType, optionalActionAttributes } from './body';
import { actionTypeOptions, optionalActionFields } from './fields';

const properties: INodeProperties[] = [
	idLocator({ name: 'actionId', displayName: 'Action ID' }),
	requiredFromCurrentNotice,
	updateFields(
		[
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
		'Only the fields you add are changed',
	),
	simplifyField,
];

export const { description, execute } = updateOperation({
	displayOptions: { show: { resource: ['action'], operation: ['update'] } },
	type: 'action',
	id: { name: 'actionId', label: 'Action ID' },
	properties,
	build(itemIndex) {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const attributes: IDataObject = withoutEmpty({
			...optionalActionAttributes.call(this, fields, itemIndex),
			type: fields.type === undefined ? undefined : actionType.call(this, fields.type, itemIndex),
			...planItemAttributes.call(this, fields, itemIndex),
		});
		checkEffectiveDates.call(this, attributes, itemIndex);
		return { attributes, relationships: planRelationship.call(this, fields, itemIndex) };
	},
	complete: withRequiredFromCurrent('action'),
});
