/**
 * The column mapper of Create Patient Health Metric (version 2), for a lab export: the patient's MRN, the metric
 * type, value, unit and time, written from the spec's `PatientHealthMetricResource` (test/node/columnMapper.test.ts
 * checks them against it). The patient is named by `meta.query` (MRN + organization), so the rows need no
 * Fitbit Plus IDs.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ColumnField } from '../../helpers/columnMapper';
import { columnsField, mappedRow, mrnSystemField } from '../../helpers/columnMapper';
import { listField, listIds } from '../../../shared/helpers/fields';
import { optionalLocatorId, relationshipByQuery } from '../../helpers/operations';
import { inputError } from '../../../shared/helpers/validation';
import { METRIC_TYPES, metricName } from './fields';
import type { ApiSession } from '../../../shared/transport';

export const METRIC_COLUMN_METHOD = 'healthMetricColumns';

export const METRIC_COLUMNS: ColumnField[] = [
	{
		id: 'mrn',
		displayName: 'Patient MRN',
		type: 'string',
		required: true,
		aliases: ['mrn', 'medical record number'],
	},
	{
		id: 'type',
		displayName: 'Metric Type',
		type: 'options',
		required: true,
		options: METRIC_TYPES,
		optionName: metricName,
		aliases: ['metric', 'metric_type'],
	},
	{ id: 'value', displayName: 'Value', type: 'number', aliases: ['result', 'result value'] },
	{ id: 'systolic', displayName: 'Systolic', type: 'number' },
	{ id: 'diastolic', displayName: 'Diastolic', type: 'number' },
	{ id: 'unit', displayName: 'Unit', type: 'string', aliases: ['units'] },
	{
		id: 'occurred_at',
		displayName: 'Occurred At',
		type: 'dateTime',
		required: true,
		aliases: ['time', 'measured at', 'collected at', 'result time', 'timestamp'],
	},
	{ id: 'code_system', displayName: 'Code System', type: 'string' },
	{ id: 'code_value', displayName: 'Code', type: 'string', aliases: ['code value', 'loinc'] },
];

/** The fields around the mapper: the MRN's system and where to look for the patient. */
export const metricPatientFields: INodeProperties[] = [
	mrnSystemField(
		'The identifier system of the Patient MRN column: each metric goes to the one patient with that identifier',
	),
	listField('organization', {
		name: 'mrnOrganization',
		required: true,
		description:
			'The organization to look for the patients in (an identifier is unique only within one).',
	}),
	listField('group', {
		name: 'mrnGroups',
		many: true,
		displayName: 'Patient Group Names or IDs',
		description: 'Look for the patients only in these groups (optional).',
	}),
	columnsField({
		method: METRIC_COLUMN_METHOD,
		mode: 'add',
		words: { singular: 'metric field', plural: 'metric fields' },
	}),
];

/** Item `itemIndex`'s row as a `patient_health_metric` resource, checked as the field-by-field form checks it. */
export function mappedMetric(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
): IDataObject {
	const { values } = mappedRow.call(this, session, itemIndex, METRIC_COLUMNS, 'add');
	const attributes: IDataObject = { type: values.type };
	if (values.type === 'blood_pressure' && values.value === undefined) {
		if (values.systolic === undefined || values.diastolic === undefined)
			inputError.call(
				this,
				itemIndex,
				'A blood pressure needs Systolic and Diastolic (or a Value)',
				'Map both Systolic and Diastolic, or Value.',
			);
		attributes.systolic = values.systolic;
		attributes.diastolic = values.diastolic;
	} else if (values.value === undefined) {
		inputError.call(
			this,
			itemIndex,
			"'Value' is required but empty",
			"Map 'Value' to the measured number (for a value that is not a number, set 'Send Body As' to JSON).",
		);
	} else attributes.value = values.value;
	if (values.unit !== undefined) attributes.unit = values.unit;
	attributes.occurred_at = values.occurred_at;
	if (values.code_system !== undefined || values.code_value !== undefined) {
		if (values.code_system === undefined || values.code_value === undefined)
			inputError.call(
				this,
				itemIndex,
				'Code needs both a Code System and a Code',
				'Map both, or neither.',
			);
		attributes.code = { system: values.code_system, value: values.code_value };
	}
	const system = String(this.getNodeParameter('mrnSystem', itemIndex, '') ?? '').trim();
	if (system === '')
		inputError.call(
			this,
			itemIndex,
			"'MRN System' is empty",
			'Give the identifier system of the Patient MRN column, e.g. medical-record-number.',
		);
	const query: IDataObject = { identifier: { system, value: values.mrn } };
	const organization = optionalLocatorId.call(
		this,
		this.getNodeParameter('mrnOrganization', itemIndex, ''),
		'Organization',
		itemIndex,
	);
	if (!organization)
		// An identifier is only unique within an organization: unscoped, a measurement could land on another patient.
		inputError.call(
			this,
			itemIndex,
			'No Organization chosen',
			'Pick the organization to look for the patients in.',
		);
	query.organization = organization;
	const groups = listIds.call(
		this,
		this.getNodeParameter('mrnGroups', itemIndex, []),
		'Patient Group',
		itemIndex,
	);
	if (groups.length > 0) query.groups = groups;
	return {
		type: 'patient_health_metric',
		attributes,
		relationships: { patient: relationshipByQuery('patient', query) },
	};
}
