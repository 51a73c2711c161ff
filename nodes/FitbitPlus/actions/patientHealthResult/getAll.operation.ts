import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, returnAllFields, simplifyField } from '../../../shared/helpers/fields';
import { filtersCollection, rangeFilter } from '../../helpers/fieldsFilters';
import { getIdParameter, getMany } from '../../helpers/operations';
import { withoutEmpty } from '../../../shared/helpers/parameters';
import { optionalIdList } from '../../../shared/helpers/validation';
import {
	buildRange,
	rangeFilterValue,
	requireIsoDate,
} from '../../../shared/helpers/dateValidation';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient whose results to get',
	}),
	...returnAllFields,
	filtersCollection([
		{
			displayName: 'Action IDs',
			name: 'actions',
			type: 'string',
			default: '',
			placeholder: 'e.g. 58c4554710123c5c40dbab81,58c4554710123c5c40dbab82',
			description: 'Only results of these plan actions (comma-separated IDs)',
		},
		rangeFilter('createdAt', 'Created At', 'creation time'),
		{
			...rangeFilter('occurredAt', 'Occurred At', 'occurrence time'),
			description:
				'Only results that occurred in this range (From inclusive, To exclusive; either may be left empty)',
		},
		{
			displayName: 'Threads',
			name: 'threads',
			type: 'string',
			default: '',
			placeholder: 'e.g. weight,blood_pressure',
			description: 'Only results of these threads (comma-separated thread identifiers)',
		},
		rangeFilter('updatedAt', 'Updated At', 'last update'),
	]),
	simplifyField,
];

const displayOptions = { show: { resource: ['patientHealthResult'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function commaList(value: unknown): string | undefined {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((part) => String(part).trim())
		.filter((part) => part !== '');
	return list.length > 0 ? list.join(',') : undefined;
}

function resultsQuery(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// The API takes the occurrence bounds as two filters (`start_at`: at or after, `end_at`: before), each one
	// date, not as one `from..to` range: the range is checked here, then split.
	const occurred = (filters.occurredAt as { range?: IDataObject } | undefined)?.range;
	buildRange.call(this, occurred, 'Occurred At', itemIndex);
	const from = occurred?.from
		? requireIsoDate.call(this, occurred.from, 'Occurred At From', itemIndex)
		: undefined;
	const to = occurred?.to
		? requireIsoDate.call(this, occurred.to, 'Occurred At To', itemIndex)
		: undefined;
	return withoutEmpty({
		'filter[patient]': getIdParameter.call(this, 'patientId', 'Patient', itemIndex),
		'filter[actions]': optionalIdList.call(this, filters.actions, 'Action ID', itemIndex),
		'filter[threads]': commaList(filters.threads),
		'filter[start_at]': from,
		'filter[end_at]': to,
		'filter[created_at]': rangeFilterValue.call(this, filters.createdAt, 'Created At', itemIndex),
		'filter[updated_at]': rangeFilterValue.call(this, filters.updatedAt, 'Updated At', itemIndex),
	});
}

// As an AI tool (version 2): the newest by when it occurred first.
export const execute = getMany('/result', resultsQuery, { newestFirstBy: 'occurred_at' });
