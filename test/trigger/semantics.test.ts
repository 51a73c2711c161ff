/**
 * The trigger's semantics, each through n8n-core's PollContext against the sandbox: the starting point, every
 * record once and in order, Max Records per Poll, failures that change nothing, manual runs, filters and state.
 */
import type { IDataObject } from 'n8n-workflow';

import { patientIn, rel } from '../helpers/rewards';
import { useSandbox } from '../helpers/sandbox';
import {
	byId,
	freshPatient,
	ids,
	insertMetric,
	insertMetrics,
	metricParameters,
	pollCounting,
	restart,
	triggerState,
} from './helpers';

const fixture = useSandbox();

/** A fresh patient watched from an activated trigger (state set), with `existing` metrics before activation. */
async function activated(existing = 0, options: IDataObject = {}) {
	const { sandbox, engine } = fixture;
	const patient = freshPatient(sandbox);
	const before = insertMetrics(sandbox, patient, existing);
	const parameters = metricParameters(patient, options);
	const first = await engine.poll(parameters, {});
	expect(first.items).toBeNull();
	return { patient, before, parameters, staticData: first.staticData };
}

describe('first activation', () => {
	it('sets the starting point at the end of the collection without emitting history, in at most 2 requests', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		insertMetrics(sandbox, patient, 12);
		const parameters = metricParameters(patient);
		const first = await pollCounting(engine, sandbox, parameters, {});
		expect(first.items).toBeNull();
		expect(first.requests.length).toBeLessThanOrEqual(2);
		expect(first.requests.every((r) => r.status === 200)).toBe(true);

		const fresh = insertMetrics(sandbox, patient, 3);
		const next = await engine.poll(parameters, first.staticData);
		expect(ids(next.items)).toEqual(fresh);
	});

	it('watching a whole organization (seeded history) emits nothing at first, then only what is new', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			event: 'newPatientHealthMetric',
			watch: 'organization',
			organization: sandbox.ids.organization,
			options: { retries: 0 },
		};
		const first = await pollCounting(engine, sandbox, parameters, {});
		expect(first.items).toBeNull();
		expect(first.requests).toHaveLength(2);
		const patient = sandbox.ids.patients[0];
		const fresh = insertMetrics(sandbox, patient, 2);
		const next = await engine.poll(parameters, first.staticData);
		expect(ids(next.items)).toEqual(fresh);
	});

	it('on an empty collection takes one request, and then emits the first records', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const parameters = metricParameters(patient);
		const first = await pollCounting(engine, sandbox, parameters, {});
		expect(first.items).toBeNull();
		expect(first.requests).toHaveLength(1);
		const fresh = insertMetrics(sandbox, patient, 2);
		expect(ids((await engine.poll(parameters, first.staticData)).items)).toEqual(fresh);
	});

	it('with "Emit Existing Records" emits history oldest first, Max Records per Poll at a time, then new records', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const existing = insertMetrics(sandbox, patient, 10);
		const parameters = metricParameters(patient, { emitExisting: true, maxRecords: 7 });
		const first = await engine.poll(parameters, {});
		expect(ids(first.items)).toEqual(existing.slice(0, 7));
		const second = await engine.poll(parameters, restart(first.staticData));
		expect(ids(second.items)).toEqual(existing.slice(7));
		const idle = await engine.poll(parameters, second.staticData);
		expect(idle.items).toBeNull();
		const fresh = insertMetric(sandbox, patient);
		expect(ids((await engine.poll(parameters, idle.staticData)).items)).toEqual([fresh]);
	});

	it('with "Emit Existing Records" on an empty collection emits nothing and then every new record', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const parameters = metricParameters(patient, { emitExisting: true });
		const first = await engine.poll(parameters, {});
		expect(first.items).toBeNull();
		const fresh = insertMetrics(sandbox, patient, 4);
		expect(ids((await engine.poll(parameters, first.staticData)).items)).toEqual(fresh);
	});
});

describe('each poll', () => {
	it('emits every record created since the last poll, in creation order, each once', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(5);
		let staticData = state.staticData;
		const emitted: string[] = [];
		const inserted: string[] = [];
		for (const burst of [1, 0, 3, 60, 0, 2]) {
			inserted.push(...insertMetrics(sandbox, state.patient, burst));
			const result = await engine.poll(state.parameters, staticData);
			if (burst === 0) expect(result.items).toBeNull();
			emitted.push(...ids(result.items));
			staticData = result.staticData;
		}
		expect(emitted).toEqual(inserted);
	});

	it('follows page[after]=<last emitted id>, then links.next as given', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(2);
		const cursor = triggerState(state.staticData)?.cursor;
		const fresh = insertMetrics(sandbox, state.patient, 55);
		const result = await pollCounting(engine, sandbox, state.parameters, state.staticData);
		expect(ids(result.items)).toEqual(fresh);
		expect(result.requests).toHaveLength(2);
		expect(result.requests[0].query['page[after]']).toBe(cursor);
		expect(result.requests[0].query['page[limit]']).toBe('50');
		expect(
			result.requests[1].query['page[cursor]'] ?? result.requests[1].query['page[after]'],
		).toBe(fresh[49]);
		expect(triggerState(result.staticData)?.cursor).toBe(fresh[54]);
	});

	it('an idle poll costs exactly one request and returns null', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(3);
		const idle = await pollCounting(engine, sandbox, state.parameters, state.staticData);
		expect(idle.items).toBeNull();
		expect(idle.requests).toHaveLength(1);
		expect(idle.staticData).toEqual(state.staticData);
	});

	it('survives a restart (static data serialized and read back)', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(1);
		const a = insertMetrics(sandbox, state.patient, 2);
		const first = await engine.poll(state.parameters, restart(state.staticData));
		expect(ids(first.items)).toEqual(a);
		const b = insertMetrics(sandbox, state.patient, 2);
		const second = await engine.poll(state.parameters, restart(first.staticData));
		expect(ids(second.items)).toEqual(b);
	});

	it('never emits the boundary record twice, even if the server sends it again', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0);
		const [a] = insertMetrics(sandbox, state.patient, 1);
		const first = await engine.poll(state.parameters, state.staticData);
		expect(ids(first.items)).toEqual([a]);
		const [b] = insertMetrics(sandbox, state.patient, 1);
		// A server that answers with the record at the cursor and the new one.
		const recordA = sandbox.get('patient_health_metric', a);
		const recordB = sandbox.get('patient_health_metric', b);
		sandbox.injectFault({
			method: 'GET',
			path: '/patient_health_metric',
			status: 200,
			rawBody: JSON.stringify({ data: [recordA, recordB], meta: { count: 2 } }),
			times: 1,
		});
		const second = await engine.poll(state.parameters, first.staticData);
		expect(ids(second.items)).toEqual([b]);
		const idle = await engine.poll(state.parameters, second.staticData);
		expect(idle.items).toBeNull();
	});
});

describe('Max Records per Poll', () => {
	it('emits at most that many; the rest come in later polls, none lost, none twice', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0, { maxRecords: 7 });
		const fresh = insertMetrics(sandbox, state.patient, 20);
		const sizes: number[] = [];
		const emitted: string[] = [];
		let staticData = state.staticData;
		for (;;) {
			const result = await engine.poll(state.parameters, staticData);
			staticData = result.staticData;
			if (!result.items) break;
			sizes.push(result.items.length);
			emitted.push(...ids(result.items));
			expect(triggerState(staticData)?.cursor).toBe(emitted[emitted.length - 1]);
		}
		expect(sizes).toEqual([7, 7, 6]);
		expect(emitted).toEqual(fresh);
	});

	it('reads whole pages (they also carry the overlap window, already emitted) and emits no more than the maximum', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0, { maxRecords: 3 });
		insertMetrics(sandbox, state.patient, 10);
		const result = await pollCounting(engine, sandbox, state.parameters, state.staticData);
		expect(result.items).toHaveLength(3);
		expect(result.requests).toHaveLength(1);
		expect(result.requests[0].query['page[limit]']).toBe('50');
	});
});

describe('a poll that fails part-way', () => {
	const faults: Array<[string, IDataObject]> = [
		['429', { status: 429, retryAfter: 0 }],
		['500', { status: 500 }],
		['503', { status: 503 }],
		[
			'a body that is not JSON',
			{ status: 200, rawBody: '<html>gateway</html>', contentType: 'text/html' },
		],
		['a JSON body without data', { status: 200, rawBody: '{"meta":{"count":3}}' }],
		[
			'a record without an id',
			{ status: 200, rawBody: '{"data":[{"type":"patient_health_metric"}]}' },
		],
		['a dropped connection', { drop: true }],
	];

	it.each(faults)(
		'throws a clear error on %s on the 2nd page, emits nothing, keeps the state; the next poll gets all',
		async (_name, fault) => {
			const { sandbox, engine } = fixture;
			const state = await activated(1);
			const fresh = insertMetrics(sandbox, state.patient, 120);
			const before = JSON.stringify(state.staticData);
			sandbox.injectFault({
				method: 'GET',
				path: '/patient_health_metric',
				skip: 1,
				times: 1,
				...fault,
			});
			await expect(engine.poll(state.parameters, state.staticData)).rejects.toThrow(
				/Could not fetch new patient health metric records/,
			);
			expect(JSON.stringify(state.staticData)).toBe(before);
			sandbox.clearFaults();
			const result = await engine.poll(state.parameters, state.staticData);
			expect(ids(result.items)).toEqual(fresh);
		},
	);

	it('says in the error that nothing was emitted and where the next poll resumes', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0);
		insertMetrics(sandbox, state.patient, 2);
		sandbox.injectFault({ method: 'GET', path: '/patient_health_metric', status: 503, times: 1 });
		const error = await engine.poll(state.parameters, state.staticData).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/503/);
		expect(error?.description).toMatch(/Nothing was emitted/);
	});

	it('fails on a timeout (a slow answer) and changes nothing', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0, { timeout: 150 });
		const fresh = insertMetrics(sandbox, state.patient, 60);
		const before = JSON.stringify(state.staticData);
		sandbox.injectFault({
			method: 'GET',
			path: '/patient_health_metric',
			skip: 1,
			times: 1,
			delayMs: 600,
		});
		await expect(engine.poll(state.parameters, state.staticData)).rejects.toThrow(
			/Could not fetch/,
		);
		expect(JSON.stringify(state.staticData)).toBe(before);
		sandbox.clearFaults();
		expect(ids((await engine.poll(state.parameters, state.staticData)).items)).toEqual(fresh);
	});

	it('fails during first activation without setting a starting point', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		insertMetrics(sandbox, patient, 4);
		const parameters = metricParameters(patient);
		const staticData: IDataObject = {};
		sandbox.injectFault({
			method: 'GET',
			path: '/patient_health_metric',
			skip: 1,
			times: 1,
			status: 500,
		});
		await expect(engine.poll(parameters, staticData)).rejects.toThrow(/Could not fetch/);
		expect(triggerState(staticData)).toBeUndefined();
	});

	it('with retries on, a transient 429 or 503 is retried and the poll succeeds', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0, { retries: 2 });
		const fresh = insertMetrics(sandbox, state.patient, 70);
		sandbox.injectFault({
			method: 'GET',
			path: '/patient_health_metric',
			skip: 1,
			times: 1,
			status: 429,
			retryAfter: 0,
		});
		sandbox.injectFault({ method: 'GET', path: '/patient_health_metric', times: 1, status: 503 });
		const result = await engine.poll(state.parameters, state.staticData);
		expect(ids(result.items)).toEqual(fresh);
	});

	it('a walk at 16 Parallel Requests against an API that serves 2 at once narrows and emits every record', async () => {
		const { sandbox, engine } = fixture;
		const group = sandbox.insert('group').id;
		const patients = Array.from({ length: 24 }, () => patientIn(sandbox, group));
		const parameters = {
			event: 'newPatientHealthResult',
			watch: 'groups',
			groups: [group],
			options: { concurrency: 16 },
		};
		const first = await engine.poll(parameters, {});
		expect(first.items).toBeNull();
		const fresh = patients.map(
			(patient) => sandbox.insert('result', {}, { patient: rel('patient', patient) }).id,
		);
		sandbox.limitInFlight({ method: 'GET', path: '/result', maxInFlight: 2, retryAfter: 0.1 });
		sandbox.injectFault({
			method: 'GET',
			path: '/result',
			delayMs: 10,
			times: Number.MAX_SAFE_INTEGER,
		});
		sandbox.resetLog();
		try {
			const next = await engine.poll(parameters, first.staticData);
			// Each patient's result once, whatever order the lanes finished in.
			expect(ids(next.items).sort()).toEqual([...fresh].sort());
			const refused = sandbox.requests.filter((r) => r.status === 429);
			// 16 lanes kept would meet 14 refusals after every pause and use up the 2 retries (the poll fails).
			expect(refused.length).toBeGreaterThan(0);
			expect(refused.length).toBeLessThan(patients.length);
		} finally {
			sandbox.clearFaults();
		}
	});

	it('an expired token is renewed and the poll goes on; revoked tokens too', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(0);
		const a = insertMetrics(sandbox, state.patient, 3);
		sandbox.expireTokens();
		const first = await engine.poll(state.parameters, state.staticData);
		expect(ids(first.items)).toEqual(a);
		const b = insertMetrics(sandbox, state.patient, 3);
		sandbox.revokeTokens();
		const second = await engine.poll(state.parameters, first.staticData);
		expect(ids(second.items)).toEqual(b);
	});
});

describe('manual runs (Fetch Test Event)', () => {
	it('return the newest record and never change the stored state', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated(3);
		const fresh = insertMetrics(sandbox, state.patient, 4);
		const before = JSON.stringify(state.staticData);
		const manual = await pollCounting(
			engine,
			sandbox,
			state.parameters,
			state.staticData,
			'manual',
		);
		expect(ids(manual.items)).toEqual([fresh[3]]);
		expect(manual.requests.length).toBeLessThanOrEqual(2);
		expect(JSON.stringify(manual.staticData)).toBe(before);
		// The records the manual run showed are still emitted by the next real poll.
		expect(ids((await engine.poll(state.parameters, state.staticData)).items)).toEqual(fresh);
	});

	it('before any activation: newest record, no state created; null on an empty collection', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const parameters = metricParameters(patient);
		const empty = await engine.poll(parameters, {}, 'manual');
		expect(empty.items).toBeNull();
		expect(empty.staticData).toEqual({});
		const one = insertMetric(sandbox, patient);
		const single = await engine.poll(parameters, {}, 'manual');
		expect(ids(single.items)).toEqual([one]);
		expect(single.staticData).toEqual({});
	});

	it('simplify off gives the JSON:API resource as sent', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const id = insertMetric(sandbox, patient);
		const raw = await engine.poll(metricParameters(patient, { simplify: false }), {}, 'manual');
		expect(raw.items?.[0].json).toMatchObject({
			id,
			type: 'patient_health_metric',
			attributes: expect.any(Object),
		});
		const flat = await engine.poll(metricParameters(patient), {}, 'manual');
		expect(flat.items?.[0].json).toMatchObject({
			id,
			resourceType: 'patient_health_metric',
			patient,
		});
	});
});

describe('state scoped by event and filters', () => {
	it('changing the filters starts fresh and never reuses the cursor of other filters', async () => {
		const { sandbox, engine } = fixture;
		const a = await activated(2);
		const patientB = freshPatient(sandbox);
		const bHistory = insertMetrics(sandbox, patientB, 3);
		const parametersB = metricParameters(patientB);
		const switched = await pollCounting(engine, sandbox, parametersB, a.staticData);
		expect(switched.items).toBeNull(); // a new starting point, not B's history
		expect(switched.requests.every((r) => r.query['page[after]'] === undefined)).toBe(true);
		expect(bHistory).toHaveLength(3);
		const fresh = insertMetrics(sandbox, patientB, 2);
		expect(ids((await engine.poll(parametersB, switched.staticData)).items)).toEqual(fresh);
		// Back to A: a fresh start too (A's old cursor is gone), so nothing from the time B was watched.
		insertMetrics(sandbox, a.patient, 2);
		expect((await engine.poll(a.parameters, switched.staticData)).items).toBeNull();
	});

	it('the same groups in another order are the same filter', async () => {
		const { sandbox, engine } = fixture;
		const [g1, g2] = sandbox.ids.groups;
		const p1 = { event: 'newPatient', watch: 'groups', groups: [g1, g2], options: { retries: 0 } };
		const p2 = { ...p1, groups: [g2, g1] };
		const first = await engine.poll(p1, {});
		const patient = sandbox.insert(
			'patient',
			{},
			{ groups: { data: [{ type: 'group', id: g2 }] } },
		).id;
		const next = await engine.poll(p2, first.staticData);
		expect(ids(next.items)).toEqual([patient]);
	});

	it('refuses bad filters before any request', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		await expect(engine.poll(metricParameters('not-an-id'), {})).rejects.toThrow(
			/not a Fitbit Plus ID/,
		);
		await expect(
			engine.poll({ event: 'newPatientHealthResult', patient: byId(''), options: {} }, {}),
		).rejects.toThrow(/'Patient' is empty/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('every event', () => {
	it('new calendar events of a patient, with a type filter', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const parameters = {
			event: 'newCalendarEvent',
			watch: 'patient',
			patient: byId(patient),
			filters: { type: 'reminder' },
			options: { retries: 0 },
		};
		const first = await engine.poll(parameters, {});
		const owner = { owner: { data: { type: 'patient', id: patient } } };
		const reminder = sandbox.insert('calendar_event', { type: 'reminder' }, owner).id;
		sandbox.insert('calendar_event', { type: 'video-call' }, owner);
		const next = await engine.poll(parameters, first.staticData);
		expect(ids(next.items)).toEqual([reminder]);
		expect(next.items?.[0].json.type).toBe('reminder');
	});

	it('new calendar events of groups and of the organization', async () => {
		const { sandbox, engine } = fixture;
		for (const parameters of [
			{
				event: 'newCalendarEvent',
				watch: 'groups',
				groups: [sandbox.ids.groups[0]],
				options: { retries: 0 },
			},
			{
				event: 'newCalendarEvent',
				watch: 'organization',
				organization: sandbox.ids.organization,
				options: { retries: 0 },
			},
		]) {
			const first = await engine.poll(parameters, {});
			expect(first.items).toBeNull();
			const idle = await engine.poll(parameters, first.staticData);
			expect(idle.items).toBeNull();
		}
	});

	it('new patient health results of a patient', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		const parameters = {
			event: 'newPatientHealthResult',
			patient: byId(patient),
			options: { retries: 0 },
		};
		const first = await engine.poll(parameters, {});
		const result = sandbox.insert(
			'result',
			{},
			{ patient: { data: { type: 'patient', id: patient } } },
		).id;
		expect(ids((await engine.poll(parameters, first.staticData)).items)).toEqual([result]);
	});

	it('new patients of the organization, with the archived filter', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			event: 'newPatient',
			watch: 'organization',
			organization: sandbox.ids.organization,
			filters: { archived: false },
			options: { retries: 0 },
		};
		const first = await engine.poll(parameters, {});
		const active = sandbox.insert('patient', { archived: false }).id;
		sandbox.insert('patient', { archived: true });
		expect(ids((await engine.poll(parameters, first.staticData)).items)).toEqual([active]);
	});

	it('new reward earnings of a patient in groups (the spec requires both), ready for fulfillment', async () => {
		const { sandbox, engine } = fixture;
		const earnings = sandbox.list('reward_earning');
		const sample = earnings.find((e) => {
			const rels = e.relationships as Record<string, { data?: { id: string } }> | undefined;
			return rels?.patient?.data && rels?.group?.data;
		});
		expect(sample).toBeDefined();
		const rels = sample!.relationships as Record<string, { data: { id: string } }>;
		const patient = rels.patient.data.id;
		const group = rels.group.data.id;
		const expected = earnings
			.filter(
				(e) =>
					(e.relationships as Record<string, { data?: { id: string } }>).patient?.data?.id ===
					patient,
			)
			.filter(
				(e) => e.attributes.ready_for_fulfillment === true && e.attributes.fulfilled_at == null,
			)
			.map((e) => e.id);
		const parameters = {
			event: 'newRewardEarning',
			groups: [group],
			patient: byId(patient),
			filters: { readyForFulfillment: true },
			options: { retries: 0, emitExisting: true },
		};
		const first = await engine.poll(parameters, {});
		const emitted = ids(first.items);
		expect(emitted.every((id) => expected.includes(id))).toBe(true);
		const idle = await engine.poll(parameters, first.staticData);
		expect(idle.items).toBeNull();
	});
});
