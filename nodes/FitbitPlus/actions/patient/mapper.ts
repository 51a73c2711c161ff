/**
 * The column mapper of Create, Update and Create or Update Patient (version 2): a patient's attributes in the
 * shapes an EMR export has them (an MRN column, a column per phone, address lines), written from the spec's
 * `PatientResource` (test/node/columnMapper.test.ts checks them against it). A mapped row becomes the same
 * fields the field-by-field form gives, so `buildAttributes()` checks and builds the body either way.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ColumnField, ColumnsMode } from '../../helpers/columnMapper';
import { columnsField, mappedRow, mrnSystemField } from '../../helpers/columnMapper';
import { isDryRun } from '../../helpers/dryRun';
import type { ApiSession } from '../../../shared/transport';
import { inputError } from '../../../shared/helpers/validation';
import { GENDERS } from './body';

/** The `resourceMapping` method of each mode (the node's `methods.resourceMapping`). */
export const PATIENT_COLUMN_METHODS = {
	add: 'patientColumns',
	update: 'patientUpdateColumns',
	upsert: 'patientUpsertColumns',
} as const;

/** The phone columns, in the order the first one given becomes the primary number. */
const PHONE_COLUMNS = [
	['phone_mobile', 'mobile'],
	['phone_home', 'home'],
	['phone_work', 'work'],
] as const;

export const PATIENT_COLUMNS: ColumnField[] = [
	{
		id: 'mrn',
		displayName: 'MRN',
		type: 'string',
		aliases: ['medical record number', 'mrn number', 'patient mrn'],
		match: true,
	},
	{ id: 'first_name', displayName: 'First Name', type: 'string', aliases: ['given name'] },
	{
		id: 'last_name',
		displayName: 'Last Name',
		type: 'string',
		aliases: ['family name', 'surname'],
	},
	{
		id: 'birth_date',
		displayName: 'Birth Date',
		type: 'dateTime',
		aliases: ['date of birth', 'dob', 'birthdate'],
	},
	{
		id: 'gender',
		displayName: 'Gender',
		type: 'options',
		options: GENDERS,
		aliases: ['sex'],
	},
	{ id: 'email_address', displayName: 'Email Address', type: 'string', aliases: ['email'] },
	{
		id: 'phone_mobile',
		displayName: 'Mobile Phone',
		type: 'string',
		aliases: ['mobile', 'cell phone', 'phone'],
	},
	{ id: 'phone_home', displayName: 'Home Phone', type: 'string' },
	{ id: 'phone_work', displayName: 'Work Phone', type: 'string' },
	{
		id: 'address_line1',
		displayName: 'Address Line 1',
		type: 'string',
		aliases: ['address', 'street'],
	},
	{ id: 'address_line2', displayName: 'Address Line 2', type: 'string' },
	{ id: 'city', displayName: 'City', type: 'string' },
	{ id: 'state', displayName: 'State', type: 'string' },
	{
		id: 'postal_code',
		displayName: 'Postal Code',
		type: 'string',
		aliases: ['zip', 'zip code', 'postcode'],
	},
	{ id: 'country', displayName: 'Country', type: 'string' },
	{ id: 'note', displayName: 'Note', type: 'string' },
];

/** Create or Update matches on the MRN: required there, the only column it can match on. */
export const PATIENT_UPSERT_COLUMNS: ColumnField[] = PATIENT_COLUMNS.map((field) =>
	field.id === 'mrn' ? { ...field, required: true } : field,
);

/** The system of the MRN column's identifier. */
export const patientMrnSystemField = mrnSystemField(
	"The identifier system the MRN column's values belong to: the MRN is sent as the identifier {system, value}",
);

export function patientColumnsField(mode: ColumnsMode): INodeProperties {
	return columnsField({
		method: PATIENT_COLUMN_METHODS[mode],
		mode,
		words: { singular: 'patient field', plural: 'patient fields' },
	});
}

/** The MRN system of item `itemIndex`, required. */
export function mrnSystem(this: IExecuteFunctions, itemIndex: number): string {
	const system = String(this.getNodeParameter('mrnSystem', itemIndex, '') ?? '').trim();
	if (system === '')
		inputError.call(
			this,
			itemIndex,
			"'MRN System' is empty",
			'Give the identifier system of the MRN column, e.g. medical-record-number.',
		);
	return system;
}

const text = (value: unknown) => (value === undefined ? '' : String(value));

/**
 * Item `itemIndex`'s row as the fields `buildAttributes()` reads (those of the field-by-field form): the MRN as
 * an identifier, the phone columns as phone numbers (the first given is primary), the address columns as one
 * address. The MRN, when given, is returned too (an upsert matches on it).
 */
export function mappedPatientFields(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
	mode: ColumnsMode,
): { fields: IDataObject; mrn?: string } {
	const fields = mode === 'upsert' ? PATIENT_UPSERT_COLUMNS : PATIENT_COLUMNS;
	const { values } = mappedRow.call(this, session, itemIndex, fields, mode);
	const result: IDataObject = {};
	for (const name of ['first_name', 'last_name', 'email_address', 'note', 'birth_date', 'gender']) {
		if (values[name] !== undefined) result[name] = values[name];
	}
	const phones = PHONE_COLUMNS.filter(([column]) => values[column] !== undefined).map(
		([column, type], index) => ({ type, value: values[column], primary: index === 0 }),
	);
	if (phones.length > 0) result.phone_numbers = { phone: phones };
	const address: IDataObject = {};
	const lines = [values.address_line1, values.address_line2].filter((line) => line !== undefined);
	if (lines.length > 0) address.lines = lines.map(text).join('\n');
	for (const name of ['city', 'state', 'postal_code', 'country']) {
		if (values[name] !== undefined) address[name] = values[name];
	}
	if (Object.keys(address).length > 0) result.addresses = { address: [address] };
	const mrn = values.mrn === undefined ? undefined : text(values.mrn);
	if (mrn !== undefined) {
		result.identifiers = {
			identifier: [{ system: mrnSystem.call(this, itemIndex), value: mrn, label: 'MRN' }],
		};
	}
	return { fields: result, mrn };
}

/** Dry Run sends nothing, not even the look-up of the credential's organization a group by name would need. */
export function refuseOrganizationLookupInDryRun(this: IExecuteFunctions, itemIndex: number): void {
	if (isDryRun.call(this))
		inputError.call(
			this,
			itemIndex,
			"'Dry Run' cannot look up your credential's organization",
			"Pick the 'Organization' of each group under 'Groups by Name', or turn 'Dry Run' off.",
		);
}
