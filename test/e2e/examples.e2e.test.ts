/**
 * examples/*.json in n8n, run by the CLI against the sandbox (their organization, groups and patient replaced by
 * the suite's sandbox ones). An example with a manual start runs as it is; one started only by the Fitbit Plus
 * Trigger runs its action part with the trigger node swapped for a Fitbit Plus node of the same name that reads
 * one record (its activation and polls run in trigger.e2e.test.ts). Also: our credential used by n8n's own HTTP
 * Request node as a predefined credential type.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	REPO_ROOT,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	nodeOutput,
} from '../../scripts/n8n-runtime';
import {
	NODE_TYPE,
	TRIGGER_TYPE,
	adaptExample,
	outcome,
	readExample,
	readState,
	relId,
	sandboxAdmin,
	startNode,
} from './harness';

const state = readState();
const admin = sandboxAdmin(state);

beforeAll(() => admin.resetLog());
afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

type Workflow = {
	id: string;
	nodes: Array<{
		id: string;
		name: string;
		type: string;
		typeVersion: number;
		position: number[];
		parameters: Record<string, unknown>;
		credentials?: Record<string, unknown>;
	}>;
	connections: Record<string, unknown>;
};

/** The trigger node replaced by Start (Manual Trigger) → a Fitbit Plus node with the trigger's name and `parameters`. */
function withManualStart(workflow: Workflow, parameters: Record<string, unknown>): Workflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as Workflow;
	const trigger = copy.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	Object.assign(trigger, { type: NODE_TYPE, typeVersion: 1, parameters });
	copy.nodes.push(startNode(`${copy.id}-start`, [-240, 0]));
	copy.connections.Start = { main: [[{ node: trigger.name, type: 'main', index: 0 }]] };
	return copy;
}

/** The workflow without its Fitbit Plus Trigger node (and that node's connections). */
function withoutTrigger(workflow: Workflow): Workflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as Workflow;
	const trigger = copy.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	copy.nodes = copy.nodes.filter((n) => n !== trigger);
	delete copy.connections[trigger.name];
	return copy;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('examples/ in n8n', () => {
	test('the examples are the five the README lists; the three automations start with a Fitbit Plus Trigger', () => {
		const files = fs
			.readdirSync(path.join(REPO_ROOT, 'examples'))
			.filter((f) => f.endsWith('.json'))
			.sort();
		expect(files).toEqual([
			'emr-sync.json',
			'mcp-server-care-team.json',
			'new-metric-alert.json',
			'reward-earning-fulfillment.json',
			'sync-new-patients.json',
		]);
		// The MCP server example runs in mcp.e2e.test.ts; the EMR sync starts by hand (below).
		for (const f of files.filter(
			(name) => name !== 'mcp-server-care-team.json' && name !== 'emr-sync.json',
		))
			expect(readExample(f).nodes.some((n: { type: string }) => n.type === TRIGGER_TYPE)).toBe(
				true,
			);
	});

	test('sync-new-patients: "Try It Now" maps every patient of the organization', async () => {
		// Every patient the sandbox holds now: other files of the suite may have created some.
		const { organization } = await admin.ids();
		const patients = await admin.currentIds('patient');
		// `n8n execute` (2.41.1) starts such a workflow at its polling trigger (as "Fetch Test Event"), not at the
		// Manual Trigger: the variant run here is the example without its trigger node, the manual path as it is.
		const wf = withoutTrigger(
			adaptExample(readExample('sync-new-patients.json'), { organization }) as Workflow,
		);
		await importWorkflows(state.userFolder, [wf]);
		const result = await executeWorkflow(state.userFolder, wf.id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const all = nodeOutput(result.run!, 'All Patients');
		expect(all.map((p) => String(p.id)).sort()).toEqual([...patients].sort());
		const mapped = nodeOutput(result.run!, 'Map to EMR Record');
		expect(mapped).toHaveLength(patients.length);
		// Every field mapped from a real patient attribute (none empty), without printing any of them.
		const empty = mapped.filter(
			(m) => !m.fitbitPlusId || !m.givenName || !m.familyName || !m.createdAt,
		);
		expect(empty).toHaveLength(0);
		expect(nodeOutput(result.run!, 'Send to EMR (replace me)')).toHaveLength(patients.length);
	});

	test('emr-sync: the EMR rows become patients matched by MRN (twice: created, then the same ones updated), then lab metrics', async () => {
		const { organization, groups } = await admin.ids();
		const wf = adaptExample(readExample('emr-sync.json'), {
			organization,
			groups: [groups[0]],
		}) as Workflow;
		await importWorkflows(state.userFolder, [wf]);
		const before = (await admin.currentIds('patient')).length;
		const first = await executeWorkflow(state.userFolder, wf.id);
		expect(outcome(first)).toEqual({ code: 0, ran: true });
		const patients = nodeOutput(first.run!, 'Create or Update Patients');
		// Version 2's Simplify: the top fields, the identifiers as one text ("<label>: <value>").
		expect(patients.map((p) => p.identifiers)).toEqual(
			['EMR-10001', 'EMR-10002', 'EMR-10003', 'EMR-10004'].map((value) => `MRN: ${value}`),
		);
		expect(patients[0]).toMatchObject({ first_name: 'Maya', birth_date: '1958-04-12' });
		const metrics = nodeOutput(first.run!, 'Record Lab Results');
		expect(metrics.map((m) => [m.type, m.value, m.patient])).toEqual([
			['hemoglobin_a1c', 7.2, patients[0].id],
			['ldl_cholesterol', 131, patients[0].id],
			['hemoglobin_a1c', 6.1, patients[1].id],
			['weight', 71.4, patients[2].id],
			['total_cholesterol', 212, patients[3].id],
		]);
		expect((await admin.currentIds('patient')).length).toBe(before + 4);
		// Run again: the same four patients, updated, none created.
		const second = await executeWorkflow(state.userFolder, wf.id);
		expect(outcome(second)).toEqual({ code: 0, ran: true });
		expect(nodeOutput(second.run!, 'Create or Update Patients').map((p) => p.id)).toEqual(
			patients.map((p) => p.id),
		);
		expect((await admin.currentIds('patient')).length).toBe(before + 4);
	});

	test('new-metric-alert: a metric out of range (150 kg) reaches Alert with its id and patient', async () => {
		const { organization, patients } = await admin.ids();
		const [metric] = await admin.insert('patient_health_metric', {
			attributes: { type: 'weight', unit: 'kg', value: 150 },
			relationships: { patient: { data: { type: 'patient', id: patients[4] } } },
		});
		const wf = withManualStart(
			adaptExample(readExample('new-metric-alert.json'), { organization }) as Workflow,
			{
				resource: 'patientHealthMetric',
				operation: 'get',
				metricId: byId(metric.id),
			},
		);
		await importWorkflows(state.userFolder, [wf]);
		const result = await executeWorkflow(state.userFolder, wf.id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const alerts = nodeOutput(result.run!, 'Alert');
		expect(alerts).toHaveLength(1);
		expect(alerts[0].patientId).toBe(patients[4]);
		expect(String(alerts[0].alert)).toContain(metric.id);
		expect(nodeOutput(result.run!, 'Notify Coach (replace me)')).toHaveLength(1);
	});

	test('reward-earning-fulfillment: an earning ready for fulfillment gets its fulfillment', async () => {
		const { organization, rewardProgramActivations } = await admin.ids();
		const [reward] = await admin.insert('reward', {
			relationships: {
				reward_program_activation: {
					data: { type: 'reward_program_activation', id: rewardProgramActivations[1] },
				},
			},
		});
		const [earning] = await admin.insert('reward_earning', {
			attributes: { earned_value: 7, ready_for_fulfillment: true },
			relationships: { reward: { data: { type: 'reward', id: reward.id } } },
		});
		const adapted = adaptExample(readExample('reward-earning-fulfillment.json'), {
			organization,
			groups: [relId(earning, 'group')],
			patient: relId(earning, 'patient'),
		}) as Workflow;
		const wf = withManualStart(adapted, {
			resource: 'rewardEarning',
			operation: 'get',
			rewardEarningId: byId(earning.id),
		});
		await importWorkflows(state.userFolder, [wf]);
		const result = await executeWorkflow(state.userFolder, wf.id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const fulfillments = nodeOutput(result.run!, 'Record Fulfillment');
		expect(fulfillments).toHaveLength(1);
		expect(fulfillments[0]).toMatchObject({ reward_earning: earning.id, fulfilled_value: 7 });
	});
});

describe("our credential in n8n's HTTP Request node", () => {
	test('predefined credential type fitbitPlusApi: GET /group?filter[organization]=… with a fresh token exchange', async () => {
		const { organization } = await admin.ids();
		// Every group the sandbox holds now: other files of the suite create some.
		const groups = await admin.currentIds('group');
		// A credential of its own, never used before: the HTTP Request node has to make n8n exchange a token.
		const credential = { id: 'e2eFitbitPlusHttp', name: 'Fitbit Plus Sandbox (HTTP Request)' };
		await importCredentials(state.userFolder, [
			{
				...credential,
				baseUrl: state.sandbox.baseUrl,
				clientId: state.sandbox.clientId,
				clientSecret: state.sandbox.clientSecret,
				allowHttp: true,
			},
		]);
		const before = await admin.stats();
		const id = 'e2eHttpRequestCred';
		await importWorkflows(state.userFolder, [
			{
				id,
				name: `e2e ${id}`,
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					startNode(`${id}-t`),
					{
						id: `${id}-h`,
						name: 'HTTP Request',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						position: [220, 0],
						parameters: {
							method: 'GET',
							url: `${state.sandbox.baseUrl}/group`,
							authentication: 'predefinedCredentialType',
							nodeCredentialType: 'fitbitPlusApi',
							sendQuery: true,
							queryParameters: {
								parameters: [{ name: 'filter[organization]', value: organization }],
							},
							sendHeaders: true,
							headerParameters: {
								parameters: [{ name: 'Accept', value: 'application/vnd.api+json' }],
							},
							// application/vnd.api+json is JSON, but not one n8n recognises by its content type.
							options: { response: { response: { responseFormat: 'json' } } },
						},
						credentials: { fitbitPlusApi: credential },
					},
				],
				connections: { Start: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
			},
		]);
		const result = await executeWorkflow(state.userFolder, id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const [doc] = nodeOutput(result.run!, 'HTTP Request') as Array<{
			data?: Array<{ id: string; type: string }>;
			meta?: { count?: number };
		}>;
		expect(doc.data?.length).toBeGreaterThan(0);
		for (const g of doc.data!) {
			expect(g.type).toBe('group');
			expect(groups).toContain(g.id);
		}
		expect(doc.meta?.count).toBe(groups.length);
		const after = await admin.stats();
		expect(after.tokenExchanges - before.tokenExchanges).toBe(1);
		const calls = (await admin.requests()).filter(
			(r) => r.pathname.endsWith('/group') && r.query['filter[organization]'] === organization,
		);
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((r) => r.status === 200)).toBe(true);
	});
});
