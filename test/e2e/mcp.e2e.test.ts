/**
 * examples/mcp-server-care-team.json in the suite's n8n: activated, then used by a real MCP client
 * (@modelcontextprotocol/sdk, Streamable HTTP, bearer token) as Claude Desktop or any MCP client would: the tools
 * it lists, read calls checked against the sandbox, the errors a model gets (malformed id, unknown id, rate
 * limit), and no secret, token or "Bearer" in any tool output or in n8n's log.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import axios from 'axios';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import {
	CREDENTIAL,
	api,
	createCredential,
	createWorkflow,
	e2eLog,
	readExample,
	readState,
	sandboxAdmin,
} from './harness';

const state = readState();
const admin = sandboxAdmin(state);
const TOKEN = crypto.randomBytes(24).toString('base64url');
const WORKFLOW_ID = 'exampleMcpCareTeam';
const endpoint = () => new URL(`${state.n8nUrl}/mcp/fitbit-plus`);

type ToolResult = { isError?: boolean; content: Array<{ type: string; text: string }> };
/** Every text the MCP client received, for the leak scan at the end. */
const received: string[] = [];
let client: Client;
let logOffset = 0;

async function connect(token: string): Promise<Client> {
	const mcp = new Client({ name: 'fitbit-plus-e2e', version: '1.0.0' });
	await mcp.connect(
		new StreamableHTTPClientTransport(endpoint(), {
			requestInit: { headers: { Authorization: `Bearer ${token}` } },
		}),
	);
	return mcp;
}

async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
	const result = (await client.callTool({ name, arguments: args })) as ToolResult;
	received.push(...result.content.map((c) => c.text));
	return result;
}

/** A successful call's records (the tool's JSON text). */
async function records(name: string, args: Record<string, unknown>) {
	const result = await call(name, args);
	expect(result.isError).toBeFalsy();
	return JSON.parse(result.content[0].text) as Array<Record<string, unknown>>;
}

beforeAll(async () => {
	logOffset = fs.statSync(state.logFile).size;
	const workflow = readExample('mcp-server-care-team.json');
	for (const node of workflow.nodes) {
		if (node.credentials?.fitbitPlusApi)
			node.credentials.fitbitPlusApi = { id: CREDENTIAL.id, name: CREDENTIAL.name };
	}
	const rest = await api(state);
	const bearer = { name: 'Fitbit Plus MCP token', type: 'httpBearerAuth', data: { token: TOKEN } };
	const trigger = workflow.nodes.find(
		(n: { credentials?: object }) => n.credentials && 'httpBearerAuth' in n.credentials,
	);
	trigger.credentials.httpBearerAuth = {
		id: await createCredential(rest, bearer),
		name: bearer.name,
	};
	const { versionId } = await createWorkflow(rest, workflow);
	const activated = await rest.http.post(`/rest/workflows/${WORKFLOW_ID}/activate`, { versionId });
	if (activated.status !== 200)
		throw new Error(`activate: HTTP ${activated.status} ${JSON.stringify(activated.data)}`);
	// n8n 2.x publishes through an outbox: the webhook is registered shortly after the activation answers.
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			client = await connect(TOKEN);
			break;
		} catch (error) {
			if (!/not registered/.test(String(error)) || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
});

afterAll(async () => {
	await client?.close();
	await axios.delete(`${state.sandbox.url}/__admin/faults`);
});

afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

describe('the MCP server example, through a real MCP client', () => {
	test('lists the read tools a care-team assistant needs, with their arguments', async () => {
		const { tools } = await client.listTools();
		e2eLog(
			`MCP tools: ${tools
				.map((t) => `${t.name}(${Object.keys(t.inputSchema.properties ?? {}).join(', ')})`)
				.join(', ')}`,
		);
		const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
		expect(Object.keys(byName).sort()).toEqual([
			'find_patient_by_mrn',
			'get_patient',
			'get_plan_summary',
			'list_calendar_events',
			'list_group_patients',
			'list_groups',
			'list_health_metrics',
			'list_health_results',
			'list_rewards',
		]);
		const argumentsOf = (name: string) => {
			const schema = byName[name].inputSchema as {
				properties?: Record<string, { type?: string; description?: string }>;
				required?: string[];
			};
			return {
				required: [...(schema.required ?? [])].sort(),
				types: Object.fromEntries(
					Object.entries(schema.properties ?? {}).map(([key, p]) => [key, p.type]),
				),
			};
		};
		for (const name of [
			'get_patient',
			'get_plan_summary',
			'list_health_metrics',
			'list_health_results',
			'list_calendar_events',
			'list_rewards',
		])
			expect(argumentsOf(name)).toEqual({
				required: ['patientId'],
				types: { patientId: 'string' },
			});
		expect(argumentsOf('find_patient_by_mrn')).toEqual({
			required: ['mrn'],
			types: { mrn: 'string' },
		});
		expect(argumentsOf('list_group_patients')).toEqual({
			required: ['groupId'],
			types: { groupId: 'string' },
		});
		expect(argumentsOf('list_groups')).toEqual({ required: [], types: {} });
		for (const tool of tools) expect(tool.description?.length).toBeGreaterThan(40);
		const patientId = (
			byName.get_patient.inputSchema.properties as Record<string, { description: string }>
		).patientId;
		expect(patientId.description).toMatch(/24 hexadecimal characters/);
	});

	test('refuses a client without the bearer token', async () => {
		await expect(connect('not-the-token')).rejects.toThrow(
			/401|403|Unauthorized|Forbidden|Authorization data is wrong/i,
		);
	});

	test('a patient found by MRN, then their plan, metrics, results, calendar and rewards: as in the sandbox', async () => {
		const { patients } = await admin.ids();
		// A fresh patient with records of its own, so the expected sets are exactly what was inserted.
		const mrn = `MRN-E2E-${crypto.randomBytes(3).toString('hex')}`;
		const [patient] = await admin.insert('patient', {
			attributes: {
				first_name: 'Ada',
				last_name: 'Mcp',
				identifiers: [{ system: 'https://emr.example.org/mrn', value: mrn, label: 'MRN' }],
			},
		});
		const ofPatient = { patient: { data: { type: 'patient', id: patient.id } } };
		// 25 weights, entered in an order unlike when they were measured: the tool lists the 20 newest measured.
		const metrics: Array<{ id: string; occurred_at: string }> = [];
		for (let i = 0; i < 25; i++) {
			const occurred_at = new Date(Date.UTC(2026, 0, 1) + ((i * 7) % 25) * 3_600_000).toISOString();
			const [metric] = await admin.insert('patient_health_metric', {
				attributes: { type: 'weight', unit: 'kg', value: 81.5, occurred_at },
				relationships: ofPatient,
			});
			metrics.push({ id: metric.id, occurred_at });
		}
		const events = await admin.insert('calendar_event', {
			count: 2,
			attributes: { type: 'reminder', title: 'Check in' },
			relationships: { owner: { data: { type: 'patient', id: patient.id } } },
		});

		const [found] = await records('find_patient_by_mrn', { mrn });
		expect(found).toMatchObject({
			id: patient.id,
			first_name: 'Ada',
			last_name: 'Mcp',
			identifiers: [`MRN: ${mrn}`],
		});
		expect(found).not.toHaveProperty('created_at');

		const [same] = await records('get_patient', { patientId: patient.id });
		expect(same).toEqual(found);

		const metricList = await records('list_health_metrics', { patientId: patient.id });
		const newest = [...metrics].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
		expect(metricList.slice(0, 20).map((m) => m.id)).toEqual(newest.slice(0, 20).map((m) => m.id));
		expect(metricList[0]).toMatchObject({ type: 'weight', value: 81.5, unit: 'kg' });
		expect(metricList[20]).toEqual({
			note: expect.stringMatching(/^Only the 20 most recent records \(by occurred_at\)/),
		});

		const eventList = await records('list_calendar_events', { patientId: patient.id });
		expect(eventList.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());

		// A seeded patient's plan summary and rewards: each record belongs to that patient.
		const [plan] = await records('get_plan_summary', { patientId: patients[0] });
		expect(plan.patient).toBe(patients[0]);
		expect(plan).toHaveProperty('adherence');
		for (const reward of await records('list_rewards', { patientId: patients[0] }))
			expect(reward.patient).toBe(patients[0]);
		for (const result of await records('list_health_results', { patientId: patients[0] }))
			expect(result.patient).toBe(patients[0]);
	});

	test('a list longer than 20 ends with a note saying more exist', async () => {
		const groups = await records('list_groups', {});
		// The suite's sandbox has 60 groups; the tool asks for 50, the model gets 20 and a note.
		expect(groups).toHaveLength(21);
		expect(groups[20]).toEqual({ note: expect.stringMatching(/^Only the first 20 records/) });
		const members = await records('list_group_patients', { groupId: String(groups[0].id) });
		for (const member of members.filter((m) => !('note' in m)))
			expect(member.groups).toContain(groups[0].id);
	});

	test('errors a model can act on: malformed id, unknown id (404), rate limit', async () => {
		const malformed = await call('get_patient', { patientId: 'patient-42' });
		expect(malformed.isError).toBe(true);
		expect(malformed.content[0].text).toBe(
			`NodeOperationError: 'Patient' "patient-42" is not a Fitbit Plus ID. Fitbit Plus IDs are 24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81.`,
		);

		const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const notFound = await call('get_patient', { patientId: missing });
		e2eLog(`MCP 404 text: ${notFound.content[0].text}`);
		expect(notFound.isError).toBe(true);
		expect(notFound.content[0].text).toBe(
			`NodeOperationError: Fitbit Plus answered 404 Resource Not Found: patient ${missing} was not found. No record has that ID: use the id of a record another tool returned (e.g. a list or search); do not guess IDs.`,
		);

		const { patients } = await admin.ids();
		await axios.post(`${state.sandbox.url}/__admin/faults`, {
			pathRegex: '^/pub/patient/',
			status: 429,
			retryAfter: 0,
			times: 10,
		});
		try {
			const limited = await call('get_patient', { patientId: patients[2] });
			expect(limited.isError).toBe(true);
			expect(limited.content[0].text).toMatch(
				/^NodeOperationError: Fitbit Plus answered 429 .*\. Fitbit Plus is rate limiting this credential: wait a minute before calling again\.$/,
			);
		} finally {
			await axios.delete(`${state.sandbox.url}/__admin/faults`);
		}
	});

	test('no client secret, access token or "Bearer" in any tool output or in n8n’s log', () => {
		const log = fs.readFileSync(state.logFile, 'utf8').slice(logOffset);
		const token48 = /(?<![0-9a-f])[0-9a-f]{48}(?![0-9a-f])/;
		for (const [what, text] of [
			['tool outputs', received.join('\n')],
			['n8n log', log],
		] as const) {
			expect({ what, secret: text.includes(state.sandbox.clientSecret) }).toEqual({
				what,
				secret: false,
			});
			expect({ what, token: token48.exec(text)?.[0] }).toEqual({ what, token: undefined });
			expect({ what, bearer: /Bearer/i.test(text) }).toEqual({ what, bearer: false });
			expect({ what, mcpToken: text.includes(TOKEN) }).toEqual({ what, mcpToken: false });
		}
		expect(received.length).toBeGreaterThan(8);
	});
});
