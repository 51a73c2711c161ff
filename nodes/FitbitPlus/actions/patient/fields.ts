/** A patient's writable attributes and relationships as the editor shows them (Create, Upsert and Update). */
import type { INodeProperties } from 'n8n-workflow';

import { listField, valueOptions } from '../../../shared/helpers/fields';
import { identifiersField } from '../../helpers/identifiers';
import { GENDERS, PHONE_TYPES } from './body';

/** First Name and Last Name, up front in Create and Upsert (read by `namedPatientAttributes()`). */
export const nameFields: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Andrew',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Smith',
	},
];

/** The patient's writable attributes, as options of an Additional Fields / Update Fields collection. */
export function attributeOptions(forUpdate: boolean): INodeProperties[] {
	const replaces = forUpdate ? ". The list given replaces the patient's whole list." : '';
	return [
		{
			displayName: 'Addresses',
			name: 'addresses',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Address',
			default: {},
			description: `Postal addresses of the patient${replaces}`,
			options: [
				{
					displayName: 'Address',
					name: 'address',
					values: [
						{
							displayName: 'Lines',
							name: 'lines',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
							placeholder: 'e.g. 1234 Any St.',
							description: 'Street lines, one per line',
						},
						{
							displayName: 'City',
							name: 'city',
							type: 'string',
							default: '',
							placeholder: 'e.g. Cambridge',
						},
						{
							displayName: 'State',
							name: 'state',
							type: 'string',
							default: '',
							placeholder: 'e.g. MA',
						},
						{
							displayName: 'Postal Code',
							name: 'postal_code',
							type: 'string',
							default: '',
							placeholder: 'e.g. 02138',
						},
						{ displayName: 'District', name: 'district', type: 'string', default: '' },
						{
							displayName: 'Country',
							name: 'country',
							type: 'string',
							default: '',
							placeholder: 'e.g. US',
						},
						{
							displayName: 'Use',
							name: 'use',
							type: 'string',
							default: '',
							placeholder: 'e.g. home',
							description: 'What the address is for (e.g. home, work, temp)',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'string',
							default: '',
							placeholder: 'e.g. postal',
							description: 'The kind of address (e.g. postal, physical, both)',
						},
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							default: '',
							description: 'The whole address as one text, as it should be displayed',
						},
					],
				},
			],
		},
		{
			displayName: 'Archive History',
			name: 'archive_history',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Archive Event',
			default: {},
			description: `When and why the patient was archived or unarchived${replaces}`,
			options: [
				{
					displayName: 'Event',
					name: 'event',
					values: [
						{
							displayName: 'Archived',
							name: 'archived',
							type: 'boolean',
							default: true,
							description: 'Whether the patient was archived (on) or unarchived (off) at that time',
						},
						{ displayName: 'Modified At', name: 'modified_at', type: 'dateTime', default: '' },
						{
							displayName: 'Reason',
							name: 'reason',
							type: 'string',
							default: '',
							placeholder: 'e.g. Opted out of coaching',
						},
						{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Birth Date',
			name: 'birth_date',
			type: 'dateTime',
			default: '',
			description: 'Date of birth (only the date part is sent)',
		},
		{
			displayName: 'Email Address',
			name: 'email_address',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		...(forUpdate
			? [
					{ displayName: 'First Name', name: 'first_name', type: 'string' as const, default: '' },
					{ displayName: 'Last Name', name: 'last_name', type: 'string' as const, default: '' },
				]
			: []),
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: valueOptions(GENDERS),
			default: 'female',
		},
		identifiersField(
			`IDs of the patient in other systems, e.g. a medical record number${replaces}`,
			{
				system: {
					placeholder: 'e.g. medical-record-number',
					description: 'The system that issued the value',
				},
				value: { placeholder: 'e.g. 121212' },
				label: { placeholder: 'e.g. MRN' },
			},
			[
				{
					displayName: 'Unique',
					name: 'unique',
					type: 'boolean',
					default: true,
					description:
						'Whether system and value together must be unique among all patients and coaches in Fitbit Plus',
				},
			],
		),
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'A free-text note about the patient',
		},
		{
			displayName: 'Phone Numbers',
			name: 'phone_numbers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Phone Number',
			default: {},
			description: `The patient's phone numbers${replaces}`,
			options: [
				{
					displayName: 'Phone Number',
					name: 'phone',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: valueOptions(PHONE_TYPES),
							default: 'mobile',
						},
						{
							displayName: 'Number',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. 555-555-1234',
						},
						{
							displayName: 'Primary',
							name: 'primary',
							type: 'boolean',
							default: false,
							description: 'Whether this is the number to reach the patient at first',
						},
					],
				},
			],
		},
	];
}

/** Coaches (multi-select) and the primary one among them: options of a collection. */
export function coachOptions(): INodeProperties[] {
	return [
		listField('coach', {
			name: 'coaches',
			many: true,
			description:
				"The patient's coaches (an update replaces the current coaches and needs Groups set too).",
		}),
		listField('coach', {
			name: 'primaryCoach',
			displayName: 'Primary Coach Name or ID',
			description: "The patient's primary coach; added to the coaches if not among them.",
		}),
	];
}

/** All the groups the patient should be in: an option of an upsert's or update's collection. */
export const groupsOption: INodeProperties = listField('group', {
	name: 'groups',
	many: true,
	description: 'All the groups the patient should be in (replaces the current groups).',
});
