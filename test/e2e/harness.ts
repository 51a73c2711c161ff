/**
 * What the e2e global setup leaves for the test files (they run in another module registry, so they read
 * it from a file), and small helpers over the sandbox's /__admin routes and n8n's CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import { REPO_ROOT, executeWorkflow, importWorkflows, login, type RestClient } from '../../scripts/n8n-runtime';

export const E2E_DIR = path.join(REPO_ROOT, '.n8n-e2e');
const STATE_FILE = path.join(E2E_DIR, 'state.json');

/** Credential ids the setup imports (n8n credential ids are free strings). */
export const CREDENTIAL = { id: 'e2eFitbitPlusOk1', name: 'Fitbit Plus Sandbox', type: 'fitbitPlusApi' } as const;
export const WRONG_SECRET_CREDENTIAL = { id: 'e2eFitbitPlusBad', name: 'Fitbit Plus Sandbox (wrong secret)', type: 'fitbitPlusApi' } as const;

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
		stats: async () => (await http.get('/stats')).data as { requests: number; tokenExchanges: number; violations: number; counts: Record<string, number> },
		violations: async () => (await http.get('/violations')).data as unknown[],
		resetLog: async () => void (await http.post('/reset-log')),
		/** Spec violations of the requests since the last call (then clears the sandbox's request log). */
		takeViolations: async () => {
			const violations = (await http.get('/violations')).data as unknown[];
			await http.post('/reset-log');
			return violations;
		},
		ids: async () => (await http.get('/ids')).data as { organization: string } & Record<string, string[]>,
	};
};

/** Manual Trigger → one Fitbit Plus node, using the sandbox credential. */
export function manualWorkflow(id: string, parameters: Record<string, unknown>, credentialId: string = CREDENTIAL.id) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-t`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-f`,
				name: 'Fitbit Plus',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { fitbitPlusApi: { id: credentialId, name: credentialId === CREDENTIAL.id ? CREDENTIAL.name : WRONG_SECRET_CREDENTIAL.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] } },
	};
}

/** Imports the workflow and runs it with `n8n execute --rawOutput`; returns the Fitbit Plus node's items. */
export async function runManual(id: string, parameters: Record<string, unknown>, credentialId?: string) {
	const state = readState();
	await importWorkflows(state.userFolder, [manualWorkflow(id, parameters, credentialId)]);
	return executeWorkflow(state.userFolder, id);
}

/** For assertions: how a CLI execution ended, with n8n's error message when it failed. */
export function outcome(result: { code: number | null; run?: unknown; stdout: string; stderr: string }) {
	if (result.code === 0 && result.run) return { code: 0, ran: true };
	const text = `${result.stdout}\n${result.stderr}`;
	const message = /"message": "([^"]*)"/.exec(text)?.[1] ?? text.split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join(' | ');
	return { code: result.code, ran: Boolean(result.run), error: message.slice(0, 500) };
}
