import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, textParameter, withoutEmpty } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, listField, simplifyField, valueOptions } from '../../../shared/helpers/fields';
import { beforeVersion, fromVersion } from '../../../shared/helpers/version';
import { locatorId, relationshipTo } from '../../helpers/operations';
import { requireNumberAbove, requireOption } from '../../../shared/helpers/validation';
import { requireDateOrder } from '../../../shared/helpers/dateValidation';
import { createOperation } from '../../helpers/writeOperations';

const BUDGET_UNITS = ['credit', 'dollar', 'point'] as const;

const properties: INodeProperties[] = [
	// Version 1: a dropdown; from version 2 a locator (From List or By ID) as Group > Get has.
	listField('group', {
		name: 'groupId',
		description: 'The group whose patients the program is for.',
		required: true,
		displayOptions: { show: beforeVersion(2) },
	}),
	{
		...idLocator({
			name: 'groupId',
			displayName: 'Group',
			description: 'The group whose patients the program is for',
			searchable: 'group',
		}),
		displayOptions: { show: fromVersion(2) },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Heart Health Rewards 2025',
		description: 'The name of the reward program',
	},
	{
		displayName: 'Start At',
		name: 'startAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the program starts',
	},
	{
		displayName: 'End At',
		name: 'endAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: "When the program ends (after 'Start At')",
	},
	{
		displayName: 'Budget Value',
		name: 'budgetValue',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 100,
		description: "The budget per patient, in 'Budget Unit' (greater than 0)",
	},
	additionalFields([
		{
			displayName: 'Budget Unit',
			name: 'budget_unit',
			type: 'options',
			options: valueOptions(BUDGET_UNITS),
			default: 'dollar',
			description: 'The unit of the budget and of the rewards (the API assumes dollar)',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'A full description of the program',
		},
		{
			displayName: 'Duration Active (Days)',
			name: 'duration_active',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 540,
			description:
				'How many days the program stays active for a patient once activated (the API assumes 540)',
		},
		{
			displayName: 'Frozen',
			name: 'frozen',
			type: 'boolean',
			default: false,
			description:
				'Whether the program is frozen: it cannot be activated for patients and no new rewards can be created',
		},
		{
			displayName: 'Fulfill As Earned',
			name: 'fulfill_as_earned',
			type: 'boolean',
			default: false,
			description:
				'Whether rewards can be fulfilled as soon as they are earned, instead of when the program is deactivated',
		},
		{
			displayName: 'Tagline',
			name: 'tagline',
			type: 'string',
			default: '',
			placeholder: 'e.g. Earn gift cards for healthy habits',
			description: 'A one-line summary of the program',
		},
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['rewardProgram'], operation: ['create'] } },
	type: 'reward_program',
	properties,
	build(itemIndex) {
		const group = locatorId.call(
			this,
			this.getNodeParameter('groupId', itemIndex),
			'Group',
			itemIndex,
		);
		const name = textParameter.call(
			this,
			'name',
			'Name',
			itemIndex,
			'Give the reward program a name.',
		);
		const startAt = dateParameter.call(this, 'startAt', 'Start At', itemIndex);
		const endAt = dateParameter.call(this, 'endAt', 'End At', itemIndex);
		requireDateOrder.call(this, ['Start At', startAt], ['End At', endAt], itemIndex);
		const budgetValue = requireNumberAbove.call(
			this,
			this.getNodeParameter('budgetValue', itemIndex),
			'Budget Value',
			itemIndex,
			0,
		);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const attributes: IDataObject = withoutEmpty({
			name,
			tagline: additional.tagline,
			description: additional.description,
			start_at: startAt,
			end_at: endAt,
			budget_value: budgetValue,
			budget_unit:
				additional.budget_unit === undefined
					? undefined
					: requireOption.call(
							this,
							additional.budget_unit,
							BUDGET_UNITS,
							'Budget Unit',
							itemIndex,
						),
			duration_active:
				additional.duration_active === undefined
					? undefined
					: requireNumberAbove.call(
							this,
							additional.duration_active,
							'Duration Active',
							itemIndex,
							0,
						),
			fulfill_as_earned: additional.fulfill_as_earned,
			frozen: additional.frozen,
		});
		return { attributes, relationships: { group: relationshipTo('group', group) } };
	},
});
