/**
 * Model-based test of the state-based events: "Created or Updated" (patients of a group, calendar events of a
 * patient, health results of a group walked patient by patient), "Calendar Event Completed", and "Reward Earning
 * Ready for Fulfillment" over a group; and the "new records" events walked over a group (health results, reward
 * earnings). Random, reproducible sequences of inserts, updates (several sharing one
 * poll, a record changed twice between polls), state changes (earnings made ready by creation under a
 * fulfill-as-earned program or by deactivating an activation, in random order; fulfilled once emitted), polls,
 * faults on random requests and restarts, against one sandbox with 5-record pages.
 * Invariants, per sequence: no version (id, timestamp) emitted twice — for the queue, no earning emitted twice;
 * after a final drain, the last version of every record changed after activation has been emitted — for the
 * queue, every earning that became ready after activation; a failed poll leaves the state as it was.
 *
 * TRIGGER_MODEL_SEED=<n> replays from seed n; TRIGGER_MODEL_SEQUENCES=<n> changes how many sequences run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import {
	activationOf,
	earningOf,
	fulfil,
	patientIn,
	rel,
	rewardProgramOf,
} from '../helpers/rewards';
import { useSandbox } from '../helpers/sandbox';
import { byId, restart, triggerState } from './helpers';
import * as model from './modelDriver';

const SEEDS = model.seeds(20261130);

const fixture = useSandbox({ maxPageSize: model.PAGE });

/** A world per sequence: a fresh group with patients, and what a scenario inserts and changes in it. */
interface World {
	sandbox: Sandbox;
	group: string;
	patients: string[];
	int: (min: number, max: number) => number;
}

interface Scenario {
	name: string;
	/** Endpoints a fault may hit. */
	endpoints: string[];
	parameters: (world: World, options: INodeParameters) => INodeParameters;
	/** Makes one change; returns the id of the record it changed, or undefined when there was nothing to do. */
	change: (world: World) => string | undefined;
	/** The version of a record the trigger should have emitted last (its timestamp), or its id for the queue. */
	version: (sandbox: Sandbox, id: string) => string;
	/** Queue scenario: every earning it made (the workflow fulfils what was emitted). */
	earnings?: string[];
}

function changedScenario(
	name: string,
	type: string,
	endpoint: string,
	parameters: Scenario['parameters'],
	create: (world: World) => string,
	update: (world: World, id: string) => void,
	field = 'updated_at',
): Scenario {
	const made: string[] = [];
	return {
		name,
		endpoints: [endpoint, '/patient'],
		parameters,
		change(world) {
			if (made.length === 0 || world.int(0, 2) === 0) {
				const id = create(world);
				made.push(id);
				return id;
			}
			const id = made[world.int(0, made.length - 1)];
			update(world, id);
			return id;
		},
		version: (sandbox, id) => String(sandbox.get(type, id)?.attributes?.[field] ?? ''),
	};
}

/** A "new records" event over a group, walked: every record created after activation, once. */
function createdScenario(
	name: string,
	endpoints: string[],
	event: string,
	create: (world: World) => string,
): Scenario {
	return {
		name,
		endpoints,
		parameters: (world, options) => ({ event, watch: 'groups', groups: [world.group], options }),
		change: create,
		version: () => 'new',
	};
}

/** Reward earnings of one of the world's patients (an activation of a fulfill-as-earned program each). */
function earningMaker(): (world: World) => string {
	let activations: string[] = [];
	return (world) => {
		const { sandbox } = world;
		if (activations.length === 0) {
			const program = rewardProgramOf(sandbox, world.group, world.int(0, 1) === 1);
			activations = world.patients.map((patient) => activationOf(sandbox, patient, program));
		}
		return earningOf(sandbox, activations[world.int(0, activations.length - 1)]);
	};
}

const scenarios: Array<() => Scenario> = [
	() =>
		createdScenario(
			'new health result (group, walked)',
			['/result', '/patient'],
			'newPatientHealthResult',
			(world) =>
				world.sandbox.insert(
					'result',
					{},
					{ patient: rel('patient', world.patients[world.int(0, world.patients.length - 1)]) },
				).id,
		),
	() =>
		createdScenario(
			'new reward earning (group, walked)',
			['/reward_earning', '/reward_program_activation'],
			'newRewardEarning',
			earningMaker(),
		),
	() =>
		changedScenario(
			'updated patient (group)',
			'patient',
			'/patient',
			(world, options) => ({
				event: 'updatedPatient',
				watch: 'groups',
				groups: [world.group],
				options,
			}),
			(world) => patientIn(world.sandbox, world.group),
			(world, id) => {
				world.sandbox.update('patient', id, { nickname: `n${world.int(0, 1e6)}` });
			},
		),
	() =>
		changedScenario(
			'updated calendar event (patient)',
			'calendar_event',
			'/calendar_event',
			(world, options) => ({
				event: 'updatedCalendarEvent',
				watch: 'patient',
				patient: byId(world.patients[0]),
				options,
			}),
			(world) =>
				world.sandbox.insert('calendar_event', {}, { owner: rel('patient', world.patients[0]) }).id,
			(world, id) => {
				world.sandbox.update('calendar_event', id, { title: `t${world.int(0, 1e6)}` });
			},
		),
	() =>
		changedScenario(
			'completed calendar event (organization)',
			'calendar_event',
			'/calendar_event',
			(world, options) => ({
				event: 'completedCalendarEvent',
				watch: 'patient',
				patient: byId(world.patients[1]),
				options,
			}),
			(world) => {
				const id = world.sandbox.insert(
					'calendar_event',
					{ type: 'plan-check-in' },
					{ owner: rel('patient', world.patients[1]) },
				).id;
				world.sandbox.update('calendar_event', id, { completed_at: new Date().toISOString() });
				return id;
			},
			(world, id) => {
				world.sandbox.update('calendar_event', id, { completed_at: new Date().toISOString() });
			},
			'completed_at',
		),
	() =>
		changedScenario(
			'updated health result (group, walked)',
			'result',
			'/result',
			(world, options) => ({
				event: 'updatedPatientHealthResult',
				watch: 'groups',
				groups: [world.group],
				options,
			}),
			(world) =>
				world.sandbox.insert(
					'result',
					{},
					{ patient: rel('patient', world.patients[world.int(0, world.patients.length - 1)]) },
				).id,
			(world, id) => {
				world.sandbox.update('result', id, { value: world.int(0, 1e6) });
			},
		),
	() => {
		// Per patient: an activation of a fulfill-as-earned program and one of a program paid at deactivation.
		let activations: Array<{ id: string; asEarned: boolean; active: boolean }> = [];
		const earnings: string[] = [];
		return {
			name: 'reward earning ready for fulfillment (group, walked)',
			endpoints: ['/reward_earning', '/reward_program_activation'],
			earnings,
			parameters: (world, options) => ({
				event: 'rewardEarningReadyForFulfillment',
				watch: 'groups',
				groups: [world.group],
				options,
			}),
			change(world) {
				const { sandbox } = world;
				if (activations.length === 0) {
					const programs = [true, false].map((asEarned) =>
						rewardProgramOf(sandbox, world.group, asEarned),
					);
					activations = world.patients.flatMap((patient) =>
						programs.map((program, index) => ({
							id: activationOf(sandbox, patient, program),
							asEarned: index === 0,
							active: true,
						})),
					);
				}
				const open = activations.filter((a) => a.active);
				const roll = world.int(0, 9);
				if (roll === 0) {
					const waiting = open.filter((a) => !a.asEarned);
					if (waiting.length === 0) return undefined;
					const activation = waiting[world.int(0, waiting.length - 1)];
					activation.active = false;
					sandbox.update('reward_program_activation', activation.id, { active: false });
					return activation.id;
				}
				if (open.length === 0) return undefined;
				const activation = open[world.int(0, open.length - 1)];
				const earning = earningOf(sandbox, activation.id);
				earnings.push(earning);
				return earning;
			},
			version: (_sandbox, id) => id,
		};
	},
];

const FAULT_KINDS: model.FaultKind[] = [
	'429',
	'500',
	'timeout',
	'not-json',
	'no-data',
	'drop',
	'revoke-tokens',
];

const totals = {
	sequences: 0,
	polls: 0,
	failedPolls: 0,
	restarts: 0,
	faults: 0,
	changes: 0,
	expected: 0,
	emitted: 0,
	lost: 0,
	duplicated: 0,
};
const perScenario: Record<string, number> = {};

async function runSequence(seed: number): Promise<void> {
	const { sandbox, engine } = fixture;
	const { rng, int } = model.randomOf(seed);
	const scenario = scenarios[int(0, scenarios.length - 1)]();
	perScenario[scenario.name] = (perScenario[scenario.name] ?? 0) + 1;
	const options: INodeParameters = {
		retries: 0,
		timeout: model.TIMEOUT_MS,
		concurrency: int(1, 3),
	};
	if (rng() < 0.3) options.maxRecords = int(1, 4);
	const log: string[] = [`seed ${seed}: ${scenario.name}, options ${JSON.stringify(options)}`];
	const fail = model.failWith(seed, log);

	sandbox.clearFaults();
	const group = sandbox.insert('group').id;
	const world: World = { sandbox, group, patients: [], int };
	world.patients = Array.from({ length: 3 }, () => patientIn(sandbox, group));
	const parameters = scenario.parameters(world, options);

	let staticData: IDataObject = {};
	let active = false;
	/** Records changed (or earnings made) after activation. */
	const changed = new Set<string>();
	const emittedVersions = new Set<string>();
	const emittedIds = new Set<string>();
	const change = () => {
		const id = scenario.change(world);
		if (id === undefined) return;
		totals.changes++;
		if (active) changed.add(id);
		log.push(`change ${id.slice(-6)}`);
	};
	for (let i = int(0, 4); i > 0; i--) change();

	const isQueued = (id: string) => {
		const attributes = sandbox.get('reward_earning', id)?.attributes ?? {};
		return attributes.ready_for_fulfillment === true && attributes.fulfilled_at == null;
	};
	const queuedAtActivation = new Set<string>();

	const poll = async (faulty: boolean): Promise<'items' | 'null' | 'failed'> => {
		totals.polls++;
		const before = JSON.stringify(triggerState(staticData));
		try {
			const result = await engine.poll(parameters, staticData);
			staticData = result.staticData;
			const items = result.items ?? [];
			if (result.items !== null && items.length === 0) fail('an empty list instead of null');
			if (!active && items.length > 0) fail('activation emitted history');
			if (!active && scenario.earnings) {
				for (const id of scenario.earnings) if (isQueued(id)) queuedAtActivation.add(id);
			}
			active = true;
			for (const item of items) {
				const id = String(item.json.id);
				const version = scenario.earnings ? id : `${id}@${scenario.version(sandbox, id)}`;
				if (emittedVersions.has(version)) fail(`${version} emitted twice`);
				if (version.endsWith('@new') && !changed.has(id))
					fail(`${id} was created before activation but emitted`);
				emittedVersions.add(version);
				emittedIds.add(id);
				totals.emitted++;
				if (scenario.earnings && rng() < 0.7) {
					// The workflow pays it out: the earning leaves the queue.
					fulfil(sandbox, id);
				}
			}
			log.push(`poll${faulty ? ' (fault armed)' : ''} -> ${items.length}`);
			return items.length > 0 ? 'items' : 'null';
		} catch (error) {
			totals.failedPolls++;
			log.push(`poll -> failed: ${(error as Error).message.slice(0, 100)}`);
			model.checkFailedPoll(error, before, staticData, fail);
			return 'failed';
		}
	};

	const steps = int(8, 18);
	for (let step = 0; step < steps; step++) {
		const r = rng();
		if (step === 0 || r < 0.3) await poll(false);
		else if (r < 0.6) change();
		else if (r < 0.7) for (let i = int(2, 8); i > 0; i--) change();
		else if (r < 0.88) {
			const kind = FAULT_KINDS[int(0, FAULT_KINDS.length - 1)];
			totals.faults++;
			model.armFault(
				sandbox,
				kind,
				() => scenario.endpoints[int(0, scenario.endpoints.length - 1)],
				() => int(0, 2),
			);
			log.push(`fault ${kind}`);
			await poll(true);
		} else {
			totals.restarts++;
			staticData = restart(staticData);
			log.push('restart');
		}
	}

	sandbox.clearFaults();
	for (let i = 0; i < 200; i++) if ((await poll(false)) === 'null') break;
	if (!active) fail('never activated');
	const expected = scenario.earnings
		? // Every earning that entered the queue after activation (made ready by creation or by deactivation).
			scenario.earnings.filter(
				(id) =>
					sandbox.get('reward_earning', id)?.attributes?.ready_for_fulfillment === true &&
					!queuedAtActivation.has(id),
			)
		: [...changed].map((id) => `${id}@${scenario.version(sandbox, id)}`);
	for (const version of expected) {
		totals.expected++;
		if (!emittedVersions.has(version)) {
			totals.lost++;
			fail(`lost: ${version} was never emitted`);
		}
	}
	totals.sequences++;
}

describe('trigger model: state-based events', () => {
	it(`${SEEDS.sequences} random sequences: every change after activation is emitted once`, async () => {
		await model.runModel(SEEDS, runSequence, totals, (seeds, seconds) => [
			`trigger model (state-based): seeds ${seeds} in ${seconds}s`,
			`sequences ${totals.sequences} ${JSON.stringify(perScenario)}`,
			`polls ${totals.polls} (failed ${totals.failedPolls}), restarts ${totals.restarts}, faults ${totals.faults}`,
			`changes ${totals.changes}, expected ${totals.expected}, emitted ${totals.emitted}, lost ${totals.lost}, duplicated ${totals.duplicated}`,
		]);
	}, 1_200_000);
});
