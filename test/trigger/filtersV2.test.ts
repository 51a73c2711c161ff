/**
 * The trigger's version 2 filters Completed and Archived, choices with an explicit "Any", through n8n-core's
 * PollContext against the sandbox: what each choice sends (Any: no filter) and emits, a value that is no choice
 * refused before any request, version 1's toggles sending what they sent, and one stored state for both versions.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FitbitPlusTrigger } from '../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import { freshPatient, ids, triggerState } from './helpers';

const fixture = useSandbox();

/** Polls once in `typeVersion`, with the requests it made (token exchanges left out). */
async function poll(parameters: IDataObject, staticData: IDataObject, typeVersion: number) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.poll(
		parameters as INodeParameters,
		staticData,
		'trigger',
		'activate',
		typeVersion,
	);
	return { ...result, requests: apiRequests(sandbox) };
}

const ofOrganization = (event: string, filters: IDataObject) => ({
	event,
	watch: 'organization',
	organization: fixture.sandbox.ids.organization,
	filters,
	options: { retries: 0 },
});

/** A completed and a not completed calendar event of a fresh patient, created now. */
function insertEvents() {
	const { sandbox } = fixture;
	const owner = { owner: { data: { type: 'patient', id: freshPatient(sandbox) } } };
	const completed = sandbox.insert(
		'calendar_event',
		{ type: 'plan-check-in', completed_at: new Date().toISOString() },
		owner,
	).id;
	const open = sandbox.insert('calendar_event', { type: 'plan-check-in' }, owner).id;
	return { completed, open };
}

/** An archived and a not archived patient, created now. */
function insertPatients() {
	const { sandbox } = fixture;
	return {
		archived: sandbox.insert('patient', { archived: true }).id,
		active: sandbox.insert('patient', { archived: false }).id,
	};
}

describe('the trigger has versions 1 and 2', () => {
	it('a new trigger gets version 2', () => {
		const { description } = new FitbitPlusTrigger();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});
});

describe('version 2: Completed', () => {
	it.each([
		['any', undefined, ['completed', 'open']],
		['completed', 'true', ['completed']],
		['notCompleted', 'false', ['open']],
	] as const)('New Calendar Event, %s: filter[completed] is %s', async (choice, sent, emitted) => {
		const parameters = ofOrganization('newCalendarEvent', { completedStatus: choice });
		const first = await poll(parameters, {}, 2);
		expect(first.items).toBeNull();
		expect(first.requests.length).toBeGreaterThan(0);
		for (const request of first.requests) expect(request.query['filter[completed]']).toBe(sent);
		const events = insertEvents();
		const next = await poll(parameters, first.staticData, 2);
		expect(ids(next.items)).toEqual(emitted.map((name) => events[name]));
	});

	it('Calendar Event Created or Updated sends the same filter', async () => {
		const first = await poll(
			ofOrganization('updatedCalendarEvent', { completedStatus: 'notCompleted' }),
			{},
			2,
		);
		expect(first.requests.map((r) => r.query['filter[completed]'])).toContain('false');
	});
});

describe('version 2: Archived', () => {
	it.each([
		['any', undefined, ['archived', 'active']],
		['archived', 'true', ['archived']],
		['notArchived', 'false', ['active']],
	] as const)('New Patient, %s: filter[archived] is %s', async (choice, sent, emitted) => {
		const parameters = ofOrganization('newPatient', { archivedStatus: choice });
		const first = await poll(parameters, {}, 2);
		expect(first.items).toBeNull();
		for (const request of first.requests) expect(request.query['filter[archived]']).toBe(sent);
		const patients = insertPatients();
		const next = await poll(parameters, first.staticData, 2);
		expect(ids(next.items)).toEqual(emitted.map((name) => patients[name]));
	});

	it('a value that is no choice (an expression) is refused before any request', async () => {
		const staticData: IDataObject = {};
		const failure = await poll(
			ofOrganization('updatedPatient', { archivedStatus: '={{ false }}' }),
			staticData,
			2,
		).then(
			() => undefined,
			(error: Error & IDataObject) => error,
		);
		expect(failure?.message).toBe(
			`'Archived' "false" is not one of the values Fitbit Plus accepts`,
		);
		expect(failure?.description).toBe('Use one of: any, archived, notArchived.');
		expect(apiRequests(fixture.sandbox)).toEqual([]);
		expect(staticData).toEqual({});
	});
});

describe('version 1 (saved workflows) keeps its toggles', () => {
	it.each([
		['newCalendarEvent', { completed: true }, 'filter[completed]', 'true'],
		['newCalendarEvent', { completed: false }, 'filter[completed]', 'false'],
		['newPatient', { archived: false }, 'filter[archived]', 'false'],
		['newPatient', { archived: true }, 'filter[archived]', 'true'],
	])('%s %j sends %s=%s', async (event, filters, name, sent) => {
		const first = await poll(ofOrganization(event, filters), {}, 1);
		expect(first.requests.length).toBeGreaterThan(0);
		for (const request of first.requests) expect(request.query[name]).toBe(sent);
	});

	it("version 2's fields are not read by version 1", async () => {
		const first = await poll(ofOrganization('newPatient', { archivedStatus: 'archived' }), {}, 1);
		for (const request of first.requests) expect(request.query['filter[archived]']).toBeUndefined();
	});
});

describe('one stored state for both versions', () => {
	it.each([
		['newCalendarEvent', { completed: true }, { completedStatus: 'completed' }, 'completed'],
		['newCalendarEvent', {}, { completedStatus: 'any' }, 'both'],
		['newPatient', { archived: false }, { archivedStatus: 'notArchived' }, 'active'],
	] as const)(
		'%s: %j in version 1, then %j in version 2, goes on from the same point',
		async (event, v1, v2, expected) => {
			const first = await poll(ofOrganization(event, v1), {}, 1);
			const key = triggerState(first.staticData)?.key;
			expect(key).toEqual(expect.any(String));
			const inserted = event === 'newPatient' ? insertPatients() : insertEvents();
			const next = await poll(ofOrganization(event, v2), first.staticData, 2);
			// The same key: version 2 picked up version 1's state, so it emits what is new, nothing before it.
			expect(triggerState(next.staticData)?.key).toBe(key);
			const all = Object.values(inserted);
			expect(ids(next.items)).toEqual(
				expected === 'both' ? all : [(inserted as Record<string, string>)[expected]],
			);
		},
	);
});
