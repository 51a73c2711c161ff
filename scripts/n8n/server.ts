/**
 * `n8n start` (or `n8n worker`) as a child process, stopped with the caller.
 *
 * Start-up: `/healthz` answers 200 before n8n is ready (every path answers "n8n is starting up"), so startN8n()
 * waits for `/rest/settings`. A package that fails to load is logged at error level (see loaderProblems()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';

import { freePort, N8N_RUNTIME, tail, type N8nRuntime } from './common';
import { n8nEnv, type N8nLogLevel } from './cli';

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

function spawnN8n(
	runtime: N8nRuntime,
	command: string[],
	userFolder: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(runtime.node, [runtime.n8nBin, ...command], {
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
	/** Which n8n install (default tools/n8n, n8n 2.41.1). */
	runtime?: N8nRuntime;
}

/** Starts `n8n start` (with the runtime's Node) and waits until it is up (health, then the REST API). */
export async function startN8n(opts: StartN8nOptions): Promise<N8nHandle> {
	const runtime = opts.runtime ?? N8N_RUNTIME;
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
		runtime,
	);
	const { child, stop } = spawnN8n(
		runtime,
		opts.command ?? ['start'],
		opts.userFolder,
		env,
		logFile,
	);
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
