/**
 * Benchmark 7: per-item Get Patient inside a real n8n 2.41.1 (`n8n execute`, SQLite, encrypted credentials), where
 * reading a credential is a database query and a decryption, not the in-process engine's map lookup. Our node at
 * its default Concurrency and at Concurrency 1, beside n8n's HTTP Request node using our credential as its
 * predefined credential type (n8n renews the token for it the same way). Times are n8n's own per-node
 * `executionTime` from the run data; every branch reads the same input items. Twice: 1,000 items with the sandbox
 * answering at once (n8n's own work per item sets the pace), and 300 with every patient read answered after 25 ms
 * (the sandbox's delay fault), as a remote API would.
 * `npx tsx bench/realN8n.ts` runs it alone; `npm run bench` adds its rows to the table. BENCH_N8N_PROF=<dir>
 * writes a CPU profile of each `n8n execute` there.
 */
import * as fs from 'node:fs';

import {
	ensureEncryptionKey,
	ensureN8n,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	makeUserFolder,
	packPackage,
	startNode,
} from '../scripts/n8n-runtime';
import { startSandbox } from '../test/sandbox';
import {
	API_LATENCY_MS,
	delayPatientReads,
	fetchToken,
	JSON_API_MEDIA_TYPE,
	refOf,
} from './lib/admin';
import type { Row } from './lib/report';
import { fmtInt, fmtRatio, median, status } from './lib/report';

const CREDENTIAL = { id: 'benchFitbitCred01', name: 'Fitbit Plus (bench)' };
const NODE_TYPE = 'n8n-nodes-fitbit-plus.fitbitPlus';

/**
 * The measured branches: our node at its default and at Concurrency 1; n8n's HTTP Request node with our
 * credential as its predefined credential type, and with a bearer token set as a plain header (fetched before the
 * run, as a token node before it would).
 */
const BRANCHES = [
	'Ours',
	'Ours, Concurrency 1',
	'HTTP Request',
	'HTTP Request, bearer header',
] as const;
type Branch = (typeof BRANCHES)[number];

const credentials = { fitbitPlusApi: CREDENTIAL };

function branchNode(branch: Branch, baseUrl: string, token: string, y: number) {
	const common = { id: `bench-${y}`, name: branch, position: [440, y] };
	if (branch.startsWith('HTTP Request')) {
		const predefined = branch === 'HTTP Request';
		const headers = [{ name: 'Accept', value: JSON_API_MEDIA_TYPE }];
		return {
			...common,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: `={{ '${baseUrl}/patient/' + $json.id }}`,
				...(predefined
					? { authentication: 'predefinedCredentialType', nodeCredentialType: 'fitbitPlusApi' }
					: {}),
				sendHeaders: true,
				headerParameters: {
					parameters: predefined
						? headers
						: [...headers, { name: 'Authorization', value: `Bearer ${token}` }],
				},
				// application/vnd.api+json is not recognised as JSON by itself.
				options: { response: { response: { responseFormat: 'json' } } },
			},
			...(predefined ? { credentials } : {}),
		};
	}
	return {
		...common,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'patient',
			operation: 'get',
			patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			...(branch === 'Ours' ? {} : { requestOptions: { concurrency: 1 } }),
		},
		credentials,
	};
}

/**
 * Manual Trigger → Get Many (the input ids) → the branches, one under the other: n8n runs them one after the
 * other, top first, so each round's workflow puts them in another order.
 */
function workflow(
	id: string,
	order: readonly Branch[],
	sandbox: { baseUrl: string; organization: string; token: string; items: number },
) {
	return {
		id,
		name: `bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			startNode(`${id}-t`),
			{
				id: `${id}-p`,
				name: 'Patients',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'patient',
					operation: 'getAll',
					returnAll: false,
					limit: sandbox.items,
					filters: { organization: sandbox.organization },
				},
				credentials,
			},
			...order.map((branch, i) => branchNode(branch, sandbox.baseUrl, sandbox.token, i * 200)),
		],
		connections: {
			Start: { main: [[{ node: 'Patients', type: 'main', index: 0 }]] },
			Patients: { main: [order.map((node) => ({ node, type: 'main', index: 0 }))] },
		},
	};
}

interface BranchRun {
	ms: number;
	items: number;
}

type RunData = Record<
	string,
	Array<{ executionTime?: number; data?: { main?: unknown[][] }; error?: unknown }>
>;

/** Without latency n8n's own work per item sets the pace; with it, how many requests are in flight does. */
const PHASES = [
	{ items: 1_000, latencyMs: 0 },
	{ items: 300, latencyMs: API_LATENCY_MS },
] as const;

type Phase = (typeof PHASES)[number];

function phaseRows(phase: Phase, rounds: number, byBranch: Record<Branch, BranchRun[]>): Row[] {
	const section = `7. Get Patient per item, ${fmtInt(phase.items)} input items, in n8n 2.41.1 (n8n execute)${phase.latencyMs ? `, the API answering in ${phase.latencyMs} ms` : ''}`;
	const complete = (branch: Branch) =>
		byBranch[branch].length === rounds && byBranch[branch].every((r) => r.items === phase.items);
	const rate = (branch: Branch) => median(byBranch[branch].map((r) => (r.items / r.ms) * 1000));
	/** Per-round ratio of `b`'s time to `a`'s (how many times faster `a` is), then the median. */
	const speedup = (a: Branch, b: Branch) =>
		median(byBranch[a].map((r, i) => (byBranch[b][i]?.ms ?? NaN) / r.ms));
	const cell = (branch: Branch) =>
		byBranch[branch].length
			? `${fmtInt(rate(branch))} items/s (${fmtInt(median(byBranch[branch].map((r) => r.ms)))} ms)`
			: 'failed';
	const ok = BRANCHES.every(complete);
	// The comparison is with the faster of the HTTP Request node's two set-ups.
	const http =
		rate('HTTP Request') >= rate('HTTP Request, bearer header')
			? 'HTTP Request'
			: 'HTTP Request, bearer header';
	return [
		{
			section,
			measure: `throughput at the default Concurrency (n8n's executionTime, median of ${rounds})`,
			ours: cell('Ours'),
			raw: '—',
			http: `our credential as its predefined type: ${cell('HTTP Request')}; a bearer header: ${cell('HTTP Request, bearer header')}`,
			figure: `${fmtRatio(speedup('Ours', http))} HTTP node`,
			goal: '≥ 1.00× the HTTP Request node (the faster of the two)',
			status: ok ? status(speedup('Ours', http) >= 1) : 'gap',
		},
		{
			section,
			measure: 'default Concurrency vs Concurrency 1',
			ours: `${cell('Ours')} vs ${cell('Ours, Concurrency 1')}`,
			raw: '',
			http: '',
			figure: `${fmtRatio(speedup('Ours', 'Ours, Concurrency 1'))} Concurrency 1`,
			goal: phase.latencyMs ? '≥ 2× Concurrency 1' : '—',
			status: phase.latencyMs
				? ok
					? status(speedup('Ours', 'Ours, Concurrency 1') >= 2)
					: 'gap'
				: 'info',
		},
	];
}

export async function realN8nRows(
	log: (line: string) => void,
	rounds: number,
	opts: { tarball?: string } = {},
): Promise<Row[]> {
	await ensureN8n({ log });
	const sandbox = await startSandbox({
		seed: 4,
		sizes: { patients: Math.max(...PHASES.map((p) => p.items)) },
	});
	const userFolder = makeUserFolder('fitbit-plus-bench-');
	const tarball = opts.tarball ?? packPackage({ log });
	const rows: Row[] = [];
	try {
		ensureEncryptionKey(userFolder);
		installPackage(userFolder, tarball, { log });
		await importCredentials(userFolder, [
			{
				...CREDENTIAL,
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
			},
		]);
		const token = await fetchToken(refOf(sandbox));
		const workflows = PHASES.map((phase, p) =>
			Array.from({ length: rounds }, (_, round) =>
				workflow(
					`benchRealN8n${p}${String(round).padStart(2, '0')}`,
					BRANCHES.map((_, i) => BRANCHES[(i + round) % BRANCHES.length]),
					{
						baseUrl: sandbox.baseUrl,
						organization: sandbox.ids.organization,
						token,
						items: phase.items,
					},
				),
			),
		);
		await importWorkflows(userFolder, workflows.flat());
		for (const [p, phase] of PHASES.entries()) {
			const byBranch = Object.fromEntries(BRANCHES.map((b) => [b, []])) as unknown as Record<
				Branch,
				BranchRun[]
			>;
			sandbox.clearFaults();
			if (phase.latencyMs) delayPatientReads(sandbox, phase.latencyMs);
			for (const [round, { id }] of workflows[p].entries()) {
				log(`Real n8n, ${phase.latencyMs} ms latency, round ${round + 1}/${rounds}`);
				const result = await executeWorkflow(
					userFolder,
					id,
					process.env.BENCH_N8N_PROF
						? {
								env: {
									NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_N8N_PROF}`,
								},
							}
						: {},
				);
				const runData = result.run?.data.resultData.runData as RunData | undefined;
				if (!runData) {
					log(`Real n8n: round ${round + 1}: the execution failed (exit ${result.code})`);
					continue;
				}
				for (const branch of BRANCHES) {
					const run = runData[branch]?.[0];
					if (!run || run.error || run.executionTime === undefined) {
						log(`Real n8n: round ${round + 1}: ${branch} failed`);
						continue;
					}
					byBranch[branch].push({
						ms: run.executionTime,
						items: run.data?.main?.[0]?.length ?? 0,
					});
				}
			}
			rows.push(...phaseRows(phase, rounds, byBranch));
		}
	} finally {
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return rows;
}

if (require.main === module) {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	realN8nRows(log, Number(process.env.BENCH_ROUNDS ?? 3))
		.then((rows) => {
			for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
		})
		.catch((error: unknown) => {
			process.stderr.write(`${String(error)}\n`);
			process.exitCode = 1;
		});
}
