/**
 * CPU per 1,000 items of benchmark 3 (Get Patient per item): our node vs n8n's HTTP Request node, each in a fresh
 * child, measured with process.cpuUsage() (wall time is noise on a shared machine).
 * npx tsx bench/cpuProbe.ts [ours|ours:<concurrency>|http ...] [--rounds=N]; PROBE_PROF=<dir> writes a --cpu-prof
 * profile per child, PROBE_N=<items> (default 1,000), PROBE_DELAY=<ms> answers every patient read after that delay.
 * Variants joined by commas (`ours:16,ours:100,http`) share one child and take turns each round: on a shared machine
 * the load swings within seconds, so only such paired rounds compare variants (separate children differ by ±30%).
 * Prints per round: CPU per 1,000 items, items/s, utilisation (CPU time / wall time; above 1 = GC threads), and the
 * main thread's GC pauses per 1,000 items.
 */
import { fork } from 'node:child_process';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../test/sandbox';
import { delayPatientReads, fetchToken, JSON_API_MEDIA_TYPE } from './lib/admin';
import { BenchEngine } from './lib/engine';
import type { SandboxRef } from './lib/protocol';

interface ProbeTask {
	variants: string[];
	sandbox: SandboxRef;
	ids: string[];
	rounds: number;
}

async function child(task: ProbeTask): Promise<unknown> {
	const { sandbox, ids, variants } = task;
	const engine = new BenchEngine({
		baseUrl: sandbox.baseUrl,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		allowHttp: true,
	});
	const items = ids.map((id) => ({ id }));
	const token = variants.includes('http') ? await fetchToken(sandbox) : '';
	const run = async (variant: string, input: IDataObject[]) => {
		const node =
			variant === 'http'
				? engine.httpNode('HTTP Request', {
						method: 'GET',
						url: `={{ '${sandbox.baseUrl}/patient/' + $json.id }}`,
						sendHeaders: true,
						headerParameters: {
							parameters: [
								{ name: 'Authorization', value: `Bearer ${token}` },
								{ name: 'Accept', value: JSON_API_MEDIA_TYPE },
							],
						},
						options: { response: { response: { responseFormat: 'json' } } },
					})
				: engine.fitbitNode('Fitbit Plus', {
						resource: 'patient',
						operation: 'get',
						patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						...(variant.startsWith('ours:')
							? { requestOptions: { concurrency: Number(variant.slice(5)) } }
							: {}),
					});
		const { output, error } = await engine.runWorkflow([node], {}, input);
		if (error) throw error;
		return output[node.name].length;
	};
	for (const variant of variants) await run(variant, items.slice(0, 50));
	let gcMs = 0;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) gcMs += entry.duration;
	}).observe({ entryTypes: ['gc'] });
	const rounds: Record<string, unknown[]> = {};
	for (let r = 0; r < task.rounds; r++) {
		// The order turns each round, so that no variant always runs right after the same one.
		for (let v = 0; v < variants.length; v++) {
			const variant = variants[(v + r) % variants.length];
			gcMs = 0;
			const cpu = process.cpuUsage();
			const started = performance.now();
			const n = await run(variant, items);
			const ms = performance.now() - started;
			const used = process.cpuUsage(cpu);
			(rounds[variant] ??= []).push({
				n,
				utilisation: (used.user + used.system) / 1000 / ms,
				cpuMsPer1000: ((used.user + used.system) / 1000 / items.length) * 1000,
				itemsPerS: (items.length / ms) * 1000,
				gcMsPer1000: (gcMs / items.length) * 1000,
			});
		}
	}
	return rounds;
}

const ITEMS = Number(process.env.PROBE_N ?? 1000);

async function parent(): Promise<void> {
	const variants = process.argv.slice(2).filter((a) => !a.startsWith('--'));
	const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
	const sandbox = await startSandbox({ seed: 2, sizes: { patients: Math.max(ITEMS, 1000) } });
	if (process.env.PROBE_DELAY) delayPatientReads(sandbox, Number(process.env.PROBE_DELAY));
	const ref: SandboxRef = {
		url: sandbox.url,
		baseUrl: sandbox.baseUrl,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		organization: sandbox.ids.organization,
	};
	try {
		for (const group of variants.length ? variants : ['ours', 'http']) {
			const execArgv = [...process.execArgv];
			if (process.env.PROBE_PROF)
				execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.PROBE_PROF}`);
			const result = await new Promise((resolve) => {
				const proc = fork(__filename, ['--child'], { execArgv });
				proc.once('message', resolve);
				proc.send({
					variants: group.split(','),
					sandbox: ref,
					ids: sandbox.ids.patients.slice(0, ITEMS),
					rounds,
				});
			});
			for (const [variant, perRound] of Object.entries(result as Record<string, unknown>))
				console.log(variant, JSON.stringify(perRound));
		}
	} finally {
		await sandbox.close();
	}
}

if (process.argv.includes('--child')) {
	process.once('message', (task: ProbeTask) => {
		child(task)
			.catch((error: unknown) => ({ error: String(error) }))
			.then((result) => process.send!(result, undefined, {}, () => process.exit(0)));
	});
} else void parent();
