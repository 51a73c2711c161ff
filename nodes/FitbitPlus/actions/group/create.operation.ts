import type { INodeProperties } from 'n8n-workflow';

import { textParameter, withoutEmpty } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { createOperation } from '../../helpers/writeOperations';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Hypertension Clinic',
		description: 'The name of the group',
	},
	additionalFields([
		{
			displayName: 'Bio',
			name: 'bio',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'A description of the group',
		},
	]),
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['group'], operation: ['create'] } },
	type: 'group',
	properties,
	build(itemIndex) {
		const name = textParameter.call(this, 'name', 'Name', itemIndex, 'Give the group a name.');
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {});
		return { attributes: withoutEmpty({ name, ...additionalFields }) };
	},
});
