import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DuplicateGuard } from '../../helpers/batch';
import { createInBatches, getBatchSize, ignoreDuplicatesMeta } from '../../helpers/batch';
import { listIds } from '../../../shared/helpers/fields';
import { documentFields } from '../../helpers/fieldsDocument';
import {
	getIdParameter,
	optionalLocatorId,
	relationshipByQuery,
	relationshipTo,
} from '../../helpers/operations';
import {
	inputError,
	parseJsonParameter,
	requireBoolean,
	requireNumber,
	requireOption,
	requireText,
} from '../../../shared/helpers/validation';
import { requireIsoDate } from '../../../shared/helpers/dateValidation';

import { createFields, METRIC_TYPES } from './fields';
import type { ApiSession } from '../../../shared/transport';
import { reportUnmappedColumns, usesColumns, versionedForms } from '../../helpers/columnMapper';
import { dryRunField } from '../../helpers/dryRun';
import { mappedMetric, metricPatientFields } from './mapper';

const displayOptions = { show: { resource: ['patientHealthMetric'], operation: ['create'] } };

/** Options and Simplify show in both forms; the rest is version 1's form (and the AI tool's) or the mapper. */
const bothForms = (property: { name: string }) => ['options', 'simplify'].includes(property.name);

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(
		[
			...versionedForms(
				createFields.filter((property) => !bothForms(property)),
				metricPatientFields,
			),
			...createFields.filter((property) => property.name === 'options'),
			dryRunField,
			...createFields.filter((property) => property.name === 'simplify'),
		],
		{ type: 'patient_health_metric', keep: ['options'], batched: true },
	),
);

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** The patient relationship: by id, or by `meta.query` (identifier + organization, optionally groups). */
function patientRelationship(
	this: IExecuteFunctions,
	itemIndex: number,
	additionalFields: IDataObject,
): IDataObject {
	const patientBy = this.getNodeParameter('patientBy', itemIndex, 'id') as string;
	if (patientBy !== 'identifier') {
		return relationshipTo('patient', getIdParameter.call(this, 'patientId', 'Patient', itemIndex));
	}
	const system = text(this.getNodeParameter('identifierSystem', itemIndex, ''));
	const value = text(this.getNodeParameter('identifierValue', itemIndex, ''));
	if (system === '' || value === '') {
		inputError.call(
			this,
			itemIndex,
			"'Identifier System' and 'Identifier Value' are both required",
			'They name the patient the measurement belongs to.',
		);
	}
	const query: IDataObject = { identifier: { system, value } };
	const organization = optionalLocatorId.call(
		this,
		this.getNodeParameter('identifierOrganization', itemIndex, ''),
		'Organization Name or ID',
		itemIndex,
	);
	if (organization) query.organization = organization;
	const groups = listIds.call(
		this,
		additionalFields.identifierGroups,
		'Patient Group Names or IDs',
		itemIndex,
	);
	if (groups.length > 0) query.groups = groups;
	if (!organization && groups.length === 0) {
		// An identifier is only unique within an organization: unscoped, a measurement could land on another patient.
		inputError.call(
			this,
			itemIndex,
			"'Find Patient By' Identifier needs an organization (or patient groups) to look in",
			"Pick the 'Organization Name or ID', or add 'Patient Group Names or IDs' under 'Additional Fields'.",
		);
	}
	return relationshipByQuery('patient', query);
}

const VALUE_TYPES = ['number', 'string', 'boolean', 'object'] as const;

/**
 * The measured value, of the Value Type chosen (the spec's `value` has no type: number, string, boolean or
 * object), checked; a blood pressure given as numbers is its `systolic` and `diastolic`.
 */
function metricValue(this: IExecuteFunctions, itemIndex: number, type: string): IDataObject {
	const valueType = requireOption.call(
		this,
		this.getNodeParameter('valueType', itemIndex, 'number'),
		VALUE_TYPES,
		'Value Type',
		itemIndex,
	);
	const number = (name: string, label: string) =>
		requireNumber.call(this, this.getNodeParameter(name, itemIndex), label, itemIndex);
	switch (valueType) {
		case 'string':
			return {
				value: requireText.call(
					this,
					this.getNodeParameter('textValue', itemIndex, ''),
					'Value',
					itemIndex,
					"Give the measured value, e.g. 120/80, or pick another 'Value Type'.",
				),
			};
		case 'boolean':
			return {
				value: requireBoolean.call(
					this,
					this.getNodeParameter('booleanValue', itemIndex, false),
					'Value',
					itemIndex,
				),
			};
		case 'object': {
			const value = parseJsonParameter.call(
				this,
				this.getNodeParameter('objectValue', itemIndex, '{}'),
				'Value',
				itemIndex,
			);
			if (Array.isArray(value) || Object.keys(value).length === 0) {
				inputError.call(
					this,
					itemIndex,
					Array.isArray(value)
						? "'Value' is a list, not a JSON object"
						: "'Value' is an empty object",
					'Give the reading as a JSON object with its parts, e.g. {"systolic": 120, "diastolic": 80}.',
				);
			}
			return { value };
		}
		default:
			if (type === 'blood_pressure')
				return {
					systolic: number('systolic', 'Systolic'),
					diastolic: number('diastolic', 'Diastolic'),
				};
			return { value: number('value', 'Value') };
	}
}

/** One input item as a `patient_health_metric` resource, checked. */
function buildMetric(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const type = requireOption.call(
		this,
		this.getNodeParameter('metricType', itemIndex),
		METRIC_TYPES,
		'Metric',
		itemIndex,
	);
	const attributes: IDataObject = { type, ...metricValue.call(this, itemIndex, type) };
	const unit = text(this.getNodeParameter('unit', itemIndex, ''));
	if (unit !== '') attributes.unit = unit;
	const occurredAt = this.getNodeParameter('occurredAt', itemIndex, '');
	if (text(occurredAt) === '')
		inputError.call(
			this,
			itemIndex,
			"'Occurred At' is empty",
			'Give the date and time of the measurement.',
		);
	attributes.occurred_at = requireIsoDate.call(this, occurredAt, 'Occurred At', itemIndex);
	const code = (additionalFields.code as IDataObject | undefined)?.code as IDataObject | undefined;
	if (code && (text(code.system) !== '' || text(code.value) !== '')) {
		if (text(code.system) === '' || text(code.value) === '') {
			inputError.call(
				this,
				itemIndex,
				'Code needs both a System and a Value',
				'Fill both, or remove the Code.',
			);
		}
		attributes.code = { system: text(code.system), value: text(code.value) };
	}
	return {
		type: 'patient_health_metric',
		attributes,
		relationships: { patient: patientRelationship.call(this, itemIndex, additionalFields) },
	};
}

/** A time as an instant (`…00Z` and `…00.000Z` are the same), or the text when it is none. */
function instant(value: unknown): string {
	const time = Date.parse(String(value));
	return Number.isNaN(time) ? String(value) : String(time);
}

/**
 * The spec's `ignore_duplicates` for metrics: one is ignored when the patient already has a metric of the same
 * `type` at the same `occurred_at`. A metric whose patient is given by `meta.query` matches on those two.
 */
const sameMeasurement: DuplicateGuard = {
	sameness: 'the same patient, type and occurred at',
	uncovered: 'it has no type or occurred at',
	covers: (resource) => {
		const attributes = (resource.attributes ?? {}) as IDataObject;
		return text(attributes.type) !== '' && text(attributes.occurred_at) !== '';
	},
	matches: (sent, created) => {
		const attributes = (sent.attributes ?? {}) as IDataObject;
		const patient = (sent.relationships as IDataObject | undefined)?.patient as
			IDataObject | undefined;
		const patientId = (patient?.data as IDataObject | undefined)?.id;
		const createdPatient = created.relationships?.patient?.data;
		return (
			created.attributes?.type === attributes.type &&
			instant(created.attributes?.occurred_at) === instant(attributes.occurred_at) &&
			(patientId === undefined ||
				(!Array.isArray(createdPatient) && createdPatient?.id === patientId))
		);
	},
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	const columns = usesColumns.call(this, session);
	const output = await createInBatches.call(this, session, items, {
		endpoint: '/patient_health_metric',
		resourceType: 'patient_health_metric',
		batchSize: getBatchSize.call(this),
		label: 'health metric',
		buildResource: (itemIndex) =>
			columns ? mappedMetric.call(this, session, itemIndex) : buildMetric.call(this, itemIndex),
		buildMeta: (itemIndex) => ignoreDuplicatesMeta.call(this, itemIndex),
		duplicateGuard: sameMeasurement,
		howToCheck: 'Get Many Patient Health Metrics for the patient (same type and occurred at)',
	});
	reportUnmappedColumns.call(this, session, 'health metric');
	return output;
}
