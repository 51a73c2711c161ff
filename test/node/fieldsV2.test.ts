/**
 * Version 2's fields that belong together and its yes/no filters with an explicit "Any", through the n8n engine
 * against the sandbox: what each choice sends (Any: no filter), a half-filled collection refused before any
 * request, and version 1 sending exactly what it sent with its own fields.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { byId } from '../coverage/cases';
import { apiRequests, planWithRecords as planWithRecordsOf, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

async function run(parameters: IDataObject, typeVersion: number) {
	fixture.sandbox.resetLog();
	const result = await fixture.engine.execute(parameters as INodeParameters, [{}], {
		typeVersion,
	});
	return {
		...result,
		json: result.items.map((item) => item.json),
		requests: apiRequests(fixture.sandbox),
	};
}

/** The query of the one request a Get Many or Count sent. */
async function queryOf(parameters: IDataObject, typeVersion: number) {
	const { requests, error } = await run(parameters, typeVersion);
	expect(error).toBeUndefined();
	expect(requests).toHaveLength(1);
	return requests[0].query;
}

/** The names of the options of a collection (or fields) shown for `parameters` in a version. */
function shownOptions(
	parameters: INodeParameters,
	collection: string,
	typeVersion: number,
): string[] {
	const description = new FitbitPlus().description;
	const node = { typeVersion } as never;
	const field = description.properties.find(
		(property) =>
			property.name === collection &&
			NodeHelpers.displayParameter(parameters, property, node, description),
	)!;
	return (field.options as INodeProperties[])
		.filter((option) => NodeHelpers.displayParameter({}, option, node, description, parameters))
		.map((option) => option.name);
}

describe('what each version shows', () => {
	it.each([
		[
			{ resource: 'patient', operation: 'getAll' },
			'filters',
			['archived', 'identifierSystem', 'identifierValue'],
			['archivedStatus', 'identifier'],
		],
		[
			{ resource: 'patient', operation: 'count' },
			'filters',
			['archived', 'identifierSystem', 'identifierValue'],
			['archivedStatus', 'identifier'],
		],
		[
			{ resource: 'calendarEvent', operation: 'getAll' },
			'filters',
			['completed'],
			['completedStatus'],
		],
		[
			{ resource: 'calendarEvent', operation: 'create', bodyFrom: 'fields' },
			'additionalFields',
			['completed_at', 'completed_by'],
			['completion'],
		],
		[
			{ resource: 'calendarEvent', operation: 'update', bodyFrom: 'fields' },
			'updateFields',
			['completed_at', 'completed_by'],
			['completion'],
		],
		[
			{ resource: 'patientPlanSummary', operation: 'update', bodyFrom: 'fields' },
			'updateFields',
			['actions', 'bundles', 'current_results', 'patient'],
			['actionsAndBundles'],
		],
		[
			{ resource: 'rewardEarning', operation: 'getAll', scope: 'patient' },
			'filters',
			['ready_for_fulfillment'],
			['readyStatus'],
		],
	])(
		'%j %s: version 1 its own fields, version 2 the new ones',
		(parameters, collection, v1, v2) => {
			const one = shownOptions(parameters, collection, 1);
			const two = shownOptions(parameters, collection, 2);
			expect(one).toEqual(expect.arrayContaining(v1));
			expect(one.filter((name) => v2.includes(name))).toEqual([]);
			expect(two).toEqual(expect.arrayContaining(v2));
			expect(two.filter((name) => v1.includes(name))).toEqual([]);
		},
	);

	it('the choices list "Any" first, then the two states', () => {
		const description = new FitbitPlus().description;
		const choices = description.properties
			.filter((property) => property.type === 'collection')
			.flatMap((property) => property.options as INodeProperties[])
			.filter((option) => /Status$/.test(option.name) && option.type === 'options');
		const byName = new Map(
			choices.map((option) => [
				option.name,
				(option.options as Array<{ name: string; value: string }>).map((o) => o.name),
			]),
		);
		expect(Object.fromEntries(byName)).toEqual({
			archivedStatus: ['Any', 'Archived Only', 'Not Archived'],
			completedStatus: ['Any', 'Completed Only', 'Not Completed'],
			readyStatus: ['Any', 'Not Ready Yet', 'Ready to Pay Out'],
		});
	});
});

describe('Patient > Get Many: Archived', () => {
	const parameters = (filters: IDataObject): IDataObject => ({
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization, ...filters },
	});
	const archivedIds = () =>
		fixture.sandbox
			.list('patient')
			.filter((p) => p.attributes.archived === true)
			.map((p) => p.id)
			.sort();

	it.each([
		['any', undefined],
		['archived', 'true'],
		['notArchived', 'false'],
	])('version 2, %s: filter[archived] is %s', async (choice, sent) => {
		const { requests, json, error } = await run(parameters({ archivedStatus: choice }), 2);
		expect(error).toBeUndefined();
		expect(requests[0].query['filter[archived]']).toBe(sent);
		const ids = json.map((item) => String(item.id)).sort();
		const archived = archivedIds();
		expect(archived.length).toBeGreaterThan(0);
		if (choice === 'archived') expect(ids).toEqual(archived);
		if (choice === 'notArchived') expect(ids.filter((id) => archived.includes(id))).toEqual([]);
		if (choice === 'any') expect(ids).toEqual(expect.arrayContaining(archived));
		if (choice === 'any') expect(ids.length).toBeGreaterThan(archived.length);
	});

	it('version 2: the filter not added sends none; an expression that is no choice is refused', async () => {
		expect((await queryOf(parameters({}), 2))['filter[archived]']).toBeUndefined();
		const { error, requests } = await run(parameters({ archivedStatus: '={{ true }}' }), 2);
		expect(error?.message).toBe(
			`'Archived' "true" is not one of the values Fitbit Plus accepts [item 0]`,
		);
		expect(error?.description).toBe('Use one of: any, archived, notArchived.');
		expect(requests).toHaveLength(0);
	});

	it('version 2: Count sends the same filter', async () => {
		const query = await queryOf(
			{ ...parameters({ archivedStatus: 'archived' }), operation: 'count', returnAll: undefined },
			2,
		);
		expect(query).toMatchObject({ 'filter[archived]': 'true', 'page[limit]': '0' });
	});

	it.each([
		[false, 'false'],
		[true, 'true'],
	])('version 1 (saved workflows): the toggle %s still sends %s', async (archived, sent) => {
		expect((await queryOf(parameters({ archived }), 1))['filter[archived]']).toBe(sent);
	});
});

describe('Patient > Get Many: Identifier', () => {
	const MRN = { system: 'https://emr.example.org/mrn', value: 'MRN-000001' };
	const parameters = (filters: IDataObject): IDataObject => ({
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization, ...filters },
	});

	it('version 2: System and Value in one filter find the patient', async () => {
		const { requests, json, error } = await run(parameters({ identifier: { values: MRN } }), 2);
		expect(error).toBeUndefined();
		expect(requests[0].query).toMatchObject({
			'filter[identifier][system]': MRN.system,
			'filter[identifier][value]': MRN.value,
		});
		expect(json).toHaveLength(1);
		expect(json[0].identifiers).toBe('MRN: MRN-000001');
	});

	it.each([
		[
			'only a System',
			{ values: { system: MRN.system, value: '' } },
			"'Identifier Value' is empty [item 0]",
		],
		[
			'only a Value',
			{ values: { system: ' ', value: MRN.value } },
			"'Identifier System' is empty [item 0]",
		],
		['nothing filled in', {}, "'Identifier System' is empty [item 0]"],
	])(
		'version 2 refuses an Identifier with %s before any request',
		async (_, identifier, message) => {
			const { error, requests } = await run(parameters({ identifier }), 2);
			expect(error?.message).toBe(message);
			expect(error?.description).toBe(
				'Fill in both the System and the Value of the Identifier filter, or remove it.',
			);
			expect(requests).toHaveLength(0);
		},
	);

	it('version 1 (saved workflows): the two filters still send both, and one alone is refused', async () => {
		expect(
			await queryOf(parameters({ identifierSystem: MRN.system, identifierValue: MRN.value }), 1),
		).toMatchObject({
			'filter[identifier][system]': MRN.system,
			'filter[identifier][value]': MRN.value,
		});
		const { error, requests } = await run(parameters({ identifierSystem: MRN.system }), 1);
		expect(error?.message).toBe("'Identifier System' and 'Identifier Value' go together [item 0]");
		expect(requests).toHaveLength(0);
	});
});

describe('Calendar Event > Get Many: Completed', () => {
	const parameters = (filters: IDataObject): IDataObject => ({
		resource: 'calendarEvent',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization, ...filters },
	});

	it.each([
		['any', undefined],
		['completed', 'true'],
		['notCompleted', 'false'],
	])('version 2, %s: filter[completed] is %s', async (choice, sent) => {
		const { requests, json, error } = await run(parameters({ completedStatus: choice }), 2);
		expect(error).toBeUndefined();
		expect(requests[0].query['filter[completed]']).toBe(sent);
		const completed = new Set(
			fixture.sandbox
				.list('calendar_event')
				.filter((e) => e.attributes.completed_at != null)
				.map((e) => e.id),
		);
		const ids = json.map((item) => String(item.id));
		if (choice === 'completed') expect(ids.every((id) => completed.has(id))).toBe(true);
		if (choice === 'notCompleted') expect(ids.some((id) => completed.has(id))).toBe(false);
		if (choice === 'any') {
			expect(ids.some((id) => completed.has(id))).toBe(true);
			expect(ids.some((id) => !completed.has(id))).toBe(true);
		}
	});

	it.each([
		[true, 'true'],
		[false, 'false'],
	])('version 1 (saved workflows): the toggle %s still sends %s', async (completed, sent) => {
		expect((await queryOf(parameters({ completed }), 1))['filter[completed]']).toBe(sent);
	});
});

describe('Reward Earning > Get Many: Ready for Fulfillment', () => {
	/** A patient of a group with an earning in each state: ready, not ready, and ready but fulfilled. */
	function earningsByState() {
		const { sandbox } = fixture;
		const group = sandbox.ids.groups[0];
		const patient = sandbox.insert(
			'patient',
			{},
			{ groups: { data: [{ type: 'group', id: group }] } },
		).id;
		// Inserted, then set to the state wanted (an insert derives the state from the reward's program).
		const earning = (attributes: IDataObject) => {
			const { id } = sandbox.insert(
				'reward_earning',
				{ earned_value: 5 },
				{
					patient: { data: { type: 'patient', id: patient } },
					group: { data: { type: 'group', id: group } },
				},
			);
			sandbox.update('reward_earning', id, attributes);
			return id;
		};
		const ready = earning({ ready_for_fulfillment: true });
		const notReady = earning({ ready_for_fulfillment: false });
		const fulfilled = earning({
			ready_for_fulfillment: true,
			fulfilled_at: '2025-01-02T10:00:00.000Z',
		});
		return {
			patient,
			group,
			ids: { any: [ready, notReady, fulfilled], ready: [ready], notReady: [notReady] },
		};
	}
	const parameters = (patient: string, group: string, filters: IDataObject): IDataObject => ({
		resource: 'rewardEarning',
		operation: 'getAll',
		patientId: byId(patient),
		groups: [group],
		returnAll: true,
		filters,
	});

	it.each([
		['any', undefined],
		['ready', 'true'],
		['notReady', 'false'],
	] as const)('version 2, %s: filter[ready_for_fulfillment] is %s', async (choice, sent) => {
		const { patient, group, ids } = earningsByState();
		const { requests, json, error } = await run(
			parameters(patient, group, { readyStatus: choice }),
			2,
		);
		expect(error).toBeUndefined();
		expect(requests[0].query['filter[ready_for_fulfillment]']).toBe(sent);
		// Any: the fulfilled earnings too.
		expect(json.map((item) => item.id).sort()).toEqual([...ids[choice]].sort());
	});

	it.each([
		[true, 'true'],
		[false, 'false'],
	])('version 1 (saved workflows): the toggle %s still sends %s', async (ready, sent) => {
		const { patient, group } = earningsByState();
		const query = await queryOf(parameters(patient, group, { ready_for_fulfillment: ready }), 1);
		expect(query['filter[ready_for_fulfillment]']).toBe(sent);
	});
});

describe('Calendar Event > Create and Update: Completion', () => {
	const COMPLETED_AT = '2030-02-20T15:00:00.000Z';
	const createParameters = (additionalFields: IDataObject): IDataObject => ({
		resource: 'calendarEvent',
		operation: 'create',
		patientId: byId(fixture.sandbox.ids.patients[2]),
		eventType: 'plan-check-in',
		title: 'Plan Check-In',
		startAt: '2030-02-20T00:00:00Z',
		additionalFields,
	});
	const coach = () => fixture.sandbox.ids.coaches[0];

	it('version 2 Create: Completed At and By from Completion', async () => {
		const { requests, error } = await run(
			createParameters({
				completion: { values: { completed_at: COMPLETED_AT, completed_by: coach() } },
			}),
			2,
		);
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect((requests[0].body as { data: IDataObject }).data.attributes).toMatchObject({
			completed_at: COMPLETED_AT,
			completed_by: { type: 'coach', id: coach() },
		});
	});

	it.each([
		['only Completed At', { completed_at: COMPLETED_AT, completed_by: '' }],
		['only Completed By', { completed_at: '', completed_by: 'coach' }],
		['nothing filled in', undefined],
	])('version 2 refuses a Completion with %s before any request', async (_, values) => {
		const completion =
			values === undefined
				? {}
				: { values: { ...values, completed_by: values.completed_by && coach() } };
		for (const parameters of [
			createParameters({ completion }),
			{
				resource: 'calendarEvent',
				operation: 'update',
				calendarEventId: byId(fixture.sandbox.ids.calendarEvents[0]),
				updateFields: { completion },
			},
		]) {
			const { error, requests } = await run(parameters, 2);
			expect(error?.message).toBe(
				"'Completion' needs both 'Completed At' and 'Completed By' [item 0]",
			);
			expect(error?.description).toBe(
				"Set when and by which coach the event was completed, or remove 'Completion'.",
			);
			expect(requests).toHaveLength(0);
		}
	});

	it('version 2 Update: Completion sent; with Mark as Not Completed, or on another type, refused', async () => {
		const event = fixture.sandbox.insert(
			'calendar_event',
			{ type: 'plan-check-in', all_day: true, end_at: undefined },
			{ owner: { data: { type: 'patient', id: fixture.sandbox.ids.patients[3] } } },
		);
		const completion = { values: { completed_at: COMPLETED_AT, completed_by: coach() } };
		const update = (updateFields: IDataObject) =>
			run(
				{
					resource: 'calendarEvent',
					operation: 'update',
					calendarEventId: byId(event.id),
					updateFields,
				},
				2,
			);
		const done = await update({ completion });
		expect(done.error).toBeUndefined();
		expect(done.requests[0].body).toEqual({
			data: {
				type: 'calendar_event',
				id: event.id,
				attributes: {
					completed_at: COMPLETED_AT,
					completed_by: { type: 'coach', id: coach() },
				},
			},
		});
		expect(fixture.sandbox.get('calendar_event', event.id)?.attributes.completed_at).toBe(
			COMPLETED_AT,
		);

		const both = await update({ completion, markNotCompleted: true });
		expect(both.error?.message).toBe("'Mark as Not Completed' contradicts 'Completion' [item 0]");
		expect(both.requests).toHaveLength(0);

		const call = await update({ completion, type: 'telephone-call' });
		expect(call.error?.message).toBe(
			'Only plan check-ins can be marked completed (this is a telephone-call) [item 0]',
		);
		expect(call.error?.description).toBe("Remove 'Completion'.");
		expect(call.requests).toHaveLength(0);
	});

	it('version 1 (saved workflows): Completed At and Completed By fields still send both, one alone refused', async () => {
		const { requests, error } = await run(
			createParameters({ completed_at: COMPLETED_AT, completed_by: coach() }),
			1,
		);
		expect(error).toBeUndefined();
		expect((requests[0].body as { data: IDataObject }).data.attributes).toMatchObject({
			completed_at: COMPLETED_AT,
			completed_by: { type: 'coach', id: coach() },
		});
		const half = await run(createParameters({ completed_at: COMPLETED_AT }), 1);
		expect(half.error?.message).toBe("'Completed At' and 'Completed By' go together [item 0]");
		expect(half.requests).toHaveLength(0);
	});
});

describe('Patient Plan Summary > Update: Actions and Bundles', () => {
	const planWithRecords = () => planWithRecordsOf(fixture.sandbox);
	const update = (plan: string, updateFields: IDataObject, typeVersion: number) =>
		run(
			{
				resource: 'patientPlanSummary',
				operation: 'update',
				planSummaryId: byId(plan),
				updateFields,
			},
			typeVersion,
		);

	it('version 2: the collection sends the three together, and Current Result IDs when given', async () => {
		const { plan, patient, actions, bundles, results } = planWithRecords();
		const { requests, error } = await update(
			plan,
			{
				actionsAndBundles: {
					values: {
						actions: `${actions[1]}, ${actions[0]}`,
						bundles: bundles[0],
						patient: byId(patient),
						current_results: results[0],
					},
				},
			},
			2,
		);
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			data: {
				type: 'patient_plan_summary',
				id: plan,
				relationships: {
					actions: {
						data: [
							{ type: 'action', id: actions[1] },
							{ type: 'action', id: actions[0] },
						],
					},
					bundles: { data: [{ type: 'bundle', id: bundles[0] }] },
					patient: { data: { type: 'patient', id: patient } },
					current_results: { data: [{ type: 'result', id: results[0] }] },
				},
			},
		});
	});

	it('version 2: empty Action IDs and Bundle IDs send none; empty Current Result IDs is not sent', async () => {
		const { plan, patient } = planWithRecords();
		const { requests, error } = await update(
			plan,
			{ actionsAndBundles: { values: { actions: '', bundles: '', patient: byId(patient) } } },
			2,
		);
		expect(error).toBeUndefined();
		expect((requests[0].body as { data: IDataObject }).data.relationships).toEqual({
			actions: { data: [] },
			bundles: { data: [] },
			patient: { data: { type: 'patient', id: patient } },
		});
	});

	it.each([
		['no Patient', (actions: string[]) => ({ values: { actions: actions[0], bundles: '' } })],
		['nothing filled in', () => ({})],
	])('version 2 refuses Actions and Bundles with %s before any request', async (_, collection) => {
		const { plan, actions } = planWithRecords();
		const { error, requests } = await update(
			plan,
			{ actionsAndBundles: collection(actions), time_zone: 'UTC' },
			2,
		);
		expect(error?.message).toBe("'Actions and Bundles' has no 'Patient' [item 0]");
		expect(requests).toHaveLength(0);
	});

	it('version 1 (saved workflows): the separate fields still send the three together', async () => {
		const { plan, patient, actions, bundles } = planWithRecords();
		const { requests, error } = await update(
			plan,
			{ actions: actions[0], bundles: bundles[0], patient: byId(patient) },
			1,
		);
		expect(error).toBeUndefined();
		expect((requests[0].body as { data: IDataObject }).data.relationships).toEqual({
			actions: { data: [{ type: 'action', id: actions[0] }] },
			bundles: { data: [{ type: 'bundle', id: bundles[0] }] },
			patient: { data: { type: 'patient', id: patient } },
		});
	});
});
