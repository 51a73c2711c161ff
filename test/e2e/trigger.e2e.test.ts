/**
 * The Fitbit Plus Trigger for real: published workflows polling every minute in `n8n start`, records inserted into
 * the sandbox (/__admin), the executions read back over n8n's REST API. Two n8n servers run side by side (own
 * user folders), each watching its own collection of the one sandbox:
 * - default mode: New Patient Health Metric (organization), plus the examples/ triggers activated beside it;
 * - durable cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED with the new scheduler): New Calendar Event (organization).
 * Each scenario restarts n8n to show what survives (n8n 2.41.1, seen in these runs):
 * - default: n8n saves the static data at activation and with each emission; a record created while n8n was
 *   stopped, before or after the first emission, is emitted after the restart (at start-up or at the next poll);
 * - durable: the activation poll's starting point is not committed; the first scheduled poll sets it again (a
 *   record created in between is not emitted) and commits it; from then on restarts lose nothing, and there is no
 *   start-up poll (the first scheduled poll after the restart emits what came meanwhile).
 * About 1.5-2 minutes of wall time (it waits for minute polls; the two servers run side by side).
 */
import {
	importWorkflows,
	login,
	runDataItems,
	setupOwner,
	startN8n,
	type N8nHandle,
} from '../../scripts/n8n-runtime';
import {
	CREDENTIAL,
	TRIGGER_TYPE,
	adaptExample,
	e2eLog,
	elapsed,
	prepareUserFolder,
	publish,
	readExample,
	readState,
	relId,
	sandboxAdmin,
	triggerEmissions,
	waitFor,
} from './harness';

const state = readState();
const admin = sandboxAdmin(state);

/** Durable poll cursors need the new scheduler for poll triggers (n8n 2.41.1 ignores the flag without it). */
const DURABLE_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

function triggerWorkflow(id: string, parameters: Record<string, unknown>) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { ...parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: {},
	};
}

/** n8n start in the scenario's folder; the first start also sets up the owner. */
const running = new Set<N8nHandle>();
async function start(
	userFolder: string,
	env: Record<string, string>,
	first: boolean,
): Promise<N8nHandle> {
	const n8n = await startN8n({ userFolder, env, logLevel: 'debug' });
	running.add(n8n);
	n8n.process.once('exit', () => running.delete(n8n));
	if (first) await setupOwner(n8n.url);
	return n8n;
}

/** Waits for the new scheduler's next poll of the workflow (its task handler logs each one, debug level). */
async function scheduledPoll(
	n8n: N8nHandle,
	workflowId: string,
	fromChars: number,
	timeoutMs: number,
) {
	return waitFor(async () => {
		const lines = n8n.logs().slice(fromChars).split('\n');
		return lines.find(
			(l) =>
				l.includes('poll-trigger-task-handler.js') &&
				l.includes(`"workflowId":"${workflowId}"`) &&
				!l.includes('backing off'),
		);
	}, timeoutMs);
}

// Violations are checked without clearing the request log: the scenarios run side by side and read it.
afterEach(async () => {
	expect(await admin.violations()).toEqual([]);
});
afterAll(async () => {
	// A scenario that failed half-way leaves its n8n running.
	await Promise.all([...running].map((n) => n.stop()));
	await admin.resetLog();
});

interface Outcome {
	log: string[];
	emitted: string[][];
	failed: unknown[];
	expect: Record<string, string[]>;
	extra?: Record<string, unknown>;
}

async function defaultMode(): Promise<Outcome> {
	const t0 = Date.now();
	const log: string[] = [];
	const note = (s: string) => {
		log.push(`${elapsed(t0)}: ${s}`);
		e2eLog(`trigger/default ${elapsed(t0)}: ${s}`);
	};
	const { organization, patients, rewardProgramActivations } = await admin.ids();
	const userFolder = await prepareUserFolder('trigger-default');
	const wf = triggerWorkflow('e2eTriggerDefault', {
		event: 'newPatientHealthMetric',
		watch: 'organization',
		organization,
	});
	// The examples' triggers, activated beside it (the reward one needs a patient with earnings, and its groups).
	const reward = await admin.insert('reward', {
		relationships: {
			reward_program_activation: {
				data: { type: 'reward_program_activation', id: rewardProgramActivations[3] },
			},
		},
	});
	const [earning] = await admin.insert('reward_earning', {
		relationships: { reward: { data: { type: 'reward', id: reward[0].id } } },
	});
	const examples = [
		'sync-new-patients.json',
		'new-metric-alert.json',
		'reward-earning-fulfillment.json',
	].map((f) =>
		adaptExample(readExample(f), {
			organization,
			groups: [relId(earning, 'group')],
			patient: relId(earning, 'patient'),
		}),
	) as unknown as Array<{ id: string }>;
	await importWorkflows(userFolder, [wf, ...examples]);
	await publish(userFolder, [wf.id, ...examples.map((e) => e.id)]);
	note('published');

	// 1. Activation: the trigger sets its starting point (a null poll). n8n restarted before any emission.
	let n8n = await start(userFolder, {}, true);
	note('n8n started (activation poll)');
	const client = await login(n8n.url);
	const active = await Promise.all(
		[wf.id, ...examples.map((e) => e.id)].map(
			async (id) => [id, (await client.workflow(id)).active] as const,
		),
	);
	await n8n.stop();
	const whileStopped = await admin.insert('patient_health_metric', {
		relationships: { patient: { data: { type: 'patient', id: patients[20] } } },
	});
	note('stopped before any emission; inserted 1');
	n8n = await start(userFolder, {}, false);
	note('started again (start-up poll)');

	// 2. Three records after that: emitted at the next minute's poll.
	const three = await admin.insert('patient_health_metric', {
		count: 3,
		attributes: { type: 'weight', unit: 'kg', value: 150 },
		relationships: { patient: { data: { type: 'patient', id: patients[21] } } },
	});
	note('inserted 3');
	let c = await login(n8n.url);
	await waitFor(async () => ((await c.executions(wf.id)).length >= 1 ? true : undefined), 90_000);
	await new Promise((r) => setTimeout(r, 3000)); // a second execution, if any, would show now
	note(`executions: ${(await c.executions(wf.id)).length}`);

	// 3. Stop, two more, start: the start-up poll emits them.
	await n8n.stop();
	const two = await admin.insert('patient_health_metric', {
		count: 2,
		relationships: { patient: { data: { type: 'patient', id: patients[22] } } },
	});
	note('stopped; inserted 2');
	n8n = await start(userFolder, {}, false);
	note('started again');
	c = await login(n8n.url);
	await waitFor(async () => ((await c.executions(wf.id)).length >= 2 ? true : undefined), 30_000);
	await new Promise((r) => setTimeout(r, 3000));
	const { emitted, failed } = await triggerEmissions(c, wf.id, 'Trigger');
	// The metric alert example ran on the same records: out of range (150 kg) → Alert.
	const alert = await triggerEmissions(c, 'exampleMetricAlert0', 'New Health Metric');
	const alertDetail = await Promise.all(
		(await c.executions('exampleMetricAlert0')).map(async (e) => {
			const d = await c.execution(e.id);
			return d.runData.Alert ? runDataItems(d.runData, 'Alert').length : 0;
		}),
	);
	const otherExamples = await Promise.all(
		['exampleSyncPatients', 'exampleRewardFulfil'].map(
			async (id) => (await c.executions(id)).length,
		),
	);
	const logs = n8n.logs();
	await n8n.stop();
	note('done');
	return {
		log,
		emitted,
		failed,
		expect: {
			whileStopped: whileStopped.map((r) => r.id),
			three: three.map((r) => r.id),
			two: two.map((r) => r.id),
		},
		extra: {
			active,
			alertEmitted: alert.emitted,
			alertFailed: alert.failed,
			alertItems: alertDetail,
			otherExamples,
			activationErrors: logs
				.split('\n')
				.filter((l) => /problem activating|could not be activated|Failed to activate/i.test(l))
				.slice(0, 5),
		},
	};
}

async function durableMode(): Promise<Outcome> {
	const t0 = Date.now();
	const log: string[] = [];
	const note = (s: string) => {
		log.push(`${elapsed(t0)}: ${s}`);
		e2eLog(`trigger/durable ${elapsed(t0)}: ${s}`);
	};
	const { organization, patients } = await admin.ids();
	const userFolder = await prepareUserFolder('trigger-durable');
	const wf = triggerWorkflow('e2eTriggerDurable', {
		event: 'newCalendarEvent',
		watch: 'organization',
		organization,
	});
	await importWorkflows(userFolder, [wf]);
	await publish(userFolder, [wf.id]);
	const event = (patient: string) => ({
		relationships: { owner: { data: { type: 'patient', id: patient } } },
	});

	// 1. Activation (its poll sets a starting point), then one record before the first scheduled poll.
	let n8n = await start(userFolder, DURABLE_ENV, true);
	const activated = Date.now();
	note('n8n started (activation poll)');
	const early = await admin.insert('calendar_event', event(patients[30]));
	note('inserted 1 before the first scheduled poll');
	// 2. The first scheduled poll.
	const first = await scheduledPoll(n8n, wf.id, 0, 100_000);
	note(
		`first scheduled poll ${first ? 'seen' : 'NOT seen'} ${elapsed(activated)} after activation (${first ? (/"(Poll[^"]*)"|\| debug \| ([^{]*)/.exec(first)?.slice(1).join('') ?? '') : ''})`,
	);
	await new Promise((r) => setTimeout(r, 4000));
	let c = await login(n8n.url);
	const afterFirst = (await c.executions(wf.id)).length;
	note(`executions after the first scheduled poll: ${afterFirst}`);
	// 3. Stop, two more, start: the next poll after the restart emits them.
	await n8n.stop();
	const two = await admin.insert('calendar_event', { count: 2, ...event(patients[31]) });
	note('stopped; inserted 2');
	const logChars = n8n.logs().length;
	n8n = await start(userFolder, DURABLE_ENV, false);
	const restarted = Date.now();
	note('started again');
	c = await login(n8n.url);
	const next = await scheduledPoll(n8n, wf.id, logChars, 100_000);
	note(`first scheduled poll after the restart ${next ? 'seen' : 'NOT seen'}`);
	await waitFor(
		async () => ((await c.executions(wf.id)).length > afterFirst ? true : undefined),
		15_000,
	);
	const emittedAt = Date.now();
	await new Promise((r) => setTimeout(r, 3000));
	const { emitted, failed } = await triggerEmissions(c, wf.id, 'Trigger');
	const logs = n8n.logs();
	await n8n.stop();
	note('done');
	return {
		log,
		emitted,
		failed,
		expect: { early: early.map((r) => r.id), two: two.map((r) => r.id) },
		extra: {
			durableWarning: /durable poll cursors stay disabled/.test(logs),
			firstPollSeen: Boolean(first),
			afterFirst,
			restartToEmission: emittedAt ? Math.round((emittedAt - restarted) / 1000) : null,
		},
	};
}

describe('Fitbit Plus Trigger in n8n start (published, every minute)', () => {
	let defaultRun: Promise<Outcome>;
	let durableRun: Promise<Outcome>;
	beforeAll(() => {
		// Side by side: the minute waits overlap.
		defaultRun = defaultMode();
		durableRun = durableMode();
		// Never an unhandled rejection: each test awaits its own.
		defaultRun.catch(() => undefined);
		durableRun.catch(() => undefined);
	});

	test('default mode: the starting point set at activation and the cursor of each emission survive restarts', async () => {
		const r = await defaultRun;
		const x = r.extra as {
			active: Array<[string, boolean]>;
			alertEmitted: string[][];
			alertFailed: unknown[];
			alertItems: number[];
			otherExamples: number[];
			activationErrors: string[];
		};
		e2eLog(
			`default: emitted per execution ${JSON.stringify(r.emitted.map((ids) => ids.map((id) => Object.entries(r.expect).find(([, v]) => v.includes(id))?.[0] ?? '?')))}`,
		);
		expect(r.failed).toEqual([]);
		// Every record once: the one inserted while n8n was stopped before any emission (the starting point saved at
		// activation), the 3 inserted after the restart, and the 2 inserted while stopped after the emission (start-up poll).
		const all = r.emitted.flat();
		expect([...all].sort()).toEqual(
			[...r.expect.whileStopped, ...r.expect.three, ...r.expect.two].sort(),
		);
		expect(new Set(all).size).toBe(all.length);
		expect([...r.emitted[r.emitted.length - 1]].sort()).toEqual([...r.expect.two].sort());
		// The examples' triggers activated (activation polls without error); the metric alert ran on the same records.
		expect(x.active.every(([, a]) => a)).toBe(true);
		expect(x.activationErrors).toEqual([]);
		expect(x.alertFailed).toEqual([]);
		expect([...x.alertEmitted.flat()].sort()).toEqual([...all].sort());
		expect(x.alertItems.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3); // the three 150 kg metrics
		expect(x.otherExamples).toEqual([0, 0]); // nothing new for them: activation polls only
	}, 360_000);

	test("durable cursors: the starting point of the first scheduled null poll survives a restart (not the activation poll's)", async () => {
		const r = await durableRun;
		const x = r.extra as {
			durableWarning: boolean;
			firstPollSeen: boolean;
			afterFirst: number;
			restartToEmission: number | null;
		};
		e2eLog(`durable: ${JSON.stringify({ executions: r.emitted.map((e) => e.length), ...x })}`);
		expect(x.durableWarning).toBe(false); // the flag took effect (n8n warns when the scheduler settings are missing)
		expect(r.failed).toEqual([]);
		expect(x.firstPollSeen).toBe(true);
		// Inserted after activation, before the first scheduled poll: not emitted (the activation poll's starting
		// point is not committed; the first scheduled poll sets it again, after that record).
		expect(x.afterFirst).toBe(0);
		expect(r.emitted.flat()).not.toContain(r.expect.early[0]);
		// Inserted while n8n was stopped after that null poll: emitted by the first scheduled poll after the restart.
		expect(r.emitted.map((ids) => [...ids].sort())).toEqual([[...r.expect.two].sort()]);
	}, 360_000);
});
