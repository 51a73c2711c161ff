/**
 * n8n's REST API as the editor uses it.
 *
 * `POST /rest/owner/setup` (no auth, only while no owner exists) creates the owner and sets the `n8n-auth` cookie;
 * `POST /rest/login {emailOrLdapLoginId, password}` logs in. Every authenticated call must send the same
 * `browser-id` header that was sent at login (the cookie's JWT is bound to it). `/types/nodes.json` and
 * `/types/credentials.json` (authenticated) list every loaded node / credential type; n8n adds a `<node>Tool`
 * variant of every node marked `usableAsTool` (here `…fitbitPlusTool`). `POST /rest/credentials/test
 * {credentials: {id, name, type, data}}` tests a stored credential the user can read, with exactly the `data` sent
 * (only redacted secrets are taken back from the database, as for the editor's form), and answers
 * `{data: {status: 'OK'|'Error', message}}`.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import axios, { type AxiosInstance } from 'axios';

import { DEMO_OWNER, TOOL_MODULES } from './common';

export interface RestClient {
	http: AxiosInstance;
	/** Node type names loaded by n8n, e.g. `n8n-nodes-fitbit-plus.fitbitPlus`. */
	nodeTypes(): Promise<Array<{ name: string; version: number | number[]; displayName: string }>>;
	/** Credential type names loaded by n8n, e.g. `fitbitPlusApi`. */
	credentialTypes(): Promise<Array<{ name: string; displayName: string }>>;
	/**
	 * Tests a stored credential as the editor's "Test" button does: reads it (`GET /rest/credentials/:id?includeData=true`,
	 * secrets redacted), applies `overrides`, and posts the whole form to `/rest/credentials/test` (n8n puts the
	 * redacted secrets back from the database).
	 */
	testCredential(
		id: string,
		overrides?: Record<string, unknown>,
	): Promise<{ status: 'OK' | 'Error'; message: string }>;
	/** `GET /rest/workflows/:id`: whether it is active (published) in this instance. */
	workflow(
		id: string,
	): Promise<{ id: string; name: string; active: boolean; activeVersionId?: string | null }>;
	/** `GET /rest/executions?filter={"workflowId"}`: the workflow's executions, newest first (no run data). */
	executions(workflowId: string): Promise<ExecutionSummary[]>;
	/** `GET /rest/executions/:id`: one execution with its run data (n8n stores it `flatted`; parsed here). */
	execution(id: string): Promise<ExecutionDetail>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

export interface ExecutionDetail extends ExecutionSummary {
	runData: RunData;
	error?: { message?: string };
}

export type RunData = Record<
	string,
	Array<{
		data?: { main?: Array<Array<{ json: Record<string, unknown>; error?: unknown }> | null> };
		error?: unknown;
	}>
>;

/** n8n's own `flatted` (the format of stored run data is n8n's; resolved from its install). */
function parseFlatted(text: string): unknown {
	const req = createRequire(path.join(TOOL_MODULES, 'n8n', 'package.json'));
	return (req('flatted') as { parse(t: string): unknown }).parse(text);
}

/** Output items (json) of one node in stored run data (last run of the node). */
export function runDataItems(
	runData: RunData,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = runData[nodeName];
	if (!runs)
		throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((i) => i.json);
}

function restClient(baseUrl: string, cookie: string, browserId: string): RestClient {
	const http = axios.create({
		baseURL: baseUrl,
		headers: { cookie, 'browser-id': browserId },
		timeout: 60_000,
		validateStatus: () => true,
	});
	const ok = <T>(r: { status: number; data: T }, what: string): T => {
		if (r.status >= 300)
			throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.data).slice(0, 500)}`);
		return r.data;
	};
	return {
		http,
		async nodeTypes() {
			return ok(await http.get('/types/nodes.json'), 'GET /types/nodes.json') as never;
		},
		async credentialTypes() {
			return ok(await http.get('/types/credentials.json'), 'GET /types/credentials.json') as never;
		},
		async testCredential(id, overrides = {}) {
			const stored = ok(
				await http.get(`/rest/credentials/${encodeURIComponent(id)}`, {
					params: { includeData: true },
				}),
				'GET /rest/credentials/:id',
			) as {
				data: { id: string; name: string; type: string; data?: Record<string, unknown> };
			};
			const { name, type, data = {} } = stored.data;
			const body = { credentials: { id, name, type, data: { ...data, ...overrides } } };
			const result = ok(
				await http.post('/rest/credentials/test', body),
				'POST /rest/credentials/test',
			) as { data: { status: 'OK' | 'Error'; message: string } };
			return result.data;
		},
		async workflow(id) {
			return (
				ok(
					await http.get(`/rest/workflows/${encodeURIComponent(id)}`),
					'GET /rest/workflows/:id',
				) as { data: never }
			).data;
		},
		async executions(workflowId) {
			const r = ok(
				await http.get('/rest/executions', {
					params: { filter: JSON.stringify({ workflowId }), limit: 100 },
				}),
				'GET /rest/executions',
			) as { data: { results: Array<ExecutionSummary & { id: string | number }> } };
			return r.data.results.map((e) => ({
				id: String(e.id),
				status: e.status,
				mode: e.mode,
				startedAt: e.startedAt,
				stoppedAt: e.stoppedAt,
			}));
		},
		async execution(id) {
			const r = ok(
				await http.get(`/rest/executions/${encodeURIComponent(id)}`),
				'GET /rest/executions/:id',
			) as {
				data: ExecutionSummary & { id: string | number; data: string | object };
			};
			const { data, ...rest } = r.data;
			const run = (typeof data === 'string' ? parseFlatted(data) : data) as {
				resultData?: { runData?: RunData; error?: { message?: string } };
			};
			return {
				...rest,
				id: String(rest.id),
				runData: run?.resultData?.runData ?? {},
				error: run?.resultData?.error,
			};
		},
	};
}

function authCookie(setCookie: string[] | undefined): string {
	const c = (setCookie ?? []).map((s) => s.split(';')[0]).find((s) => s.startsWith('n8n-auth='));
	if (!c) throw new Error('no n8n-auth cookie in the answer');
	return c;
}

/** Creates the instance owner (only possible once, while none exists) and returns a logged-in client. */
export async function setupOwner(url: string, owner = DEMO_OWNER): Promise<RestClient> {
	const browserId = crypto.randomUUID();
	const r = await axios.post(`${url}/rest/owner/setup`, owner, {
		headers: { 'browser-id': browserId },
		validateStatus: () => true,
	});
	if (r.status !== 200)
		throw new Error(
			`POST /rest/owner/setup: HTTP ${r.status} ${JSON.stringify(r.data).slice(0, 300)}`,
		);
	return restClient(url, authCookie(r.headers['set-cookie']), browserId);
}

export async function login(
	url: string,
	email = DEMO_OWNER.email,
	password = DEMO_OWNER.password,
): Promise<RestClient> {
	const browserId = crypto.randomUUID();
	// n8n allows 5 logins a minute per email: the suite's files sign in one after another, so a 429 waits.
	const deadline = Date.now() + 90_000;
	let r = await postLogin(url, email, password, browserId);
	while (r.status === 429 && Date.now() < deadline) {
		const seconds = Number(r.headers['retry-after']) || 10;
		await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 30) * 1000));
		r = await postLogin(url, email, password, browserId);
	}
	if (r.status !== 200) throw new Error(`POST /rest/login: HTTP ${r.status}`);
	return restClient(url, authCookie(r.headers['set-cookie']), browserId);
}

/** Owner set up already? (`GET /rest/settings` → userManagement.showSetupOnFirstLoad) */
export async function needsOwnerSetup(url: string): Promise<boolean> {
	const r = await axios.get(`${url}/rest/settings`);
	return Boolean(r.data?.data?.userManagement?.showSetupOnFirstLoad);
}

function postLogin(url: string, email: string, password: string, browserId: string) {
	return axios.post(
		`${url}/rest/login`,
		{ emailOrLdapLoginId: email, password },
		{
			headers: { 'browser-id': browserId },
			validateStatus: () => true,
			// A fresh connection: a kept-alive one from the suite's setup may have been closed by n8n while this
			// process was busy (compiling a test file), and reusing it fails with "socket hang up".
			httpAgent: new http.Agent({ keepAlive: false }),
		},
	);
}
