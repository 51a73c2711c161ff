/** The JSON:API body of a patient from the fields of `fields.ts` (Create, Upsert and Update). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	inputError,
	optionalText,
	requireObjectId,
	requireObjectIds,
	requireOption,
} from '../../../shared/helpers/validation';
import { requireIsoDate } from '../../../shared/helpers/dateValidation';
import { identifiersAttribute } from '../../helpers/identifiers';

export const PHONE_TYPES = ['home', 'home-fax', 'mobile', 'other', 'work', 'work-fax'] as const;
export const GENDERS = ['female', 'male', 'other'] as const;

/** The patient's text attributes and their fields' names. */
const TEXT_ATTRIBUTES = [
	['first_name', 'First Name'],
	['last_name', 'Last Name'],
	['email_address', 'Email Address'],
	['note', 'Note'],
] as const;

function entries(collection: unknown, key: string): IDataObject[] {
	const list = (collection as IDataObject | undefined)?.[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function trimmed(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * The patient attributes the user set in `fields` (an Additional Fields / Update Fields collection, or top-level
 * values), checked; keys left empty are not sent.
 */
export function buildAttributes(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const attributes: IDataObject = {};
	for (const [name, label] of TEXT_ATTRIBUTES) {
		const value = optionalText.call(this, fields[name], label, itemIndex);
		if (value !== '') attributes[name] = value;
	}
	if (trimmed(fields.birth_date) !== '') {
		const date = requireIsoDate.call(this, fields.birth_date, 'Birth Date', itemIndex);
		attributes.birth_date = date.slice(0, 10);
	}
	if (trimmed(fields.gender) !== '') {
		attributes.gender = requireOption.call(this, fields.gender, GENDERS, 'Gender', itemIndex);
	}
	if (fields.phone_numbers !== undefined) {
		attributes.phone_numbers = entries(fields.phone_numbers, 'phone').map((phone, index) => {
			const value = trimmed(phone.value);
			if (value === '')
				inputError.call(
					this,
					itemIndex,
					`Phone Number ${index + 1} has no number`,
					'Enter the number or remove the entry.',
				);
			return {
				type: requireOption.call(
					this,
					phone.type ?? 'mobile',
					PHONE_TYPES,
					`Phone Number ${index + 1} Type`,
					itemIndex,
				),
				value,
				primary: phone.primary === true,
			};
		});
	}
	if (fields.addresses !== undefined) {
		attributes.addresses = entries(fields.addresses, 'address').map((address) => {
			const result: IDataObject = {};
			const lines = (
				Array.isArray(address.lines) ? address.lines : trimmed(address.lines).split('\n')
			)
				.map((line) => trimmed(line))
				.filter((line) => line !== '');
			if (lines.length > 0) result.lines = lines;
			for (const name of [
				'city',
				'state',
				'postal_code',
				'district',
				'country',
				'use',
				'type',
				'text',
			]) {
				const value = trimmed(address[name]);
				if (value !== '') result[name] = value;
			}
			return result;
		});
	}
	if (fields.identifiers !== undefined)
		attributes.identifiers = identifiersAttribute.call(this, fields.identifiers, itemIndex);
	if (fields.archive_history !== undefined) {
		attributes.archive_history = entries(fields.archive_history, 'event').map((event, index) => {
			const result: IDataObject = { archived: event.archived !== false };
			if (trimmed(event.modified_at) !== '') {
				result.modified_at = requireIsoDate.call(
					this,
					event.modified_at,
					`Archive Event ${index + 1} Modified At`,
					itemIndex,
				);
			}
			if (trimmed(event.reason) !== '') result.reason = trimmed(event.reason);
			if (trimmed(event.notes) !== '') result.notes = trimmed(event.notes);
			return result;
		});
	}
	return attributes;
}

/** The attributes of a new (or upserted) patient: First Name and Last Name up front, the rest from Additional Fields. */
export function namedPatientAttributes(
	this: IExecuteFunctions,
	additionalFields: IDataObject,
	itemIndex: number,
): IDataObject {
	const names = {
		first_name: this.getNodeParameter('firstName', itemIndex, ''),
		last_name: this.getNodeParameter('lastName', itemIndex, ''),
	};
	return buildAttributes.call(this, { ...names, ...additionalFields }, itemIndex);
}

/** The coaches relationship (with `meta.primary` on the primary coach), or undefined when none is set. */
export function coachesRelationship(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject | undefined {
	const ids =
		fields.coaches === undefined
			? []
			: [...new Set(requireObjectIds.call(this, fields.coaches, 'Coach', itemIndex))];
	const primary =
		trimmed(fields.primaryCoach) === ''
			? undefined
			: requireObjectId.call(this, fields.primaryCoach, 'Primary Coach', itemIndex);
	if (primary !== undefined && !ids.includes(primary)) ids.unshift(primary);
	if (ids.length === 0) return undefined;
	return {
		data: ids.map((id) =>
			primary === undefined
				? { type: 'coach', id }
				: { type: 'coach', id, meta: { primary: id === primary } },
		),
	};
}
