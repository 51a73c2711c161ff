import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../helpers/fieldsDocument';
import { idLocator, simplifyField, valueOptions } from '../../../shared/helpers/fields';
import { getIdParameter, optionalLocatorId, relationshipTo } from '../../helpers/operations';
import { requireObjectId, requireOption } from '../../../shared/helpers/validation';
import { createOperation } from '../../helpers/writeOperations';

const STATUSES = ['accepted', 'declined', 'tentative'] as const;
const USER_TYPES = ['patient', 'coach'] as const;

const properties: INodeProperties[] = [
	idLocator({
		name: 'calendarEventId',
		displayName: 'Calendar Event',
		searchable: 'calendarEvent',
		description: 'The event being answered',
	}),
	{
		displayName: 'Attendee Type',
		name: 'userType',
		type: 'options',
		options: valueOptions(USER_TYPES),
		default: 'patient',
		description: 'Whether the attendee who answers is a patient or a coach',
	},
	{
		displayName: 'Attendee ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 58c4554710123c5c40dbab81',
		description: "The patient's or coach's ID; they must be an attendee of the event",
	},
	{
		displayName: 'Response Status',
		name: 'responseStatus',
		type: 'options',
		options: valueOptions(STATUSES),
		default: 'accepted',
		description: "The attendee's answer",
	},
	additionalFields([
		{
			displayName: 'Attendee Entry ID',
			name: 'attendeeEntryId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5ac7e74679f6868274a42e28',
			description: "The `_id` of the attendee's entry in the event's attendee list, if you have it",
		},
	]),
	simplifyField,
];

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['calendarEventResponse'], operation: ['create'] } },
	type: 'calendar_event_response',
	properties,
	build(itemIndex) {
		const event = getIdParameter.call(this, 'calendarEventId', 'Calendar Event', itemIndex);
		const userType = requireOption.call(
			this,
			this.getNodeParameter('userType', itemIndex),
			USER_TYPES,
			'Attendee Type',
			itemIndex,
		);
		const user = requireObjectId.call(
			this,
			this.getNodeParameter('userId', itemIndex),
			'Attendee ID',
			itemIndex,
		);
		const status = requireOption.call(
			this,
			this.getNodeParameter('responseStatus', itemIndex),
			STATUSES,
			'Response Status',
			itemIndex,
		);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		// The spec declares `attendee` an object: the attendee entry, by its user (and its `_id` when known).
		const attendee: IDataObject = { user };
		const entryId = optionalLocatorId.call(
			this,
			additional.attendeeEntryId,
			'Attendee Entry ID',
			itemIndex,
		);
		if (entryId !== undefined) attendee._id = entryId;
		return {
			attributes: { attendee, response_status: status },
			relationships: {
				user: relationshipTo(userType, user),
				calendar_event: relationshipTo('calendar_event', event),
			},
		};
	},
});
