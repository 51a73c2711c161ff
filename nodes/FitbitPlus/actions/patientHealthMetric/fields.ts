/** Create Patient Health Metric: the metric types the spec lists, and the operation's fields. */
import type { INodeProperties } from 'n8n-workflow';

import { batchSizeOption } from '../../helpers/batch';
import {
	idLocator,
	listField,
	optionsCollection,
	simplifyField,
} from '../../../shared/helpers/fields';
import { additionalFields, ignoreDuplicatesOption } from '../../helpers/fieldsDocument';

export const METRIC_TYPES = [
	'blood_glucose',
	'blood_pressure',
	'blood_pressure_diastolic',
	'blood_pressure_systolic',
	'blood_urea_nitrogen',
	'body_fat_percentage',
	'body_mass_index',
	'body_temperature',
	'c_peptide',
	'c_reactive_protein',
	'cd4_cell_count',
	'cotinine',
	'creatinine',
	'forced_expiratory_volume1',
	'forced_vital_capacity',
	'free_testosterone',
	'free_thyroxine',
	'free_triiodothyronine',
	'hdl_cholesterol',
	'heart_rate',
	'hematocrit',
	'hemoglobin',
	'hemoglobin_a1c',
	'hiv_viral_load',
	'inhaler_usage',
	'inr',
	'ldl_cholesterol',
	'lean_body_mass',
	'nausea_level',
	'oxygen_saturation',
	'pain_level',
	'peak_expiratory_flow_rate',
	'peripheral_perfusion_index',
	'prostate_specific_antigen',
	'respiratory_rate',
	'thyroid_stimulating_hormone',
	'total_cholesterol',
	'total_serum_iron',
	'total_testosterone',
	'total_triiodothyronine',
	'triglycerides',
	'weight',
] as const;

const ACRONYMS: Record<string, string> = {
	hdl: 'HDL',
	ldl: 'LDL',
	hiv: 'HIV',
	inr: 'INR',
	cd4: 'CD4',
	a1c: 'A1c',
	c: 'C',
	volume1: 'Volume in 1 Second',
};

export function metricName(value: string): string {
	return value
		.split('_')
		.map((word) => ACRONYMS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** The fields of Create Patient Health Metric (the operation file builds and sends the metrics). */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Find Patient By',
		name: 'patientBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Identifier',
				value: 'identifier',
				description:
					'An identifier from another system, e.g. a medical record number; it must match exactly one patient',
			},
			{ name: 'Patient', value: 'id', description: 'Pick the patient (or give the ID)' },
		],
		default: 'id',
	},
	{
		...idLocator({
			name: 'patientId',
			displayName: 'Patient',
			searchable: 'patient',
			description: 'The patient the measurement belongs to',
		}),
		displayOptions: { show: { patientBy: ['id'] } },
	},
	{
		displayName: 'Identifier System',
		name: 'identifierSystem',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. medical-record-number',
		displayOptions: { show: { patientBy: ['identifier'] } },
	},
	{
		displayName: 'Identifier Value',
		name: 'identifierValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 121212',
		displayOptions: { show: { patientBy: ['identifier'] } },
	},
	listField('organization', {
		name: 'identifierOrganization',
		description: 'The organization to look for the patient in.',
		displayOptions: { show: { patientBy: ['identifier'] } },
	}),
	{
		displayName: 'Metric',
		name: 'metricType',
		type: 'options',
		required: true,
		options: METRIC_TYPES.map((value) => ({ name: metricName(value), value })),
		default: 'weight',
		description: 'What was measured',
	},
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		options: [
			{ name: 'Number', value: 'number', description: 'A measurement, e.g. 72 (most metrics)' },
			{
				name: 'Structured (JSON)',
				value: 'object',
				description: 'A reading with several parts, as a JSON object',
			},
			{
				name: 'Text',
				value: 'string',
				description: 'A reading written as text, e.g. a blood pressure "120/80"',
			},
			{ name: 'Yes or No', value: 'boolean', description: 'A yes/no answer, e.g. inhaler used' },
		],
		default: 'number',
		description:
			'What kind of value the measurement is: Fitbit Plus takes a number, text, yes/no or an object, depending on the metric',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 4 },
		description: 'The measured value, in the unit below',
		displayOptions: { show: { valueType: ['number'] }, hide: { metricType: ['blood_pressure'] } },
	},
	{
		displayName: 'Value',
		name: 'textValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. 120/80',
		description: 'The measured value as text',
		displayOptions: { show: { valueType: ['string'] } },
	},
	{
		displayName: 'Value',
		name: 'booleanValue',
		type: 'boolean',
		default: false,
		description: 'Whether the answer is yes',
		displayOptions: { show: { valueType: ['boolean'] } },
	},
	{
		displayName: 'Value',
		name: 'objectValue',
		type: 'json',
		required: true,
		default: '{}',
		placeholder: 'e.g. {"systolic": 120, "diastolic": 80, "position": "sitting"}',
		description: 'The measured value as a JSON object',
		displayOptions: { show: { valueType: ['object'] } },
	},
	{
		displayName: 'Systolic',
		name: 'systolic',
		type: 'number',
		required: true,
		default: 0,
		description: 'Systolic pressure',
		displayOptions: { show: { metricType: ['blood_pressure'], valueType: ['number'] } },
	},
	{
		displayName: 'Diastolic',
		name: 'diastolic',
		type: 'number',
		required: true,
		default: 0,
		description: 'Diastolic pressure',
		displayOptions: { show: { metricType: ['blood_pressure'], valueType: ['number'] } },
	},
	{
		displayName: 'Unit',
		name: 'unit',
		type: 'string',
		default: '',
		placeholder: 'e.g. mg/dL',
		description: 'The unit of the value (e.g. mg/dL, mmHg, kg, lb, bpm)',
	},
	{
		displayName: 'Occurred At',
		name: 'occurredAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the measurement was taken',
	},
	additionalFields([
		{
			displayName: 'Code',
			name: 'code',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Code',
			description: 'The code of the measurement in a coding system, e.g. LOINC 13457-7',
			options: [
				{
					displayName: 'Code',
					name: 'code',
					values: [
						{
							displayName: 'System',
							name: 'system',
							type: 'string',
							default: '',
							placeholder: 'e.g. LOINC',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. 13457-7',
						},
					],
				},
			],
		},
		listField('group', {
			name: 'identifierGroups',
			many: true,
			displayName: 'Patient Group Names or IDs',
			description:
				"With 'Find Patient By' set to Identifier: look for the patient only in these groups.",
		}),
	]),
	optionsCollection([
		batchSizeOption,
		ignoreDuplicatesOption(
			"Whether to skip, rather than refuse, a measurement the patient already has (same metric and same 'Occurred At')",
		),
	]),
	simplifyField,
];
