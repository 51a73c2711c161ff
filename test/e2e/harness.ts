/**
 * What the e2e global setup leaves for the test files (they run in another module registry, so they read
 * it from a file), and small helpers over the sandbox's /__admin routes and n8n's CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import {
	REPO_ROOT,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	login,
	n8nCli,
	runDataItems,
	startNode,
	type RestClient,
} from '../../scripts/n8n-runtime';

export { startNode };

export const E2E_DIR = path.join(REPO_ROOT, '.n8n-e2e');
const STATE_FILE = path.join(E2E_DIR, 'state.json');

/** Credential ids the setup imports (n8n credential ids are free strings). */
export const CREDENTIAL = {
	id: 'e2eFitbitPlusOk1',
	name: 'Fitbit Plus Sandbox',
	type: 'fitbitPlusApi',
} as const;
export const WRONG_SECRET_CREDENTIAL = {
	id: 'e2eFitbitPlusBad',
	name: 'Fitbit Plus Sandbox (wrong secret)',
	type: 'fitbitPlusApi',
} as const;

export const NODE_TYPE = 'n8n-nodes-fitbit-plus.fitbitPlus';
export const TRIGGER_TYPE = 'n8n-nodes-fitbit-plus.fitbitPlusTrigger';

export interface E2eState {
	n8nUrl: string;
	userFolder: string;
	logFile: string;
	owner: { email: string; password: string };
	sandbox: { url: string; baseUrl: string; clientId: string; clientSecret: string };
	/** `resource` option values of the loaded Fitbit Plus node (read at setup from /types/nodes.json). */
	resources: string[];
	/** The packed package the suite installed (for tests that build their own n8n user folder). */
	tarball: string;
	setupSeconds: Record<string, number>;
}

export function writeState(state: E2eState): void {
	fs.mkdirSync(E2E_DIR, { recursive: true });
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
}

export function readState(): E2eState {
	return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
}

export async function api(state = readState()): Promise<RestClient> {
	return login(state.n8nUrl, state.owner.email, state.owner.password);
}

export const sandboxAdmin = (state = readState()) => {
	const http = axios.create({ baseURL: `${state.sandbox.url}/__admin`, timeout: 30_000 });
	return {
		stats: async () =>
			(await http.get('/stats')).data as {
				requests: number;
				tokenExchanges: number;
				/** The grant type of each successful token exchange since the last reset. */
				tokenGrants: string[];
				violations: number;
				counts: Record<string, number>;
			},
		violations: async () => (await http.get('/violations')).data as unknown[],
		resetLog: async () => void (await http.post('/reset-log')),
		revokeTokens: async () => void (await http.post('/revoke-tokens')),
		expireTokens: async () => void (await http.post('/expire-tokens')),
		/** Spec violations of the requests since the last call (then clears the sandbox's request log). */
		takeViolations: async () => {
			const violations = (await http.get('/violations')).data as unknown[];
			await http.post('/reset-log');
			return violations;
		},
		ids: async () =>
			(await http.get('/ids')).data as { organization: string } & Record<string, string[]>,
		/** The ids of every record of a type the sandbox holds now (the seed's and those created since). */
		currentIds: async (type: string) => (await http.get(`/list/${type}`)).data.ids as string[],
		/** Inserts records as the API would create them (new, larger ids); returns them (ids and relationships). */
		insert: async (
			type: string,
			opts: {
				count?: number;
				attributes?: Record<string, unknown>;
				relationships?: Record<string, unknown>;
			} = {},
		) =>
			(await http.post(`/insert/${type}`, opts)).data.data as Array<{
				id: string;
				relationships?: Record<string, { data?: { id: string } | Array<{ id: string }> }>;
			}>,
		/** The request log (since the last reset): method, pathname, query, arrival time. */
		requests: async () =>
			(await http.get('/requests')).data as Array<{
				seq: number;
				method: string;
				pathname: string;
				query: Record<string, string | string[]>;
				at: number;
				status: number;
			}>,
	};
};

/** A relationship's id (to-one) or first id (to-many). */
export function relId(
	record: { relationships?: Record<string, { data?: { id: string } | Array<{ id: string }> }> },
	name: string,
): string {
	const data = record.relationships?.[name]?.data;
	const ref = Array.isArray(data) ? data[0] : data;
	if (!ref) throw new Error(`no ${name} relationship`);
	return ref.id;
}

/** A fresh n8n user folder under .n8n-e2e: the suite's package installed, the sandbox credential imported. */
export async function prepareUserFolder(name: string, state = readState()): Promise<string> {
	const userFolder = path.join(E2E_DIR, name);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder, state.tarball, { log: () => undefined });
	await importCredentials(userFolder, [
		{
			...CREDENTIAL,
			baseUrl: state.sandbox.baseUrl,
			clientId: state.sandbox.clientId,
			clientSecret: state.sandbox.clientSecret,
			allowHttp: true,
		},
	]);
	return userFolder;
}

/** `n8n publish:workflow --id=ID` for each (n8n 2.x: the workflow is activated when `n8n start` comes up). */
export async function publish(userFolder: string, ids: string[]): Promise<void> {
	for (const id of ids) {
		const r = await n8nCli(userFolder, ['publish:workflow', `--id=${id}`]);
		if (r.code !== 0)
			throw new Error(
				`publish:workflow --id=${id} failed (exit ${r.code}): ${r.stdout.slice(-800)} ${r.stderr.slice(-800)}`,
			);
	}
}

export interface TriggerWatch {
	/** Ids of the records each execution of the workflow emitted (trigger node output), oldest execution first. */
	emitted: string[][];
	/** Executions that did not succeed, with n8n's message. */
	failed: Array<{ id: string; status: string; message?: string }>;
}

/** What the workflow's executions emitted from its trigger node (by REST: list, then each execution's run data). */
export async function triggerEmissions(
	client: RestClient,
	workflowId: string,
	triggerNode: string,
): Promise<TriggerWatch> {
	const list = (await client.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
	const emitted: string[][] = [];
	const failed: TriggerWatch['failed'] = [];
	for (const e of list) {
		const detail = await client.execution(e.id);
		if (detail.status !== 'success')
			failed.push({ id: e.id, status: detail.status, message: detail.error?.message });
		if (detail.runData[triggerNode])
			emitted.push(runDataItems(detail.runData, triggerNode).map((i) => String(i.id)));
	}
	return { emitted, failed };
}

/** Waits until `check` returns a value (not undefined), polling every `everyMs`; undefined after `timeoutMs`. */
export async function waitFor<T>(
	check: () => Promise<T | undefined>,
	timeoutMs: number,
	everyMs = 1000,
): Promise<T | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) return undefined;
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** An example workflow (examples/*.json) pointed at the suite's sandbox: its ids replaced by the sandbox's. */
export function adaptExample(
	workflow: {
		nodes: Array<{
			name: string;
			type: string;
			parameters: Record<string, unknown>;
			credentials?: Record<string, unknown>;
		}>;
	},
	ids: { organization: string; groups?: string[]; patient?: string },
) {
	const copy = JSON.parse(JSON.stringify(workflow)) as typeof workflow;
	for (const node of copy.nodes) {
		if (node.credentials?.fitbitPlusApi)
			node.credentials.fitbitPlusApi = { id: CREDENTIAL.id, name: CREDENTIAL.name };
		const p = node.parameters;
		if (node.type === TRIGGER_TYPE) {
			if ('organization' in p) p.organization = ids.organization;
			if ('groups' in p && ids.groups) p.groups = ids.groups;
			if ('patient' in p && ids.patient) p.patient = { __rl: true, mode: 'id', value: ids.patient };
		}
		// The EMR sync example's organization and groups to match in (examples/emr-sync.json).
		if (node.type === NODE_TYPE && 'mrnOrganization' in p) p.mrnOrganization = ids.organization;
		if (node.type === NODE_TYPE && 'matchGroups' in p && ids.groups) p.matchGroups = ids.groups;
		if (
			node.type === NODE_TYPE &&
			p.filters &&
			typeof p.filters === 'object' &&
			'organization' in (p.filters as object)
		) {
			(p.filters as Record<string, unknown>).organization = ids.organization;
		}
	}
	return copy;
}

export function readExample(file: string) {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
}

export const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
export const e2eLog = (line: string) => process.stderr.write(`[e2e] ${line}\n`);

/** Manual Trigger → one Fitbit Plus node, using the sandbox credential. */
export function manualWorkflow(
	id: string,
	parameters: Record<string, unknown>,
	credentialId: string = CREDENTIAL.id,
) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			startNode(`${id}-t`),
			{
				id: `${id}-f`,
				name: 'Fitbit Plus',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: {
					fitbitPlusApi: {
						id: credentialId,
						name: credentialId === CREDENTIAL.id ? CREDENTIAL.name : WRONG_SECRET_CREDENTIAL.name,
					},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] } },
	};
}

/** Imports the workflow and runs it with `n8n execute --rawOutput`; returns the Fitbit Plus node's items. */
export async function runManual(
	id: string,
	parameters: Record<string, unknown>,
	credentialId?: string,
) {
	const state = readState();
	await importWorkflows(state.userFolder, [manualWorkflow(id, parameters, credentialId)]);
	return executeWorkflow(state.userFolder, id);
}

/** For assertions: how a CLI execution ended, with n8n's error message when it failed. */
export function outcome(result: {
	code: number | null;
	run?: unknown;
	stdout: string;
	stderr: string;
}) {
	if (result.code === 0 && result.run) return { code: 0, ran: true };
	const text = `${result.stdout}\n${result.stderr}`;
	const message =
		/"message": "([^"]*)"/.exec(text)?.[1] ??
		text
			.split('\n')
			.filter((l) => /error/i.test(l))
			.slice(0, 3)
			.join(' | ');
	return { code: result.code, ran: Boolean(result.run), error: message.slice(0, 500) };
}

/**
 * Creates a credential through n8n's REST API (a CLI import boots n8n, several seconds); returns its id. n8n
 * encrypts `data` as the editor's form would.
 */
export async function createCredential(
	client: RestClient,
	credential: { name: string; type: string; data: Record<string, unknown> },
): Promise<string> {
	const r = await client.http.post('/rest/credentials', credential);
	if (r.status !== 200) throw new Error(`POST /rest/credentials: HTTP ${r.status}`);
	return (r.data as { data: { id: string } }).data.id;
}

/** Creates a workflow (with its own `id`) through n8n's REST API; returns the version n8n saved. */
export async function createWorkflow(
	client: RestClient,
	workflow: { id: string; name: string; nodes: object[]; connections: object },
): Promise<{ id: string; versionId: string }> {
	const r = await client.http.post('/rest/workflows', workflow);
	if (r.status !== 200)
		throw new Error(
			`POST /rest/workflows: HTTP ${r.status} ${JSON.stringify(r.data).slice(0, 300)}`,
		);
	return (r.data as { data: { id: string; versionId: string } }).data;
}
