import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { filtersCollection } from '../../helpers/fieldsFilters';
import { getMany, optionalLocatorId } from '../../helpers/operations';
import { withoutEmpty } from '../../../shared/helpers/parameters';
import { inputError, requireOption } from '../../../shared/helpers/validation';

const SORTS = ['send_time', '-send_time'] as const;

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersCollection(
		[
			{
				displayName: 'Email Type',
				name: 'emailType',
				type: 'string',
				default: '',
				placeholder: 'e.g. invitation',
				description: 'Only emails of this type',
			},
			{
				displayName: 'Receiver ID',
				name: 'receiver',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab81',
				description: 'Only emails sent to this user (patient or coach ID)',
			},
			{
				displayName: 'Sender ID',
				name: 'sender',
				type: 'string',
				default: '',
				placeholder: 'e.g. 58c4554710123c5c40dbab81',
				description: 'Only emails sent by this user (coach ID)',
			},
		],
		'Receiver or Sender is required by Fitbit Plus',
	),
	optionsCollection([
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Newest First', value: '-send_time', description: 'By send time, descending' },
				{ name: 'Oldest First', value: 'send_time', description: 'By send time, ascending' },
			],
			default: '-send_time',
		},
	]),
	simplifyField,
];

const displayOptions = { show: { resource: ['emailHistory'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getMany(
	'/email_history',
	function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const query = withoutEmpty({
			'filter[receiver]': optionalLocatorId.call(this, filters.receiver, 'Receiver ID', itemIndex),
			'filter[sender]': optionalLocatorId.call(this, filters.sender, 'Sender ID', itemIndex),
			'filter[emailType]': String(filters.emailType ?? '').trim(),
			sort:
				options.sort === undefined || options.sort === ''
					? undefined
					: requireOption.call(this, options.sort, SORTS, 'Sort', itemIndex),
		});
		if (query['filter[receiver]'] === undefined && query['filter[sender]'] === undefined) {
			inputError.call(
				this,
				itemIndex,
				"Fitbit Plus needs a 'Receiver ID' or 'Sender ID' filter",
				"Add 'Receiver ID' or 'Sender ID' under 'Filters'.",
			);
		}
		return query;
	},
);
