/**
 * Forks bench/worker.ts for one Task (same Node, same tsx loader) and waits for its one answer. The worker's own
 * output (n8n logs errors to the console) is kept back; only a redacted tail is shown if the worker fails.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';

import type { Task, TaskResult } from './protocol';

const WORKER = path.resolve(__dirname, '..', 'worker.ts');

const redact = (text: string) => text.replace(/[0-9a-f]{32,}/gi, '[redacted]');

/** Runs `task` in a fresh worker; a worker that dies without answering is started once more. */
export async function runInChild<R extends TaskResult>(
	task: Task,
	timeoutMs = 300_000,
): Promise<R & { error?: string }> {
	const first = await runOnce<R>(task, timeoutMs);
	if (!first.error?.includes('without a result')) return first;
	process.stderr.write(`  worker ${task.kind} died (${first.error}); running it again\n`);
	const second = await runOnce<R>(task, timeoutMs);
	return second.error
		? { ...second, error: `${second.error} (twice; first: ${first.error})` }
		: second;
}

function runOnce<R extends TaskResult>(
	task: Task,
	timeoutMs: number,
): Promise<R & { error?: string }> {
	return new Promise((resolve) => {
		// execArgv: the tsx loader the orchestrator runs under.
		const child = fork(WORKER, [], {
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			execArgv: process.execArgv,
		});
		let tail = '';
		const keep = (chunk: Buffer) => {
			tail = (tail + chunk.toString('utf8')).slice(-4000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		let settled = false;
		const finish = (result: R & { error?: string }) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (result.error && process.env.BENCH_DEBUG)
				process.stderr.write(`worker output (tail):\n${redact(tail)}\n`);
			resolve(result);
		};
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			finish({ error: `timed out after ${Math.round(timeoutMs / 1000)} s` } as R & {
				error?: string;
			});
		}, timeoutMs);
		child.once('message', (result) => finish(result as R & { error?: string }));
		child.once('exit', (code, signal) => {
			// The first error line of its output, if any: a message, not data (and token-like strings blanked).
			const line = redact(tail)
				.split('\n')
				.find((l) => /Error|heap|memory/i.test(l))
				?.trim()
				.slice(0, 200);
			finish({
				error: `worker exited (${signal ?? `code ${code}`}) without a result${line ? `: ${line}` : ''}`,
			} as R & { error?: string });
		});
		child.send(task);
	});
}
