/**
 * The Fitbit Plus Trigger for real: published workflows polling every minute in `n8n start`, records inserted into
 * the sandbox (/__admin), the executions read back over n8n's REST API. Two n8n servers run side by side (own
 * user folders), each watching its own collection of the one sandbox:
 * - default mode: New Patient Health Metric (organization), plus the examples/ triggers activated beside it;
 * - durable cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED with the new scheduler): New Calendar Event (organization).
 * Each scenario restarts n8n to show what survives. About 3 minutes of wall time (it waits for minute polls).
 */
import { importWorkflows, login, runDataItems, setupOwner, startN8n, type N8nHandle } from '../../scripts/n8n-runtime';
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
async function start(userFolder: string, env: Record<string, string>, first: boolean): Promise<N8nHandle> {
	const n8n = await startN8n({ userFolder, env, logLevel: 'debug' });
	if (first) await setupOwner(n8n.url);
	return n8n;
}

/** The first poll request to `endpoint` (scenario's filter) that arrived after `since`. */
async function pollAfter(endpoint: string, organization: string, since: number, timeoutMs: number) {
	return waitFor(async () => {
		const requests = await admin.requests();
		return requests.find((r) => r.pathname.endsWith(endpoint) && r.query['filter[organization]'] === organization && r.at > since);
	}, timeoutMs);
}

// Violations are checked without clearing the request log: the scenarios run side by side and read it.
afterEach(async () => {
	expect(await admin.violations()).toEqual([]);
});
afterAll(() => admin.resetLog());

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
	const wf = triggerWorkflow('e2eTriggerDefault', { event: 'newPatientHealthMetric', watch: 'organization', organization });
	// The examples' triggers, activated beside it (the reward one needs a patient with earnings, and its groups).
	const reward = await admin.insert('reward', { relationships: { reward_program_activation: { data: { type: 'reward_program_activation', id: rewardProgramActivations[3] } } } });
	const [earning] = await admin.insert('reward_earning', { relationships: { reward: { data: { type: 'reward', id: reward[0].id } } } });
	const examples = ['sync-new-patients.json', 'new-metric-alert.json', 'reward-earning-fulfillment.json'].map((f) =>
		adaptExample(readExample(f), { organization, groups: [relId(earning, 'group')], patient: relId(earning, 'patient') }),
	) as Array<{ id: string }>;
	await importWorkflows(userFolder, [wf, ...examples]);
	await publish(userFolder, [wf.id, ...examples.map((e) => e.id)]);
	note('published');

	// 1. Activation: the trigger sets its starting point (a null poll). n8n restarted before any emission.
	let n8n = await start(userFolder, {}, true);
	note('n8n started (activation poll)');
	const client = await login(n8n.url);
	const active = await Promise.all([wf.id, ...examples.map((e) => e.id)].map(async (id) => [id, (await client.workflow(id)).active] as const));
	await n8n.stop();
	const lost = await admin.insert('patient_health_metric', { relationships: { patient: { data: { type: 'patient', id: patients[20] } } } });
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
	const two = await admin.insert('patient_health_metric', { count: 2, relationships: { patient: { data: { type: 'patient', id: patients[22] } } } });
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
	const otherExamples = await Promise.all(['exampleSyncPatients', 'exampleRewardFulfil'].map(async (id) => (await c.executions(id)).length));
	const logs = n8n.logs();
	await n8n.stop();
	note('done');
	return {
		log,
		emitted,
		failed,
		expect: { lost: lost.map((r) => r.id), three: three.map((r) => r.id), two: two.map((r) => r.id) },
		extra: {
			active,
			alertEmitted: alert.emitted,
			alertFailed: alert.failed,
			alertItems: alertDetail,
			otherExamples,
			activationErrors: logs.split('\n').filter((l) => /problem activating|could not be activated|Failed to activate/i.test(l)).slice(0, 5),
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
	const wf = triggerWorkflow('e2eTriggerDurable', { event: 'newCalendarEvent', watch: 'organization', organization });
	await importWorkflows(userFolder, [wf]);
	await publish(userFolder, [wf.id]);
	const event = (patient: string) => ({ relationships: { owner: { data: { type: 'patient', id: patient } } } });

	// 1. Activation, then a restart before any scheduled poll.
	let n8n = await start(userFolder, DURABLE_ENV, true);
	note('n8n started (activation poll)');
	await n8n.stop();
	const lost = await admin.insert('calendar_event', event(patients[30]));
	note('stopped before any scheduled poll; inserted 1');
	n8n = await start(userFolder, DURABLE_ENV, false);
	const restarted = Date.now();
	note('started again');
	// 2. The first scheduled poll (a null poll: the starting point is committed to poller_state).
	const first = await pollAfter('/calendar_event', organization, restarted, 100_000);
	note(`first scheduled poll ${first ? 'seen' : 'NOT seen'} (${first ? Object.keys(first.query).join(',') : ''})`);
	await new Promise((r) => setTimeout(r, 4000));
	let c = await login(n8n.url);
	note(`executions after the first scheduled poll: ${(await c.executions(wf.id)).length}`);
	// 3. Stop, two more, start: the next poll after the restart emits them.
	await n8n.stop();
	const two = await admin.insert('calendar_event', { count: 2, ...event(patients[31]) });
	note('stopped; inserted 2');
	n8n = await start(userFolder, DURABLE_ENV, false);
	note('started again');
	c = await login(n8n.url);
	await waitFor(async () => ((await c.executions(wf.id)).length >= 1 ? true : undefined), 100_000);
	await new Promise((r) => setTimeout(r, 3000));
	const { emitted, failed } = await triggerEmissions(c, wf.id, 'Trigger');
	const logs = n8n.logs();
	await n8n.stop();
	note('done');
	return {
		log,
		emitted,
		failed,
		expect: { lost: lost.map((r) => r.id), two: two.map((r) => r.id) },
		extra: { durableWarning: /durable poll cursors stay disabled/.test(logs) },
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

	test('default mode', async () => {
		const r = await defaultRun;
		e2eLog(`trigger/default result: ${JSON.stringify({ emitted: r.emitted.map((e) => e.length), failed: r.failed.length, extra: r.extra })}`);
		const all = r.emitted.flat();
		e2eLog(`default: per execution ${JSON.stringify(r.emitted.map((ids) => ids.map((id) => Object.entries(r.expect).find(([, v]) => v.includes(id))?.[0] ?? '?')))}`);
		e2eLog(`default: lost emitted? ${all.includes(r.expect.lost[0])}`);
		expect(r.failed).toEqual([]);
	}, 360_000);

	test('durable cursors', async () => {
		const r = await durableRun;
		e2eLog(`trigger/durable result: ${JSON.stringify({ emitted: r.emitted.map((e) => e.length), failed: r.failed.length, extra: r.extra })}`);
		const e = r.expect;
		e2eLog(`durable: lost emitted? ${r.emitted.flat().includes(e.lost[0])}; two emitted? ${e.two.every((id) => r.emitted.flat().includes(id))}`);
		expect(r.failed).toEqual([]);
	}, 360_000);
});
