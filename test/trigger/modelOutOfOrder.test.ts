/**
 * Model-based test of the "new records" events against an API on several servers: ids minted by 2 to 4
 * processes (ordered only to the second), a share of the records committed late (up to the overlap after their id
 * was minted), cursor pages listed out of id order, and the clock moving on between steps so records leave the
 * overlap window. Random, reproducible sequences of inserts (single and bursts larger than a page), clock steps,
 * polls, faults on random requests, restarts and manual runs, against one sandbox with 5-record pages: a metric or
 * calendar event of one patient, health results and reward earnings of a group walked patient by patient.
 * Invariants, per sequence: no id emitted twice; each poll's records in id order; after a final drain, every record
 * whose id is above the starting point (the newest id at activation, per patient when walked; all records with
 * "Emit Existing Records") emitted, and nothing else; a failed poll or a manual run leaves the state as it was.
 *
 * TRIGGER_MODEL_SEED=<n> replays from seed n; TRIGGER_MODEL_SEQUENCES=<n> changes how many sequences run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { activationOf, earningOf, patientIn, rel, rewardProgramOf } from '../helpers/rewards';
import { useSandbox } from '../helpers/sandbox';
import { byId, ids, restart, triggerState } from './helpers';
import * as model from './modelDriver';

const SEEDS = model.seeds(20261204);

/** Records per page: pages of 10 keep the requests of a poll over its window down; bursts still span pages. */
const PAGE = 10;
const fixture = useSandbox({ maxPageSize: PAGE });

interface World {
	sandbox: Sandbox;
	group: string;
	patients: string[];
	activations: string[];
	int: (min: number, max: number) => number;
}

interface Watched {
	name: string;
	endpoints: string[];
	walked: boolean;
	parameters: (world: World, options: INodeParameters) => INodeParameters;
	/** Inserts one record; returns its id and the patient it belongs to. */
	insert: (world: World) => { id: string; patient: string };
}

const pick = <T>(world: World, list: T[]) => list[world.int(0, list.length - 1)];

const WATCHED: Watched[] = [
	{
		name: 'metric (patient)',
		endpoints: ['/patient_health_metric'],
		walked: false,
		parameters: (world, options) => ({
			event: 'newPatientHealthMetric',
			watch: 'patient',
			patient: byId(world.patients[0]),
			options,
		}),
		insert: ({ sandbox, patients }) => ({
			id: sandbox.insert('patient_health_metric', {}, { patient: rel('patient', patients[0]) }).id,
			patient: patients[0],
		}),
	},
	{
		name: 'calendar event (patient)',
		endpoints: ['/calendar_event'],
		walked: false,
		parameters: (world, options) => ({
			event: 'newCalendarEvent',
			watch: 'patient',
			patient: byId(world.patients[0]),
			options,
		}),
		insert: ({ sandbox, patients }) => ({
			id: sandbox.insert('calendar_event', {}, { owner: rel('patient', patients[0]) }).id,
			patient: patients[0],
		}),
	},
	{
		name: 'health result (group, walked)',
		endpoints: ['/result', '/patient'],
		walked: true,
		parameters: (world, options) => ({
			event: 'newPatientHealthResult',
			watch: 'groups',
			groups: [world.group],
			options,
		}),
		insert: (world) => {
			const patient = pick(world, world.patients);
			return {
				id: world.sandbox.insert('result', {}, { patient: rel('patient', patient) }).id,
				patient,
			};
		},
	},
	{
		name: 'reward earning (group, walked)',
		endpoints: ['/reward_earning', '/reward_program_activation'],
		walked: true,
		parameters: (world, options) => ({
			event: 'newRewardEarning',
			watch: 'groups',
			groups: [world.group],
			options,
		}),
		insert: (world) => {
			const index = world.int(0, world.activations.length - 1);
			return {
				id: earningOf(world.sandbox, world.activations[index]),
				patient: world.patients[index],
			};
		},
	},
];

const FAULT_KINDS: model.FaultKind[] = [
	'429',
	'500',
	'503',
	'timeout',
	'not-json',
	'no-data',
	'drop',
	'expire-tokens',
	'revoke-tokens',
];

const totals = {
	sequences: 0,
	steps: 0,
	polls: 0,
	failedPolls: 0,
	manualRuns: 0,
	restarts: 0,
	faults: 0,
	requests: 0,
	records: 0,
	late: 0,
	belowIdEmitted: 0,
	historyById: 0,
	emitted: 0,
	lost: 0,
	duplicated: 0,
};

/** The starting point per patient once activated: ids at or below it are history (null: none). */
function startingPoints(state: IDataObject | undefined, watched: Watched, world: World) {
	const floors = new Map<string, string | null>();
	if (!watched.walked) floors.set(world.patients[0], (state?.floor as string | null) ?? null);
	else
		for (const [patient, entry] of Object.entries((state?.cursors ?? {}) as IDataObject))
			floors.set(patient, ((entry as unknown[])[2] as string | null) ?? null);
	return floors;
}

const failures: Record<string, number> = {};

async function runSequence(seed: number): Promise<void> {
	const { sandbox, engine } = fixture;
	const { rng, int } = model.randomOf(seed);
	const watched = WATCHED[int(0, WATCHED.length - 1)];
	const options: INodeParameters = { retries: 0, timeout: model.TIMEOUT_MS };
	const overlap = [10, 3, 5][int(0, 2)];
	if (overlap !== 10) options.overlapSeconds = overlap;
	if (rng() < 0.3) options.maxRecords = 7;
	else if (rng() < 0.1) options.maxRecords = int(1, 4);
	if (rng() < 0.25) options.emitExisting = true;
	const servers = int(2, 4);
	const log: string[] = [
		`seed ${seed}: ${watched.name}, options ${JSON.stringify(options)}, ${servers} servers`,
	];

	sandbox.clearFaults();
	sandbox.resetLog();
	sandbox.mintIdsOutOfOrder(undefined);
	const group = sandbox.insert('group').id;
	const patients = Array.from({ length: watched.walked ? int(1, 3) : 1 }, () =>
		patientIn(sandbox, group),
	);
	const world: World = { sandbox, group, patients, activations: [], int };
	if (watched.name.startsWith('reward')) {
		const program = rewardProgramOf(sandbox, group, false);
		world.activations = patients.map((patient) => activationOf(sandbox, patient, program));
	}
	// From here on, ids as several servers mint them, some committed up to the overlap late, pages shuffled.
	sandbox.mintIdsOutOfOrder({
		servers,
		lateShare: 0.3,
		lateSeconds: overlap,
		shufflePages: true,
		seed,
	});
	const parameters = watched.parameters(world, options);
	const inserted: Array<{ id: string; patient: string; afterActivation: boolean }> = [];
	let activated = false;
	let newestInserted = '';
	const insert = (count: number) => {
		for (let i = 0; i < count; i++) {
			const record = watched.insert(world);
			if (record.id < newestInserted) totals.late++;
			else newestInserted = record.id;
			inserted.push({ ...record, afterActivation: activated });
		}
		totals.records += count;
		log.push(`insert ${count}`);
	};
	insert(int(0, 8));

	let staticData: IDataObject = {};
	let floors: Map<string, string | null> | undefined;
	const emitted: string[] = [];
	const emittedSet = new Set<string>();
	const fail = model.failWith(seed, log);

	const poll = async (faulty: boolean): Promise<'items' | 'null' | 'failed'> => {
		totals.polls++;
		const before = JSON.stringify(triggerState(staticData));
		try {
			const result = await engine.poll(parameters, staticData);
			staticData = result.staticData;
			const got = ids(result.items);
			if (result.items !== null && got.length === 0)
				fail('a poll returned an empty list instead of null');
			if (!activated) {
				activated = true;
				floors = options.emitExisting
					? new Map()
					: startingPoints(triggerState(staticData), watched, world);
				if (!options.emitExisting && got.length > 0) fail('first activation emitted history');
			}
			const max = Number(options.maxRecords ?? 500);
			if (got.length > max) fail(`a poll emitted ${got.length} > Max Records per Poll ${max}`);
			for (let i = 1; i < got.length; i++)
				if (got[i - 1] >= got[i]) fail(`a poll's records out of id order: ${got.join(',')}`);
			for (const id of got) {
				if (emittedSet.has(id)) fail(`emitted twice: ${id}`);
				if (emitted.length > 0 && id < emitted[emitted.length - 1]) totals.belowIdEmitted++;
				emittedSet.add(id);
				emitted.push(id);
			}
			totals.emitted += got.length;
			log.push(`poll${faulty ? ' (fault armed)' : ''} -> ${got.length}`);
			return got.length > 0 ? 'items' : 'null';
		} catch (error) {
			totals.failedPolls++;
			const reason = (error as Error).message.replace(/[0-9a-f]{24}/g, '<id>').slice(0, 90);
			failures[reason] = (failures[reason] ?? 0) + 1;
			log.push(
				`poll${faulty ? ' (fault armed)' : ''} -> failed: ${(error as Error).message.slice(0, 120)}`,
			);
			model.checkFailedPoll(error, before, staticData, fail);
			return 'failed';
		}
	};

	const steps = int(6, 16);
	for (let step = 0; step < steps; step++) {
		totals.steps++;
		const r = rng();
		// The clock moves on: mostly a second or two between steps, sometimes more than the overlap.
		const seconds = rng() < 0.2 ? int(overlap + 1, 3 * overlap) : int(0, 2);
		sandbox.advanceClock(seconds);
		if (step === 0 || (r >= 0.4 && r < 0.7)) {
			await poll(false);
		} else if (r < 0.28) {
			insert(1);
		} else if (r < 0.4) {
			insert(int(PAGE + 1, 2 * PAGE + 3));
		} else if (r < 0.82) {
			const kind = FAULT_KINDS[int(0, FAULT_KINDS.length - 1)];
			totals.faults++;
			model.armFault(
				sandbox,
				kind,
				() => watched.endpoints[int(0, watched.endpoints.length - 1)],
				() => int(0, 3),
			);
			log.push(`fault ${kind}`);
			await poll(true);
		} else if (r < 0.91) {
			totals.restarts++;
			staticData = restart(staticData);
			log.push('restart');
		} else {
			totals.manualRuns++;
			const before = JSON.stringify(triggerState(staticData));
			try {
				await engine.poll(parameters, staticData, 'manual');
				log.push('manual');
			} catch (error) {
				log.push(`manual -> failed: ${(error as Error).message.slice(0, 80)}`);
			}
			if (JSON.stringify(triggerState(staticData)) !== before)
				fail('a manual run changed the stored state');
		}
	}

	// Drain: no more faults; poll until nothing is new. Everything expected must then have been emitted.
	sandbox.clearFaults();
	for (let i = 0; i < 1000; i++) {
		if ((await poll(false)) === 'null') break;
	}
	if (floors === undefined) fail('never activated');
	const expected = inserted.filter(({ id, patient }) => {
		const floor = floors!.get(patient) ?? null;
		return floor === null || id > floor;
	});
	// Committed after activation below the newest id then: history by the starting point's definition.
	totals.historyById += inserted.filter(
		(record) => record.afterActivation && !expected.includes(record),
	).length;
	const expectedIds = new Set(expected.map((record) => record.id));
	const lost = [...expectedIds].filter((id) => !emittedSet.has(id));
	totals.lost += lost.length;
	const unexpected = emitted.filter((id) => !expectedIds.has(id));
	if (lost.length > 0 || unexpected.length > 0)
		fail(
			`lost ${lost.join(',') || 'none'}; emitted but not expected ${unexpected.join(',') || 'none'}`,
		);
	totals.requests += sandbox.requests.length;
	totals.sequences++;
}

afterAll(() => fixture.sandbox.mintIdsOutOfOrder(undefined));

describe('trigger model, ids out of order', () => {
	it(`${SEEDS.sequences} random sequences: ids from several servers, late commits and shuffled pages, every new record emitted once`, async () => {
		await model.runModel(SEEDS, runSequence, totals, (seeds, seconds) => [
			`trigger model (ids out of order): seeds ${seeds} in ${seconds}s`,
			`sequences ${totals.sequences}, steps ${totals.steps}, polls ${totals.polls} (failed ${totals.failedPolls}), manual runs ${totals.manualRuns}, restarts ${totals.restarts}, faults ${totals.faults}, requests ${totals.requests}`,
			`records ${totals.records} (committed with an id below one inserted before: ${totals.late}), emitted ${totals.emitted} (below an id emitted before: ${totals.belowIdEmitted}), lost ${totals.lost}, duplicated ${totals.duplicated}`,
			`committed after activation below its starting point (history by id): ${totals.historyById}`,
			`failed polls by reason: ${JSON.stringify(failures)}`,
		]);
		// The model must exercise what it is about.
		expect(totals.late).toBeGreaterThan(100);
		expect(totals.belowIdEmitted).toBeGreaterThan(10);
	}, 900_000);
});
