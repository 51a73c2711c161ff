/**
 * The packed package in the last n8n 1.x (1.123 with Node 22, tools/n8n-1), beside the suite's n8n
 * 2.41.1: one n8n 1.x server for this file, its own user folder, the suite's sandbox. Everything is imported before
 * the server starts (each CLI call boots n8n): the two credentials (one with a wrong secret), the workflows, the
 * scripted chat model's credential; the trigger's workflow is activated with n8n 1.x's `update:workflow --active`.
 * Shown: the package loads (both versions of Fitbit Plus and of the trigger, the Tool variant n8n 1.x makes of a
 * `usableAsTool` node), the credential test, Get Many, the AI Agent calling Fitbit Plus Tool, and a trigger poll
 * emitting the records created after activation. About a minute and a half (the trigger waits for a minute poll).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	N8N_1_RUNTIME,
	PACKAGE_NAME,
	executeWorkflow,
	importCredentialObjects,
	importWorkflows,
	installPackage,
	loaderProblems,
	n8nCli,
	nodeOutput,
	setupOwner,
	startN8n,
	startNode,
	fitbitPlusCredential,
	type N8nHandle,
	type RestClient,
} from '../../scripts/n8n-runtime';
import {
	CREDENTIAL,
	E2E_DIR,
	NODE_TYPE,
	TRIGGER_TYPE,
	WRONG_SECRET_CREDENTIAL,
	e2eLog,
	elapsed,
	outcome,
	readState,
	sandboxAdmin,
	triggerEmissions,
	waitFor,
} from './harness';
import { scriptedModel, toolResult } from './scriptedModel';

const state = readState();
const admin = sandboxAdmin(state);
const runtime = N8N_1_RUNTIME;
const userFolder = path.join(E2E_DIR, 'n8n-1');
const n8n1Version: string = JSON.parse(
	fs.readFileSync(path.join(runtime.dir, 'package.json'), 'utf8'),
).dependencies.n8n;

const SCRIPTED_MODEL_CREDENTIAL = { id: 'e2eN8n1ScriptedAi', name: 'Scripted model (local)' };
const WORKFLOW = {
	getMany: 'e2eN8n1GetMany01',
	trigger: 'e2eN8n1Trigger01',
	agent: 'e2eN8n1AgentTool',
} as const;

const sandboxCredential = (credential: { id: string; name: string }, clientSecret: string) =>
	fitbitPlusCredential({
		...credential,
		baseUrl: state.sandbox.baseUrl,
		clientId: state.sandbox.clientId,
		clientSecret,
		allowHttp: true,
	});
const credentialRef = { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

/** Start → Fitbit Plus version 1 and version 2 side by side, each listing every group of the organization. */
function getManyWorkflow(organization: string) {
	const node = (typeVersion: number, y: number) => ({
		id: `${WORKFLOW.getMany}-v${typeVersion}`,
		name: `Groups v${typeVersion}`,
		type: NODE_TYPE,
		typeVersion,
		position: [220, y],
		parameters: {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { organization },
		},
		credentials: credentialRef,
	});
	return {
		id: WORKFLOW.getMany,
		name: 'e2e n8n 1.x Get Many',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [startNode(`${WORKFLOW.getMany}-t`), node(1, -100), node(2, 100)],
		connections: {
			Start: {
				main: [
					[
						{ node: 'Groups v1', type: 'main', index: 0 },
						{ node: 'Groups v2', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

function triggerWorkflow(organization: string) {
	return {
		id: WORKFLOW.trigger,
		name: 'e2e n8n 1.x trigger',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${WORKFLOW.trigger}-n`,
				name: 'Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					event: 'newPatientHealthMetric',
					watch: 'organization',
					organization,
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				credentials: credentialRef,
			},
		],
		connections: {},
	};
}

/** Start → AI Agent, with the scripted OpenAI chat model and Fitbit Plus Tool (Get Patient) as its tool. */
function agentWorkflow(patientId: string) {
	return {
		id: WORKFLOW.agent,
		name: 'e2e n8n 1.x AI Agent',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			startNode(`${WORKFLOW.agent}-t`),
			{
				id: `${WORKFLOW.agent}-agent`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [220, -220],
				parameters: {
					promptType: 'define',
					text: `Who is the patient with the id ${patientId}?`,
					options: {},
				},
			},
			{
				id: `${WORKFLOW.agent}-model`,
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [0, 220],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-scripted' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: SCRIPTED_MODEL_CREDENTIAL },
			},
			{
				id: `${WORKFLOW.agent}-tool`,
				name: 'Get Patient',
				type: `${NODE_TYPE}Tool`,
				typeVersion: 2,
				position: [220, 220],
				parameters: {
					resource: 'patient',
					operation: 'get',
					patientId: {
						__rl: true,
						mode: 'id',
						value:
							"={{ $fromAI('patientId', 'The patient ID: 24 hexadecimal characters', 'string') }}",
					},
				},
				credentials: credentialRef,
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			'Get Patient': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

let n8n: N8nHandle | undefined;
let client: RestClient;
let agentPatient: { id: string };
/** Metrics created after the trigger's activation poll (its starting point): the next poll emits them. */
let createdAfterActivation: string[];
const model = scriptedModel((request, turn) => {
	if (turn === 1)
		return {
			toolCall: { id: 'call_1', name: 'Get_Patient', args: { patientId: agentPatient.id } },
		};
	const [record] = JSON.parse(toolResult(request, 'call_1')) as Array<Record<string, string>>;
	return { content: `${record.first_name} ${record.last_name}, born ${record.birth_date}.` };
});

beforeAll(async () => {
	const t0 = Date.now();
	await admin.resetLog();
	const { organization } = await admin.ids();
	[agentPatient] = await admin.insert('patient', {
		attributes: { first_name: 'Ada', last_name: 'Onedotex', birth_date: '1961-03-04' },
	});
	const modelPort = await model.listen();
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder, state.tarball, { log: () => undefined });
	await importCredentialObjects(
		userFolder,
		[
			sandboxCredential(CREDENTIAL, state.sandbox.clientSecret),
			sandboxCredential(WRONG_SECRET_CREDENTIAL, `${state.sandbox.clientSecret}-wrong`),
			{
				...SCRIPTED_MODEL_CREDENTIAL,
				type: 'openAiApi',
				data: { apiKey: 'sk-local-scripted-model', url: `http://127.0.0.1:${modelPort}/v1` },
			},
		],
		{ runtime },
	);
	await importWorkflows(
		userFolder,
		[getManyWorkflow(organization), triggerWorkflow(organization), agentWorkflow(agentPatient.id)],
		{ runtime },
	);
	const activate = await n8nCli(
		userFolder,
		['update:workflow', `--id=${WORKFLOW.trigger}`, '--active=true'],
		{ runtime },
	);
	if (activate.code !== 0)
		throw new Error(`update:workflow failed: ${activate.stdout.slice(-800)} ${activate.stderr}`);
	e2eLog(`n8n ${n8n1Version}: imported, activated in ${elapsed(t0)}`);
	n8n = await startN8n({ userFolder, runtime, logLevel: 'debug' });
	client = await setupOwner(n8n.url);
	// The activation poll has set the trigger's starting point once n8n logs the activation.
	const activated = await waitFor(
		async () =>
			n8n!.logs().includes(`Activated workflow "${triggerWorkflow('').name}"`) ? true : undefined,
		60_000,
		250,
	);
	if (!activated) throw new Error(`the trigger's workflow was not activated:\n${n8n.logs()}`);
	const { patients } = await admin.ids();
	createdAfterActivation = (
		await admin.insert('patient_health_metric', {
			count: 3,
			relationships: { patient: { data: { type: 'patient', id: patients[30] } } },
		})
	).map((r) => r.id);
	e2eLog(`n8n ${n8n1Version} up, trigger active, 3 metrics created: ${elapsed(t0)}`);
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await model.close();
});

// Every request n8n 1.x sent on our behalf must match the spec (the sandbox records violations).
afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

describe(`the package in n8n 1.x (${n8n1Version})`, () => {
	test('the server is the n8n 1.x that tools/n8n-1 pins', async () => {
		const settings = (await client.http.get('/rest/settings')).data as {
			data: { versionCli: string };
		};
		expect(settings.data.versionCli).toBe(n8n1Version);
	});

	test('loads both nodes (Fitbit Plus and the trigger, versions 1 and 2), the Tool variant and the credential, without loader problems', async () => {
		const nodes = await client.nodeTypes();
		const versions = (name: string) =>
			nodes.filter((n) => n.name === name).flatMap((n) => [n.version].flat());
		expect(versions(NODE_TYPE).sort()).toEqual([1, 2]);
		expect(versions(TRIGGER_TYPE).sort()).toEqual([1, 2]);
		expect(versions(`${NODE_TYPE}Tool`).sort()).toEqual([1, 2]);
		expect((await client.credentialTypes()).map((c) => c.name)).toContain('fitbitPlusApi');
		const logs = n8n!.logs();
		// Debug level, as in 2.41.1: "Loaded all credentials and nodes from <package> {"credentials":1,"nodes":2,…}"
		const loaded = logs
			.split('\n')
			.find((l) => l.includes(`Loaded all credentials and nodes from ${PACKAGE_NAME} `));
		expect(loaded).toContain('"credentials":1,"nodes":2');
		expect(loaderProblems(logs)).toEqual([]);
	});

	test('the credential test passes with the sandbox secret, and refuses a wrong one', async () => {
		const ok = await client.testCredential(CREDENTIAL.id);
		expect(`${ok.status}: ${ok.message}`).toMatch(/^OK: /);
		const wrong = await client.testCredential(WRONG_SECRET_CREDENTIAL.id);
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/client|secret|credential|unauthori[sz]ed|401/i);
		expect(wrong.message).not.toContain(state.sandbox.clientSecret);
	});

	test('Get Many with Return All returns every group, in version 1 and in version 2', async () => {
		const all = await admin.currentIds('group');
		expect(all.length).toBeGreaterThan(50); // more than one page
		const result = await executeWorkflow(userFolder, WORKFLOW.getMany, { runtime });
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		for (const node of ['Groups v1', 'Groups v2']) {
			const ids = nodeOutput(result.run!, node).map((g) => String(g.id));
			expect(ids.sort()).toEqual([...all].sort());
		}
	});

	test("the AI Agent calls Fitbit Plus Tool, and the record reaches the model's answer", async () => {
		const result = await executeWorkflow(userFolder, WORKFLOW.agent, { runtime });
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const offered = model.requests[0].tools?.map((t) => t.function) ?? [];
		expect(offered.map((f) => f.name)).toEqual(['Get_Patient']);
		expect(offered[0].parameters?.required).toEqual(['patientId']);
		const [record] = JSON.parse(toolResult(model.requests[1], 'call_1'));
		expect(record).toMatchObject({ id: agentPatient.id, first_name: 'Ada', last_name: 'Onedotex' });
		const [answer] = nodeOutput(result.run!, 'AI Agent');
		expect(answer.output).toBe('Ada Onedotex, born 1961-03-04.');
		const seen = [JSON.stringify(model.requests), result.stdout, result.stderr].join('\n');
		expect(seen).not.toContain(state.sandbox.clientSecret);
	});

	test('the trigger, activated by update:workflow, emits the metrics created after its activation poll at the next minute poll', async () => {
		const t0 = Date.now();
		const watch = await waitFor(async () => {
			const w = await triggerEmissions(client, WORKFLOW.trigger, 'Trigger');
			return w.emitted.length > 0 || w.failed.length > 0 ? w : undefined;
		}, 130_000);
		e2eLog(`n8n ${n8n1Version} trigger: first execution after ${elapsed(t0)} more`);
		expect(watch).toBeDefined();
		expect(watch!.failed).toEqual([]);
		expect(watch!.emitted.map((ids) => [...ids].sort())).toEqual([
			[...createdAfterActivation].sort(),
		]);
		expect(n8n!.logs()).not.toContain(state.sandbox.clientSecret);
	}, 180_000);
});
