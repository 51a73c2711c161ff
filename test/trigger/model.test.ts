/**
 * Model-based test of the trigger: many random, reproducible sequences of inserts (single and bursts larger than a
 * page), polls, faults on random requests, restarts and manual runs, against one sandbox with 5-record pages.
 * Invariant, per sequence: the concatenation of everything emitted equals the records inserted after activation
 * (all records with "Emit Existing Records"), in order, each exactly once; a failed poll or a manual run leaves
 * the state as it was.
 *
 * TRIGGER_MODEL_SEED=<n> replays from seed n; TRIGGER_MODEL_SEQUENCES=<n> changes how many sequences run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { byId, freshPatient, ids, restart, triggerState } from './helpers';
import * as model from './modelDriver';

const SEEDS = model.seeds(20240601);

const fixture = useSandbox({ maxPageSize: model.PAGE });

interface Watched {
	name: string;
	endpoint: string;
	type: string;
	parameters: (patient: string, options: INodeParameters) => INodeParameters;
	insert: (sandbox: Sandbox, patient: string) => string;
}

const WATCHED: Watched[] = [
	{
		name: 'metric',
		endpoint: '/patient_health_metric',
		type: 'patient_health_metric',
		parameters: (patient, options) => ({
			event: 'newPatientHealthMetric',
			watch: 'patient',
			patient: byId(patient),
			options,
		}),
		insert: (sandbox, patient) =>
			sandbox.insert(
				'patient_health_metric',
				{},
				{ patient: { data: { type: 'patient', id: patient } } },
			).id,
	},
	{
		name: 'calendar event',
		endpoint: '/calendar_event',
		type: 'calendar_event',
		parameters: (patient, options) => ({
			event: 'newCalendarEvent',
			watch: 'patient',
			patient: byId(patient),
			options,
		}),
		insert: (sandbox, patient) =>
			sandbox.insert('calendar_event', {}, { owner: { data: { type: 'patient', id: patient } } })
				.id,
	},
	{
		name: 'result',
		endpoint: '/result',
		type: 'result',
		parameters: (patient, options) => ({
			event: 'newPatientHealthResult',
			patient: byId(patient),
			options,
		}),
		insert: (sandbox, patient) =>
			sandbox.insert('result', {}, { patient: { data: { type: 'patient', id: patient } } }).id,
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
	records: 0,
	emitted: 0,
	lost: 0,
	duplicated: 0,
};
const faultCounts: Record<string, number> = {};

async function runSequence(seed: number): Promise<void> {
	const { sandbox, engine } = fixture;
	const { rng, int } = model.randomOf(seed);
	const watched = WATCHED[int(0, WATCHED.length - 1)];
	const options: INodeParameters = { retries: 0, timeout: model.TIMEOUT_MS };
	if (rng() < 0.3) options.maxRecords = 7;
	else if (rng() < 0.1) options.maxRecords = int(1, 4);
	if (rng() < 0.25) options.emitExisting = true;
	const log: string[] = [`seed ${seed}: ${watched.name}, options ${JSON.stringify(options)}`];

	sandbox.clearFaults();
	const patient = freshPatient(sandbox);
	const parameters = watched.parameters(patient, options);
	const all: string[] = [];
	const insert = (count: number) => {
		for (let i = 0; i < count; i++) all.push(watched.insert(sandbox, patient));
		totals.records += count;
		log.push(`insert ${count}`);
	};
	insert(int(0, 8));

	let staticData: IDataObject = {};
	/** Index in `all` from which records must be emitted; undefined until activation succeeded. */
	let expectedFrom: number | undefined;
	const emitted: string[] = [];

	const fail = model.failWith(seed, log);
	const checkPrefix = () => {
		const expected = expectedFrom === undefined ? [] : all.slice(expectedFrom);
		for (let i = 0; i < emitted.length; i++) {
			if (emitted[i] !== expected[i]) {
				const dup = emitted.indexOf(emitted[i]) !== i;
				fail(
					`emitted[${i}] = ${emitted[i]}, expected ${expected[i] ?? '(nothing)'}${dup ? ' (duplicate)' : ''}`,
				);
			}
		}
	};

	const poll = async (faulty: boolean): Promise<'items' | 'null' | 'failed'> => {
		totals.polls++;
		const before = JSON.stringify(triggerState(staticData));
		const activating = expectedFrom === undefined;
		const countAtStart = all.length;
		try {
			const result = await engine.poll(parameters, staticData);
			staticData = result.staticData;
			if (activating) expectedFrom = options.emitExisting ? 0 : countAtStart;
			const got = ids(result.items);
			if (result.items !== null && got.length === 0)
				fail('a poll returned an empty list instead of null');
			if (activating && !options.emitExisting && got.length > 0)
				fail('first activation emitted history');
			const max = Number(options.maxRecords ?? 500);
			if (got.length > max) fail(`a poll emitted ${got.length} > Max Records per Poll ${max}`);
			emitted.push(...got);
			totals.emitted += got.length;
			log.push(`poll${faulty ? ' (fault armed)' : ''} -> ${got.length}`);
			checkPrefix();
			return got.length > 0 ? 'items' : 'null';
		} catch (error) {
			totals.failedPolls++;
			log.push(
				`poll${faulty ? ' (fault armed)' : ''} -> failed: ${(error as Error).message.slice(0, 120)}`,
			);
			model.checkFailedPoll(error, before, staticData, fail);
			checkPrefix();
			return 'failed';
		}
	};

	const steps = int(8, 20);
	for (let step = 0; step < steps; step++) {
		totals.steps++;
		const r = rng();
		// The clock moves on between steps (polls are a minute apart or more), so records leave the window the
		// trigger reads again (10 s before the newest emitted), as they do in use.
		sandbox.advanceClock(int(0, 15));
		if (step === 0 || (r >= 0.4 && r < 0.7)) {
			await poll(false);
		} else if (r < 0.28) {
			insert(1);
		} else if (r < 0.4) {
			insert(int(model.PAGE + 1, 4 * model.PAGE + 3));
		} else if (r < 0.82) {
			const kind = FAULT_KINDS[int(0, FAULT_KINDS.length - 1)];
			totals.faults++;
			faultCounts[kind] = (faultCounts[kind] ?? 0) + 1;
			model.armFault(
				sandbox,
				kind,
				() => watched.endpoint,
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
				const manual = await engine.poll(parameters, staticData, 'manual');
				const got = ids(manual.items);
				const newest = all[all.length - 1];
				if (newest === undefined ? manual.items !== null : got.length !== 1 || got[0] !== newest) {
					fail(`manual run gave ${JSON.stringify(got)}, newest is ${newest}`);
				}
				log.push('manual');
			} catch (error) {
				if ((error as Error).message.startsWith('manual run gave')) throw error;
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
	const expected = expectedFrom === undefined ? fail('never activated') : all.slice(expectedFrom);
	const unique = new Set(emitted);
	totals.duplicated += emitted.length - unique.size;
	totals.lost += expected.filter((id) => !unique.has(id)).length;
	if (emitted.length !== expected.length || emitted.some((id, i) => id !== expected[i])) {
		fail(`emitted ${emitted.length}, expected ${expected.length}`);
	}
	totals.sequences++;
}

describe('trigger model', () => {
	it(`${SEEDS.sequences} random sequences: everything inserted after activation is emitted once, in order`, async () => {
		await model.runModel(SEEDS, runSequence, totals, (seeds, seconds) => [
			`trigger model: seeds ${seeds} in ${seconds}s`,
			`sequences ${totals.sequences}, steps ${totals.steps}, polls ${totals.polls} (failed ${totals.failedPolls}), manual runs ${totals.manualRuns}, restarts ${totals.restarts}`,
			`faults ${totals.faults} ${JSON.stringify(faultCounts)}`,
			`records ${totals.records}, emitted ${totals.emitted}, lost ${totals.lost}, duplicated ${totals.duplicated}`,
		]);
	}, 900_000);
});
