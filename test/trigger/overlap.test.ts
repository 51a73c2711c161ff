/**
 * "New" events when ids do not arrive in creation order (an API on several servers): each poll reads again from
 * the overlap window before the newest id emitted and emits what it has not emitted. Shown through n8n-core's
 * PollContext against the sandbox minting ids as several servers do, with 5-record pages.
 */
import type { IDataObject } from 'n8n-workflow';

import { patientIn, rel } from '../helpers/rewards';
import { useSandbox } from '../helpers/sandbox';
import {
	freshPatient,
	ids,
	insertMetric,
	insertMetrics,
	metricParameters,
	pollCounting,
	restart,
	triggerState,
} from './helpers';

const fixture = useSandbox({ maxPageSize: 5 });

beforeEach(() => fixture.sandbox.mintIdsOutOfOrder({ servers: 3, seed: 7 }));
afterEach(() => {
	fixture.sandbox.mintIdsOutOfOrder(undefined);
	fixture.sandbox.clearFaults();
});

/** A record whose id is minted `seconds` before now (a server behind, or a commit that took that long). */
function insertLate(seconds: number, insert: () => string): string {
	fixture.sandbox.advanceClock(-seconds);
	try {
		return insert();
	} finally {
		fixture.sandbox.advanceClock(seconds);
	}
}

async function activated(options: IDataObject = {}) {
	const { sandbox, engine } = fixture;
	const patient = freshPatient(sandbox);
	insertMetrics(sandbox, patient, 3);
	const parameters = metricParameters(patient, options);
	const first = await engine.poll(parameters, {});
	expect(first.items).toBeNull();
	return { patient, parameters, staticData: first.staticData };
}

describe('records whose ids are lower than one already emitted', () => {
	it('a record committed 3 s late (lower id) is emitted by the next poll, once', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated();
		sandbox.advanceClock(5);
		const a = insertMetrics(sandbox, state.patient, 2);
		const first = await engine.poll(state.parameters, state.staticData);
		expect(ids(first.items)).toEqual([...a].sort());
		const late = insertLate(3, () => insertMetric(sandbox, state.patient));
		expect(late < a[0]).toBe(true);
		const second = await engine.poll(state.parameters, restart(first.staticData));
		expect(ids(second.items)).toEqual([late]);
		const idle = await pollCounting(engine, sandbox, state.parameters, second.staticData);
		expect(idle.items).toBeNull();
		expect(idle.requests).toHaveLength(1);
	});

	it('reads from an ObjectId of the newest id’s second less the overlap, which takes ids of that second', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated();
		sandbox.advanceClock(20);
		const [a] = insertMetrics(sandbox, state.patient, 1);
		const insertedAt = Date.now();
		const mintedAt = Date.parse(
			String(sandbox.get('patient_health_metric', a)?.attributes.created_at),
		);
		const first = await engine.poll(state.parameters, state.staticData);
		expect(ids(first.items)).toEqual([a]);
		// Minted in the middle of the second 10 s (the default overlap) before a's: the window's first second.
		const aSecond = parseInt(a.slice(0, 8), 16);
		const target = (aSecond - 10) * 1000 + 500;
		const edge = insertLate((mintedAt + (Date.now() - insertedAt) - target) / 1000, () =>
			insertMetric(sandbox, state.patient),
		);
		expect(parseInt(edge.slice(0, 8), 16)).toBe(aSecond - 10);
		const second = await pollCounting(engine, sandbox, state.parameters, first.staticData);
		const start = (parseInt(a.slice(0, 8), 16) - 10).toString(16).padStart(8, '0');
		expect(second.requests[0].query['page[after]']).toBe(`${start}0000000000000000`);
		expect(ids(second.items)).toEqual([edge]);
	});

	it('a record committed later than the overlap is not emitted (the documented limit); a longer overlap covers it', async () => {
		const { sandbox, engine } = fixture;
		for (const [overlapSeconds, emitted] of [
			[undefined, false],
			[30, true],
		] as const) {
			const state = await activated(overlapSeconds ? { overlapSeconds } : {});
			sandbox.advanceClock(40);
			const [a] = insertMetrics(sandbox, state.patient, 1);
			const first = await engine.poll(state.parameters, state.staticData);
			expect(ids(first.items)).toEqual([a]);
			const tooLate = insertLate(20, () => insertMetric(sandbox, state.patient));
			const second = await engine.poll(state.parameters, first.staticData);
			expect(ids(second.items)).toEqual(emitted ? [tooLate] : []);
		}
	});

	it('refuses an overlap that is not a number of seconds, before any request', async () => {
		const { sandbox, engine } = fixture;
		const patient = freshPatient(sandbox);
		sandbox.resetLog();
		await expect(
			engine.poll(metricParameters(patient, { overlapSeconds: -1 }), {}),
		).rejects.toThrow(/'Overlap \(Seconds\)' must be a number of at least 0/);
		expect(sandbox.requests.filter((r) => r.pathname !== '/pub/oauth/token')).toHaveLength(0);
	});
});

describe('pages listed out of id order', () => {
	it('lose nothing and emit each record once, in id order', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated();
		sandbox.mintIdsOutOfOrder({ servers: 3, shufflePages: true, seed: 11 });
		const fresh = insertMetrics(sandbox, state.patient, 23);
		const result = await engine.poll(state.parameters, state.staticData);
		expect(ids(result.items)).toEqual([...fresh].sort());
		expect(triggerState(result.staticData)?.cursor).toBe([...fresh].sort()[22]);
		const idle = await engine.poll(state.parameters, result.staticData);
		expect(idle.items).toBeNull();
	});

	it('with Max Records per Poll, the lowest ids go first and the rest follow, none lost', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated({ maxRecords: 4 });
		sandbox.mintIdsOutOfOrder({ servers: 3, shufflePages: true, seed: 12 });
		const fresh = insertMetrics(sandbox, state.patient, 18).sort();
		const emitted: string[] = [];
		let staticData = state.staticData;
		for (let i = 0; i < 10; i++) {
			const result = await engine.poll(state.parameters, staticData);
			staticData = result.staticData;
			if (!result.items) break;
			expect(result.items.length).toBeLessThanOrEqual(4);
			emitted.push(...ids(result.items));
		}
		expect(emitted).toEqual(fresh);
	});
});

describe('state', () => {
	it('keeps only the ids emitted within the window, pruned every poll', async () => {
		const { sandbox, engine } = fixture;
		const state = await activated();
		let staticData = state.staticData;
		for (let minute = 0; minute < 6; minute++) {
			sandbox.advanceClock(60);
			insertMetrics(sandbox, state.patient, 4);
			staticData = (await engine.poll(state.parameters, staticData)).staticData;
		}
		const stored = triggerState(staticData) as IDataObject;
		// The last 4 (same second); the earlier minutes are outside the 10 s window, the activation floor is gone.
		expect(stored.seen).toHaveLength(4);
		expect(stored.floor).toBeNull();
		expect(JSON.stringify(stored).length).toBeLessThan(400);
	});

	it('a 0.3.0 state (the last id emitted) continues: nothing at or below it again, everything after it once', async () => {
		const { sandbox, engine } = fixture;
		sandbox.mintIdsOutOfOrder(undefined);
		const patient = freshPatient(sandbox);
		const parameters = metricParameters(patient);
		const before = insertMetrics(sandbox, patient, 4);
		const activation = await engine.poll(parameters, {});
		// The state 0.3.0 would have stored after emitting `before`: the key and the last id, nothing else.
		const key = triggerState(activation.staticData)?.key;
		const legacy = {
			'node:Fitbit Plus Trigger': { fitbitPlusTrigger: { key, cursor: before[3] } },
		};
		expect(triggerState(activation.staticData)?.cursor).toBe(before[3]);
		const after = insertMetrics(sandbox, patient, 3);
		const first = await engine.poll(parameters, restart(legacy));
		expect(ids(first.items)).toEqual(after);
		const later = insertMetrics(sandbox, patient, 2);
		const second = await engine.poll(parameters, restart(first.staticData));
		expect(ids(second.items)).toEqual(later);
		expect(triggerState(second.staticData)).toMatchObject({ cursor: later[1] });
		const idle = await engine.poll(parameters, second.staticData);
		expect(idle.items).toBeNull();
	});
});

describe('walked per-patient cursors (New Patient Health Result of a group)', () => {
	it('a late result of one patient is emitted once; a 0.3.0 walk state continues', async () => {
		const { sandbox, engine } = fixture;
		const group = sandbox.insert('group').id;
		const patients = [patientIn(sandbox, group), patientIn(sandbox, group)];
		const result = (patient: string) =>
			sandbox.insert('result', {}, { patient: rel('patient', patient) }).id;
		patients.forEach(result);
		const parameters = { event: 'newPatientHealthResult', watch: 'groups', groups: [group] };
		const activation = await engine.poll(parameters, {});
		expect(activation.items).toBeNull();
		sandbox.advanceClock(5);
		const a = [result(patients[0]), result(patients[1])];
		const first = await engine.poll(parameters, activation.staticData);
		expect(ids(first.items)).toEqual([...a].sort());
		const late = insertLate(4, () => result(patients[1]));
		expect(late < a[1]).toBe(true);
		const second = await engine.poll(parameters, restart(first.staticData));
		expect(ids(second.items)).toEqual([late]);
		expect((await engine.poll(parameters, second.staticData)).items).toBeNull();

		// 0.3.0 kept [fingerprint, last id emitted] per patient.
		const stored = triggerState(second.staticData) as IDataObject;
		const cursors = stored.cursors as Record<string, unknown[]>;
		const legacy: Record<string, unknown[]> = {};
		for (const patient of patients) legacy[patient] = ['', cursors[patient][1]];
		const legacyState = {
			'node:Fitbit Plus Trigger': { fitbitPlusTrigger: { key: stored.key, cursors: legacy } },
		};
		const next = [result(patients[0])];
		const third = await engine.poll(parameters, restart(legacyState));
		expect(ids(third.items)).toEqual(next);
		expect((await engine.poll(parameters, third.staticData)).items).toBeNull();
	});
});
