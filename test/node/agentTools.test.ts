/**
 * The node as an AI tool, through n8n-core's own tool wrapper (the code n8n's MCP Server Trigger runs): the
 * tool's arguments from `$fromAI()`, compact records, lists bounded with a note, and errors that reach the model
 * as one text saying what was wrong and what to send instead — never n8n's network-error wording.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { toNodeApiError } from '../../nodes/shared/transport/errors';
import { patientIn, rel } from '../helpers/rewards';
import { useSandbox } from '../helpers/sandbox';

const fixture = useSandbox({ seed: 7, sizes: { groups: 60, patients: 120 } });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromAi = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

const getPatient = {
	resource: 'patient',
	operation: 'get',
	patientId: byId(fromAi('patientId', 'The patient ID')),
};

/** What an MCP client shows for a failed call (n8n's MessageFormatter.formatError). */
const mcpText = (error: Error) => `${error.name}: ${error.message}`;

const chars = (value: unknown) => JSON.stringify(value).length;

describe('Fitbit Plus Tool through n8n-core’s tool wrapper', () => {
	test('Get Patient: the argument comes from $fromAI, the model gets the compact record', async () => {
		const { sandbox, engine } = fixture;
		const id = sandbox.ids.patients[0];
		const { tool, output, error } = await engine.callTool(getPatient, { patientId: id });
		expect(error).toBeUndefined();
		expect(tool.name).toBe('Fitbit_Plus');
		// n8n's automatic tool description (as n8n 2.41.1 runs a tool): the operation's action, then
		// " in Fitbit Plus" — the same short text the editor names the node by, as n8n's own nodes have it.
		expect(actionOf(new FitbitPlus().description.properties, 'patient', 'get')).toBe(
			'Get a patient',
		);
		expect(tool.description).toBe('Get a patient in Fitbit Plus');
		const [record] = JSON.parse(output!) as IDataObject[];
		const full = (
			await engine.execute({ resource: 'patient', operation: 'get', patientId: byId(id) })
		).items[0].json;
		expect(record).toMatchObject({
			id,
			first_name: full.first_name,
			last_name: full.last_name,
			birth_date: full.birth_date,
		});
		// No contact details, no bookkeeping.
		for (const left of [
			'email_address',
			'phone_numbers',
			'addresses',
			'created_at',
			'resourceType',
		])
			expect(record).not.toHaveProperty(left);
		expect(chars(record)).toBeLessThan(chars(full) / 2);
	});

	test('Output for the Agent "Full Records" returns the record as a workflow step gets it', async () => {
		const { sandbox, engine } = fixture;
		const id = sandbox.ids.patients[0];
		const { output } = await engine.callTool(
			{ ...getPatient, agentOutput: 'full' },
			{ patientId: id },
		);
		const full = (
			await engine.execute({ resource: 'patient', operation: 'get', patientId: byId(id) })
		).items[0].json;
		expect(JSON.parse(output!)).toEqual([full]);
	});

	test('Get Many: at most Max Records per Call, then a note saying more exist', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const parameters = {
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: sandbox.ids.organization },
		};
		const { output } = await engine.callTool(parameters, {});
		const list = JSON.parse(output!) as IDataObject[];
		expect(list).toHaveLength(21);
		expect(list.slice(0, 20).every((r) => typeof r.id === 'string')).toBe(true);
		expect(list[20]).toEqual({ note: expect.stringContaining('Only the first 20 records') });
		// Return All stops at 21 records: one request, not the whole collection.
		expect(sandbox.requests.filter((r) => r.pathname === '/pub/patient')).toHaveLength(1);

		// A smaller limit from the model: that many, and the note suggests a higher one.
		const five = JSON.parse(
			(await engine.callTool({ ...parameters, returnAll: false, limit: 5 }, {})).output!,
		) as IDataObject[];
		expect(five).toHaveLength(6);
		expect(String(five[5].note)).toContain('higher limit (at most 20)');

		// All of a short list, no note.
		const one = JSON.parse(
			(
				await engine.callTool(
					{
						resource: 'patient',
						operation: 'getAll',
						limit: 50,
						filters: {
							organization: sandbox.ids.organization,
							identifierSystem: 'https://emr.example.org/mrn',
							identifierValue: 'MRN-000001',
						},
					},
					{},
				)
			).output!,
		) as IDataObject[];
		expect(one).toHaveLength(1);
		expect(one[0]).toHaveProperty('identifiers', ['MRN: MRN-000001']);
	});

	test('characters per patient record, full and compact (40 patients)', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			resource: 'patient',
			operation: 'getAll',
			limit: 40,
			filters: { organization: sandbox.ids.organization },
		};
		const full = (await engine.execute(parameters)).items.map((i) => i.json);
		const compact = JSON.parse(
			(await engine.callTool({ ...parameters, agentMaxRecords: 40 }, {})).output!,
		) as IDataObject[];
		// 120 patients: the 41st fetched says more exist.
		expect(compact).toHaveLength(41);
		compact.pop();
		const perRecord = (list: unknown[]) => Math.round(chars(list) / list.length);
		process.stderr.write(
			`[agent output] 40 patients: full ${chars(full)} chars (${perRecord(full)} per record), compact ${chars(compact)} chars (${perRecord(compact)} per record)\n`,
		);
		expect(chars(compact)).toBeLessThan(chars(full) / 2);
	});

	test('404: the model gets status, code, detail and what to do instead — not a network error', async () => {
		const { engine } = fixture;
		const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const { error } = await engine.callTool(getPatient, { patientId: missing });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(mcpText(error!)).toBe(
			`NodeOperationError: Fitbit Plus answered 404 Resource Not Found: patient ${missing} was not found. No record has that ID: use the id of a record another tool returned (e.g. a list or search); do not guess IDs.`,
		);
		expect(error!.message).not.toMatch(/connection cannot be established/i);
		// Once: n8n's wrapper adds "Details: <description>" only when the message lacks it.
		expect(error!.message).not.toContain('Details:');
		// The same text when the wrapper re-wraps it (a node package that loads its own n8n-workflow copy).
		const node = fixture.engine.node('x', {});
		expect(new NodeOperationError(node, new Error(error!.message)).message).toBe(error!.message);
	});

	test('why: re-wrapped as n8n does, the API error itself would read as a network failure', () => {
		const node = fixture.engine.node('x', {});
		const apiError = toNodeApiError(node, {
			status: 404,
			headers: { 'content-type': 'application/vnd.api+json' },
			body: {
				errors: [{ status: '404', code: 'ResourceNotFound', detail: 'patient x was not found' }],
			},
		});
		expect(new NodeOperationError(node, apiError).message).toMatch(
			/connection cannot be established/,
		);
	});

	test('a malformed ID is refused before any request, with the format to send', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { error } = await engine.callTool(getPatient, { patientId: 'patient-42' });
		expect(mcpText(error!)).toBe(
			`NodeOperationError: 'Patient' "patient-42" is not a Fitbit Plus ID. Fitbit Plus IDs are 24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81.`,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a rate limit that outlasts the retries says to wait', async () => {
		const { sandbox, engine } = fixture;
		sandbox.injectFault({ path: /^\/pub\/patient\//, status: 429, retryAfter: 0, times: 10 });
		try {
			const { error } = await engine.callTool(
				{ ...getPatient, requestOptions: { retries: 1 } },
				{ patientId: sandbox.ids.patients[1] },
			);
			expect(mcpText(error!)).toMatch(
				/^NodeOperationError: Fitbit Plus answered 429 .*\. Fitbit Plus is rate limiting this credential: wait a minute before calling again\.$/,
			);
		} finally {
			sandbox.clearFaults();
		}
	});

	test('Continue On Fail on the tool: the error item carries the same text', async () => {
		const { engine } = fixture;
		const { output, error } = await engine.callTool(
			getPatient,
			{ patientId: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(JSON.parse(output!)).toEqual([
			{
				error: expect.stringMatching(
					/^Fitbit Plus answered 404 Resource Not Found: .*No record has that ID/,
				),
			},
		]);
	});
});

describe('newest first (node version 2): metrics, results and events by their time', () => {
	const MINUTE = 60_000;
	const base = Date.parse('2026-01-01T00:00:00.000Z');
	/**
	 * A new patient with `n` records of `type`, entered in an order unlike their times: record i's time is
	 * `(i * 37) % n` minutes after `base` (37 shares no factor with the n used here), so the newest is
	 * entered somewhere in the middle, and the last entered is not the newest.
	 */
	function recordsOfNewPatient(
		type: string,
		n: number,
		timeField: string,
		relation: string,
	): { patient: string; times: Map<string, number> } {
		const { sandbox } = fixture;
		const patient = patientIn(sandbox, sandbox.ids.groups[0]);
		const times = new Map<string, number>();
		for (let i = 0; i < n; i++) {
			const time = base + ((i * 37) % n) * MINUTE;
			const record = sandbox.insert(
				type,
				{ [timeField]: new Date(time).toISOString() },
				{ [relation]: rel('patient', patient) },
			);
			times.set(record.id, time);
		}
		return { patient, times };
	}
	const newestIds = (times: Map<string, number>, count: number) =>
		[...times.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([id]) => id);
	const listMetrics = (patient: string) => ({
		resource: 'patientHealthMetric',
		operation: 'getAll',
		limit: 20,
		filters: { patient: byId(patient) },
	});
	const requestsTo = (path: string) =>
		fixture.sandbox.requests.filter((r) => r.pathname === `/pub/${path}`);

	test('health metrics: the newest measured first, with more records than Max Records per Call', async () => {
		const { sandbox, engine } = fixture;
		const { patient, times } = recordsOfNewPatient(
			'patient_health_metric',
			120,
			'occurred_at',
			'patient',
		);
		sandbox.resetLog();
		const { output, error } = await engine.callTool(listMetrics(patient), {}, { typeVersion: 2 });
		expect(error).toBeUndefined();
		const list = JSON.parse(output!) as IDataObject[];
		expect(list).toHaveLength(21);
		expect(list.slice(0, 20).map((r) => r.id)).toEqual(newestIds(times, 20));
		expect(list[0].occurred_at).toBe(new Date(base + 119 * MINUTE).toISOString());
		expect(list[20]).toEqual({
			note: 'Only the 20 most recent records (by occurred_at) are listed, newest first; 100 more exist. Narrow the filters to find older ones.',
		});
		// 120 records: the first page (with the count), then the other two; no more.
		expect(requestsTo('patient_health_metric').map((r) => r.query['page[number]'])).toEqual([
			'1',
			'3',
			'2',
		]);

		// Version 1 (workflows saved before version 2) keeps the API's order: the first 20 entered.
		const v1 = JSON.parse(
			(await engine.callTool(listMetrics(patient), {})).output!,
		) as IDataObject[];
		expect(v1.slice(0, 20).map((r) => r.id)).toEqual([...times.keys()].slice(0, 20));
	});

	test('a smaller limit from the model: that many newest; a short list in one request, no note', async () => {
		const { sandbox, engine } = fixture;
		const { patient, times } = recordsOfNewPatient(
			'patient_health_metric',
			30,
			'occurred_at',
			'patient',
		);
		sandbox.resetLog();
		const three = JSON.parse(
			(await engine.callTool({ ...listMetrics(patient), limit: 3 }, {}, { typeVersion: 2 }))
				.output!,
		) as IDataObject[];
		expect(three.slice(0, 3).map((r) => r.id)).toEqual(newestIds(times, 3));
		expect(String(three[3].note)).toContain('27 more exist');
		expect(String(three[3].note)).toContain('higher limit (at most 20)');
		sandbox.resetLog();
		const all = JSON.parse(
			(
				await engine.callTool(
					{ ...listMetrics(patient), agentMaxRecords: 30, limit: 30 },
					{},
					{ typeVersion: 2 },
				)
			).output!,
		) as IDataObject[];
		expect(all.map((r) => r.id)).toEqual(newestIds(times, 30));
		expect(requestsTo('patient_health_metric')).toHaveLength(1);
	});

	test('health results by when they occurred, calendar events by their start', async () => {
		const { engine } = fixture;
		const results = recordsOfNewPatient('result', 60, 'occurred_at', 'patient');
		const resultList = JSON.parse(
			(
				await engine.callTool(
					{
						resource: 'patientHealthResult',
						operation: 'getAll',
						limit: 20,
						patientId: byId(results.patient),
					},
					{},
					{ typeVersion: 2 },
				)
			).output!,
		) as IDataObject[];
		expect(resultList.slice(0, 20).map((r) => r.id)).toEqual(newestIds(results.times, 20));
		expect(String(resultList[20].note)).toContain('(by occurred_at)');

		const events = recordsOfNewPatient('calendar_event', 60, 'start_at', 'owner');
		const eventList = JSON.parse(
			(
				await engine.callTool(
					{
						resource: 'calendarEvent',
						operation: 'getAll',
						limit: 20,
						filters: { patient: byId(events.patient) },
					},
					{},
					{ typeVersion: 2 },
				)
			).output!,
		) as IDataObject[];
		expect(eventList.slice(0, 20).map((r) => r.id)).toEqual(newestIds(events.times, 20));
		expect(String(eventList[20].note)).toContain('(by start_at)');
	});

	test('a collection beyond 1,000 records: the 1,000 entered last are read (20 requests + 1), and the note says so', async () => {
		const { sandbox, engine } = fixture;
		const { patient, times } = recordsOfNewPatient(
			'patient_health_metric',
			1_111,
			'occurred_at',
			'patient',
		);
		sandbox.resetLog();
		const list = JSON.parse(
			(await engine.callTool(listMetrics(patient), {}, { typeVersion: 2 })).output!,
		) as IDataObject[];
		// 23 pages of 50 (the last holds 11): page 1 gives the count, then pages 23 down to 4 (961 records).
		const requests = requestsTo('patient_health_metric').map((r) => r.query['page[number]']);
		expect(requests).toEqual(['1', ...Array.from({ length: 20 }, (_, i) => String(23 - i))]);
		const read = new Map([...times].slice(50 * 3));
		expect(list.slice(0, 20).map((r) => r.id)).toEqual(newestIds(read, 20));
		expect(list[20].note).toBe(
			`Only the 20 most recent records (by occurred_at) are listed, newest first; ${1_111 - 20} more exist. The ${read.size} records entered last were read and ordered; the 150 entered before them were not. Narrow the filters to find older ones.`,
		);
	});

	test('a workflow step (version 2) keeps the API order', async () => {
		const { engine } = fixture;
		const { patient, times } = recordsOfNewPatient(
			'patient_health_metric',
			30,
			'occurred_at',
			'patient',
		);
		const { items } = await engine.execute({ ...listMetrics(patient), limit: 50 }, [{}], {
			typeVersion: 2,
		});
		expect(items.map((i) => i.json.id)).toEqual([...times.keys()]);
	});
});

describe('tool texts', () => {
	const { description } = new FitbitPlus();
	const operations = description.properties.filter((p) => p.name === 'operation');

	test("every operation's action is sentence-cased words, as n8n's lint wants them", () => {
		const actions = operations.flatMap((p) =>
			(p.options as Array<{ action?: string }>).map((o) => o.action ?? ''),
		);
		expect(actions.length).toBeGreaterThan(70);
		// The first word capitalised, then lower-case words or all-caps abbreviations (ID, MRN); no punctuation.
		expect(actions.filter((a) => !/^[A-Z][a-z]*( ([a-z]+|[A-Z]{2,}))*$/.test(a))).toEqual([]);
	});

	test("each Get's description says it takes an ID", () => {
		const bare = operations.flatMap((p) =>
			(p.options as INodePropertyOptions[])
				.filter((o) => o.value === 'get' && !/ by ID/.test(o.description ?? ''))
				.map((o) => o.description),
		);
		expect(bare).toEqual([]);
	});

	test.each([
		['patient', 'getAll', 'Get many patients'],
		['patient', 'upsert', 'Create or update a patient'],
		['patientHealthMetric', 'getAll', 'Get many health metrics'],
	])('%s %s: the node name and the tool description', async (resource, operation, name) => {
		expect(actionOf(description.properties, resource, operation)).toBe(name);
		const { tool } = await fixture.engine.callTool({ resource, operation, limit: 1 }, {});
		expect(tool.description).toBe(`${name} in Fitbit Plus`);
	});
});

/** The action of an operation in a node's properties. */
function actionOf(properties: INodeProperties[], resource: string, operation: string): string {
	const field = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	return String(
		(field?.options as INodePropertyOptions[]).find((o) => o.value === operation)?.action,
	);
}

describe('the node as a workflow step is unchanged', () => {
	test('full records, every field, no note', async () => {
		const { sandbox, engine } = fixture;
		const { items } = await engine.execute({
			resource: 'patient',
			operation: 'getAll',
			limit: 25,
			filters: { organization: sandbox.ids.organization },
		});
		expect(items).toHaveLength(25);
		expect(items[0].json).toHaveProperty('resourceType', 'patient');
		expect(items[0].json).toHaveProperty('created_at');
	});
});
