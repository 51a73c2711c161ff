/**
 * Patient-care resources through the real n8n engine against the spec-validating sandbox: filters as the API
 * wants them, bodies exactly as the spec describes them, meta.query relationships, simplify and include, paging
 * request counts, batched metric creation (pairing, failed batches), input refused before any request, and the
 * patient search of the resource locator.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox';
import { byId } from '../coverage/cases';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

type Resource = {
	id: string;
	attributes?: Record<string, unknown>;
	relationships?: Record<string, { data?: unknown }>;
};

function relIds(resource: Resource | undefined, name: string): string[] {
	const data = resource?.relationships?.[name]?.data as
		{ id: string } | Array<{ id: string }> | null | undefined;
	if (!data) return [];
	return Array.isArray(data) ? data.map((ref) => ref.id) : [data.id];
}

/** Runs the node and returns its output and the API requests it made (token exchanges left out). */
async function run(parameters: IDataObject, input: IDataObject[] = [{}], continueOnFail = false) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.execute(parameters as never, input, { continueOnFail });
	return { ...result, requests: apiRequests(sandbox) };
}

function only(requests: RecordedRequest[], operationId: string): RecordedRequest[] {
	return requests.filter((request) => request.operationId === operationId);
}

function json(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** A group with `count` fresh patients in it, so counts do not depend on the seed. */
function groupWithPatients(count: number): { group: string; patients: string[] } {
	const { sandbox } = fixture;
	const group = sandbox.insert('group', {
		name: `Paging ${Math.random().toString(36).slice(2, 8)}`,
	}).id;
	const patients: string[] = [];
	for (let i = 0; i < count; i++) {
		patients.push(
			sandbox.insert(
				'patient',
				{ first_name: `Page${i}`, last_name: 'Test' },
				{ groups: { data: [{ type: 'group', id: group }] } },
			).id,
		);
	}
	return { group, patients };
}

describe('filters reach the query as the API wants them', () => {
	test('Get Many patients: comma list of groups, boolean, ranges, identifier', async () => {
		const { sandbox } = fixture;
		const [g0, g1] = sandbox.ids.groups;
		const { requests, error, items } = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: {
				groups: [g0, g1],
				archived: false,
				createdAt: { range: { from: '2020-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' } },
				updatedAt: { range: { from: '2020-01-01T00:00:00.000Z' } },
				identifierSystem: 'https://emr.example.org/mrn',
				identifierValue: 'MRN-000001',
			},
		});
		expect(error).toBeUndefined();
		const [request] = only(requests, 'fetchPatients');
		expect(request.query).toMatchObject({
			'filter[groups]': `${g0},${g1}`,
			'filter[archived]': 'false',
			'filter[created_at]': '2020-01-01T00:00:00.000Z..2100-01-01T00:00:00.000Z',
			// The open side is sent as an explicit bound: the spec never shows `from..`.
			'filter[updated_at]': '2020-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z',
			'filter[identifier][system]': 'https://emr.example.org/mrn',
			'filter[identifier][value]': 'MRN-000001',
		});
		// The sandbox applied them: at most the one patient with that MRN, not archived, in those groups.
		for (const item of json(items)) {
			expect(item.archived).toBe(false);
			expect((item.identifiers as IDataObject[]).some((i) => i.value === 'MRN-000001')).toBe(true);
		}
	});

	test('Get Many patients: archived on is sent as "true" and only archived patients come back', async () => {
		const { sandbox } = fixture;
		const { requests, items } = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: sandbox.ids.organization, archived: true },
		});
		expect(only(requests, 'fetchPatients')[0].query['filter[archived]']).toBe('true');
		const archived = (sandbox.list('patient') as Resource[]).filter(
			(p) => p.attributes?.archived === true,
		);
		expect(
			json(items)
				.map((i) => i.id)
				.sort(),
		).toEqual(archived.map((p) => p.id).sort());
	});

	test('Get Many health results: occurrence range split into start_at / end_at, comma lists, created range', async () => {
		const { sandbox } = fixture;
		const result = (sandbox.list('result') as Resource[]).find(
			(r) => relIds(r, 'patient').length > 0,
		)!;
		const patient = relIds(result, 'patient')[0];
		const thread = String(result.attributes?._thread);
		const { requests, items, error } = await run({
			resource: 'patientHealthResult',
			operation: 'getAll',
			patientId: byId(patient),
			returnAll: true,
			filters: {
				occurredAt: { range: { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' } },
				createdAt: { range: { to: '2100-01-01T00:00:00.000Z' } },
				threads: `${thread}, other_thread`,
			},
		});
		expect(error).toBeUndefined();
		expect(only(requests, 'fetchPatientHealthResults')[0].query).toMatchObject({
			'filter[patient]': patient,
			'filter[start_at]': '2000-01-01T00:00:00.000Z',
			'filter[end_at]': '2100-01-01T00:00:00.000Z',
			'filter[created_at]': '1970-01-01T00:00:00.000Z..2100-01-01T00:00:00.000Z',
			'filter[threads]': `${thread},other_thread`,
		});
		expect(json(items).map((i) => i.id)).toContain(result.id);
	});

	test('Get Many email history: receiver, type and sort', async () => {
		const { sandbox } = fixture;
		const email = sandbox.list('email_history')[0] as Resource;
		const receiver = relIds(email, 'receiver')[0];
		const type = String(email.attributes?.email_type);
		const { requests, items } = await run({
			resource: 'emailHistory',
			operation: 'getAll',
			returnAll: true,
			filters: { receiver, emailType: type },
			options: { sort: 'send_time' },
		});
		expect(only(requests, 'fetchEmailHistories')[0].query).toMatchObject({
			'filter[receiver]': receiver,
			'filter[emailType]': type,
			sort: 'send_time',
		});
		const times = json(items).map((i) => String(i.send_time));
		expect(times.length).toBeGreaterThan(0);
		expect(times).toEqual([...times].sort());
		expect(json(items).every((i) => i.email_type === type && i.receiver === receiver)).toBe(true);
	});

	test.each([
		['patient', 'fetchPatients', 'patient'],
		['patientHealthMetric', 'fetchPatientHealthMetrics', 'patient_health_metric'],
		['patientPlanSummary', 'fetchPatientPlanSummaries', 'patient_plan_summary'],
		['healthProfile', 'fetchHealthProfiles', 'health_profile'],
		['healthProfileAnswer', 'fetchHealthProfileAnswers', 'health_profile_answer'],
		['healthProfileQuestion', 'fetchHealthProfileQuestions', 'health_profile_question'],
		['coach', 'fetchCoaches', 'coach'],
	])(
		"%s: Get Many without a scope filter lists the credential's organization",
		async (resource, operationId, type) => {
			const { items, requests, error } = await run({
				resource,
				operation: 'getAll',
				returnAll: true,
				filters: {},
			});
			expect(error).toBeUndefined();
			const listed = only(requests, operationId);
			expect(listed.length).toBeGreaterThan(0);
			expect(listed[0].query['filter[organization]']).toBe(fixture.sandbox.ids.organization);
			// The organization the token exchange named, stored with the token: no request to find it.
			expect(requests.filter((r) => r.operationId !== operationId)).toEqual([]);
			expect(items).toHaveLength(fixture.sandbox.list(type).length);
		},
	);
});

describe('create, upsert and update bodies', () => {
	test('Create patient sends exactly the JSON:API document the spec describes', async () => {
		const { sandbox } = fixture;
		const [g0] = sandbox.ids.groups;
		const [c0, c1] = sandbox.ids.coaches;
		const { requests, items, error } = await run({
			resource: 'patient',
			operation: 'create',
			firstName: ' Andrew ',
			lastName: 'Smith',
			groupIds: [g0],
			additionalFields: {
				email_address: 'andrew@example.org',
				birth_date: '1970-05-04T00:00:00.000Z',
				gender: 'male',
				note: 'Referred by Dr. Lee',
				phone_numbers: { phone: [{ type: 'mobile', value: '555-555-1234', primary: true }] },
				addresses: {
					address: [
						{
							lines: '1234 Any St.\nApt 2',
							city: 'Cambridge',
							state: 'MA',
							postal_code: '02138',
							country: 'US',
						},
					],
				},
				identifiers: {
					identifier: [
						{ system: 'medical-record-number', value: 'BODY-1', label: 'MRN', unique: true },
					],
				},
				archive_history: {
					event: [
						{ archived: false, modified_at: '2024-01-01T00:00:00.000Z', reason: 'Re-enrolled' },
					],
				},
				coaches: [c0, c1],
				primaryCoach: c1,
			},
			options: { ignoreDuplicates: true },
		});
		expect(error).toBeUndefined();
		const [request] = only(requests, 'createPatient');
		// One item in a batch (Batch Size 100): `data` is an array of one, as the spec's bulk create allows.
		expect(request.body).toEqual({
			meta: { ignore_duplicates: true },
			data: [
				{
					type: 'patient',
					attributes: {
						first_name: 'Andrew',
						last_name: 'Smith',
						email_address: 'andrew@example.org',
						note: 'Referred by Dr. Lee',
						birth_date: '1970-05-04',
						gender: 'male',
						phone_numbers: [{ type: 'mobile', value: '555-555-1234', primary: true }],
						addresses: [
							{
								lines: ['1234 Any St.', 'Apt 2'],
								city: 'Cambridge',
								state: 'MA',
								postal_code: '02138',
								country: 'US',
							},
						],
						identifiers: [
							{ system: 'medical-record-number', value: 'BODY-1', label: 'MRN', unique: true },
						],
						archive_history: [
							{ archived: false, modified_at: '2024-01-01T00:00:00.000Z', reason: 'Re-enrolled' },
						],
					},
					relationships: {
						groups: { data: [{ type: 'group', id: g0 }] },
						coaches: {
							data: [
								{ type: 'coach', id: c0, meta: { primary: false } },
								{ type: 'coach', id: c1, meta: { primary: true } },
							],
						},
					},
				},
			],
		});
		expect(json(items)[0]).toMatchObject({ first_name: 'Andrew', groups: [g0], coaches: [c0, c1] });
	});

	test('Create patient in groups by id and by name (meta.query), the organization defaulting to the credential', async () => {
		const { sandbox } = fixture;
		const [byId, named, other] = sandbox.ids.groups.map(
			(id) => sandbox.get('group', id) as Resource,
		);
		const { requests, items, error } = await run({
			resource: 'patient',
			operation: 'create',
			firstName: 'Query',
			groupIds: [byId.id],
			groupsByName: {
				group: [
					{ name: String(named.attributes?.name), organization: sandbox.ids.organization },
					{ name: String(other.attributes?.name) },
				],
			},
		});
		expect(error).toBeUndefined();
		const query = (group: Resource) => ({
			type: 'group',
			meta: { query: { organization: sandbox.ids.organization, name: group.attributes?.name } },
		});
		expect((only(requests, 'createPatient')[0].body as IDataObject).data).toEqual([
			{
				type: 'patient',
				attributes: { first_name: 'Query' },
				relationships: {
					groups: { data: [{ type: 'group', id: byId.id }, query(named), query(other)] },
				},
			},
		]);
		// The credential's organization for the entry without one, as the token exchange named it: no request.
		expect(requests.map((r) => r.operationId)).toEqual(['createPatient']);
		expect(json(items)[0].groups).toEqual([byId.id, named.id, other.id]);
	});

	test('Upsert: meta.query finds the existing patient and updates it; a new identifier creates one', async () => {
		const { sandbox } = fixture;
		const patient = (sandbox.list('patient') as Resource[]).find(
			(p) => relIds(p, 'groups').length > 0,
		)!;
		const identifier = (
			patient.attributes?.identifiers as Array<{ system: string; value: string }>
		)[0];
		const groups = relIds(patient, 'groups');
		const first = await run({
			resource: 'patient',
			operation: 'upsert',
			matchSystem: identifier.system,
			matchValue: identifier.value,
			matchGroups: groups,
			lastName: 'Upserted',
		});
		expect(first.error).toBeUndefined();
		expect(only(first.requests, 'upsertPatient')[0].body).toEqual({
			meta: {
				query: { identifier: { system: identifier.system, value: identifier.value }, groups },
			},
			data: { type: 'patient', attributes: { last_name: 'Upserted' } },
		});
		expect(json(first.items)[0]).toMatchObject({ id: patient.id, last_name: 'Upserted' });

		const second = await run({
			resource: 'patient',
			operation: 'upsert',
			matchSystem: 'medical-record-number',
			matchValue: 'UPSERT-NEW-1',
			matchGroups: [sandbox.ids.groups[0]],
			firstName: 'Brand',
			lastName: 'New',
		});
		expect(second.error).toBeUndefined();
		const created = json(second.items)[0];
		expect(created.id).not.toBe(patient.id);
		expect(created).toMatchObject({ first_name: 'Brand', groups: [sandbox.ids.groups[0]] });
	});

	test('Update patient sends only what was set (attributes always present, no relationships)', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patients[5];
		const before = sandbox.get('patient', id) as Resource;
		const { requests, items } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			updateFields: { email_address: 'new.address@example.org' },
		});
		expect(only(requests, 'updatePatient')[0].body).toEqual({
			data: { type: 'patient', id, attributes: { email_address: 'new.address@example.org' } },
		});
		expect(json(items)[0]).toMatchObject({
			id,
			email_address: 'new.address@example.org',
			first_name: before.attributes?.first_name,
		});
	});

	test('Update patient: coaches without groups is refused before any request; with groups both are sent', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patients[6];
		const refused = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			updateFields: { coaches: [sandbox.ids.coaches[0]] },
		});
		expect(refused.error?.message).toMatch(/Coaches can only be set together with Groups/);
		expect(refused.requests).toHaveLength(0);

		const { requests, items } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			updateFields: { coaches: [sandbox.ids.coaches[1]], groups: [sandbox.ids.groups[2]] },
		});
		expect(only(requests, 'updatePatient')[0].body).toEqual({
			data: {
				type: 'patient',
				id,
				attributes: {},
				relationships: {
					groups: { data: [{ type: 'group', id: sandbox.ids.groups[2] }] },
					coaches: { data: [{ type: 'coach', id: sandbox.ids.coaches[1] }] },
				},
			},
		});
		expect(json(items)[0]).toMatchObject({
			groups: [sandbox.ids.groups[2]],
			coaches: [sandbox.ids.coaches[1]],
		});
	});

	test('Update plan summary sends only the attributes set', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patientPlanSummaries[2];
		const before = sandbox.get('patient_plan_summary', id) as Resource;
		const actions = relIds(before, 'actions').slice(0, 2);
		const { requests, items, error } = await run({
			resource: 'patientPlanSummary',
			operation: 'update',
			planSummaryId: byId(id),
			updateFields: {
				critical: '{"weight": {"data": {"maximum": {"unit": "kg", "value": 150}}}}',
				window_order: { window: [{ type: 'morning', actions: actions.join(',') }] },
			},
		});
		expect(error).toBeUndefined();
		expect(only(requests, 'updatePatientPlanSummary')[0].body).toEqual({
			data: {
				type: 'patient_plan_summary',
				id,
				attributes: {
					critical: { weight: { data: { maximum: { unit: 'kg', value: 150 } } } },
					window_order: [{ type: 'morning', _actions: actions }],
				},
			},
		});
		expect(json(items)[0]).toMatchObject({ id, time_zone: before.attributes?.time_zone });
	});
});

describe('output: simplify and include', () => {
	test('simplify on gives flat items; off gives the JSON:API resource', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patients[0];
		const flat = await run({ resource: 'patient', operation: 'get', patientId: byId(id) });
		expect(json(flat.items)[0]).toMatchObject({
			id,
			resourceType: 'patient',
			first_name: expect.any(String),
			groups: expect.any(Array),
		});
		const raw = await run({
			resource: 'patient',
			operation: 'get',
			patientId: byId(id),
			simplify: false,
		});
		const resource = json(raw.items)[0];
		expect(resource).toMatchObject({
			id,
			type: 'patient',
			attributes: { first_name: expect.any(String) },
		});
		expect(resource.first_name).toBeUndefined();
		expect((resource.relationships as IDataObject).groups).toBeDefined();
	});

	test('include puts the related records in place of their ids', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patientPlanSummaries[0];
		const stored = sandbox.get('patient_plan_summary', id) as Resource;
		const patientId = relIds(stored, 'patient')[0];
		const plain = await run({
			resource: 'patientPlanSummary',
			operation: 'get',
			planSummaryId: byId(id),
		});
		expect(json(plain.items)[0].patient).toBe(patientId);

		const { requests, items } = await run({
			resource: 'patientPlanSummary',
			operation: 'get',
			planSummaryId: byId(id),
			include: ['patient', 'actions'],
		});
		expect(only(requests, 'fetchPatientPlanSummary')[0].query.include).toBe('patient,actions');
		const item = json(items)[0];
		expect(item.patient).toMatchObject({
			id: patientId,
			resourceType: 'patient',
			first_name: expect.any(String),
		});
		expect((item.actions as IDataObject[]).map((a) => a.id)).toEqual(relIds(stored, 'actions'));
	});
});

describe('Return All and Limit', () => {
	test('120 patients: Limit 60 takes 2 requests and returns 60; Return All takes 3 and returns 120', async () => {
		const { group, patients } = groupWithPatients(120);
		const limited = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: false,
			limit: 60,
			filters: { groups: [group] },
		});
		expect(limited.error).toBeUndefined();
		expect(only(limited.requests, 'fetchPatients')).toHaveLength(2);
		expect(json(limited.items).map((i) => i.id)).toEqual(patients.slice(0, 60));

		const all = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { groups: [group] },
		});
		expect(only(all.requests, 'fetchPatients')).toHaveLength(3);
		expect(json(all.items).map((i) => i.id)).toEqual(patients);
	});

	test('a Limit of 5 takes one request asking for 5', async () => {
		const { requests, items } = await run({
			resource: 'patient',
			operation: 'getAll',
			limit: 5,
			filters: { organization: fixture.sandbox.ids.organization },
		});
		const pages = only(requests, 'fetchPatients');
		expect(pages).toHaveLength(1);
		expect(pages[0].query['page[limit]']).toBe('5');
		expect(items).toHaveLength(5);
	});
});

describe('batched health metric creation', () => {
	const metricParameters = {
		resource: 'patientHealthMetric',
		operation: 'create',
		patientBy: 'id',
		patientId: '={{ $json.patient }}',
		metricType: 'heart_rate',
		value: '={{ $json.bpm }}',
		unit: 'bpm',
		occurredAt: '={{ $json.at }}',
	};

	function inputs(count: number, patientOf?: (index: number) => string): IDataObject[] {
		const patients = fixture.sandbox.ids.patients;
		return Array.from({ length: count }, (_, index) => ({
			patient: patientOf ? patientOf(index) : patients[index % patients.length],
			bpm: 50 + (index % 60),
			at: new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString(),
		}));
	}

	test('250 items, batch size 100: exactly 3 POSTs of 100, 100, 50; each output paired to its input', async () => {
		const input = inputs(250);
		const { requests, items, error } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			input,
		);
		expect(error).toBeUndefined();
		const posts = only(requests, 'createPatientHealthMetric');
		expect(posts).toHaveLength(3);
		expect(posts.map((p) => ((p.body as IDataObject).data as IDataObject[]).length)).toEqual([
			100, 100, 50,
		]);
		expect(items).toHaveLength(250);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				patient: input[index].patient,
				value: input[index].bpm,
				occurred_at: input[index].at,
				type: 'heart_rate',
			});
		});
		expect((posts[0].body as { data: IDataObject[] }).data[0]).toEqual({
			type: 'patient_health_metric',
			attributes: {
				type: 'heart_rate',
				value: input[0].bpm,
				unit: 'bpm',
				occurred_at: input[0].at,
			},
			relationships: { patient: { data: { type: 'patient', id: input[0].patient } } },
		});
	});

	test('batch size 1 sends one request per item, data as one object', async () => {
		const { requests, items } = await run(
			{ ...metricParameters, options: { batchSize: 1 } },
			inputs(3),
		);
		const posts = only(requests, 'createPatientHealthMetric');
		expect(posts).toHaveLength(3);
		for (const post of posts) expect(Array.isArray((post.body as IDataObject).data)).toBe(false);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a failed batch with Continue On Fail: error items for its items only, the other batches go on', async () => {
		const { sandbox } = fixture;
		const before = sandbox.list('patient_health_metric').length;
		sandbox.injectFault({
			method: 'POST',
			path: '/patient_health_metric',
			status: 503,
			skip: 1,
			times: 1,
		});
		const { requests, items, error } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			inputs(250),
			true,
		);
		expect(error).toBeUndefined();
		expect(
			only(requests, 'createPatientHealthMetric').length + requests.filter((r) => r.fault).length,
		).toBeGreaterThanOrEqual(3);
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(3);
		expect(items).toHaveLength(250);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index >= 100 && index < 200) {
				expect(item.json.error).toMatch(/Request 2 of 3 \(items 100–199\):/);
			} else {
				expect(item.json.error).toBeUndefined();
				expect(item.json.id).toEqual(expect.any(String));
			}
		});
		expect(sandbox.list('patient_health_metric').length - before).toBe(150);
	});

	test('a failed batch without Continue On Fail stops the run, naming its items and what was created', async () => {
		const { sandbox } = fixture;
		const before = sandbox.list('patient_health_metric').length;
		sandbox.injectFault({
			method: 'POST',
			path: '/patient_health_metric',
			status: 503,
			skip: 1,
			times: 1,
		});
		const { requests, error } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			inputs(250),
		);
		expect(error?.message).toMatch(/items 100–199/);
		expect(String(error?.description)).toMatch(/items 0–99 were created/);
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
		expect(sandbox.list('patient_health_metric').length - before).toBe(100);
	});

	test('the item the API blames is marked among its batch', async () => {
		const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const input = inputs(5, (index) =>
			index === 3 ? missing : fixture.sandbox.ids.patients[index],
		);
		const { items } = await run({ ...metricParameters, options: { batchSize: 10 } }, input, true);
		expect(items).toHaveLength(5);
		expect(items.map((i) => i.json.causedByThisItem)).toEqual([false, false, false, true, false]);
		expect(String(items[0].json.error)).toMatch(
			/^Request 1 of 1 \(items 0–4\): .*aaaaaaaaaaaaaaaaaaaaaaaa was not found.* \[item 0\]$/,
		);
	});

	test('patient by meta.query (identifier + organization)', async () => {
		const { sandbox } = fixture;
		const patient = sandbox.get('patient', sandbox.ids.patients[7]) as Resource;
		const identifier = (
			patient.attributes?.identifiers as Array<{ system: string; value: string }>
		)[0];
		const { requests, items, error } = await run({
			resource: 'patientHealthMetric',
			operation: 'create',
			patientBy: 'identifier',
			identifierSystem: identifier.system,
			identifierValue: identifier.value,
			identifierOrganization: sandbox.ids.organization,
			metricType: 'blood_pressure',
			systolic: 128,
			diastolic: 84,
			unit: 'mmHg',
			occurredAt: '2025-02-03T07:30:00.000Z',
			additionalFields: { code: { code: { system: 'LOINC', value: '85354-9' } } },
			options: { ignoreDuplicates: true },
		});
		expect(error).toBeUndefined();
		expect(only(requests, 'createPatientHealthMetric')[0].body).toEqual({
			meta: { ignore_duplicates: true },
			data: [
				{
					type: 'patient_health_metric',
					attributes: {
						type: 'blood_pressure',
						systolic: 128,
						diastolic: 84,
						unit: 'mmHg',
						occurred_at: '2025-02-03T07:30:00.000Z',
						code: { system: 'LOINC', value: '85354-9' },
					},
					relationships: {
						patient: {
							data: {
								type: 'patient',
								meta: {
									query: {
										identifier: { system: identifier.system, value: identifier.value },
										organization: sandbox.ids.organization,
									},
								},
							},
						},
					},
				},
			],
		});
		expect(json(items)[0]).toMatchObject({ patient: patient.id, systolic: 128, diastolic: 84 });
	});
});

describe('bad input is refused before any request, naming the item', () => {
	function itemIndexOf(error: (Error & IDataObject) | undefined): unknown {
		return (error?.context as IDataObject | undefined)?.itemIndex;
	}

	test('empty id', async () => {
		// An empty locator is caught by n8n itself (required parameter); one an expression leaves empty is ours.
		const { requests, error } = await run(
			{ resource: 'patient', operation: 'get', patientId: byId('={{ $json.id }}') },
			[{ id: '' }],
		);
		expect(error?.message).toBe("'Patient' is empty [item 0]");
		expect(itemIndexOf(error)).toBe(0);
		expect(requests).toHaveLength(0);
	});

	test('non-hex id on the second item', async () => {
		const { sandbox } = fixture;
		const { requests, error } = await run(
			{ resource: 'patient', operation: 'get', patientId: byId('={{ $json.id }}') },
			[{ id: sandbox.ids.patients[0] }, { id: 'zzzzzzzzzzzzzzzzzzzzzzzz' }],
		);
		expect(error?.message).toMatch(
			/'Patient' "zzzzzzzzzzzzzzzzzzzzzzzz" is not a Fitbit Plus ID \[item 1\]$/,
		);
		expect(itemIndexOf(error)).toBe(1);
		// The first item's request was made; the bad id never reached the API.
		expect(requests.every((r) => !r.path.includes('zzzz'))).toBe(true);
	});

	test('bad date in a batch: no metric is sent at all', async () => {
		const { sandbox } = fixture;
		const { requests, error } = await run(
			{
				resource: 'patientHealthMetric',
				operation: 'create',
				patientId: byId(sandbox.ids.patients[0]),
				metricType: 'weight',
				value: 80,
				occurredAt: '={{ $json.at }}',
			},
			[{ at: '2025-01-01T08:00:00Z' }, { at: '2025-01-02T08:00:00Z' }, { at: 'yesterday' }],
		);
		expect(error?.message).toMatch(/'Occurred At' "yesterday" is not an ISO 8601 date \[item 2\]$/);
		expect(itemIndexOf(error)).toBe(2);
		expect(requests).toHaveLength(0);
	});

	test('text in a number field', async () => {
		const { sandbox } = fixture;
		const { requests, error } = await run(
			{
				resource: 'patientHealthMetric',
				operation: 'create',
				patientId: byId(sandbox.ids.patients[0]),
				metricType: 'weight',
				value: '={{ $json.kg }}',
				occurredAt: '2025-01-01T08:00:00Z',
			},
			[{ kg: 80 }, { kg: 'eighty' }],
		);
		expect(error?.message).toMatch(/eighty/);
		expect(itemIndexOf(error)).toBe(1);
		expect(requests).toHaveLength(0);
	});

	test('From after To in a range filter', async () => {
		const { requests, error } = await run({
			resource: 'patient',
			operation: 'getAll',
			filters: {
				organization: fixture.sandbox.ids.organization,
				createdAt: { range: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } },
			},
		});
		expect(error?.message).toBe("'Created At': 'From' must be before 'To' [item 0]");
		expect(itemIndexOf(error)).toBe(0);
		expect(requests).toHaveLength(0);
	});

	test('with Continue On Fail, an invalid item becomes an error item and the others are still created', async () => {
		const { sandbox } = fixture;
		const { requests, items } = await run(
			{
				resource: 'patientHealthMetric',
				operation: 'create',
				patientId: byId(sandbox.ids.patients[0]),
				metricType: 'weight',
				value: 80,
				occurredAt: '={{ $json.at }}',
			},
			[{ at: '2025-03-01T08:00:00Z' }, { at: 'not a date' }, { at: '2025-03-02T08:00:00Z' }],
			true,
		);
		const posts = only(requests, 'createPatientHealthMetric');
		expect(posts).toHaveLength(1);
		expect(((posts[0].body as IDataObject).data as IDataObject[]).length).toBe(2);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toMatch(/not an ISO 8601 date/);
		expect(items[0].json.id).toEqual(expect.any(String));
		expect(items[2].json.id).toEqual(expect.any(String));
	});
});

describe('searchPatients (resource locator)', () => {
	test('pages with the token the API gave, and narrows by name', async () => {
		const { sandbox, engine } = fixture;
		const first = await engine.listSearch('searchPatients');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await engine.listSearch('searchPatients', undefined, first.paginationToken);
		expect(second.results.length).toBeGreaterThan(0);
		const firstIds = new Set(first.results.map((r) => r.value));
		expect(second.results.some((r) => firstIds.has(r.value))).toBe(false);

		const patient = sandbox.get('patient', sandbox.ids.patients[0]) as Resource;
		const name = String(patient.attributes?.last_name);
		const narrowed = await engine.listSearch('searchPatients', name.toLowerCase());
		expect(narrowed.results.length).toBeGreaterThan(0);
		expect(
			narrowed.results.every((r) => String(r.name).toLowerCase().includes(name.toLowerCase())),
		).toBe(true);
	});
});
