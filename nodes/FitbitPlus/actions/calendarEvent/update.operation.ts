import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { optionalLocatorId, relationshipTo } from '../../helpers/operations';
import { inputError, optionalRequiredText } from '../../../shared/helpers/validation';
import { optionalIsoDate } from '../../../shared/helpers/dateValidation';
import { updateOperation } from '../../helpers/writeOperations';
import { attendeesField, eventTypeOptions, optionalEventFields } from './fields';
import {
	attendeeList,
	checkEventRules,
	completionLabel,
	eventType,
	optionalEventAttributes,
} from './body';

const properties: INodeProperties[] = [
	idLocator({
		name: 'calendarEventId',
		displayName: 'Calendar Event',
		searchable: 'calendarEvent',
	}),
	updateFields(
		[
			attendeesField(
				false,
				'The new attendee list: it replaces the current one. To answer for an attendee, use Calendar Event Response.',
			),
			{
				displayName: 'Mark as Not Completed',
				name: 'markNotCompleted',
				type: 'boolean',
				default: false,
				description:
					"Whether to clear 'Completed At' and Completed By, so a completed plan check-in counts as not completed again",
			},
			{
				...idLocator({
					name: 'owner',
					displayName: 'Patient (Owner)',
					required: false,
					searchable: 'patient',
				}),
				description: 'The patient the event is for',
			},
			{
				displayName: 'Start At',
				name: 'start_at',
				type: 'dateTime',
				default: '',
				description: 'When the event starts',
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
				options: eventTypeOptions,
				default: 'telephone-call',
				description:
					"The event's type. The API does not let it change: give it only to state the current type (it then also checks the type's rules here).",
			},
			...optionalEventFields,
		],
		'Only the fields you add are changed',
	),
	simplifyField,
];

export const { description, execute } = updateOperation({
	displayOptions: { show: { resource: ['calendarEvent'], operation: ['update'] } },
	type: 'calendar_event',
	id: { name: 'calendarEventId', label: 'Calendar Event' },
	properties,
	build(itemIndex) {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

		const attributes: IDataObject = optionalEventAttributes.call(this, fields, itemIndex);
		const type =
			fields.type === undefined ? undefined : eventType.call(this, fields.type, itemIndex);
		if (type !== undefined) attributes.type = type;
		const title = optionalRequiredText.call(
			this,
			fields.title,
			'Title',
			itemIndex,
			'The API does not allow an empty title: remove the field or give a title.',
		);
		if (title !== undefined) attributes.title = title;
		const startAt = optionalIsoDate.call(this, fields.start_at, 'Start At', itemIndex);
		if (startAt !== undefined) attributes.start_at = startAt;
		if (fields.attendees !== undefined) {
			const attendees = attendeeList.call(this, fields.attendees, itemIndex);
			if (attendees.length === 0)
				inputError.call(
					this,
					itemIndex,
					'Attendees is empty',
					'Add at least one attendee, or remove the field.',
				);
			attributes.attendees = attendees;
		}
		if (fields.markNotCompleted === true) {
			if (attributes.completed_at !== undefined) {
				inputError.call(
					this,
					itemIndex,
					`'Mark as Not Completed' contradicts '${completionLabel.call(this)}'`,
					'Use one or the other.',
				);
			}
			attributes.completed_at = null;
			attributes.completed_by = null;
		}
		checkEventRules.call(this, type, attributes, itemIndex);

		const relationships: IDataObject = {};
		const owner = optionalLocatorId.call(this, fields.owner, 'Patient (Owner)', itemIndex);
		if (owner !== undefined) relationships.owner = relationshipTo('patient', owner);
		return { attributes, relationships };
	},
});
