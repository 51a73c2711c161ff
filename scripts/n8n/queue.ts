/**
 * Queue mode: redis + main + workers. Env names in n8n 2.41.1: EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST /
 * QUEUE_BULL_REDIS_PORT; worker health: QUEUE_HEALTH_CHECK_ACTIVE + QUEUE_HEALTH_CHECK_PORT (`/healthz`).
 * `n8n execute` ignores queue mode; a published webhook workflow is a simple way to send work to the workers.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { freePort, tail } from './common';
import { type N8nLogLevel } from './cli';
import { ensureEncryptionKey } from './package';
import { startN8n, type N8nHandle } from './server';

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
