/** Shared bits of the trigger tests: parameters, inserts, and request counting against the sandbox. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { TestEngine } from '../helpers/engine';
import { apiRequests } from '../helpers/sandbox';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Health metrics of one patient: the trigger watches `filter[patient]`. */
export function metricParameters(patientId: string, options: IDataObject = {}): INodeParameters {
	return {
		event: 'newPatientHealthMetric',
		watch: 'patient',
		patient: byId(patientId),
		options: { retries: 0, ...options },
	};
}

export function insertMetric(sandbox: Sandbox, patientId: string): string {
	return sandbox.insert(
		'patient_health_metric',
		{},
		{ patient: { data: { type: 'patient', id: patientId } } },
	).id;
}

export function insertMetrics(sandbox: Sandbox, patientId: string, count: number): string[] {
	return Array.from({ length: count }, () => insertMetric(sandbox, patientId));
}

export function freshPatient(sandbox: Sandbox): string {
	return sandbox.insert('patient').id;
}

export const ids = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((item) => String(item.json.id));

/** A poll with the requests it made (token exchanges left out). */
export async function pollCounting(
	engine: TestEngine,
	sandbox: Sandbox,
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) {
	sandbox.resetLog();
	const result = await engine.poll(parameters, staticData, mode);
	const requests = apiRequests(sandbox);
	return { ...result, requests };
}

/** Static data as it would come back from the database after a restart. */
export const restart = (staticData: IDataObject): IDataObject =>
	JSON.parse(JSON.stringify(staticData)) as IDataObject;

/** The trigger's own state inside the workflow's static data. */
export function triggerState(staticData: IDataObject): IDataObject | undefined {
	const node = staticData['node:Fitbit Plus Trigger'] as IDataObject | undefined;
	return node?.fitbitPlusTrigger as IDataObject | undefined;
}
