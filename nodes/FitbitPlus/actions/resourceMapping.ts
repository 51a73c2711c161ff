/**
 * The node's `methods.resourceMapping`: the field lists the column mappers show (patients, health metrics),
 * written in code from the spec; they need no request.
 */
import type { ResourceMapperFields } from 'n8n-workflow';

import { mapperFields } from '../helpers/columnMapper';
import { PATIENT_COLUMN_METHODS, PATIENT_COLUMNS, PATIENT_UPSERT_COLUMNS } from './patient/mapper';
import { METRIC_COLUMN_METHOD, METRIC_COLUMNS } from './patientHealthMetric/mapper';

export const resourceMapping: Record<string, () => Promise<ResourceMapperFields>> = {
	[PATIENT_COLUMN_METHODS.add]: async () => mapperFields(PATIENT_COLUMNS, 'add'),
	[PATIENT_COLUMN_METHODS.update]: async () => mapperFields(PATIENT_COLUMNS, 'update'),
	[PATIENT_COLUMN_METHODS.upsert]: async () => mapperFields(PATIENT_UPSERT_COLUMNS, 'upsert'),
	[METRIC_COLUMN_METHOD]: async () => mapperFields(METRIC_COLUMNS, 'add'),
};
