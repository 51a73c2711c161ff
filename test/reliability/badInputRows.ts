/**
 * The bad-input table (used by badInput.test.ts, and by security.test.ts for its leak scan): each row starts
 * from an operation's coverage case (valid parameters) and breaks one thing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { OperationCase } from '../coverage/cases';
import { countCasesOf } from '../coverage/cases.counts';
import { coreCases } from '../coverage/cases.core';
import { patientCareCases } from '../coverage/cases.patientCare';
import { plansRewardsCases } from '../coverage/cases.plansRewards';

const SPEC_CASES: OperationCase[] = [...coreCases, ...patientCareCases, ...plansRewardsCases];
const CASES: OperationCase[] = [...SPEC_CASES, ...countCasesOf(SPEC_CASES)];

export interface Row {
	name: string;
	/** The coverage case (by operationId) whose valid parameters and input are the starting point. */
	operationId: string;
	/** The node operation, where several reach that operationId (e.g. 'count' beside 'getAll'). */
	operation?: string;
	/** Dot paths into the parameters, set to these values (`undefined` removes the key). */
	set: (sandbox: Sandbox) => Record<string, unknown>;
	message: RegExp;
	/**
	 * A path of `set` whose (scalar) bad value arrives by expression (`={{ $json.v }}`): n8n itself flags some
	 * literal values before the node runs (an empty required field, a locator that fails its regex, an option
	 * not in the list), so these come the way they do in real workflows. `good` is a valid value for the path,
	 * `also` further overrides for the Continue On Fail run (e.g. no unique identifier on three creates).
	 */
	expression?: {
		path: string;
		good: (sandbox: Sandbox) => unknown;
		also?: Record<string, unknown>;
	};
}

/** A value as an expression, for literal rows whose value n8n would flag before the node runs. */
const expr = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;

const NOT_AN_ID = /is not a Fitbit Plus ID$/;
const NOT_ISO = /is not an ISO 8601 date$/;
const NOT_ALLOWED = /is not one of the values Fitbit Plus accepts$/;
const NOT_A_NUMBER = /is not a number$/;
const id = (path: string, pick: (sandbox: Sandbox) => string) => ({ path, good: pick });
const NO_IDENTIFIER = { 'additionalFields.identifiers': undefined };

export const rows: Row[] = [
	// ── ids: empty, path-like, not an object id ───────────────────────────────────────────────────────────
	{
		name: 'Get group: empty id',
		operationId: 'fetchGroup',
		set: () => ({ 'groupId.value': '' }),
		message: /^'Group' is empty$/,
		expression: id('groupId.value', (s) => s.ids.groups[0]),
	},
	{
		name: 'Get group: id "../group"',
		operationId: 'fetchGroup',
		set: () => ({ 'groupId.value': '../group' }),
		message: /^'Group' "\.\.\/group" is not a Fitbit Plus ID$/,
		expression: id('groupId.value', (s) => s.ids.groups[0]),
	},
	{
		name: 'Get patient: id "a/b?x=1"',
		operationId: 'fetchPatient',
		set: () => ({ 'patientId.value': 'a/b?x=1' }),
		message: /^'Patient' "a\/b\?x=1" is not a Fitbit Plus ID$/,
		expression: id('patientId.value', (s) => s.ids.patients[1]),
	},
	{
		name: 'Get patient: id "abc"',
		operationId: 'fetchPatient',
		set: () => ({ 'patientId.value': expr('abc') }),
		message: /^'Patient' "abc" is not a Fitbit Plus ID$/,
	},
	{
		name: 'Update patient: id "../group"',
		operationId: 'updatePatient',
		set: () => ({ 'patientId.value': '../group' }),
		message: NOT_AN_ID,
		expression: id('patientId.value', (s) => s.ids.patients[2]),
	},
	{
		name: 'Get organization: id "abc"',
		operationId: 'fetchOrganization',
		set: () => ({ organizationId: 'abc' }),
		message: NOT_AN_ID,
		expression: id('organizationId', (s) => s.ids.organization),
	},
	{
		name: 'Delete calendar event: id "../group"',
		operationId: 'deleteCalendarEvent',
		set: () => ({ 'calendarEventId.value': expr('../group') }),
		message: NOT_AN_ID,
	},
	{
		name: 'Get email history: empty id',
		operationId: 'fetchEmailHistory',
		set: () => ({ 'emailHistoryId.value': expr('  ') }),
		message: /is empty$/,
	},
	{
		name: 'Get coach: id "a/b?x=1"',
		operationId: 'fetchCoach',
		set: () => ({ 'coachId.value': 'a/b?x=1' }),
		message: NOT_AN_ID,
		expression: id('coachId.value', (s) => s.ids.coaches[0]),
	},
	{
		name: 'Get health metrics: patient filter "abc"',
		operationId: 'fetchPatientHealthMetrics',
		set: () => ({ 'filters.patient.value': expr('abc') }),
		message: NOT_AN_ID,
	},
	{
		name: 'Get patients: organization filter "org-1"',
		operationId: 'fetchPatients',
		set: () => ({ 'filters.organization': 'org-1' }),
		message: NOT_AN_ID,
		expression: id('filters.organization', (s) => s.ids.organization),
	},
	{
		name: 'Create patient: group id "abc"',
		operationId: 'createPatient',
		set: () => ({ groupIds: expr(['abc']) }),
		message: NOT_AN_ID,
	},
	{
		name: 'Create reward earning: empty reward',
		operationId: 'createRewardEarning',
		set: () => ({ 'rewardId.value': expr('') }),
		message: /is empty$/,
	},
	// ── JSON options ──────────────────────────────────────────────────────────────────────────────────────
	{
		name: 'Update plan summary: Critical Thresholds "{"data": ["',
		operationId: 'updatePatientPlanSummary',
		set: () => ({ 'updateFields.critical': '{"data": [' }),
		message: /^'Critical Thresholds \(JSON\)' is not valid JSON$/,
	},
	{
		name: 'Update plan summary: Action IDs without Bundle IDs and Patient',
		operationId: 'updatePatientPlanSummary',
		set: (s) => ({ 'updateFields.actions': s.ids.actions[0] }),
		message: /^'Action IDs', 'Bundle IDs' and 'Patient' go together$/,
	},
	{
		name: 'Update plan summary: Action ID "abc"',
		operationId: 'updatePatientPlanSummary',
		set: (s) => ({
			'updateFields.actions': 'abc',
			'updateFields.bundles': '',
			'updateFields.patient': { __rl: true, mode: 'id', value: s.ids.patients[0] },
		}),
		message: /^'Action ID' "abc" is not a Fitbit Plus ID$/,
	},
	{
		name: 'Create action: metric goal not JSON',
		operationId: 'createAction',
		set: () => ({ 'additionalFields.metrics.metric.0.goal': '{"systolic": ' }),
		message: /is not valid JSON$/,
	},
	{
		name: 'Create action: Identifier without Value',
		operationId: 'createAction',
		set: () => ({
			'additionalFields.identifiers': { identifier: [{ system: 'http://loinc.org', value: ' ' }] },
		}),
		message: /^Identifier 1 needs both a System and a Value$/,
	},
	{
		name: 'Create patient: Identifier without System',
		operationId: 'createPatient',
		set: () => ({
			'additionalFields.identifiers': { identifier: [{ system: '', value: '121212' }] },
		}),
		message: /^Identifier 1 needs both a System and a Value$/,
	},
	// ── dates ─────────────────────────────────────────────────────────────────────────────────────────────
	{
		name: 'Get patients: Updated At From "yesterday"',
		operationId: 'fetchPatients',
		set: () => ({ 'filters.updatedAt': { range: { from: 'yesterday' } } }),
		message: /^'From' of 'Updated At' "yesterday" is not an ISO 8601 date$/,
	},
	{
		name: 'Create patient: Birth Date "May 4th 1970"',
		operationId: 'createPatient',
		set: () => ({ 'additionalFields.birth_date': 'May 4th 1970' }),
		message: NOT_ISO,
		expression: {
			path: 'additionalFields.birth_date',
			good: () => '1970-05-04',
			also: NO_IDENTIFIER,
		},
	},
	{
		name: 'Create health metric: Occurred At "last Tuesday"',
		operationId: 'createPatientHealthMetric',
		set: () => ({ occurredAt: 'last Tuesday' }),
		message: /^'Occurred At' "last Tuesday" is not an ISO 8601 date$/,
		expression: { path: 'occurredAt', good: () => '2025-01-03T08:00:00.000Z' },
	},
	{
		name: 'Create action: Effective From "next week"',
		operationId: 'createAction',
		set: () => ({ effectiveFrom: 'next week' }),
		message: NOT_ISO,
	},
	{
		name: 'Create calendar event: Start At "2030-13-45"',
		operationId: 'createCalendarEvent',
		set: () => ({ startAt: '2030-13-45' }),
		message: NOT_ISO,
		expression: { path: 'startAt', good: () => '2030-05-02T14:00:00Z' },
	},
	{
		name: 'Create reward: Allocated At "soon"',
		operationId: 'createReward',
		set: () => ({ allocatedAt: 'soon' }),
		message: NOT_ISO,
	},
	// ── counts: the same filters, checked as Get Many checks them ─────────────────────────────────────────
	{
		name: 'Count health metrics: patient filter "abc"',
		operationId: 'fetchPatientHealthMetrics',
		operation: 'count',
		set: () => ({ 'filters.patient.value': expr('abc') }),
		message: NOT_AN_ID,
	},
	{
		name: 'Count patients: Created At From after To',
		operationId: 'fetchPatients',
		operation: 'count',
		set: () => ({
			'filters.createdAt': { range: { from: '2024-05-01T00:00:00Z', to: '2024-04-01T00:00:00Z' } },
		}),
		message: /^'Created At': 'From' must be before 'To'$/,
	},
	{
		name: 'Count email histories: neither Receiver nor Sender',
		operationId: 'fetchEmailHistories',
		operation: 'count',
		set: () => ({ filters: {} }),
		message: /^Fitbit Plus needs a 'Receiver ID' or 'Sender ID' filter$/,
	},
	// ── a From after its To ───────────────────────────────────────────────────────────────────────────────
	{
		name: 'Get patients: Created At From after To',
		operationId: 'fetchPatients',
		set: () => ({
			'filters.createdAt': { range: { from: '2024-05-01T00:00:00Z', to: '2024-04-01T00:00:00Z' } },
		}),
		message: /^'Created At': 'From' must be before 'To'$/,
	},
	{
		name: 'Get calendar events: Start At From after To',
		operationId: 'fetchCalendarEvents',
		set: () => ({ 'filters.start_at': { range: { from: '2030-01-02', to: '2030-01-01' } } }),
		message: /^'Start At': 'From' must be before 'To'$/,
	},
	{
		name: 'Create calendar event: End At before Start At',
		operationId: 'createCalendarEvent',
		set: () => ({ 'additionalFields.end_at': '2030-05-02T13:00:00Z' }),
		message: /^'End At' must be after 'Start At'$/,
	},
	{
		name: 'Create reward program: End At before Start At',
		operationId: 'createRewardProgram',
		set: () => ({ startAt: '2030-02-01T00:00:00Z', endAt: '2030-01-01T00:00:00Z' }),
		message: /^'End At' must be after 'Start At'$/,
	},
	// ── enums arriving by expression ──────────────────────────────────────────────────────────────────────
	{
		name: 'Create health metric: Metric "steps"',
		operationId: 'createPatientHealthMetric',
		set: () => ({ metricType: 'steps' }),
		message: /^'Metric' "steps" is not one of the values Fitbit Plus accepts$/,
		expression: { path: 'metricType', good: () => 'weight' },
	},
	{
		name: 'Create patient: Gender "unknown"',
		operationId: 'createPatient',
		set: () => ({ 'additionalFields.gender': 'unknown' }),
		message: NOT_ALLOWED,
		expression: { path: 'additionalFields.gender', good: () => 'female', also: NO_IDENTIFIER },
	},
	{
		name: 'Create action: Type "yoga"',
		operationId: 'createAction',
		set: () => ({ actionType: 'yoga' }),
		message: NOT_ALLOWED,
		expression: { path: 'actionType', good: () => 'other_lifestyle' },
	},
	{
		name: 'Create calendar event: Type "party"',
		operationId: 'createCalendarEvent',
		set: () => ({ eventType: 'party' }),
		message: NOT_ALLOWED,
		expression: { path: 'eventType', good: () => 'telephone-call' },
	},
	{
		name: 'Get plan summaries: Include "secrets"',
		operationId: 'fetchPatientPlanSummaries',
		set: () => ({ include: expr(['secrets']) }),
		message: /^'Include Related' "secrets" is not available here$/,
	},
	// ── numbers given text ────────────────────────────────────────────────────────────────────────────────
	{
		name: 'Create health metric: Value "heavy"',
		operationId: 'createPatientHealthMetric',
		set: () => ({ value: 'heavy' }),
		message: /^'Value' "heavy" is not a number$/,
		expression: { path: 'value', good: () => 70.5 },
	},
	{
		name: 'Create health metric: Value Type "date"',
		operationId: 'createPatientHealthMetric',
		set: () => ({ valueType: expr('date') }),
		message: NOT_ALLOWED,
	},
	{
		name: 'Create health metric: text Value empty',
		operationId: 'createPatientHealthMetric',
		set: () => ({ valueType: 'string', textValue: ' ' }),
		message: /^'Value' is empty$/,
		expression: { path: 'textValue', good: () => '120/80' },
	},
	{
		name: 'Create health metric: yes/no Value "maybe"',
		operationId: 'createPatientHealthMetric',
		set: () => ({ valueType: 'boolean', booleanValue: 'maybe' }),
		message: /^'Value' "maybe" is not true or false$/,
		expression: { path: 'booleanValue', good: () => true },
	},
	{
		name: 'Create health metric: structured Value a list',
		operationId: 'createPatientHealthMetric',
		set: () => ({ valueType: 'object', objectValue: '[120, 80]' }),
		message: /^'Value' is a list, not a JSON object$/,
	},
	{
		name: 'Create health metric: structured Value not JSON',
		operationId: 'createPatientHealthMetric',
		set: () => ({ valueType: 'object', objectValue: '{"systolic": 120' }),
		message: /^'Value' is not valid JSON$/,
	},
	{
		name: 'Create reward program: Budget Value "lots"',
		operationId: 'createRewardProgram',
		set: () => ({ budgetValue: 'lots' }),
		message: NOT_A_NUMBER,
		expression: { path: 'budgetValue', good: () => 100 },
	},
	{
		name: 'Create reward earning: Earned Value -5',
		operationId: 'createRewardEarning',
		set: () => ({ earnedValue: -5 }),
		message: /^'Earned Value' must be at least 0 \(got -5\)$/,
	},
	// ── limits and batch sizes ────────────────────────────────────────────────────────────────────────────
	{
		name: 'Get groups: Limit 0',
		operationId: 'fetchGroups',
		set: () => ({ returnAll: false, limit: 0 }),
		message: /^'Limit' must be a whole number of 1 or more \(got 0\)$/,
	},
	{
		name: 'Get patients: Limit -3',
		operationId: 'fetchPatients',
		set: () => ({ returnAll: false, limit: -3 }),
		message: /^'Limit' must be a whole number of 1 or more \(got -3\)$/,
	},
	{
		name: 'Create health metric: Batch Size 0',
		operationId: 'createPatientHealthMetric',
		set: () => ({ 'options.batchSize': 0 }),
		message: /^'Batch Size' must be a whole number of 1 or more \(got 0\)$/,
	},
	{
		name: 'Create health metric: Batch Size -2',
		operationId: 'createPatientHealthMetric',
		set: () => ({ 'options.batchSize': -2 }),
		message: /^'Batch Size' must be a whole number of 1 or more \(got -2\)$/,
	},
	// ── meta.query without what names the record ──────────────────────────────────────────────────────────
	{
		name: 'Create health metric: patient by identifier without organization',
		operationId: 'createPatientHealthMetric',
		set: () => ({
			patientBy: 'identifier',
			identifierSystem: 'medical-record-number',
			identifierValue: '121212',
			identifierOrganization: expr(''),
		}),
		message: /^'Find Patient By' Identifier needs an organization/,
	},
	{
		name: 'Create health metric: patient by identifier without value',
		operationId: 'createPatientHealthMetric',
		set: (s) => ({
			patientBy: 'identifier',
			identifierSystem: 'medical-record-number',
			identifierValue: expr(''),
			identifierOrganization: s.ids.organization,
		}),
		message: /^'Identifier System' and 'Identifier Value' are both required$/,
	},
	{
		name: 'Create patient: group by name with organization "org-1"',
		operationId: 'createPatient',
		set: () => ({
			groupsByName: { group: [{ name: 'Patients Lead', organization: 'org-1' }] },
			groupIds: undefined,
		}),
		message: /^'Organization' of 'Groups by Name' "org-1" is not a Fitbit Plus ID$/,
	},
	{
		name: 'Create patient: second group by name without name',
		operationId: 'createPatient',
		set: (s) => ({
			groupsByName: {
				group: [
					{ name: 'Patients Lead', organization: s.ids.organization },
					{ name: expr(' '), organization: s.ids.organization },
				],
			},
		}),
		message: /^'Group Name' of 'Groups by Name' 2 is empty$/,
	},
	{
		name: 'Create patient: Batch Size 0',
		operationId: 'createPatient',
		set: () => ({ 'options.batchSize': 0 }),
		message: /^'Batch Size' must be a whole number of 1 or more \(got 0\)$/,
	},
	{
		name: 'Create patient: no group',
		operationId: 'createPatient',
		set: () => ({ groupIds: expr([]) }),
		message: /^No group chosen$/,
	},
	// ── missing required filters / nothing to do ──────────────────────────────────────────────────────────
	{
		name: 'Get patients: Identifier System without Value',
		operationId: 'fetchPatients',
		set: () => ({ 'filters.identifierSystem': 'medical-record-number' }),
		message: /^'Identifier System' and 'Identifier Value' go together$/,
	},
	{
		name: 'Get calendar events: attendee "abc"',
		operationId: 'fetchCalendarEvents',
		set: () => ({ 'filters.attendees': expr('abc') }),
		message: NOT_AN_ID,
	},
	// ── Get Many's Scope (a group or the organization walked patient by patient) ──────────────────────────
	{
		name: 'Get reward earnings, Scope Groups: group "abc"',
		operationId: 'fetchRewardEarnings',
		set: () => ({ scope: 'groups', groups: 'abc' }),
		message: /^'Group Names or IDs' "abc" is not a Fitbit Plus ID$/,
		expression: id('groups', (s) => s.ids.groups[0]),
	},
	{
		name: 'Get reward earnings, Scope Groups: no group',
		operationId: 'fetchRewardEarnings',
		set: () => ({ scope: 'groups', groups: expr([]) }),
		message: /^'Group Names or IDs' is empty$/,
	},
	{
		name: 'Get reward earnings, Scope Organization: Limit 0',
		operationId: 'fetchRewardEarnings',
		set: () => ({ scope: 'organization', returnAll: false, limit: 0 }),
		message: /^'Limit' must be a whole number of 1 or more \(got 0\)$/,
	},
	{
		name: 'Get reward earning fulfillments, Scope Groups: group "../group"',
		operationId: 'fetchRewardEarningFulfillments',
		set: () => ({ scope: 'groups', groups: expr(['../group']) }),
		message: /^'Group Names or IDs' "\.\.\/group" is not a Fitbit Plus ID$/,
	},
	{
		name: 'Get reward earning fulfillments: Scope "everyone" (an imported workflow)',
		operationId: 'fetchRewardEarningFulfillments',
		set: () => ({ scope: 'everyone' }),
		message: /^'Scope' "everyone" is not one of Patient, Groups, Organization$/,
	},
	// ── values of the wrong type, by expression: an object or array where one value belongs ──────────────
	{
		name: 'Create group: Name an object',
		operationId: 'createGroup',
		set: () => ({ name: { first: 'Cardiac', second: 'Rehab' } }),
		message: /^'Name' must be text \(got an object\)$/,
		expression: { path: 'name', good: () => 'Cardiac Rehab' },
	},
	{
		name: 'Create group: Name an array',
		operationId: 'createGroup',
		set: () => ({ name: ['Cardiac', 'Rehab'] }),
		message: /^'Name' must be text \(got an array\)$/,
		expression: { path: 'name', good: () => 'Cardiac Rehab' },
	},
	{
		name: 'Create group: Bio (Additional Fields) an object',
		operationId: 'createGroup',
		set: () => ({ 'additionalFields.bio': { text: 'Twelve weeks' } }),
		message: /^'Bio' must be text \(got an object\)$/,
		expression: { path: 'additionalFields.bio', good: () => 'Twelve-week programme' },
	},
	{
		name: 'Create patient: First Name an object',
		operationId: 'createPatient',
		set: () => ({ firstName: { given: 'Ada' } }),
		message: /^'First Name' must be text \(got an object\)$/,
		expression: { path: 'firstName', good: () => 'Ada', also: NO_IDENTIFIER },
	},
	{
		name: 'Update patient: First Name an array',
		operationId: 'updatePatient',
		set: () => ({ 'updateFields.first_name': ['Ada', 'Grace'] }),
		message: /^'First Name' must be text \(got an array\)$/,
		expression: { path: 'updateFields.first_name', good: () => 'Ada' },
	},
	{
		name: 'Create patient: Gender an object',
		operationId: 'createPatient',
		set: () => ({ 'additionalFields.gender': { code: 'female' } }),
		message: /^'Gender' must be one value \(got an object\)$/,
		expression: { path: 'additionalFields.gender', good: () => 'female', also: NO_IDENTIFIER },
	},
	{
		name: 'Get patient: ID an object',
		operationId: 'fetchPatient',
		set: (s) => ({ 'patientId.value': { id: s.ids.patients[0] } }),
		message: /^'Patient' must be a Fitbit Plus ID \(got an object\)$/,
		expression: id('patientId.value', (s) => s.ids.patients[0]),
	},
	{
		name: 'Get patients: organization filter an object',
		operationId: 'fetchPatients',
		set: (s) => ({ 'filters.organization': { id: s.ids.organization } }),
		message: /must be a Fitbit Plus ID \(got an object\)$/,
		expression: id('filters.organization', (s) => s.ids.organization),
	},
	{
		name: 'Create reward program: Budget Value an object',
		operationId: 'createRewardProgram',
		set: () => ({ budgetValue: { amount: 100 } }),
		message: /must be a number \(got an object\)$/,
		expression: { path: 'budgetValue', good: () => 100 },
	},
	{
		name: 'Create health metric: Occurred At an object',
		operationId: 'createPatientHealthMetric',
		set: () => ({ occurredAt: { at: '2025-01-03T08:00:00.000Z' } }),
		message: /^'Occurred At' must be a date \(got an object\)$/,
		expression: { path: 'occurredAt', good: () => '2025-01-03T08:00:00.000Z' },
	},
	{
		name: 'Update patient: nothing to update',
		operationId: 'updatePatient',
		set: () => ({ updateFields: {} }),
		message: /^Nothing to update$/,
	},
];

export function caseOf(operationId: string, operation?: string): OperationCase {
	const found = CASES.find(
		(c) => c.operationId === operationId && (operation === undefined || c.operation === operation),
	);
	if (!found) throw new Error(`no coverage case ${operationId}${operation ? `/${operation}` : ''}`);
	return found;
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node: IDataObject = target;
	for (const key of keys.slice(0, -1)) {
		if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object')
			node[key] = {};
		node = node[key] as IDataObject;
	}
	const last = keys[keys.length - 1];
	if (value === undefined) delete node[last];
	else node[last] = value as IDataObject[string];
}

export function build(sandbox: Sandbox, row: Row, overrides: Record<string, unknown>) {
	const c = caseOf(row.operationId, row.operation);
	const parameters = structuredClone({
		resource: c.resource,
		operation: c.operation,
		...c.parameters(sandbox),
	}) as IDataObject;
	for (const [path, value] of Object.entries(overrides)) setPath(parameters, path, value);
	return { parameters: parameters as INodeParameters, input: c.input ? c.input(sandbox) : [{}] };
}

/** The row's parameters and input for one item: the bad value by expression where the row has one. */
export function badRun(
	sandbox: Sandbox,
	row: Row,
): { parameters: INodeParameters; input: IDataObject[] } {
	const overrides = row.set(sandbox);
	const path = row.expression?.path;
	const bad = path ? overrides[path] : undefined;
	if (path) overrides[path] = '={{ $json.v }}';
	const built = build(sandbox, row, overrides);
	return {
		parameters: built.parameters,
		input: path ? [{ ...built.input[0], v: bad as IDataObject[string] }] : built.input,
	};
}
