/** The checks and body attributes that Create and Update Calendar Event share (their fields: fields.ts). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { EVENT_TYPES, type EventType } from '../../../shared/helpers/calendarEventTypes';
import { inputError, requireObjectId, requireOption } from '../../../shared/helpers/validation';
import { optionalIsoDate, requireDateOrder } from '../../../shared/helpers/dateValidation';
import { nodeVersion } from '../../../shared/helpers/version';
import { RESPONSE_STATUSES } from './fields';

/** Checks and converts the optional attributes the user set (only those). */
export function optionalEventAttributes(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const attributes: IDataObject = {};
	if (typeof fields.all_day === 'boolean') attributes.all_day = fields.all_day;
	const v2 = nodeVersion.call(this) >= 2;
	// Version 1: two fields of their own; version 2: the Completion collection holding both.
	const completion = (
		v2 ? ((fields.completion as IDataObject | undefined)?.values ?? {}) : fields
	) as IDataObject;
	for (const [name, label, from] of [
		['end_at', 'End At', fields],
		['completed_at', 'Completed At', completion],
	] as const) {
		const value = optionalIsoDate.call(this, from[name], label, itemIndex);
		if (value !== undefined) attributes[name] = value;
	}
	if (completion.completed_by !== undefined && completion.completed_by !== '') {
		// The spec declares `completed_by` an object: the coach as a JSON:API resource identifier.
		attributes.completed_by = {
			type: 'coach',
			id: requireObjectId.call(this, completion.completed_by, 'Completed By', itemIndex),
		};
	}
	for (const name of ['description', 'location', 'time_zone']) {
		if (typeof fields[name] === 'string' && (fields[name] as string).trim() !== '')
			attributes[name] = (fields[name] as string).trim();
	}
	const halfSet =
		(attributes.completed_at === undefined) !== (attributes.completed_by === undefined);
	if (v2 && fields.completion !== undefined && (halfSet || attributes.completed_at === undefined)) {
		inputError.call(
			this,
			itemIndex,
			"'Completion' needs both 'Completed At' and 'Completed By'",
			"Set when and by which coach the event was completed, or remove 'Completion'.",
		);
	}
	if (halfSet) {
		inputError.call(
			this,
			itemIndex,
			"'Completed At' and 'Completed By' go together",
			'Set both to mark the event completed, or neither.',
		);
	}
	return attributes;
}

/** How the fields that mark an event completed are named in messages: version 2 has them as Completion. */
export function completionLabel(this: IExecuteFunctions): string {
	return nodeVersion.call(this) >= 2 ? 'Completion' : 'Completed At';
}

/** The API's rules that tie the event type to the other attributes, checked before any request. */
export function checkEventRules(
	this: IExecuteFunctions,
	type: string | undefined,
	attributes: IDataObject,
	itemIndex: number,
) {
	if (type === 'plan-check-in') {
		if (attributes.all_day === false) {
			inputError.call(
				this,
				itemIndex,
				'A plan check-in must be all day',
				"Turn 'All Day' on, or choose another type.",
			);
		}
		if (attributes.end_at !== undefined) {
			inputError.call(
				this,
				itemIndex,
				"A plan check-in has no 'End At'",
				"Remove 'End At', or choose another type.",
			);
		}
	} else if (type !== undefined && attributes.completed_at !== undefined) {
		inputError.call(
			this,
			itemIndex,
			`Only plan check-ins can be marked completed (this is a ${type})`,
			nodeVersion.call(this) >= 2
				? "Remove 'Completion'."
				: "Remove 'Completed At' and 'Completed By'.",
		);
	}
	requireDateOrder.call(
		this,
		['Start At', attributes.start_at],
		['End At', attributes.end_at],
		itemIndex,
	);
}

export function eventType(this: IExecuteFunctions, value: unknown, itemIndex: number): EventType {
	return requireOption.call(this, value, EVENT_TYPES, 'Type', itemIndex) as EventType;
}

/** `[{ user, response_status? }]` from the attendees fixedCollection, ids checked. */
export function attendeeList(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject[] {
	const entries = ((value as IDataObject | undefined)?.attendee ?? []) as IDataObject[];
	return entries.map((entry, position) => {
		const attendee: IDataObject = {
			user: requireObjectId.call(this, entry.user, `Attendee ${position + 1}`, itemIndex),
		};
		if (entry.response_status !== undefined && entry.response_status !== '') {
			attendee.response_status = requireOption.call(
				this,
				entry.response_status,
				RESPONSE_STATUSES,
				`Attendee ${position + 1} Response Status`,
				itemIndex,
			);
		}
		return attendee;
	});
}
