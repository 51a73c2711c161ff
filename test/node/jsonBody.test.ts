/**
 * The JSON body option for experts ("Send Body As" JSON) of every operation that sends a JSON:API document,
 * through the real n8n engine against the spec-validating sandbox: the document is sent exactly as given, the
 * output is the same flat item as with the fields, bad JSON and a document of another type are refused before
 * any request, batched creates still batch, and the fields mode is unchanged.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import type { RecordedRequest } from '../sandbox';
import { byId } from '../coverage/cases';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

type Resource = {
	id: string;
	attributes?: Record<string, unknown>;
	relationships?: Record<string, { data?: unknown }>;
};

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

function itemIndexOf(error: (Error & IDataObject) | undefined): unknown {
	return (error?.context as IDataObject | undefined)?.itemIndex;
}

/** An output item without what differs between two writes of the same content (new id, timestamps). */
function content(item: IDataObject, keepId = false): IDataObject {
	const { id, created_at: _created, updated_at: _updated, ...rest } = item;
	return keepId ? { id, ...rest } : rest;
}

function relIds(resource: Resource | undefined, name: string): string[] {
	const data = resource?.relationships?.[name]?.data as
		{ id: string } | Array<{ id: string }> | null | undefined;
	if (!data) return [];
	return Array.isArray(data) ? data.map((ref) => ref.id) : [data.id];
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

describe('create (Group): the JSON Body is sent as given', () => {
	const fieldsParameters = {
		resource: 'group',
		operation: 'create',
		name: 'Cardiac Rehab',
		additionalFields: { bio: 'Twelve weeks' },
	};

	test('the document the fields build, given as JSON, is sent byte for byte and gives the same item', async () => {
		const fields = await run(fieldsParameters);
		expect(fields.error).toBeUndefined();
		const document = only(fields.requests, 'createGroup')[0].body as IDataObject;
		expect(document).toEqual({
			data: { type: 'group', attributes: { name: 'Cardiac Rehab', bio: 'Twelve weeks' } },
		});

		const { requests, items, error } = await run({
			resource: 'group',
			operation: 'create',
			bodyFrom: 'json',
			jsonBody: pretty(document),
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(only(requests, 'createGroup')[0].body).toEqual(document);
		expect(items).toHaveLength(1);
		expect(content(json(items)[0])).toEqual(content(json(fields.items)[0]));
		expect(json(items)[0]).toMatchObject({ resourceType: 'group', name: 'Cardiac Rehab' });
		expect(fixture.sandbox.get('group', String(json(items)[0].id))?.attributes).toMatchObject({
			name: 'Cardiac Rehab',
		});
	});

	test('the fields are neither read nor checked in JSON mode (an empty Name is no error)', async () => {
		const document = { data: { type: 'group', attributes: { name: 'From JSON' } } };
		const { requests, items, error } = await run({
			...fieldsParameters,
			name: '',
			bodyFrom: 'json',
			jsonBody: JSON.stringify(document),
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual(document);
		expect(json(items)[0]).toMatchObject({ name: 'From JSON' });
		expect(json(items)[0].bio).toBeUndefined();
	});

	test('an expression giving an object (e.g. from the previous node) is sent as given, one document per item', async () => {
		const input = [1, 2].map((n) => ({
			document: { data: { type: 'group', attributes: { name: `Mapped ${n}` } } },
		}));
		const { requests, items, error } = await run(
			{
				resource: 'group',
				operation: 'create',
				bodyFrom: 'json',
				jsonBody: '={{ $json.document }}',
			},
			input,
		);
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual(input.map((i) => i.document));
		expect(items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Mapped 1', { item: 0 }],
			['Mapped 2', { item: 1 }],
		]);
	});

	test.each([
		['not JSON', '{"data": {"type": "group", ', /^'JSON Body' is not valid JSON \[item [12]\]$/],
		[
			'a document of another type',
			'{"data": {"type": "patient", "attributes": {"first_name": "A"}}}',
			/'JSON Body' is a "patient" resource, but this operation sends a "group"/,
		],
		[
			'without data',
			'{"type": "group", "attributes": {"name": "X"}}',
			/'JSON Body' has no data object/,
		],
		[
			'data without type',
			'{"data": {"attributes": {"name": "X"}}}',
			/'JSON Body' has no data\.type/,
		],
		[
			'data as a list',
			'{"data": [{"type": "group", "attributes": {"name": "X"}}]}',
			/'JSON Body': data is a list/,
		],
		['a list', '[{"data": {"type": "group"}}]', /'JSON Body' is a list, not a JSON:API document/],
		['not an object', '"group"', /^'JSON Body' is not valid JSON \[item [12]\]$/],
	])('%s is refused before any request, naming the item', async (_what, body, message) => {
		const { requests, error } = await run(
			{ resource: 'group', operation: 'create', bodyFrom: 'json', jsonBody: '={{ $json.body }}' },
			[
				{ body: JSON.stringify({ data: { type: 'group', attributes: { name: 'Fine' } } }) },
				{ body },
			],
		);
		expect(error?.message).toMatch(message);
		expect(itemIndexOf(error)).toBe(1);
		// Item 0 is sent before item 1 is read (one request per item): nothing for the bad item.
		expect(requests.map((r) => (r.body as { data: IDataObject }).data.attributes)).toEqual([
			{ name: 'Fine' },
		]);
	});

	test('a wrong type says what to set', async () => {
		const { requests, error } = await run({
			resource: 'group',
			operation: 'create',
			bodyFrom: 'json',
			jsonBody: '{"data": {"type": "groups", "attributes": {"name": "X"}}}',
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			`'JSON Body' is a "groups" resource, but this operation sends a "group" [item 0]`,
		);
		expect(String(error?.description)).toMatch(/Set data\.type to "group"/);
	});

	test('under Continue On Fail a refused item becomes an error item and the others go on', async () => {
		const { requests, items, error } = await run(
			{ resource: 'group', operation: 'create', bodyFrom: 'json', jsonBody: '={{ $json.body }}' },
			[
				{ body: '{"data": {"type": "group", "attributes": {"name": "One"}}}' },
				{ body: 'nope' },
				{ body: '{"data": {"type": "group", "attributes": {"name": "Three"}}}' },
			],
			true,
		);
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(json(items).map((item) => item.name ?? item.error)).toEqual([
			'One',
			"'JSON Body' is not valid JSON [item 1]",
			'Three',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('update (Patient): the record from the locator, the document as given', () => {
	test('the same item as the fields give, and exactly the document sent', async () => {
		const { sandbox } = fixture;
		const id = sandbox.ids.patients[3];
		const fields = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			updateFields: { note: 'Call in the morning' },
		});
		expect(fields.error).toBeUndefined();
		const document = only(fields.requests, 'updatePatient')[0].body as IDataObject;
		expect(document).toEqual({
			data: { type: 'patient', id, attributes: { note: 'Call in the morning' } },
		});

		const changed = {
			data: {
				type: 'patient',
				id,
				attributes: { note: 'Call in the evening', first_name: 'Jonathon' },
			},
		};
		const { requests, items, error } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			bodyFrom: 'json',
			jsonBody: pretty(changed),
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			operationId: 'updatePatient',
			method: 'PATCH',
			pathname: expect.stringContaining(`/patient/${id}`),
		});
		expect(requests[0].body).toEqual(changed);
		expect(content(json(items)[0], true)).toEqual({
			...content(json(fields.items)[0], true),
			note: 'Call in the evening',
			first_name: 'Jonathon',
		});
		expect(sandbox.get('patient', id)?.attributes).toMatchObject({
			note: 'Call in the evening',
			first_name: 'Jonathon',
		});
	});

	test('Simplify off gives the resource as in the fields mode', async () => {
		const id = fixture.sandbox.ids.patients[4];
		const { items, error } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			bodyFrom: 'json',
			jsonBody: JSON.stringify({ data: { type: 'patient', id, attributes: { note: 'Raw' } } }),
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(json(items)[0]).toMatchObject({ type: 'patient', id, attributes: { note: 'Raw' } });
	});

	test('nothing is checked but the document: an empty Update Fields is no error', async () => {
		const id = fixture.sandbox.ids.patients[5];
		const { error, requests } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			updateFields: {},
			bodyFrom: 'json',
			jsonBody: JSON.stringify({
				data: { type: 'patient', id, attributes: { note: 'Only JSON' } },
			}),
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
	});

	test.each([
		[
			'another type',
			(id: string) => ({ data: { type: 'coach', id, attributes: {} } }),
			/'JSON Body' is a "coach" resource, but this operation sends a "patient"/,
		],
		[
			'another record in data.id',
			() => ({
				data: { type: 'patient', id: '5817ead56f5316c0d05ba8bf', attributes: { note: 'x' } },
			}),
			/data\.id "5817ead56f5316c0d05ba8bf" is not the record to update/,
		],
	])('%s is refused before any request', async (_what, build, message) => {
		const id = fixture.sandbox.ids.patients[6];
		const before = fixture.sandbox.get('patient', id)?.attributes;
		const { requests, error } = await run({
			resource: 'patient',
			operation: 'update',
			patientId: byId(id),
			bodyFrom: 'json',
			jsonBody: JSON.stringify(build(id)),
		});
		expect(error?.message).toMatch(message);
		expect(itemIndexOf(error)).toBe(0);
		expect(requests).toHaveLength(0);
		expect(fixture.sandbox.get('patient', id)?.attributes).toEqual(before);
	});

	test('the record to update is still checked in JSON mode', async () => {
		const { requests, error } = await run(
			{
				resource: 'patient',
				operation: 'update',
				patientId: byId('={{ $json.id }}'),
				bodyFrom: 'json',
				jsonBody: '{"data": {"type": "patient", "attributes": {"note": "x"}}}',
			},
			[{ id: 'not-an-id' }],
		);
		expect(error?.message).toBe(`'Patient' "not-an-id" is not a Fitbit Plus ID [item 0]`);
		expect(requests).toHaveLength(0);
	});

	test('Calendar Event and Action updates send the document as given (no GET to complete an action)', async () => {
		const { sandbox } = fixture;
		const event = sandbox.ids.calendarEvents[2];
		const eventDocument = {
			data: { type: 'calendar_event', id: event, attributes: { title: 'Moved by JSON' } },
		};
		const eventRun = await run({
			resource: 'calendarEvent',
			operation: 'update',
			calendarEventId: byId(event),
			bodyFrom: 'json',
			jsonBody: pretty(eventDocument),
		});
		expect(eventRun.error).toBeUndefined();
		expect(eventRun.requests.map((r) => [r.operationId, r.body])).toEqual([
			['updateCalendarEvent', eventDocument],
		]);
		expect(json(eventRun.items)[0]).toMatchObject({ id: event, title: 'Moved by JSON' });

		const action = sandbox.ids.actions[2];
		const current = sandbox.get('action', action)!.attributes;
		const actionDocument = {
			data: {
				type: 'action',
				id: action,
				attributes: {
					type: current.type,
					title: 'Stretch',
					effective_from: current.effective_from,
				},
			},
		};
		const actionRun = await run({
			resource: 'action',
			operation: 'update',
			actionId: byId(action),
			bodyFrom: 'json',
			jsonBody: pretty(actionDocument),
		});
		expect(actionRun.error).toBeUndefined();
		expect(actionRun.requests.map((r) => [r.operationId, r.body])).toEqual([
			['updateAction', actionDocument],
		]);
		expect(json(actionRun.items)[0]).toMatchObject({ id: action, title: 'Stretch' });
	});
});

describe('upsert (Patient): meta.query in the document', () => {
	test('the fields-mode document given as JSON finds the same patient and gives the same item', async () => {
		const { sandbox } = fixture;
		const patient = (sandbox.list('patient') as Resource[]).find(
			(p) =>
				relIds(p, 'groups').length > 0 &&
				Array.isArray(p.attributes?.identifiers) &&
				(p.attributes.identifiers as unknown[]).length > 0,
		)!;
		const identifier = (
			patient.attributes?.identifiers as Array<{ system: string; value: string }>
		)[0];
		const groups = relIds(patient, 'groups');
		const fields = await run({
			resource: 'patient',
			operation: 'upsert',
			matchSystem: identifier.system,
			matchValue: identifier.value,
			matchGroups: groups,
			lastName: 'Upserted',
		});
		expect(fields.error).toBeUndefined();
		const document = only(fields.requests, 'upsertPatient')[0].body as IDataObject;
		expect(document).toEqual({
			meta: {
				query: { identifier: { system: identifier.system, value: identifier.value }, groups },
			},
			data: { type: 'patient', attributes: { last_name: 'Upserted' } },
		});

		// The Match fields are part of the body: left empty, they are not read in JSON mode.
		const { requests, items, error } = await run({
			resource: 'patient',
			operation: 'upsert',
			matchSystem: '',
			matchValue: '',
			matchGroups: [],
			bodyFrom: 'json',
			jsonBody: pretty(document),
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.operationId, r.method, r.body])).toEqual([
			['upsertPatient', 'PUT', document],
		]);
		expect(content(json(items)[0], true)).toEqual(content(json(fields.items)[0], true));
		expect(json(items)[0]).toMatchObject({ id: patient.id, last_name: 'Upserted' });
	});

	test('a document of another type is refused before any request', async () => {
		const { requests, error } = await run({
			resource: 'patient',
			operation: 'upsert',
			bodyFrom: 'json',
			jsonBody: '{"meta": {"query": {}}, "data": {"type": "Patient", "attributes": {}}}',
		});
		expect(error?.message).toBe(
			`'JSON Body' is a "Patient" resource, but this operation sends a "patient" [item 0]`,
		);
		expect(requests).toHaveLength(0);
	});
});

describe('batched create (Patient Health Metric): one resource per item, still in batches', () => {
	const base = { resource: 'patientHealthMetric', operation: 'create' };

	function metric(patient: string, bpm: number, minute: number): IDataObject {
		return {
			type: 'patient_health_metric',
			attributes: {
				type: 'heart_rate',
				value: bpm,
				unit: 'bpm',
				occurred_at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
			},
			relationships: { patient: { data: { type: 'patient', id: patient } } },
		};
	}

	test('the same items as the fields give, from the resources the fields build', async () => {
		const patients = fixture.sandbox.ids.patients;
		const input = [0, 1, 2].map((n) => ({
			patient: patients[n],
			bpm: 60 + n,
			at: new Date(Date.UTC(2026, 1, 1, 0, n)).toISOString(),
		}));
		const fields = await run(
			{
				...base,
				patientBy: 'id',
				patientId: '={{ $json.patient }}',
				metricType: 'heart_rate',
				value: '={{ $json.bpm }}',
				unit: 'bpm',
				occurredAt: '={{ $json.at }}',
				options: { batchSize: 10 },
			},
			input,
		);
		expect(fields.error).toBeUndefined();
		const resources = (
			only(fields.requests, 'createPatientHealthMetric')[0].body as { data: IDataObject[] }
		).data;
		expect(resources).toHaveLength(3);

		// The same measurements again (one day later, so they are new), each item's resource given as JSON.
		const again = resources.map((resource) => {
			const attributes = resource.attributes as IDataObject;
			return {
				resource: {
					...resource,
					attributes: {
						...attributes,
						occurred_at: new Date(
							Date.parse(String(attributes.occurred_at)) + 86_400_000,
						).toISOString(),
					},
				},
			};
		});
		const { requests, items, error } = await run(
			{ ...base, bodyFrom: 'json', jsonBody: '={{ $json.resource }}', options: { batchSize: 10 } },
			again,
		);
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([{ data: again.map((a) => a.resource) }]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		json(items).forEach((item, index) => {
			expect(content(item)).toEqual({
				...content(json(fields.items)[index]),
				occurred_at: (again[index].resource.attributes as IDataObject).occurred_at,
			});
		});
	});

	test('batch size 2: 3 items go in 2 requests; a {data, meta} document brings its meta and gets a request of its own', async () => {
		const [p0, p1, p2, p3] = fixture.sandbox.ids.patients;
		const bodies = [
			JSON.stringify(metric(p0, 61, 1)),
			JSON.stringify({ data: metric(p1, 62, 2) }),
			JSON.stringify(metric(p2, 63, 3)),
			JSON.stringify({ data: metric(p3, 64, 4), meta: { ignore_duplicates: true } }),
		];
		const { requests, items, error } = await run(
			{ ...base, bodyFrom: 'json', jsonBody: '={{ $json.body }}', options: { batchSize: 2 } },
			bodies.map((body) => ({ body })),
		);
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([
			{ data: [metric(p0, 61, 1), metric(p1, 62, 2)] },
			{ data: [metric(p2, 63, 3)] },
			{ data: [metric(p3, 64, 4)], meta: { ignore_duplicates: true } },
		]);
		expect(json(items).map((item) => [item.patient, item.value])).toEqual([
			[p0, 61],
			[p1, 62],
			[p2, 63],
			[p3, 64],
		]);
	});

	test('batch size 1 sends data as one object, as given', async () => {
		const [p0] = fixture.sandbox.ids.patients;
		const { requests, error } = await run({
			...base,
			bodyFrom: 'json',
			jsonBody: JSON.stringify(metric(p0, 70, 10)),
			options: { batchSize: 1 },
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([{ data: metric(p0, 70, 10) }]);
	});

	test.each([
		[
			'invalid JSON',
			'{"type": "patient_health_metric",',
			/^'JSON Body' is not valid JSON \[item [12]\]$/,
		],
		[
			'another type',
			JSON.stringify({ type: 'patient_health_result', attributes: {} }),
			/'JSON Body' is a "patient_health_result" resource, but this operation sends a "patient_health_metric"/,
		],
		[
			'a bare resource without type',
			JSON.stringify({ attributes: { value: 1 } }),
			/'JSON Body' has no type/,
		],
		[
			'a list of resources',
			JSON.stringify({ data: [{ type: 'patient_health_metric' }] }),
			/'JSON Body': data is a list; send one patient_health_metric per item/,
		],
		[
			'meta that is not an object',
			JSON.stringify({ data: { type: 'patient_health_metric' }, meta: 'yes' }),
			/'JSON Body': meta is not an object/,
		],
	])('%s in item 2 of 3 is refused before any request', async (_what, bad, message) => {
		const [p0, p1] = fixture.sandbox.ids.patients;
		const before = fixture.sandbox.list('patient_health_metric').length;
		const { requests, error } = await run(
			{ ...base, bodyFrom: 'json', jsonBody: '={{ $json.body }}', options: { batchSize: 10 } },
			[
				{ body: JSON.stringify(metric(p0, 80, 20)) },
				{ body: JSON.stringify(metric(p1, 81, 21)) },
				{ body: bad },
			],
		);
		expect(error?.message).toMatch(message);
		expect(itemIndexOf(error)).toBe(2);
		expect(requests).toHaveLength(0);
		expect(fixture.sandbox.list('patient_health_metric').length).toBe(before);
	});

	test('Reward Earning: a resource of the wrong type is refused before any request', async () => {
		const { requests, error } = await run({
			resource: 'rewardEarning',
			operation: 'create',
			bodyFrom: 'json',
			jsonBody: '{"type": "reward", "attributes": {"earned_value": 5}}',
		});
		expect(error?.message).toBe(
			`'JSON Body' is a "reward" resource, but this operation sends a "reward_earning" [item 0]`,
		);
		expect(requests).toHaveLength(0);
	});
});

describe('the fields of every operation that sends a document', () => {
	const properties = new FitbitPlus().description.properties;

	function shownFor(resource: string, operation: string): INodeProperties[] {
		return properties.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		);
	}

	/** Every (resource, operation) that creates, updates or upserts, with the fields it keeps in JSON mode. */
	const expected: Record<string, string[]> = {
		'action/create': ['simplify'],
		'action/update': ['actionId', 'simplify'],
		'bundle/create': ['simplify'],
		'bundle/update': ['bundleId', 'simplify'],
		'calendarEvent/create': ['simplify'],
		'calendarEvent/update': ['calendarEventId', 'simplify'],
		'calendarEventResponse/create': ['simplify'],
		'group/create': [],
		'patient/create': ['options', 'simplify'],
		'patient/update': ['patientId', 'simplify'],
		'patient/upsert': ['simplify'],
		'patientHealthMetric/create': ['options', 'simplify'],
		'patientPlanSummary/update': ['planSummaryId', 'simplify'],
		'reward/create': ['simplify'],
		'rewardEarning/create': ['options', 'simplify'],
		'rewardEarningFulfillment/create': ['simplify'],
		'rewardProgram/create': ['simplify'],
		'rewardProgramActivation/create': ['simplify'],
	};

	test('there are 18 such operations, and no other operation has Send Body As', () => {
		const found: string[] = [];
		for (const p of properties.filter((p) => p.name === 'operation')) {
			for (const option of (p.options ?? []) as Array<{ value: string }>) {
				if (['create', 'update', 'upsert'].includes(option.value))
					found.push(`${p.displayOptions!.show!.resource![0]}/${option.value}`);
			}
		}
		expect(found.sort()).toEqual(Object.keys(expected).sort());
		const withBodyFrom = properties
			.filter((p) => p.name === 'bodyFrom')
			.map(
				(p) => `${p.displayOptions!.show!.resource![0]}/${p.displayOptions!.show!.operation![0]}`,
			);
		expect(withBodyFrom.sort()).toEqual(Object.keys(expected).sort());
	});

	test.each(Object.entries(expected))(
		'%s: Send Body As, JSON Body, body fields hidden in JSON mode',
		(key, keep) => {
			const [resource, operation] = key.split('/');
			const fields = shownFor(resource, operation);
			const bodyFrom = fields.find((p) => p.name === 'bodyFrom')!;
			expect(bodyFrom).toMatchObject({
				displayName: 'Send Body As',
				type: 'options',
				default: 'fields',
				noDataExpression: true,
			});
			expect(bodyFrom.options).toEqual([
				expect.objectContaining({ name: 'Fields Below', value: 'fields' }),
				expect.objectContaining({ name: 'JSON', value: 'json' }),
			]);
			const jsonBody = fields.find((p) => p.name === 'jsonBody')!;
			expect(jsonBody).toMatchObject({ displayName: 'JSON Body', type: 'json' });
			expect(jsonBody.displayOptions?.show?.bodyFrom).toEqual(['json']);
			expect(jsonBody.description).toMatch(/"type"/);
			// Send Body As comes before every field that depends on it.
			const position = fields.indexOf(bodyFrom);
			fields.forEach((p, index) => {
				if (p.displayOptions?.show?.bodyFrom) expect(index).toBeGreaterThan(position);
			});
			const kept = fields
				.filter((p) => !p.displayOptions?.show?.bodyFrom && p.name !== 'bodyFrom')
				.map((p) => p.name);
			expect(kept).toEqual(keep);
			for (const p of fields.filter(
				(p) => p.displayOptions?.show?.bodyFrom && p.name !== 'jsonBody',
			)) {
				expect(p.displayOptions?.show?.bodyFrom).toEqual(['fields']);
			}
			// In a kept Options collection only what is not body (Batch Size) shows in JSON mode.
			const options = fields.find((p) => p.name === 'options' && keep.includes('options'));
			for (const option of (options?.options ?? []) as INodeProperties[]) {
				if (option.name !== 'batchSize')
					expect(option.displayOptions?.show?.['/bodyFrom']).toEqual(['fields']);
			}
		},
	);
});
