/**
 * The column mapper of version 2 (Patient Create, Update, Create or Update; Health Metric Create) and Dry Run,
 * through the real n8n engine against the spec-validating sandbox: EMR rows mapped automatically and by hand,
 * type errors per item before any request, upsert by MRN, batching, Dry Run equal to what a real run sends, the
 * field lists checked against the spec, and the AI tool keeping the plain form.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { PATIENT_COLUMNS } from '../../nodes/FitbitPlus/actions/patient/mapper';
import { METRIC_COLUMNS } from '../../nodes/FitbitPlus/actions/patientHealthMetric/mapper';
import { GENDERS, PHONE_TYPES } from '../../nodes/FitbitPlus/actions/patient/body';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import { loadSpec } from '../sandbox/spec';

const fixture = useSandbox();
const V2 = { typeVersion: 2 };
const AUTO = { mappingMode: 'autoMapInputData', value: null };

let runNumber = 0;
/** A system of this test run's own, so MRNs never collide with earlier runs' (identifiers are unique). */
function newSystem(): string {
	runNumber++;
	return `emr-mrn-${runNumber}`;
}

/** One EMR export row of 12 columns: 11 that are patient fields (as EMRs name them), 1 that is not. */
function emrRow(index: number): IDataObject {
	return {
		MRN: `E${index}`,
		'First Name': `Ada${index}`,
		'Last Name': 'Lovelace',
		DOB: '1980-02-0' + ((index % 9) + 1),
		Sex: index % 2 === 0 ? 'Female' : 'male',
		Email: `ada${index}@example.com`,
		'Mobile Phone': `555-010${index % 10}`,
		Address: `${index} Main St.`,
		City: 'Cambridge',
		State: 'MA',
		Zip: '02138',
		'Insurance Plan': 'Gold',
	};
}

function createParameters(extra: IDataObject = {}): INodeParameters {
	return {
		resource: 'patient',
		operation: 'create',
		groupIds: [fixture.sandbox.ids.groups[0]],
		mrnSystem: newSystem(),
		columns: AUTO,
		options: {},
		...extra,
	} as INodeParameters;
}

function hintsOf(run: { data: { resultData: { runData: IDataObject } } }): string[] {
	const task = (run.data.resultData.runData['Fitbit Plus'] as IDataObject[])[0];
	return ((task.hints ?? []) as Array<{ message: string }>).map((hint) => hint.message);
}

describe('Column mapper: Create Patient (version 2)', () => {
	it('Map Automatically: a 12-column EMR row becomes a patient; the column that maps to nothing is reported', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const parameters = createParameters();
		const { items, error, run } = await engine.execute(parameters, [emrRow(1)], V2);
		expect(error).toBeUndefined();
		const [post] = apiRequests(sandbox);
		expect(post.operationId).toBe('createPatient');
		expect((post.body as IDataObject).data).toEqual([
			{
				type: 'patient',
				attributes: {
					first_name: 'Ada1',
					last_name: 'Lovelace',
					email_address: 'ada1@example.com',
					birth_date: '1980-02-02',
					gender: 'male',
					phone_numbers: [{ type: 'mobile', value: '555-0101', primary: true }],
					addresses: [
						{ lines: ['1 Main St.'], city: 'Cambridge', state: 'MA', postal_code: '02138' },
					],
					identifiers: [{ system: parameters.mrnSystem, value: 'E1', label: 'MRN' }],
				},
				relationships: { groups: { data: [{ type: 'group', id: sandbox.ids.groups[0] }] } },
			},
		]);
		expect(items[0].json).toMatchObject({ first_name: 'Ada1', birth_date: '1980-02-02' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(hintsOf(run)).toEqual([
			expect.stringContaining(
				'1 input column(s) map to no patient field and were not sent: "Insurance Plan" (1 item)',
			),
		]);
	});

	it('Map Each Column Manually: each field an expression over the row, whatever its columns are called', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const parameters = createParameters({
			columns: {
				mappingMode: 'defineBelow',
				value: {
					mrn: '={{ $json.chart }}',
					first_name: '={{ $json.name.split(" ")[0] }}',
					last_name: '={{ $json.name.split(" ")[1] }}',
					birth_date: '={{ $json.born }}',
					phone_home: '={{ $json.tel }}',
					phone_mobile: '',
				},
				matchingColumns: [],
				schema: [],
			},
		});
		const { items, error, run } = await engine.execute(
			parameters,
			[{ chart: 'M-7', name: 'Grace Hopper', born: '1906-12-09', tel: '555-0199', other: 'x' }],
			V2,
		);
		expect(error).toBeUndefined();
		expect(
			((apiRequests(sandbox)[0].body as IDataObject).data as IDataObject[])[0].attributes,
		).toEqual({
			first_name: 'Grace',
			last_name: 'Hopper',
			birth_date: '1906-12-09',
			phone_numbers: [{ type: 'home', value: '555-0199', primary: true }],
			identifiers: [{ system: parameters.mrnSystem, value: 'M-7', label: 'MRN' }],
		});
		expect(items[0].json).toMatchObject({ first_name: 'Grace' });
		// Manual mapping reads no column by name: nothing to report.
		expect(hintsOf(run)).toEqual([]);
	});

	it('type errors are item errors before any request: a birth date that is not a date, a gender not offered', async () => {
		const { sandbox, engine } = fixture;
		const rows = [
			emrRow(1),
			{ ...emrRow(2), DOB: '03/06/1944' },
			emrRow(3),
			{ ...emrRow(4), Sex: 'F?' },
		];
		sandbox.resetLog();
		const stopped = await engine.execute(createParameters(), rows, V2);
		expect(stopped.error).toMatchObject({
			message: `'Birth Date' (column "DOB") "03/06/1944" is not an ISO 8601 date [item 1]`,
			description: 'Use a date such as 2024-03-01 or 2024-03-01T09:30:00Z.',
			context: { itemIndex: 1 },
		});
		expect(apiRequests(sandbox)).toHaveLength(0);

		sandbox.resetLog();
		const { items, error } = await engine.execute(createParameters(), rows, {
			...V2,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.error ?? item.json.first_name)).toEqual([
			'Ada1',
			`'Birth Date' (column "DOB") "03/06/1944" is not an ISO 8601 date [item 1]`,
			'Ada3',
			`'Gender' (column "Sex") "F?" is not one of the values Fitbit Plus accepts [item 3]`,
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		// The two good rows in one request.
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('5,000 EMR rows at Batch Size 300: ⌈5,000 / 300⌉ = 17 requests, each patient paired to its row', async () => {
		const { sandbox, engine } = fixture;
		const rows = Array.from({ length: 5_000 }, (_, index) => emrRow(index));
		sandbox.resetLog();
		const { items, error } = await engine.execute(
			createParameters({ options: { batchSize: 300 } }),
			rows,
			V2,
		);
		expect(error).toBeUndefined();
		const posts = apiRequests(sandbox);
		expect(posts).toHaveLength(17);
		expect(posts.map((post) => ((post.body as IDataObject).data as unknown[]).length)).toEqual([
			...Array(16).fill(300),
			200,
		]);
		expect(items).toHaveLength(5_000);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.first_name).toBe(`Ada${index}`);
		});
	});

	it('Dry Run: no request at all (not even a token), each row its resource, each batch its request once; a real run then sends exactly that', async () => {
		const { sandbox, engine } = fixture;
		const rows = Array.from({ length: 5 }, (_, index) => emrRow(index));
		const parameters = createParameters({ options: { batchSize: 2 } });
		sandbox.resetLog();
		const dry = await engine.execute({ ...parameters, dryRun: true }, rows, V2);
		expect(dry.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(0);
		expect(
			dry.items.map((item) => [item.json.batch, item.json.position, 'request' in item.json]),
		).toEqual([
			[1, 0, true],
			[1, 1, false],
			[2, 0, true],
			[2, 1, false],
			[3, 0, true],
		]);
		expect(dry.items[2].json).toMatchObject({ dryRun: true, batches: 3, batchItems: 'items 2–3' });
		const unsent = dry.items.flatMap((item) => (item.json.request ? [item.json.request] : []));

		sandbox.resetLog();
		const real = await engine.execute(parameters, rows, V2);
		expect(real.error).toBeUndefined();
		const sent = apiRequests(sandbox).map((request) => ({
			method: request.method,
			path: request.pathname.replace(/^\/pub/, ''),
			body: request.body,
		}));
		expect(sent).toEqual(unsent);
		// Each row's own resource is the one its batch carried.
		expect(dry.items[3].json.data).toEqual(
			(((unsent[1] as IDataObject).body as IDataObject).data as IDataObject[])[1],
		);
	});

	it('Dry Run refuses what would need a request: the credential organization of a group by name', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { error } = await engine.execute(
			createParameters({
				groupIds: [],
				groupsByName: { group: [{ name: 'Clinic A' }] },
				dryRun: true,
			}),
			[emrRow(1)],
			V2,
		);
		expect(error?.message).toContain(
			"'Dry Run' cannot look up your credential's organization [item 0]",
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Column mapper: Create or Update and Update Patient (version 2)', () => {
	const upsertParameters = (system: string, extra: IDataObject = {}): INodeParameters =>
		({
			resource: 'patient',
			operation: 'upsert',
			matchGroups: [fixture.sandbox.ids.groups[0]],
			mrnSystem: system,
			columns: { ...AUTO, matchingColumns: ['mrn'] },
			...extra,
		}) as INodeParameters;

	it('matches on the MRN: the first run creates the patient, the second updates the same one', async () => {
		const { sandbox, engine } = fixture;
		const system = newSystem();
		const before = sandbox.list('patient').length;
		sandbox.resetLog();
		const first = await engine.execute(upsertParameters(system), [emrRow(1)], V2);
		expect(first.error).toBeUndefined();
		const [put] = apiRequests(sandbox);
		expect(put.operationId).toBe('upsertPatient');
		expect((put.body as IDataObject).meta).toEqual({
			query: { identifier: { system, value: 'E1' }, groups: [sandbox.ids.groups[0]] },
		});
		expect(sandbox.list('patient').length).toBe(before + 1);

		const second = await engine.execute(
			upsertParameters(system),
			[{ ...emrRow(1), 'Last Name': 'Byron', City: 'London' }],
			V2,
		);
		expect(second.error).toBeUndefined();
		expect(sandbox.list('patient').length).toBe(before + 1);
		expect(second.items[0].json.id).toBe(first.items[0].json.id);
		expect(second.items[0].json).toMatchObject({ last_name: 'Byron', first_name: 'Ada1' });
	});

	it('a row without the MRN to match on is refused before any request', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { MRN: _mrn, ...noMrn } = emrRow(1);
		const { items } = await engine.execute(upsertParameters(newSystem()), [noMrn, emrRow(2)], {
			...V2,
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe("'MRN' is required but empty [item 0]");
		expect(items[1].json).toMatchObject({ first_name: 'Ada2' });
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('Dry Run of Create or Update and Update: each item its request, unsent; a real run sends exactly those', async () => {
		const { sandbox, engine } = fixture;
		const system = newSystem();
		const rows = [emrRow(5), emrRow(6)];
		sandbox.resetLog();
		const dry = await engine.execute({ ...upsertParameters(system), dryRun: true }, rows, V2);
		expect(sandbox.requests).toHaveLength(0);
		const real = await engine.execute(upsertParameters(system), rows, V2);
		expect(real.error).toBeUndefined();
		const sent = (method: string) =>
			apiRequests(sandbox)
				.filter((request) => request.method === method)
				.map((request) => ({
					dryRun: true,
					request: {
						method: request.method,
						path: request.pathname.replace(/^\/pub/, ''),
						body: request.body,
					},
				}));
		expect(dry.items.map((item) => item.json)).toEqual(sent('PUT'));

		// Update: the changed columns only (empty ones keep their values), by the patient's ID.
		const id = String(real.items[0].json.id);
		const update = {
			resource: 'patient',
			operation: 'update',
			patientId: { __rl: true, mode: 'id', value: id },
			mrnSystem: system,
			columns: AUTO,
		} as INodeParameters;
		const change = [{ 'Last Name': 'King', City: '', Note: 'moved' }];
		sandbox.resetLog();
		const dryUpdate = await engine.execute({ ...update, dryRun: true }, change, V2);
		expect(sandbox.requests).toHaveLength(0);
		expect(dryUpdate.items[0].json.request).toEqual({
			method: 'PATCH',
			path: `/patient/${id}`,
			body: {
				data: {
					type: 'patient',
					id,
					attributes: { last_name: 'King', note: 'moved' },
				},
			},
		});
		const realUpdate = await engine.execute(update, change, V2);
		expect(realUpdate.error).toBeUndefined();
		expect(dryUpdate.items.map((item) => item.json)).toEqual(sent('PATCH'));
		expect(realUpdate.items[0].json).toMatchObject({ id, last_name: 'King', first_name: 'Ada5' });
	});
});

describe('Column mapper: Create Patient Health Metric (version 2)', () => {
	it('lab rows by patient MRN (meta.query with the organization), typed; a value that is not a number is an item error', async () => {
		const { sandbox, engine } = fixture;
		const system = newSystem();
		await engine.execute(createParameters({ mrnSystem: system }), [emrRow(1), emrRow(2)], V2);
		const lab = [
			{
				MRN: 'E1',
				Metric: 'LDL Cholesterol',
				Result: '121',
				Units: 'mg/dL',
				Time: '2026-03-14T11:00:57Z',
				Lab: 'Quest',
			},
			{
				MRN: 'E2',
				Metric: 'hemoglobin_a1c',
				Result: 'high',
				Units: '%',
				Time: '2026-03-14T11:00:57Z',
				Lab: 'Quest',
			},
			{ MRN: 'E2', Metric: 'weight', Result: 71.5, Units: 'kg', Time: '2026-03-15', Lab: 'Quest' },
		];
		const parameters = {
			resource: 'patientHealthMetric',
			operation: 'create',
			mrnSystem: system,
			mrnOrganization: sandbox.ids.organization,
			columns: AUTO,
			options: {},
		} as INodeParameters;
		sandbox.resetLog();
		const { items, error, run } = await engine.execute(parameters, lab, {
			...V2,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[1].json.error).toBe(`'Value' (column "Result") "high" is not a number [item 1]`);
		const [post] = apiRequests(sandbox);
		expect(((post.body as IDataObject).data as IDataObject[])[0]).toEqual({
			type: 'patient_health_metric',
			attributes: {
				type: 'ldl_cholesterol',
				value: 121,
				unit: 'mg/dL',
				occurred_at: '2026-03-14T11:00:57Z',
			},
			relationships: {
				patient: {
					data: {
						type: 'patient',
						meta: {
							query: {
								identifier: { system, value: 'E1' },
								organization: sandbox.ids.organization,
							},
						},
					},
				},
			},
		});
		expect(items[0].json).toMatchObject({ type: 'ldl_cholesterol', value: 121 });
		expect(items[2].json).toMatchObject({ type: 'weight', value: 71.5 });
		expect(hintsOf(run)).toEqual([expect.stringContaining('"Lab" (3 items)')]);
	});
});

describe('Column mapper: the field lists', () => {
	const node = new FitbitPlus();
	const methods = node.methods.resourceMapping;

	it('the editor gets every field with its type, the spec enums as options and required markers per operation', async () => {
		const create = await methods.patientColumns.call({} as never);
		expect(create.fields.find((field) => field.id === 'gender')).toMatchObject({
			type: 'options',
			required: false,
			options: GENDERS.map((value) => ({ name: value, value })),
		});
		expect(create.fields.find((field) => field.id === 'birth_date')?.type).toBe('dateTime');
		const upsert = await methods.patientUpsertColumns.call({} as never);
		expect(
			upsert.fields.filter((field) => field.canBeUsedToMatch).map((field) => field.id),
		).toEqual(['mrn']);
		expect(upsert.fields.find((field) => field.id === 'mrn')).toMatchObject({
			required: true,
			defaultMatch: true,
		});
		const update = await methods.patientUpdateColumns.call({} as never);
		expect(update.fields.every((field) => !field.required)).toBe(true);
		const metric = await methods.healthMetricColumns.call({} as never);
		expect(metric.fields.filter((field) => field.required).map((field) => field.id)).toEqual([
			'mrn',
			'type',
			'occurred_at',
		]);
	});

	/** Where each mapper field goes in the spec's resource, and the spec schema it must agree with. */
	const spec = loadSpec().doc as { definitions: Record<string, IDataObject> };
	const definition = (name: string) => spec.definitions[name] as IDataObject;
	const attributes = (resource: string) =>
		((definition(resource).properties as IDataObject).attributes as IDataObject)
			.properties as IDataObject;
	const patientAttributes = attributes('PatientResource') as Record<string, IDataObject>;
	const metricAttributes = attributes('PatientHealthMetricResource') as Record<string, IDataObject>;
	const props = (name: string) => definition(name).properties as Record<string, IDataObject>;
	const TYPES: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean' };

	/** The spec schema a field's value is sent as (and, for phones, the spec's phone type it becomes). */
	const patientTargets: Record<string, IDataObject> = {
		mrn: props('PatientIdentifier').value,
		first_name: patientAttributes.first_name,
		last_name: patientAttributes.last_name,
		birth_date: patientAttributes.birth_date,
		gender: patientAttributes.gender,
		email_address: patientAttributes.email_address,
		phone_mobile: { ...props('PhoneNumber').value, phoneType: 'mobile' },
		phone_home: { ...props('PhoneNumber').value, phoneType: 'home' },
		phone_work: { ...props('PhoneNumber').value, phoneType: 'work' },
		address_line1: (props('Address').lines as IDataObject).items as IDataObject,
		address_line2: (props('Address').lines as IDataObject).items as IDataObject,
		city: props('Address').city,
		state: props('Address').state,
		postal_code: props('Address').postal_code,
		country: props('Address').country,
		note: patientAttributes.note,
	};
	const code = (metricAttributes.code as IDataObject).properties as Record<string, IDataObject>;
	const metricTargets: Record<string, IDataObject> = {
		mrn: { type: 'string' },
		type: metricAttributes.type,
		// The spec's value is untyped ("most values are of type number"): the mapper takes numbers.
		value: { type: 'number' },
		systolic: metricAttributes.systolic,
		diastolic: metricAttributes.diastolic,
		unit: metricAttributes.unit,
		occurred_at: metricAttributes.occurred_at,
		code_system: code.system,
		code_value: code.value,
	};

	it.each([
		['patient', PATIENT_COLUMNS, patientTargets],
		['health metric', METRIC_COLUMNS, metricTargets],
	])(
		'every %s field agrees with the spec (type, enum), and none is left unchecked',
		(_, fields, targets) => {
			expect(fields.map((field) => field.id).sort()).toEqual(Object.keys(targets).sort());
			for (const field of fields) {
				const target = targets[field.id];
				expect(target).toBeDefined();
				if (field.type === 'dateTime') expect(String(target.format)).toMatch(/^date(Time)?$/);
				else if (field.type === 'options')
					expect([...field.options!].sort()).toEqual([...(target.enum as string[])].sort());
				else expect(TYPES[field.type]).toBe(target.type);
				if (target.phoneType) expect(PHONE_TYPES).toContain(target.phoneType);
			}
		},
	);

	it('the mapper shows on version 2; version 1 and the AI tool keep the field-by-field form', () => {
		const shown = (parameters: INodeParameters, typeVersion: number, tool: boolean) => {
			const description = { ...node.description, name: tool ? 'fitbitPlusTool' : 'fitbitPlus' };
			return node.description.properties
				.filter((property: INodeProperties) =>
					NodeHelpers.displayParameter(parameters, property, { typeVersion } as never, description),
				)
				.map((property: INodeProperties) => property.name);
		};
		const parameters = { resource: 'patient', operation: 'create', bodyFrom: 'fields' };
		expect(shown(parameters, 2, false)).toEqual(
			expect.arrayContaining(['columns', 'mrnSystem', 'dryRun']),
		);
		expect(shown(parameters, 2, false)).not.toContain('firstName');
		expect(shown(parameters, 1, false)).toContain('firstName');
		expect(shown(parameters, 1, false)).not.toEqual(expect.arrayContaining(['columns']));
		expect(shown(parameters, 1, false)).not.toContain('dryRun');
		expect(shown(parameters, 2, true)).toContain('firstName');
		expect(shown(parameters, 2, true)).not.toContain('columns');
	});
});

describe('Column mapper: the AI tool (version 2) fills the plain fields', () => {
	it('Create Patient as a tool takes named arguments, not a column mapping', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { output, error } = await engine.callTool(
			{
				resource: 'patient',
				operation: 'create',
				firstName: "={{ $fromAI('first_name', 'First name', 'string') }}",
				lastName: "={{ $fromAI('last_name', 'Last name', 'string') }}",
				groupIds: [sandbox.ids.groups[0]],
				options: {},
			},
			{ first_name: 'Alan', last_name: 'Turing' },
			{ typeVersion: 2 },
		);
		expect(error).toBeUndefined();
		expect(JSON.parse(output!)[0]).toMatchObject({ first_name: 'Alan', last_name: 'Turing' });
		expect(apiRequests(sandbox)).toHaveLength(1);
	});
});
