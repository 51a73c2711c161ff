/**
 * Coverage cases for the patient-care resources: patient, health metrics and results, plan summaries, health
 * profiles (profiles, questions, answers, question definitions), coaches and email history.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { OperationCase } from './cases';
import { byId } from './cases';

type Resource = { id: string; type: string; attributes?: Record<string, unknown>; relationships?: Record<string, { data?: unknown }> };

function relIds(resource: Resource | undefined, name: string): string[] {
	const data = resource?.relationships?.[name]?.data as { id: string } | Array<{ id: string }> | null | undefined;
	if (!data) return [];
	return Array.isArray(data) ? data.map((ref) => ref.id) : [data.id];
}

/** A seeded patient with at least one group and one coach. */
function patientWithCoach(sandbox: Sandbox): Resource {
	const found = (sandbox.list('patient') as Resource[]).find(
		(p) => relIds(p, 'groups').length > 0 && relIds(p, 'coaches').length > 0,
	);
	if (!found) throw new Error('the sandbox seeds no patient with a group and a coach');
	return found;
}

/** A seeded patient that has results. */
function patientWithResults(sandbox: Sandbox): string {
	const result = (sandbox.list('result') as Resource[]).find((r) => relIds(r, 'patient').length > 0);
	if (!result) throw new Error('the sandbox seeds no result with a patient');
	return relIds(result, 'patient')[0];
}

function ids(items: IDataObject[]): string[] {
	return items.map((item) => String(item.id));
}

export const patientCareCases: OperationCase[] = [
	// ── patient ──────────────────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'createPatient',
		resource: 'patient',
		operation: 'create',
		parameters: (sandbox) => ({
			firstName: 'Andrew',
			lastName: 'Smith',
			groupIds: [sandbox.ids.groups[0]],
			additionalFields: {
				email_address: 'andrew.smith@example.org',
				gender: 'male',
				birth_date: '1970-05-04',
				identifiers: { identifier: [{ system: 'medical-record-number', value: 'COV-121212', label: 'MRN', unique: true }] },
				phone_numbers: { phone: [{ type: 'mobile', value: '555-555-1234', primary: true }] },
				coaches: [sandbox.ids.coaches[0]],
			},
		}),
		check: (items, sandbox) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ first_name: 'Andrew', last_name: 'Smith', groups: [sandbox.ids.groups[0]] });
			const stored = sandbox.get('patient', String(items[0].id)) as Resource;
			expect(stored.attributes).toMatchObject({ email_address: 'andrew.smith@example.org', birth_date: '1970-05-04' });
		},
	},
	{
		operationId: 'fetchPatients',
		resource: 'patient',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { organization: sandbox.ids.organization } }),
		check: (items, sandbox) => {
			expect(items.length).toBeGreaterThan(0);
			expect(new Set(ids(items))).toEqual(new Set((sandbox.list('patient') as Resource[]).map((p) => p.id)));
		},
	},
	{
		operationId: 'upsertPatient',
		resource: 'patient',
		operation: 'upsert',
		parameters: (sandbox) => {
			const patient = patientWithCoach(sandbox);
			const identifier = (patient.attributes?.identifiers as Array<{ system: string; value: string }>)[0];
			return {
				matchSystem: identifier.system,
				matchValue: identifier.value,
				matchGroups: relIds(patient, 'groups'),
				firstName: 'Upserted',
				additionalFields: { note: 'Updated by the coverage case' },
			};
		},
		check: (items, sandbox) => {
			const patient = patientWithCoach(sandbox);
			expect(items[0]).toMatchObject({ id: patient.id, first_name: 'Upserted', note: 'Updated by the coverage case' });
		},
	},
	{
		operationId: 'fetchPatient',
		resource: 'patient',
		operation: 'get',
		parameters: (sandbox) => ({ patientId: byId(sandbox.ids.patients[1]) }),
		check: (items, sandbox) => {
			const stored = sandbox.get('patient', sandbox.ids.patients[1]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, first_name: stored.attributes?.first_name });
		},
	},
	{
		operationId: 'updatePatient',
		resource: 'patient',
		operation: 'update',
		parameters: (sandbox) => ({ patientId: byId(sandbox.ids.patients[2]), updateFields: { note: 'Prefers morning calls' } }),
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ id: sandbox.ids.patients[2], note: 'Prefers morning calls' });
			expect((sandbox.get('patient', sandbox.ids.patients[2]) as Resource).attributes?.note).toBe('Prefers morning calls');
		},
	},
	{
		operationId: 'fetchPatientGroups',
		resource: 'patient',
		operation: 'getGroups',
		parameters: (sandbox) => ({ patientId: byId(patientWithCoach(sandbox).id), returnAll: true }),
		check: (items, sandbox) => expect(ids(items).sort()).toEqual(relIds(patientWithCoach(sandbox), 'groups').sort()),
	},
	{
		operationId: 'fetchPatientCoaches',
		resource: 'patient',
		operation: 'getCoaches',
		parameters: (sandbox) => ({ patientId: byId(patientWithCoach(sandbox).id), returnAll: true }),
		check: (items, sandbox) => expect(ids(items).sort()).toEqual(relIds(patientWithCoach(sandbox), 'coaches').sort()),
	},
	// ── patient health metric ────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'createPatientHealthMetric',
		resource: 'patientHealthMetric',
		operation: 'create',
		parameters: () => ({
			patientBy: 'id',
			patientId: '={{ $json.patient }}',
			metricType: 'weight',
			value: '={{ $json.kg }}',
			unit: 'kg',
			occurredAt: '={{ $json.at }}',
			options: { batchSize: 100 },
		}),
		input: (sandbox) => [
			{ patient: sandbox.ids.patients[0], kg: 81.5, at: '2025-01-02T08:00:00.000Z' },
			{ patient: sandbox.ids.patients[1], kg: 64.2, at: '2025-01-02T08:05:00.000Z' },
		],
		check: (items, sandbox) => {
			expect(items).toHaveLength(2);
			expect(items[0]).toMatchObject({ type: 'weight', value: 81.5, patient: sandbox.ids.patients[0] });
			expect(items[1]).toMatchObject({ type: 'weight', value: 64.2, patient: sandbox.ids.patients[1] });
		},
	},
	{
		operationId: 'fetchPatientHealthMetrics',
		resource: 'patientHealthMetric',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { patient: byId(sandbox.ids.patients[3]) } }),
		check: (items, sandbox) => {
			const expected = (sandbox.list('patient_health_metric') as Resource[]).filter(
				(m) => relIds(m, 'patient')[0] === sandbox.ids.patients[3],
			);
			expect(new Set(ids(items))).toEqual(new Set(expected.map((m) => m.id)));
		},
	},
	{
		operationId: 'fetchPatientHealthMetric',
		resource: 'patientHealthMetric',
		operation: 'get',
		parameters: (sandbox) => ({ metricId: byId(sandbox.ids.patientHealthMetrics[0]) }),
		check: (items, sandbox) => {
			const stored = sandbox.get('patient_health_metric', sandbox.ids.patientHealthMetrics[0]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, type: stored.attributes?.type, occurred_at: stored.attributes?.occurred_at });
		},
	},
	// ── patient health result ────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'fetchPatientHealthResults',
		resource: 'patientHealthResult',
		operation: 'getAll',
		parameters: (sandbox) => ({ patientId: byId(patientWithResults(sandbox)), returnAll: true }),
		check: (items, sandbox) => {
			const patient = patientWithResults(sandbox);
			const expected = (sandbox.list('result') as Resource[]).filter((r) => relIds(r, 'patient')[0] === patient);
			expect(new Set(ids(items))).toEqual(new Set(expected.map((r) => r.id)));
		},
	},
	{
		operationId: 'fetchPatientHealthResult',
		resource: 'patientHealthResult',
		operation: 'get',
		parameters: (sandbox) => ({ resultId: byId(sandbox.ids.results[0]) }),
		check: (items, sandbox) => {
			const stored = sandbox.get('result', sandbox.ids.results[0]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, metric_type: stored.attributes?.metric_type });
		},
	},
	// ── patient plan summary ─────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'fetchPatientPlanSummaries',
		resource: 'patientPlanSummary',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { groups: sandbox.ids.groups }, include: ['patient'] }),
		check: (items, sandbox) => {
			expect(items.length).toBe(sandbox.list('patient_plan_summary').length);
			const withPatient = items.find((item) => item.patient && typeof item.patient === 'object') as IDataObject;
			expect(withPatient).toBeDefined();
			expect((withPatient.patient as IDataObject).first_name).toEqual(expect.any(String));
		},
	},
	{
		operationId: 'fetchPatientPlanSummary',
		resource: 'patientPlanSummary',
		operation: 'get',
		parameters: (sandbox) => ({ planSummaryId: byId(sandbox.ids.patientPlanSummaries[0]), include: ['actions'] }),
		check: (items, sandbox) => {
			const stored = sandbox.get('patient_plan_summary', sandbox.ids.patientPlanSummaries[0]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, time_zone: stored.attributes?.time_zone });
			expect((items[0].actions as IDataObject[]).map((a) => a.id)).toEqual(relIds(stored, 'actions'));
		},
	},
	{
		operationId: 'updatePatientPlanSummary',
		resource: 'patientPlanSummary',
		operation: 'update',
		parameters: (sandbox) => ({
			planSummaryId: byId(sandbox.ids.patientPlanSummaries[1]),
			updateFields: { time_zone: 'America/Chicago' },
		}),
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ id: sandbox.ids.patientPlanSummaries[1], time_zone: 'America/Chicago' });
			expect((sandbox.get('patient_plan_summary', sandbox.ids.patientPlanSummaries[1]) as Resource).attributes?.time_zone).toBe(
				'America/Chicago',
			);
		},
	},
	// ── health profiles ──────────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'fetchHealthProfiles',
		resource: 'healthProfile',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { organization: sandbox.ids.organization } }),
		check: (items, sandbox) => expect(new Set(ids(items))).toEqual(new Set(sandbox.ids.healthProfiles)),
	},
	{
		operationId: 'fetchHealthProfile',
		resource: 'healthProfile',
		operation: 'get',
		parameters: (sandbox) => ({ healthProfileId: byId(sandbox.ids.healthProfiles[0]), include: ['patient'] }),
		check: (items, sandbox) => {
			const stored = sandbox.get('health_profile', sandbox.ids.healthProfiles[0]) as Resource;
			expect(items[0].id).toBe(stored.id);
			expect((items[0].patient as IDataObject).id).toBe(relIds(stored, 'patient')[0]);
		},
	},
	{
		operationId: 'fetchHealthProfileQuestions',
		resource: 'healthProfileQuestion',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { organization: sandbox.ids.organization } }),
		check: (items, sandbox) => expect(new Set(ids(items))).toEqual(new Set(sandbox.ids.healthProfileQuestions)),
	},
	{
		operationId: 'fetchHealthProfileQuestion',
		resource: 'healthProfileQuestion',
		operation: 'get',
		parameters: (sandbox) => ({ healthProfileQuestionId: byId(sandbox.ids.healthProfileQuestions[0]), include: ['question_definition'] }),
		check: (items, sandbox) => {
			const stored = sandbox.get('health_profile_question', sandbox.ids.healthProfileQuestions[0]) as Resource;
			expect(items[0].id).toBe(stored.id);
			expect((items[0].question_definition as IDataObject).id).toBe(relIds(stored, 'question_definition')[0]);
		},
	},
	{
		operationId: 'fetchHealthProfileAnswers',
		resource: 'healthProfileAnswer',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { groups: sandbox.ids.groups } }),
		check: (items, sandbox) => expect(new Set(ids(items))).toEqual(new Set(sandbox.ids.healthProfileAnswers)),
	},
	{
		operationId: 'fetchHealthProfileAnswer',
		resource: 'healthProfileAnswer',
		operation: 'get',
		parameters: (sandbox) => ({ healthProfileAnswerId: byId(sandbox.ids.healthProfileAnswers[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.healthProfileAnswers[0]),
	},
	{
		operationId: 'fetchHealthQuestionDefinitions',
		resource: 'healthQuestionDefinition',
		operation: 'getAll',
		parameters: () => ({ returnAll: true }),
		check: (items, sandbox) => expect(new Set(ids(items))).toEqual(new Set(sandbox.ids.healthQuestionDefinitions)),
	},
	{
		operationId: 'fetchHealthQuestionDefinition',
		resource: 'healthQuestionDefinition',
		operation: 'get',
		parameters: (sandbox) => ({ questionDefinitionId: byId(sandbox.ids.healthQuestionDefinitions[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.healthQuestionDefinitions[0]),
	},
	// ── coach ────────────────────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'fetchCoaches',
		resource: 'coach',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { organization: sandbox.ids.organization } }),
		check: (items, sandbox) => expect(new Set(ids(items))).toEqual(new Set(sandbox.ids.coaches)),
	},
	{
		operationId: 'fetchCoach',
		resource: 'coach',
		operation: 'get',
		parameters: (sandbox) => ({ coachId: byId(sandbox.ids.coaches[0]) }),
		check: (items, sandbox) => {
			const stored = sandbox.get('coach', sandbox.ids.coaches[0]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, resourceType: 'coach' });
		},
	},
	// ── email history ────────────────────────────────────────────────────────────────────────────────────
	{
		operationId: 'fetchEmailHistories',
		resource: 'emailHistory',
		operation: 'getAll',
		parameters: (sandbox) => {
			const receiver = relIds(sandbox.list('email_history')[0] as Resource, 'receiver')[0];
			return { returnAll: true, filters: { receiver }, options: { sort: '-send_time' } };
		},
		check: (items, sandbox) => {
			const receiver = relIds(sandbox.list('email_history')[0] as Resource, 'receiver')[0];
			const expected = (sandbox.list('email_history') as Resource[]).filter((e) => relIds(e, 'receiver')[0] === receiver);
			expect(new Set(ids(items))).toEqual(new Set(expected.map((e) => e.id)));
			const times = items.map((item) => String(item.send_time));
			expect(times).toEqual([...times].sort().reverse());
		},
	},
	{
		operationId: 'fetchEmailHistory',
		resource: 'emailHistory',
		operation: 'get',
		parameters: (sandbox) => ({ emailHistoryId: byId(sandbox.ids.emailHistories[0]) }),
		check: (items, sandbox) => {
			const stored = sandbox.get('email_history', sandbox.ids.emailHistories[0]) as Resource;
			expect(items[0]).toMatchObject({ id: stored.id, email_type: stored.attributes?.email_type });
		},
	},
];
