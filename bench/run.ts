/**
 * npm run bench [-- --quick] [-- --rounds=N] [-- --only=getMany,tokens,perItem,batch,trigger,package,n8n]
 *
 * Our node side by side with a raw HTTP loop (the floor) and n8n's HTTP Request node (what users do without us),
 * against the sandbox on this machine, in one run. Every measurement runs in its own child process
 * (bench/worker.ts), so its peak RSS is its own; the sandboxes live in this process, which only waits meanwhile.
 * Prints a markdown table and writes bench/results/latest.json and bench/results/chart.svg.
 * Never prints record contents, secrets or tokens: only counts, sizes and timings.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureN8n } from '../scripts/n8n-runtime';
import { DEFAULT_OVERLAP_SECONDS } from '../nodes/FitbitPlusTrigger/state';
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../test/sandbox';
import { startSandbox } from '../test/sandbox';
import { API_LATENCY_MS, delayPatientReads, refOf } from './lib/admin';
import { runInChild } from './lib/child';
import { realN8nRows } from './realN8n';
import { triggerStateRows } from './triggerState';
import type {
	BatchCreateResult,
	CollectionSpec,
	GetManyResult,
	GetManyVariant,
	PerItemResult,
	SandboxRef,
	TokensResult,
	TriggerResult,
	Variant,
} from './lib/protocol';
import type { ChartPanel, Row } from './lib/report';
import {
	fmtInt,
	fmtMB,
	fmtMs,
	fmtRatio,
	markdownTable,
	median,
	status,
	svgChart,
} from './lib/report';

const REPO = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const PAGE = 50;

// ---------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const flagValue = (name: string) => flag(name)?.split('=')[1];
const QUICK = !!flag('quick');
const ROUNDS = Math.max(
	1,
	Number(flagValue('rounds') ?? process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3)) || 3,
);
const ONLY = new Set((flagValue('only') ?? '').split(',').filter(Boolean));
const runs = (part: string) => ONLY.size === 0 || ONLY.has(part);

const SIZES = flagValue('sizes')
	?.split(',')
	.map(Number)
	.filter((n) => n > 0);
const GET_MANY_SIZES = SIZES ?? (QUICK ? [1_000, 5_000] : [10_000, 100_000]);
const TRIGGER_SIZES = QUICK ? [1_000, 5_000] : [1_000, 10_000, 100_000];
const TRIGGER_KS = [1, 50, 500];
const TRIGGER_OVERLAP_S = DEFAULT_OVERLAP_SECONDS;
const TOKEN_EXECUTIONS = QUICK ? 20 : 100;
const PER_ITEM = QUICK ? 200 : 1_000;
const BATCH_ITEMS = QUICK ? 1_000 : 10_000;
const GET_MANY_VARIANTS: GetManyVariant[] = ['ours', 'helper', 'raw', 'http'];

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => process.stderr.write(`[bench ${elapsed()}] ${line}\n`);

// ---------------------------------------------------------------------------------------------------------
// What exists yet
// ---------------------------------------------------------------------------------------------------------

/** Whether the node has `resource`/`operation` wired in (the bench measures only what exists). */
function hasOperation(resource: string, operation: string): boolean {
	try {
		const { resources } =
			require('../nodes/FitbitPlus/actions/resources') as typeof import('../nodes/FitbitPlus/actions/resources');
		const { findOperation } =
			require('../nodes/FitbitPlus/helpers/resource') as typeof import('../nodes/FitbitPlus/helpers/resource');
		return findOperation(resources[resource], operation) !== undefined;
	} catch {
		return false;
	}
}

function hasTriggerEvent(event: string): boolean {
	try {
		const { EVENTS } = require('../nodes/FitbitPlusTrigger/events') as {
			EVENTS: Record<string, unknown>;
		};
		return !!EVENTS[event];
	} catch {
		return false;
	}
}

function defaultBatchSize(): number {
	try {
		return (require('../nodes/FitbitPlus/helpers/batch') as { DEFAULT_BATCH_SIZE: number })
			.DEFAULT_BATCH_SIZE;
	} catch {
		return 100;
	}
}

const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length]);
const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

// ---------------------------------------------------------------------------------------------------------
// Report state
// ---------------------------------------------------------------------------------------------------------

const rows: Row[] = [];
const notAvailable: string[] = [];
const results: Record<string, unknown> = {};
const chart: { n: number; requests: Record<Variant, number>; ms: Record<Variant, number> }[] = [];

function unavailable(section: string, why: string) {
	notAvailable.push(`${section}: ${why}`);
	rows.push({
		section,
		measure: `not available: ${why}`,
		ours: '—',
		raw: '—',
		http: '—',
		figure: '—',
		goal: '—',
		status: 'n/a',
	});
}

// ---------------------------------------------------------------------------------------------------------
// 1. Get Many, Return All
// ---------------------------------------------------------------------------------------------------------

function pickCollection(sandbox: Sandbox, name: 'patient' | 'group'): CollectionSpec {
	const organization = sandbox.ids.organization;
	return name === 'patient'
		? {
				name: 'patient',
				path: '/patient',
				query: { 'filter[organization]': organization },
				params: {
					resource: 'patient',
					operation: 'getAll',
					returnAll: true,
					filters: { organization },
				},
			}
		: {
				name: 'group',
				path: '/group',
				query: { 'filter[organization]': organization },
				params: {
					resource: 'group',
					operation: 'getAll',
					returnAll: true,
					filters: { organization },
				},
			};
}

async function getManyPart(): Promise<void> {
	const collectionName = hasOperation('patient', 'getAll')
		? 'patient'
		: hasOperation('group', 'getAll')
			? 'group'
			: undefined;
	if (!collectionName)
		return unavailable('1. Get Many', 'no Get Many operation (patient or group) in the node yet');
	const perSize: Record<string, unknown> = {};
	for (const n of GET_MANY_SIZES) {
		const section = `1. Get Many ${collectionName}, Return All, N=${fmtInt(n)}`;
		const sandbox = await startSandbox({
			seed: 1,
			sizes: collectionName === 'patient' ? { patients: n } : { groups: n },
		});
		const collection = pickCollection(sandbox, collectionName);
		const byVariant: Record<GetManyVariant, GetManyResult[]> = {
			ours: [],
			helper: [],
			raw: [],
			http: [],
		};
		const errors: string[] = [];
		try {
			for (let round = 0; round < ROUNDS; round++) {
				for (const variant of rotate(GET_MANY_VARIANTS, round)) {
					log(`Get Many N=${n} round ${round + 1}/${ROUNDS}: ${variant}`);
					const result = await runInChild<GetManyResult>({
						kind: 'getMany',
						variant,
						sandbox: refOf(sandbox),
						collection,
					});
					if (result.error) errors.push(`${variant}: ${result.error}`);
					else byVariant[variant].push(result);
				}
			}
		} finally {
			await sandbox.close();
		}
		perSize[n] = { collection: collectionName, rounds: byVariant, errors };
		const goalRequests = ceilDiv(n, PAGE);
		const med = (v: GetManyVariant, f: (r: GetManyResult) => number) => median(byVariant[v].map(f));
		const req = (v: GetManyVariant) => med(v, (r) => r.requests.api);
		const ms = (v: GetManyVariant) => med(v, (r) => r.ms);
		const growth = (r: GetManyResult) => r.peakRss - r.rssBefore;
		// Ratios per round (same round = same machine state), then their median.
		const ratio = (a: GetManyVariant, b: GetManyVariant) => {
			const k = Math.min(byVariant[a].length, byVariant[b].length);
			return median(Array.from({ length: k }, (_, i) => byVariant[a][i].ms / byVariant[b][i].ms));
		};
		const show = (v: GetManyVariant, f: (v: GetManyVariant) => string) =>
			byVariant[v].length ? f(v) : 'failed';
		if (errors.length) notAvailable.push(`${section}: ${errors.join('; ')}`);
		const complete = (v: GetManyVariant) =>
			byVariant[v].length > 0 && byVariant[v].every((r) => r.records === n);
		rows.push({
			section,
			measure: 'requests (records read)',
			ours: show('ours', (v) => `${fmtInt(req(v))} (${fmtInt(med(v, (r) => r.records))})`),
			raw: show('raw', (v) => `${fmtInt(req(v))} (${fmtInt(med(v, (r) => r.records))})`),
			http: show('http', (v) => `${fmtInt(req(v))} (${fmtInt(med(v, (r) => r.records))})`),
			figure: fmtInt(req('ours')),
			goal: `= ⌈N/${PAGE}⌉ = ${fmtInt(goalRequests)}, all N records`,
			status: byVariant.ours.length
				? status(req('ours') === goalRequests && complete('ours'))
				: 'n/a',
		});
		rows.push({
			section,
			measure: `wall time (median of ${ROUNDS})`,
			ours: show('ours', (v) => fmtMs(ms(v))),
			raw: show('raw', (v) => fmtMs(ms(v))),
			http: show('http', (v) => fmtMs(ms(v))),
			figure: `${fmtRatio(ratio('ours', 'raw'))} raw`,
			goal: '≤ 1.15× raw loop',
			status:
				byVariant.ours.length && byVariant.raw.length
					? status(ratio('ours', 'raw') <= 1.15)
					: 'n/a',
		});
		rows.push({
			section,
			measure: "wall time vs the helper-floor loop (n8n's request helper in a minimal node)",
			ours: '',
			raw: show('helper', (v) => `helper loop ${fmtMs(ms(v))}`),
			http: '',
			figure: `${fmtRatio(ratio('ours', 'helper'))} helper loop`,
			goal: '≤ 1.05× helper-floor loop',
			status:
				byVariant.ours.length && byVariant.helper.length
					? status(ratio('ours', 'helper') <= 1.05)
					: 'n/a',
		});
		const cpuRatio = (a: GetManyVariant, b: GetManyVariant) => {
			const k = Math.min(byVariant[a].length, byVariant[b].length);
			return median(
				Array.from({ length: k }, (_, i) => byVariant[a][i].cpuMs / byVariant[b][i].cpuMs),
			);
		};
		rows.push({
			section,
			measure:
				"CPU time of the worker vs the helper-floor loop (the wall-time goal's less noisy twin)",
			ours: show('ours', (v) => fmtMs(med(v, (r) => r.cpuMs))),
			raw: show('helper', (v) => `helper loop ${fmtMs(med(v, (r) => r.cpuMs))}`),
			http: '',
			figure: `${fmtRatio(cpuRatio('ours', 'helper'))} helper loop`,
			goal: '—',
			status: 'info',
		});
		rows.push({
			section,
			measure: 'wall time vs HTTP Request node',
			ours: '',
			raw: '',
			http: '',
			figure: `${fmtRatio(ratio('ours', 'http'))} HTTP node`,
			goal: '≤ 1.00× HTTP Request node',
			status:
				byVariant.ours.length && byVariant.http.length ? status(ratio('ours', 'http') <= 1) : 'n/a',
		});
		const growthRatio = med('ours', (r) => growth(r) / r.outputBytes);
		rows.push({
			section,
			measure: 'peak RSS growth (output JSON size)',
			ours: show(
				'ours',
				(v) => `${fmtMB(med(v, growth))} (${fmtMB(med(v, (r) => r.outputBytes))})`,
			),
			raw: `${show('raw', (v) => `${fmtMB(med(v, growth))} (${fmtMB(med(v, (r) => r.outputBytes))})`)}; helper loop ${show('helper', (v) => `${fmtMB(med(v, growth))} (${fmtMB(med(v, (r) => r.outputBytes))})`)}`,
			http: show(
				'http',
				(v) =>
					`${fmtMB(med(v, growth))} (${fmtMB(med(v, (r) => r.outputBytes))}, ${fmtInt(med(v, (r) => r.items))} page items)`,
			),
			figure: `${fmtRatio(growthRatio)} output`,
			goal: '≤ 2× output JSON size',
			status: byVariant.ours.length ? status(growthRatio <= 2) : 'n/a',
		});
		// The heap the output items themselves hold: what is left of the growth once garbage is collected.
		const retained = (v: GetManyVariant) =>
			show(
				v,
				(w) =>
					`${fmtMB(med(w, (r) => r.retainedBytes))} (${fmtRatio(med(w, (r) => r.retainedBytes / r.outputBytes))} JSON)`,
			);
		rows.push({
			section,
			measure: 'heap held by the output after a full GC (× its JSON size)',
			ours: retained('ours'),
			raw: `${retained('raw')}; helper loop ${retained('helper')}`,
			http: retained('http'),
			figure: `${fmtRatio(med('ours', (r) => r.retainedBytes / r.outputBytes))} output`,
			goal: '—',
			status: 'info',
		});
		chart.push({
			n,
			requests: { ours: req('ours'), raw: req('raw'), http: req('http') },
			ms: { ours: ms('ours'), raw: ms('raw'), http: ms('http') },
		});
	}
	results.getMany = perSize;
}

// ---------------------------------------------------------------------------------------------------------
// 2–4 on one small sandbox: token exchanges, per-item Get Patient, batched create
// ---------------------------------------------------------------------------------------------------------

async function smallParts(): Promise<void> {
	const wanted = ['tokens', 'perItem', 'batch'].filter(runs);
	if (wanted.length === 0) return;
	const sandbox = await startSandbox({ seed: 2, sizes: { patients: Math.max(PER_ITEM, 1_000) } });
	try {
		const ref = refOf(sandbox);
		if (runs('tokens')) await tokensPart(ref);
		if (runs('perItem')) await perItemPart(ref, sandbox.ids.patients.slice(0, PER_ITEM));
		if (runs('perItem')) {
			delayPatientReads(sandbox, API_LATENCY_MS);
			try {
				await perItemPart(
					ref,
					sandbox.ids.patients.slice(0, PER_ITEM_LATENCY),
					API_LATENCY_MS,
					LATENCY_LEVELS,
				);
			} finally {
				sandbox.clearFaults();
			}
			delayPatientReads(sandbox, API_LATENCY_MS);
			sandbox.limitInFlight({
				method: 'GET',
				path: /\/patient\/[^/]+$/,
				maxInFlight: LIMITED_IN_FLIGHT,
				retryAfter: LIMITED_RETRY_AFTER_S,
			});
			try {
				await perItemLimitedPart(ref, sandbox.ids.patients.slice(0, PER_ITEM_LATENCY));
			} finally {
				sandbox.clearFaults();
			}
		}
		if (runs('batch')) await batchPart(ref, sandbox.ids.patients);
	} finally {
		await sandbox.close();
	}
}

async function tokensPart(ref: SandboxRef): Promise<void> {
	const section = `2. Token exchanges, ${TOKEN_EXECUTIONS} executions in one token lifetime`;
	if (!hasOperation('organization', 'get'))
		return unavailable(section, 'no Organization → Get operation');
	log(`Token exchanges: ours`);
	const ours = await runInChild<TokensResult>({
		kind: 'tokens',
		variant: 'ours',
		sandbox: ref,
		executions: TOKEN_EXECUTIONS,
	});
	log(`Token exchanges: HTTP Request workaround (token node + API node)`);
	const http = await runInChild<TokensResult>({
		kind: 'tokens',
		variant: 'http',
		sandbox: ref,
		executions: TOKEN_EXECUTIONS,
	});
	results.tokens = { ours, http };
	const cell = (r: TokensResult) =>
		r.error && r.executions === undefined
			? 'failed'
			: `${fmtInt(r.tokenExchanges)}${r.failedExecutions ? ` (${r.failedExecutions} runs failed)` : ''}`;
	for (const [name, r] of [
		['ours', ours],
		['HTTP Request', http],
	] as const) {
		if (r.error) notAvailable.push(`${section} (${name}): ${r.error}`);
	}
	rows.push({
		section,
		measure: 'token exchanges (Organization → Get per execution)',
		ours: cell(ours),
		raw: '—',
		http: cell(http),
		figure: fmtInt(ours.tokenExchanges),
		goal: '1 (HTTP Request workaround: 1 per execution)',
		status: ours.failedExecutions === 0 && !ours.error ? status(ours.tokenExchanges === 1) : 'gap',
	});
	rows.push({
		section,
		measure: `wall time for ${TOKEN_EXECUTIONS} executions`,
		ours: fmtMs(ours.ms),
		raw: '—',
		http: fmtMs(http.ms),
		figure: `${fmtRatio(ours.ms / http.ms)} HTTP node`,
		goal: '—',
		status: 'info',
	});
}

/** Concurrency levels of our node measured in benchmark 3 (the default is measured as set, without the option). */
const PER_ITEM_LEVELS = (flagValue('concurrency') ?? '1,4,8,16,32')
	.split(',')
	.map(Number)
	.filter((n) => Number.isInteger(n) && n > 0);

/** Our node reading one patient per input item (`{ id }`): benchmarks 3, 3b and 3c. */
const GET_PATIENT_PER_ITEM: INodeParameters = {
	resource: 'patient',
	operation: 'get',
	patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
};

function defaultConcurrency(): number {
	try {
		return (require('../nodes/shared/transport/session') as { DEFAULT_CONCURRENCY: number })
			.DEFAULT_CONCURRENCY;
	} catch {
		return 1;
	}
}

const PER_ITEM_LATENCY = QUICK ? 100 : 300;
// 300 = every item at once, as the HTTP Request node sends them.
const LATENCY_LEVELS = [1, 4, 16, 32, 64, 300];

async function perItemPart(
	ref: SandboxRef,
	ids: string[],
	latencyMs = 0,
	levels = PER_ITEM_LEVELS,
): Promise<void> {
	const section = latencyMs
		? `3b. Get Patient per item, ${fmtInt(ids.length)} input items, the API answering in ${latencyMs} ms`
		: `3. Get Patient per item, ${fmtInt(ids.length)} input items`;
	if (!hasOperation('patient', 'get'))
		return unavailable(section, 'no Patient → Get operation in the node yet');
	const params = GET_PATIENT_PER_ITEM;
	const fallback = defaultConcurrency();
	// Our node at its default (no option set) and at each level of Concurrency, beside the raw loop and n8n's node.
	const runners: Array<{ key: string; variant: Variant; params: INodeParameters }> = [
		{ key: 'ours', variant: 'ours', params },
		...levels
			.filter((level) => level !== fallback)
			.map((level) => ({
				key: `ours c=${level}`,
				variant: 'ours' as const,
				params: { ...params, requestOptions: { concurrency: level } },
			})),
		// A sequential raw loop says nothing more once the API's latency sets the pace.
		...(latencyMs ? [] : [{ key: 'raw', variant: 'raw' as const, params }]),
		{ key: 'http', variant: 'http', params },
	];
	const byKey: Record<string, PerItemResult[]> = Object.fromEntries(
		runners.map((r) => [r.key, []]),
	);
	const errors: string[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		for (const runner of rotate(runners, round)) {
			log(`Per-item Get Patient round ${round + 1}/${ROUNDS}: ${runner.key}`);
			const result = await runInChild<PerItemResult>({
				kind: 'perItem',
				variant: runner.variant,
				sandbox: ref,
				ids,
				params: runner.params,
			});
			if (result.error) errors.push(`${runner.key}: ${result.error}`);
			else byKey[runner.key].push(result);
		}
	}
	results[latencyMs ? 'perItemLatency' : 'perItem'] = {
		defaultConcurrency: fallback,
		latencyMs,
		rounds: byKey,
		errors,
	};
	if (errors.length) notAvailable.push(`${section}: ${errors.join('; ')}`);
	const rate = (key: string) => median(byKey[key].map((r) => (r.items / r.ms) * 1000));
	/** Per-round ratio of `b`'s time to `a`'s (how many times faster `a` is), then the median. */
	const speedup = (a: string, b: string) => {
		const k = Math.min(byKey[a].length, byKey[b].length);
		return median(Array.from({ length: k }, (_, i) => byKey[b][i].ms / byKey[a][i].ms));
	};
	const cell = (key: string) =>
		byKey[key].length
			? `${fmtInt(rate(key))} items/s (${fmtInt(median(byKey[key].map((r) => r.requests.api)))} req)`
			: 'failed';
	const complete = (key: string) =>
		byKey[key].length > 0 && byKey[key].every((r) => r.outputItems === ids.length);
	const sequential = fallback === 1 ? 'ours' : 'ours c=1';
	rows.push({
		section,
		measure: `throughput at the default Concurrency ${fallback} (median of ${ROUNDS})`,
		ours: cell('ours'),
		raw: latencyMs ? '—' : `${cell('raw')}, sequential`,
		http: `${cell('http')}${byKey.http.length ? ', concurrent (no Batching option)' : ''}`,
		figure: `${fmtRatio(speedup('ours', 'http'))} HTTP node`,
		goal: '≥ 1.00× the HTTP Request node',
		status: complete('ours') && byKey.http.length ? status(speedup('ours', 'http') >= 1) : 'gap',
	});
	if (byKey[sequential]) {
		rows.push({
			section,
			measure: 'default Concurrency vs Concurrency 1 (sequential, the former behaviour)',
			ours: `${cell('ours')} vs ${cell(sequential)}`,
			raw: '',
			http: '',
			figure: `${fmtRatio(speedup('ours', sequential))} Concurrency 1`,
			goal: '≥ 2× Concurrency 1',
			status:
				complete('ours') && complete(sequential) ? status(speedup('ours', sequential) >= 2) : 'gap',
		});
	}
	rows.push({
		section,
		measure: 'throughput by Concurrency (to choose the default)',
		ours: [...levels]
			.sort((a, b) => a - b)
			.map((level) => `${level}: ${level === fallback ? cell('ours') : cell(`ours c=${level}`)}`)
			.join('; '),
		raw: '',
		http: '',
		figure: '—',
		goal: '—',
		status: 'info',
	});
}

/** Benchmark 3c: an API that serves this many patient reads at once and refuses the rest (429, Retry-After). */
const LIMITED_IN_FLIGHT = 8;
const LIMITED_RETRY_AFTER_S = 1;
/** The HTTP Request node as a user who knows that limit would set it: Batching, 8 items per 50 ms. */
const LIMITED_HTTP_BATCHING = { batchSize: LIMITED_IN_FLIGHT, batchInterval: 50 };

async function perItemLimitedPart(ref: SandboxRef, ids: string[]): Promise<void> {
	const section = `3c. Get Patient per item, ${fmtInt(ids.length)} input items, the API serving ${LIMITED_IN_FLIGHT} reads at once (429, Retry-After ${LIMITED_RETRY_AFTER_S} s, beyond) and answering in ${API_LATENCY_MS} ms`;
	if (!hasOperation('patient', 'get'))
		return unavailable(section, 'no Patient → Get operation in the node yet');
	const params = GET_PATIENT_PER_ITEM;
	const runners: Array<{ key: string; variant: Variant; httpOptions?: INodeParameters }> = [
		{ key: 'ours', variant: 'ours' },
		{ key: 'http', variant: 'http' },
		{
			key: 'http batched',
			variant: 'http',
			httpOptions: { batching: { batch: LIMITED_HTTP_BATCHING } },
		},
	];
	const byKey: Record<string, PerItemResult[]> = Object.fromEntries(
		runners.map((r) => [r.key, []]),
	);
	for (let round = 0; round < ROUNDS; round++) {
		for (const runner of rotate(runners, round)) {
			log(`Per-item Get Patient, rate-limited API, round ${round + 1}/${ROUNDS}: ${runner.key}`);
			byKey[runner.key].push(
				await runInChild<PerItemResult>({
					kind: 'perItem',
					variant: runner.variant,
					sandbox: ref,
					ids,
					params,
					...(runner.httpOptions ? { httpOptions: runner.httpOptions } : {}),
				}),
			);
		}
	}
	results.perItemLimited = {
		maxInFlight: LIMITED_IN_FLIGHT,
		retryAfterS: LIMITED_RETRY_AFTER_S,
		latencyMs: API_LATENCY_MS,
		httpBatching: LIMITED_HTTP_BATCHING,
		rounds: byKey,
	};
	const done = (key: string) =>
		byKey[key].filter((r) => !r.error && r.outputItems === ids.length && r.requests);
	const completed = (key: string) => done(key).length === byKey[key].length;
	const cell = (key: string) => {
		const ok = done(key);
		const refused = median(byKey[key].map((r) => r.requests?.failed ?? 0));
		const rate = ok.length
			? `${fmtInt(median(ok.map((r) => (r.items / r.ms) * 1000)))} items/s, `
			: '';
		const failed = byKey[key].length - ok.length;
		const failure = byKey[key].find((r) => r.error)?.error;
		return `${rate}${fmtInt(refused)} refused${failed ? `; failed ${failed} of ${byKey[key].length} runs (${failure ?? 'items missing'})` : ''}`;
	};
	rows.push({
		section,
		measure: `every item read with default settings (median requests refused; median of ${ROUNDS})`,
		ours: cell('ours'),
		raw: '—',
		http: `default (all at once): ${cell('http')}`,
		figure: completed('ours') ? 'completes' : 'fails',
		goal: 'completes with default settings',
		status: status(completed('ours')),
	});
	const k = Math.min(done('ours').length, done('http batched').length);
	const ratio = median(
		Array.from({ length: k }, (_, i) => done('http batched')[i].ms / done('ours')[i].ms),
	);
	rows.push({
		section,
		measure: `throughput vs the HTTP Request node set to the API's limit (Batching: ${LIMITED_HTTP_BATCHING.batchSize} items per ${LIMITED_HTTP_BATCHING.batchInterval} ms)`,
		ours: cell('ours'),
		raw: '—',
		http: `batched: ${cell('http batched')}`,
		figure: k ? `${fmtRatio(ratio)} HTTP node (batched)` : '—',
		goal: '—',
		status: 'info',
	});
}

async function batchPart(ref: SandboxRef, patientIds: string[]): Promise<void> {
	const section = `4. Create Patient Health Metric, ${fmtInt(BATCH_ITEMS)} input items`;
	if (!hasOperation('patientHealthMetric', 'create')) {
		return unavailable(section, 'no Patient Health Metric → Create operation in the node yet');
	}
	const batchSize = defaultBatchSize();
	const base = {
		resource: 'patientHealthMetric',
		operation: 'create',
		patientBy: 'id',
		patientId: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
		metricType: 'weight',
		value: '={{ $json.value }}',
		unit: 'kg',
		occurredAt: '={{ $json.occurredAt }}',
	};
	const itemsFrom = (start: number) =>
		Array.from({ length: BATCH_ITEMS }, (_, i) => ({
			patientId: patientIds[i % patientIds.length],
			value: 60 + (i % 400) / 10,
			occurredAt: new Date(start + i * 60_000).toISOString(),
		}));
	const runs: Record<string, BatchCreateResult> = {};
	for (const [variant, options, start] of [
		['batched', {}, Date.parse('2024-01-01T00:00:00Z')],
		['single', { batchSize: 1 }, Date.parse('2023-01-01T00:00:00Z')],
	] as const) {
		log(`Batched create: ${variant}`);
		runs[variant] = await runInChild<BatchCreateResult>({
			kind: 'batchCreate',
			variant,
			sandbox: ref,
			params: { ...base, options },
			items: itemsFrom(start),
			path: '/patient_health_metric',
		});
		if (runs[variant].error) notAvailable.push(`${section} (${variant}): ${runs[variant].error}`);
	}
	results.batchCreate = runs;
	const { batched, single } = runs;
	const goal = ceilDiv(BATCH_ITEMS, batchSize);
	const cell = (r: BatchCreateResult) =>
		r.error
			? 'failed'
			: `${fmtInt(r.requests.api)} req, ${fmtMs(r.ms)}${r.outputItems !== r.items ? `, ${fmtInt(r.outputItems)} items out` : ''}`;
	rows.push({
		section,
		measure: `requests, Batch Size ${batchSize} (default)`,
		ours: cell(batched),
		raw: '—',
		http: '—',
		figure: batched.error ? '—' : fmtInt(batched.requests.api),
		goal: `= ⌈N/${batchSize}⌉ = ${fmtInt(goal)}`,
		status: batched.error
			? 'gap'
			: status(batched.requests.api === goal && batched.outputItems === BATCH_ITEMS),
	});
	rows.push({
		section,
		measure: 'requests, Batch Size 1',
		ours: cell(single),
		raw: '—',
		http: '—',
		figure: single.error ? '—' : fmtInt(single.requests.api),
		goal: `= N = ${fmtInt(BATCH_ITEMS)}`,
		status: single.error ? 'gap' : status(single.requests.api === BATCH_ITEMS),
	});
	rows.push({
		section,
		measure: 'wall time, batched vs Batch Size 1',
		ours: batched.error || single.error ? '—' : `${fmtMs(batched.ms)} vs ${fmtMs(single.ms)}`,
		raw: '—',
		http: '—',
		figure:
			batched.error || single.error ? '—' : `${fmtRatio(batched.ms / single.ms)} Batch Size 1`,
		goal: '—',
		status: 'info',
	});
}

// ---------------------------------------------------------------------------------------------------------
// 5. Trigger
// ---------------------------------------------------------------------------------------------------------

async function triggerPart(): Promise<void> {
	const section = '5. Trigger "New Patient", watch Organization';
	if (!hasTriggerEvent('newPatient'))
		return unavailable(section, 'no trigger with a New Patient event yet');
	const perSize: Record<string, TriggerResult> = {};
	for (const n of TRIGGER_SIZES) {
		log(`Trigger: ${fmtInt(n)} existing patients`);
		const sandbox = await startSandbox({ seed: 3, sizes: { patients: n } });
		try {
			const ref = refOf(sandbox);
			perSize[n] = await runInChild<TriggerResult>({
				kind: 'trigger',
				sandbox: ref,
				params: { event: 'newPatient', watch: 'organization', organization: ref.organization },
				insertType: 'patient',
				ks: TRIGGER_KS,
			});
		} finally {
			await sandbox.close();
		}
	}
	results.trigger = perSize;
	const stepOf = (n: number, name: string) => perSize[n]?.steps?.find((s) => s.step === name);
	const cells = (name: string) => TRIGGER_SIZES.map((n) => stepOf(n, name));
	const fmtSteps = (name: string) =>
		TRIGGER_SIZES.map((n) => {
			const s = stepOf(n, name);
			return `${fmtInt(n / 1000)}k: ${s ? `${s.requests.api}${s.emitted !== (name.startsWith('new ') ? s.records : 0) ? ` (emitted ${s.emitted})` : ''}` : 'failed'}`;
		}).join(', ');
	for (const [n, r] of Object.entries(perSize))
		if (r.error) notAvailable.push(`${section} at ${n}: ${r.error}`);
	const activation = cells('activation');
	rows.push({
		section,
		measure: 'requests, first activation (existing records)',
		ours: fmtSteps('activation'),
		raw: '—',
		http: '—',
		figure: fmtInt(Math.max(...activation.map((s) => s?.requests.api ?? NaN))),
		goal: '≤ 2 at every size',
		status: activation.every((s) => s)
			? status(activation.every((s) => s!.requests.api <= 2 && s!.emitted === 0))
			: 'gap',
	});
	const idle = cells('idle');
	rows.push({
		section,
		measure: 'requests, idle poll',
		ours: fmtSteps('idle'),
		raw: '—',
		http: '—',
		figure: fmtInt(Math.max(...idle.map((s) => s?.requests.api ?? NaN))),
		goal: '= 1',
		status: idle.every((s) => s)
			? status(idle.every((s) => s!.requests.api === 1 && s!.emitted === 0))
			: 'gap',
	});
	// Each poll reads again the records of the Overlap (default 10 s) before the newest id emitted, so ids minted out
	// of order are not lost (#22): w, the earlier steps' records inserted within it (11 s: ids carry whole seconds).
	const rereadOf = (n: number, k: number) => {
		const steps = perSize[n]?.steps ?? [];
		const at = steps.find((s) => s.step === `new ${k}`)?.insertedAt;
		if (at === undefined) return 0;
		return steps
			.filter((s) => s.step.startsWith('new ') && s.insertedAt !== undefined && s.insertedAt < at)
			.filter((s) => at - s.insertedAt! <= (TRIGGER_OVERLAP_S + 1) * 1000)
			.reduce((sum, s) => sum + s.records, 0);
	};
	for (const k of TRIGGER_KS) {
		const steps = cells(`new ${k}`);
		const goals = TRIGGER_SIZES.map((n) => ceilDiv(rereadOf(n, k) + k, PAGE) + 1);
		const reread = Math.max(...TRIGGER_SIZES.map((n) => rereadOf(n, k)));
		rows.push({
			section,
			measure: `requests, poll with k=${k} new records`,
			ours: fmtSteps(`new ${k}`),
			raw: '—',
			http: '—',
			figure: fmtInt(Math.max(...steps.map((s) => s?.requests.api ?? NaN))),
			goal: `≤ ⌈(w + k)/${PAGE}⌉ + 1 = ${Math.max(...goals)}, all k emitted (w = ${fmtInt(reread)} records of the ${TRIGGER_OVERLAP_S} s Overlap re-read)`,
			status: steps.every((s) => s)
				? status(steps.every((s, i) => s!.requests.api <= goals[i] && s!.emitted === k))
				: 'gap',
		});
	}
}

// ---------------------------------------------------------------------------------------------------------
// 6. Package
// ---------------------------------------------------------------------------------------------------------

function dirSize(dir: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			const sub = dirSize(full);
			bytes += sub.bytes;
			files += sub.files;
		} else if (entry.isFile()) {
			bytes += fs.statSync(full).size;
			files++;
		}
	}
	return { bytes, files };
}

async function packagePart(): Promise<void> {
	const section = '6. Package';
	log('Package: npm run build');
	const build = spawnSync('npm', ['run', 'build'], {
		cwd: REPO,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (build.status !== 0) {
		const firstError =
			`${build.stdout}\n${build.stderr}`.split('\n').find((l) => /error/i.test(l)) ??
			`exit ${build.status}`;
		return unavailable(section, `npm run build failed (${firstError.trim().slice(0, 160)})`);
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((f) => path.join(REPO, f));
	const missing = files.filter((f) => !fs.existsSync(f));
	if (missing.length)
		return unavailable(
			section,
			`built files missing: ${missing.map((f) => path.relative(REPO, f)).join(', ')}`,
		);
	const script = `
		const t0 = process.hrtime.bigint();
		const files = ${JSON.stringify(files)};
		for (const f of files) { const m = require(f); for (const k of Object.keys(m)) if (typeof m[k] === 'function') new m[k](); }
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		process.stdout.write(JSON.stringify({ ms, rss: process.memoryUsage().rss }));`;
	const loads: { ms: number; rss: number; wallMs: number }[] = [];
	for (let i = 0; i < 5; i++) {
		const t = process.hrtime.bigint();
		const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
		const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
		if (r.status !== 0)
			return unavailable(
				section,
				`loading dist/ failed: ${(r.stderr || '').split('\n')[0].slice(0, 160)}`,
			);
		loads.push({ ...(JSON.parse(r.stdout) as { ms: number; rss: number }), wallMs });
	}
	const baseline: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t = process.hrtime.bigint();
		spawnSync(process.execPath, ['-e', ''], { cwd: REPO });
		baseline.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	const dist = dirSize(path.join(REPO, 'dist'));
	let packed: { size?: number; unpackedSize?: number; entryCount?: number } = {};
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO,
		encoding: 'utf8',
	});
	if (pack.status === 0) {
		try {
			packed = (JSON.parse(pack.stdout) as Array<typeof packed>)[0] ?? {};
		} catch {
			/* not JSON: leave out */
		}
	}
	results.package = { loads, baselineNodeStartMs: baseline, dist, packed };
	rows.push({
		section,
		measure:
			'cold load: require node + trigger + credential from dist/ (fresh process, median of 5)',
		ours: `${fmtMs(median(loads.map((l) => l.ms)))} (process ${fmtMs(median(loads.map((l) => l.wallMs)))}, empty node ${fmtMs(median(baseline))})`,
		raw: '—',
		http: '—',
		figure: fmtMs(median(loads.map((l) => l.ms))),
		goal: '—',
		status: 'info',
	});
	rows.push({
		section,
		measure: 'dist/ size (npm pack: tarball, files)',
		ours: `${fmtInt(dist.bytes)} bytes, ${fmtInt(dist.files)} files${packed.size ? ` (pack ${fmtInt(packed.size)} bytes, ${fmtInt(packed.entryCount)} files)` : ''}`,
		raw: '—',
		http: '—',
		figure: fmtInt(dist.bytes),
		goal: '—',
		status: 'info',
	});
}

// ---------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------

function writeChart(file: string): void {
	if (chart.length === 0) return;
	const series = (key: 'requests' | 'ms'): ChartPanel['series'] => [
		{
			name: 'ours (node via n8n engine)',
			color: '#d6336c',
			points: chart.map((c) => [c.n, key === 'ms' ? c.ms.ours / 1000 : c.requests.ours]),
		},
		{
			name: 'raw axios loop (floor)',
			color: '#1c7ed6',
			points: chart.map((c) => [c.n, key === 'ms' ? c.ms.raw / 1000 : c.requests.raw]),
		},
		{
			name: 'n8n HTTP Request node',
			color: '#f08c00',
			points: chart.map((c) => [c.n, key === 'ms' ? c.ms.http / 1000 : c.requests.http]),
		},
		...(key === 'requests'
			? [
					{
						name: `goal ⌈N/${PAGE}⌉`,
						color: '#868e96',
						dashed: true,
						points: chart.map((c) => [c.n, ceilDiv(c.n, PAGE)] as [number, number]),
					},
				]
			: []),
	];
	const svg = svgChart(
		'Get Many, Return All: requests and wall time against N',
		[
			{
				title: 'Requests',
				yLabel: 'requests (log)',
				series: series('requests'),
				yFormat: (v) => fmtInt(v),
			},
			{
				title: `Wall time (median of ${ROUNDS})`,
				yLabel: 'seconds (log)',
				series: series('ms'),
				yFormat: (v) => `${v < 1 ? v : fmtInt(v)} s`,
			},
		],
		`Sandbox on the same machine (${os.cpus().length} cores, Node ${process.version}); ${new Date().toISOString().slice(0, 10)}. npm run bench.`,
	);
	fs.writeFileSync(path.join(RESULTS, file), svg);
}

async function main(): Promise<void> {
	fs.mkdirSync(RESULTS, { recursive: true });
	log(
		`${QUICK ? 'quick run' : 'full run'}, ${ROUNDS} round(s)${ONLY.size ? `, only ${[...ONLY].join(',')}` : ''}`,
	);
	// n8n's HTTP Request node, the comparison, comes from the pinned n8n install (installed on first use, minutes).
	await ensureN8n({ log: (line: string) => log(line) });
	if (runs('getMany')) await getManyPart();
	await smallParts();
	if (runs('trigger')) await triggerPart();
	if (runs('trigger')) rows.push(...(await triggerStateRows(log)));
	if (runs('package')) await packagePart();
	if (runs('n8n')) rows.push(...(await realN8nRows(log, ROUNDS)));

	const elapsedMs = Date.now() - started;
	const table = markdownTable(rows);
	const summary = rows.filter((r) => r.status === 'met' || r.status === 'gap');
	const met = summary.filter((r) => r.status === 'met').length;
	process.stdout.write(`\n${table}\n\n`);
	process.stdout.write(`Goals met: ${met}/${summary.length}.`);
	process.stdout.write(
		` Elapsed: ${(elapsedMs / 1000).toFixed(0)} s (${QUICK ? 'quick' : 'full'}, ${ROUNDS} round(s)).\n`,
	);
	for (const line of notAvailable) process.stdout.write(`not available: ${line}\n`);

	const json = {
		generatedAt: new Date().toISOString(),
		quick: QUICK,
		rounds: ROUNDS,
		only: [...ONLY],
		elapsedMs,
		machine: {
			node: process.version,
			platform: `${os.platform()} ${os.arch()}`,
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
		},
		method:
			'Each variant runs in its own child process (peak RSS = process.resourceUsage().maxRSS); token, modules and first connection are warmed up untimed; ' +
			'requests are counted by the sandbox (token exchanges apart); time ratios are the median of per-round ratios, variant order rotated each round.',
		table,
		rows,
		notAvailable,
		results,
	};
	if (!QUICK && ONLY.size === 0) {
		fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(json, null, '\t') + '\n');
		writeChart('chart.svg');
		log('wrote bench/results/latest.json and bench/results/chart.svg');
	} else {
		// Partial or quick runs do not replace the committed results.
		fs.writeFileSync(
			path.join(RESULTS, 'partial.json.tmp'),
			JSON.stringify(json, null, '\t') + '\n',
		);
		writeChart('chart.svg.tmp');
		log(
			'partial run: wrote bench/results/partial.json.tmp and chart.svg.tmp (latest.json, chart.svg untouched)',
		);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
	process.exit(1);
});
