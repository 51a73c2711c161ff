import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateParameter, textParameter } from '../../../shared/helpers/parameters';
import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, listField, simplifyField } from '../../../shared/helpers/fields';
import { getIdParameter, relationshipTo } from '../../helpers/operations';
import { inputError, requireObjectIds } from '../../../shared/helpers/validation';
import { createOperation } from '../../helpers/writeOperations';
import { attendeesField, eventTypeOptions, optionalEventFields } from './fields';
import { attendeeList, checkEventRules, eventType, optionalEventAttributes } from './body';

const properties: INodeProperties[] = [
	idLocator({
		name: 'patientId',
		displayName: 'Patient',
		searchable: 'patient',
		description: 'The patient the event is for (its owner)',
	}),
	{
		displayName: 'Type',
		name: 'eventType',
		type: 'options',
		options: eventTypeOptions,
		required: true,
		default: 'telephone-call',
		description: 'The kind of event; it cannot be changed later',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Monthly Check-In Call',
	},
	{
		displayName: 'Start At',
		name: 'startAt',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When the event starts (for all-day events and plan check-ins: the beginning of the day)',
	},
	{
		displayName: 'Add Patient as Attendee',
		name: 'patientAttends',
		type: 'boolean',
		default: true,
		description: 'Whether the patient attends the event',
	},
	listField('coach', {
		name: 'coachAttendees',
		many: true,
		displayName: 'Coach Attendee Names or IDs',
		description: 'Coaches who attend the event.',
	}),
	additionalFields([
		attendeesField(true, 'More attendees by ID, with their response status'),
		...optionalEventFields,
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['calendarEvent'], operation: ['create'] } },
	type: 'calendar_event',
	properties,
	build(itemIndex) {
		const patient = getIdParameter.call(this, 'patientId', 'Patient', itemIndex);
		const type = eventType.call(this, this.getNodeParameter('eventType', itemIndex), itemIndex);
		const title = textParameter.call(this, 'title', 'Title', itemIndex, 'Give the event a title.');
		const startAt = dateParameter.call(this, 'startAt', 'Start At', itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const attendees: IDataObject[] = [];
		const add = (attendee: IDataObject) => {
			if (!attendees.some((a) => a.user === attendee.user)) attendees.push(attendee);
		};
		if (this.getNodeParameter('patientAttends', itemIndex, true) as boolean) add({ user: patient });
		const coaches = requireObjectIds.call(
			this,
			this.getNodeParameter('coachAttendees', itemIndex, []),
			'Coach Attendees',
			itemIndex,
		);
		for (const coach of coaches) add({ user: coach });
		for (const attendee of attendeeList.call(this, additional.attendees, itemIndex)) add(attendee);
		if (attendees.length === 0) {
			inputError.call(
				this,
				itemIndex,
				'The event has no attendees',
				'Add the patient as attendee, or pick at least one coach.',
			);
		}

		const attributes: IDataObject = {
			type,
			title,
			start_at: startAt,
			attendees,
			...optionalEventAttributes.call(this, additional, itemIndex),
		};
		// The API requires plan check-ins to be all day: say so for the user when they left All Day unset.
		if (type === 'plan-check-in' && attributes.all_day === undefined) attributes.all_day = true;
		checkEventRules.call(this, type, attributes, itemIndex);
		return { attributes, relationships: { owner: relationshipTo('patient', patient) } };
	},
});
