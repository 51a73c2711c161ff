/**
 * The n8n CLI (the runtime's Node: tools/n8n by default) against a user folder: import credentials and workflows, execute a workflow.
 *
 * The CLI prints its results through the logger at info level (`execute --rawOutput` too): N8N_LOG_LEVEL=warn
 * silences them. Each CLI call boots n8n: 4-10 s here (2 CPUs), more while a server runs beside it. Credentials and
 * workflows imported before an owner exists belong to the "shell" owner that `/rest/owner/setup` turns into the
 * real owner. Two n8n processes at once (server + CLI, main + workers) need different N8N_RUNNERS_BROKER_PORTs.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, N8N_RUNTIME, type N8nRuntime } from './common';

export type N8nLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The environment every n8n process of ours gets: user folder, no phoning home, quiet. */
export function n8nEnv(
	userFolder: string,
	extra: NodeJS.ProcessEnv = {},
	logLevel: N8nLogLevel = 'info',
	runtime: N8nRuntime = N8N_RUNTIME,
): NodeJS.ProcessEnv {
	const base: NodeJS.ProcessEnv = {};
	// Inherit the machine's environment, but none of the caller's own N8N_* / DB_* / QUEUE_* settings.
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_|WEBHOOK_URL)/.test(k)) base[k] = v;
	}
	return {
		...base,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		GENERIC_TIMEZONE: 'UTC',
		NODE_ENV: 'production',
		...extra,
	};
}

/** Which n8n install runs a CLI call (default tools/n8n, n8n 2.41.1). */
export interface CliOptions {
	runtime?: N8nRuntime;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs the n8n CLI (`import:credentials`, `import:workflow`, `execute --id=ID --rawOutput`, `publish:workflow`…)
 * with the runtime's Node (default tools/n8n) against a user folder. Gets its own task-runner broker port, so it
 * can run beside a server.
 */
export async function n8nCli(
	userFolder: string,
	args: string[],
	opts: CliOptions & { env?: NodeJS.ProcessEnv; logLevel?: N8nLogLevel; timeoutMs?: number } = {},
): Promise<CliResult> {
	const runtime = opts.runtime ?? N8N_RUNTIME;
	// 'info' at least: the CLI prints its results (e.g. execute's JSON) through the logger at info level.
	const env = n8nEnv(
		userFolder,
		{ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env },
		opts.logLevel ?? 'info',
		runtime,
	);
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.node, [runtime.n8nBin, ...args], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d) => (stdout += d));
		child.stderr!.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

async function cliOk(
	userFolder: string,
	args: string[],
	label: string,
	opts: CliOptions,
): Promise<CliResult> {
	const r = await n8nCli(userFolder, args, opts);
	if (r.code !== 0)
		throw new Error(
			`n8n ${label} failed (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
		);
	return r;
}

export interface FitbitPlusCredentialInput {
	id: string;
	name?: string;
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	allowHttp?: boolean;
}

/** Imports `fitbitPlusApi` credentials (plain data; n8n encrypts it on import). Secrets go through a 0600 temp file. */
export async function importCredentials(
	userFolder: string,
	creds: FitbitPlusCredentialInput[],
	opts: CliOptions = {},
): Promise<void> {
	await importCredentialObjects(userFolder, creds.map(fitbitPlusCredential), opts);
}

export interface CredentialObject {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A `fitbitPlusApi` credential as `import:credentials` reads it. */
export function fitbitPlusCredential(c: FitbitPlusCredentialInput): CredentialObject {
	return {
		id: c.id,
		name: c.name ?? 'Fitbit Plus Sandbox',
		type: 'fitbitPlusApi',
		data: {
			baseUrl: c.baseUrl,
			clientId: c.clientId,
			clientSecret: c.clientSecret,
			...(c.allowHttp ? { allowHttp: true } : {}),
		},
	};
}

/** Imports credentials of any type (e.g. `httpBearerAuth` for an MCP Server Trigger), through a 0600 temp file. */
export async function importCredentialObjects(
	userFolder: string,
	list: CredentialObject[],
	opts: CliOptions = {},
): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cred-'));
	const file = path.join(dir, 'credentials.json');
	try {
		fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
		await cliOk(userFolder, ['import:credentials', `--input=${file}`], 'import:credentials', opts);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** A Manual Trigger node named Start (workflows run by `n8n execute` begin with one). */
export function startNode(id: string, position: [number, number] = [0, 0]) {
	return {
		id,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

/** Imports workflow objects (each needs an `id`; n8n 2.x workflow ids are strings of up to 36 chars). */
export async function importWorkflows(
	userFolder: string,
	workflows: object[],
	opts: CliOptions = {},
): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wf-'));
	try {
		const file = path.join(dir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows));
		await cliOk(userFolder, ['import:workflow', `--input=${file}`], 'import:workflow', opts);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Imports workflow JSON files (e.g. examples/*.json). */
export async function importWorkflowFiles(
	userFolder: string,
	files: string[],
	opts: CliOptions = {},
): Promise<void> {
	await importWorkflows(
		userFolder,
		files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))),
		opts,
	);
}

export interface ExecuteResult extends CliResult {
	/** The run's JSON (`IRun`) when the execution succeeded. */
	run?: {
		finished?: boolean;
		status?: string;
		data: {
			resultData: {
				runData: Record<
					string,
					Array<{
						data?: { main?: Array<Array<{ json: Record<string, unknown> }>> };
						error?: unknown;
					}>
				>;
				error?: unknown;
				lastNodeExecuted?: string;
			};
		};
	};
}

/** `n8n execute --id=ID --rawOutput`; parses the run. */
export async function executeWorkflow(
	userFolder: string,
	workflowId: string,
	opts: CliOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<ExecuteResult> {
	const r = await n8nCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
	// The run is printed as JSON.stringify(run, null, 2) among other log lines: from a line "{" to a line "}".
	const lines = r.stdout.split('\n');
	const from = lines.indexOf('{');
	const to = from >= 0 ? lines.indexOf('}', from) : -1;
	let run: ExecuteResult['run'];
	if (r.code === 0 && from >= 0 && to > from)
		run = JSON.parse(lines.slice(from, to + 1).join('\n'));
	return { ...r, run };
}

/** Output items (json) of one node in a run. */
export function nodeOutput(
	run: NonNullable<ExecuteResult['run']>,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`,
		);
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((i) => i.json);
}
