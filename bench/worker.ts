/**
 * One measurement in its own process (forked by bench/run.ts), so that its peak RSS is its own. Receives one Task
 * over IPC, answers one result, exits. Prints nothing: no record contents, secrets or tokens leave this process
 * but counts and timings.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	fetchToken,
	insertRecords,
	JSON_API_MEDIA_TYPE,
	requestCounts,
	resetLog,
} from './lib/admin';
import { BenchEngine, chain } from './lib/engine';
import type {
	BatchCreateResult,
	CollectionSpec,
	GetManyResult,
	PerItemResult,
	SandboxRef,
	Task,
	TaskResult,
	TokensResult,
	TriggerResult,
	TriggerStep,
	Variant,
} from './lib/protocol';

const PAGE_SIZE = 50;

function engineFor(sandbox: SandboxRef): BenchEngine {
	return new BenchEngine({
		baseUrl: sandbox.baseUrl,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		allowHttp: true,
	});
}

const ourNode = (engine: BenchEngine, params: INodeParameters) =>
	engine.fitbitNode('Fitbit Plus', params);

/** Our node once through WorkflowExecute; throws the node's error. */
async function runOurs(
	engine: BenchEngine,
	params: INodeParameters,
	items: IDataObject[] = [{}],
): Promise<INodeExecutionData[]> {
	const node = ourNode(engine, params);
	const { output, error } = await engine.runWorkflow([node], {}, items);
	if (error) throw error;
	return output[node.name] ?? [];
}

/** The helper-floor node once through WorkflowExecute (bench/lib/helperFloor.ts); throws its error. */
async function runHelperFloor(
	engine: BenchEngine,
	url: string,
	maxPages = 0,
): Promise<INodeExecutionData[]> {
	const node = engine.helperFloorNode(url, maxPages);
	const { output, error } = await engine.runWorkflow([node], {});
	if (error) throw error;
	return output[node.name] ?? [];
}

async function runHttp(
	engine: BenchEngine,
	params: INodeParameters,
	items: IDataObject[] = [{}],
): Promise<INodeExecutionData[]> {
	const { items: out, error } = await engine.runHttpNode(params, items);
	if (error) throw error;
	return out;
}

/** HTTP Request node parameters as a user would set them: bearer header, JSON response, optional pagination. */
function httpParams(
	url: string,
	token: string,
	paginate: boolean,
	more: INodeParameters = {},
): INodeParameters {
	return {
		method: 'GET',
		url,
		sendHeaders: true,
		headerParameters: {
			parameters: [
				{ name: 'Authorization', value: `Bearer ${token}` },
				{ name: 'Accept', value: JSON_API_MEDIA_TYPE },
			],
		},
		options: {
			// application/vnd.api+json is not auto-detected as JSON: without this the body comes back as a string.
			response: { response: { responseFormat: 'json' } },
			...(paginate
				? {
						pagination: {
							pagination: {
								paginationMode: 'responseContainsNextURL',
								nextURL: '={{ $response.body.links.next }}',
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.links.next }}',
							},
						},
					}
				: {}),
			...more,
		},
	};
}

function collectionUrl(sandbox: SandboxRef, collection: CollectionSpec, limit: number): string {
	const url = new URL(sandbox.baseUrl + collection.path);
	for (const [name, value] of Object.entries(collection.query)) url.searchParams.set(name, value);
	url.searchParams.set('page[limit]', String(limit));
	return url.toString();
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** An error's message, cut short, with anything token-like (32+ hex characters) blanked. */
const errorText = (error: unknown) =>
	((error as Error)?.message ?? String(error))
		.replace(/[0-9a-f]{32,}/gi, '[redacted]')
		.slice(0, 300);

async function getMany(task: Extract<Task, { kind: 'getMany' }>): Promise<GetManyResult> {
	const { sandbox, collection, variant } = task;
	const engine = engineFor(sandbox);
	let token = '';
	// Warm-up, untimed and uncounted: token, modules, JIT, first connection.
	if (variant === 'ours') {
		await runOurs(engine, { ...collection.params, returnAll: false, limit: 1 });
	} else if (variant === 'helper') {
		await runHelperFloor(engine, collectionUrl(sandbox, collection, 1), 1);
	} else {
		token = await fetchToken(sandbox);
		if (variant === 'raw') {
			await axios.get(collectionUrl(sandbox, collection, 1), {
				headers: { Authorization: `Bearer ${token}`, Accept: JSON_API_MEDIA_TYPE },
			});
		} else {
			await runHttp(engine, httpParams(collectionUrl(sandbox, collection, 1), token, false));
		}
	}
	await resetLog(sandbox);
	const rssBefore = process.memoryUsage().rss;
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	let timed: { output: unknown[]; records: number; items: number } | undefined = await walk(
		task,
		engine,
		token,
	);
	const ms = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const requests = await requestCounts(sandbox);
	const { records, items } = timed;
	const outputBytes = jsonBytes(timed.output);
	// After every figure above: the heap the output holds, the output itself dropped in between.
	const collect = fullGc();
	collect();
	const withOutput = process.memoryUsage().heapUsed;
	timed = undefined;
	collect();
	const retainedBytes = withOutput - process.memoryUsage().heapUsed;
	return {
		ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		requests,
		records,
		items,
		outputBytes,
		rssBefore,
		peakRss,
		retainedBytes,
	};
}

/** V8's full garbage collection, made callable only now (the timed part ran as every other worker runs). */
function fullGc(): () => void {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

/** The timed part of a Get Many measurement: the whole collection read by `task.variant`. */
async function walk(
	task: Extract<Task, { kind: 'getMany' }>,
	engine: BenchEngine,
	token: string,
): Promise<{ output: unknown[]; records: number; items: number }> {
	const { sandbox, collection, variant } = task;
	if (variant === 'ours') {
		const result = await runOurs(engine, collection.params);
		return {
			output: result.map((item) => item.json),
			records: result.length,
			items: result.length,
		};
	}
	if (variant === 'helper') {
		const result = await runHelperFloor(engine, collectionUrl(sandbox, collection, PAGE_SIZE));
		return {
			output: result.map((item) => item.json),
			records: result.length,
			items: result.length,
		};
	}
	if (variant === 'raw') {
		const data: unknown[] = [];
		let next: string | undefined = collectionUrl(sandbox, collection, PAGE_SIZE);
		while (next) {
			const response: { data: { data?: unknown[]; links?: { next?: string } } } = await axios.get(
				next,
				{
					headers: { Authorization: `Bearer ${token}`, Accept: JSON_API_MEDIA_TYPE },
				},
			);
			for (const resource of response.data.data ?? []) data.push(resource);
			const link = response.data.links?.next;
			next = link ? new URL(link, sandbox.baseUrl).toString() : undefined;
		}
		return { output: data, records: data.length, items: data.length };
	}
	const pages = await runHttp(
		engine,
		httpParams(collectionUrl(sandbox, collection, PAGE_SIZE), token, true),
	);
	return {
		output: pages.map((item) => item.json),
		items: pages.length,
		records: pages.reduce(
			(sum, page) => sum + (Array.isArray(page.json.data) ? page.json.data.length : 0),
			0,
		),
	};
}

async function tokens(task: Extract<Task, { kind: 'tokens' }>): Promise<TokensResult> {
	const { sandbox, executions } = task;
	const engine = engineFor(sandbox);
	await resetLog(sandbox);
	let failed = 0;
	let lastError: string | undefined;
	const started = performance.now();
	for (let i = 0; i < executions; i++) {
		let error: Error | undefined;
		if (task.variant === 'ours') {
			({ error } = await engine.runWorkflow(
				[
					ourNode(engine, {
						resource: 'organization',
						operation: 'get',
						organizationId: sandbox.organization,
					}),
				],
				{},
			));
		} else {
			// The workaround without our credential: a token call, then the API call with its token.
			const tokenNode = engine.httpNode('Get Token', {
				method: 'POST',
				url: `${sandbox.baseUrl}/oauth/token`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				// With Content-Type application/json the API takes the token fields flat (not as a JSON:API document).
				jsonBody: JSON.stringify({
					grant_type: 'client_credentials',
					client_id: sandbox.clientId,
					client_secret: sandbox.clientSecret,
				}),
				options: { response: { response: { responseFormat: 'json' } } },
			});
			const apiNode = engine.httpNode('Get Organization', {
				...httpParams(`${sandbox.baseUrl}/organization/${sandbox.organization}`, '', false),
				headerParameters: {
					parameters: [
						{ name: 'Authorization', value: '=Bearer {{ $json.data.attributes.access_token }}' },
						{ name: 'Accept', value: JSON_API_MEDIA_TYPE },
					],
				},
			});
			({ error } = await engine.runWorkflow(
				[tokenNode, apiNode],
				chain(tokenNode.name, apiNode.name),
			));
		}
		if (error) {
			failed++;
			lastError = errorText(error);
		}
	}
	const ms = performance.now() - started;
	const counts = await requestCounts(sandbox);
	return {
		executions,
		tokenExchanges: counts.tokenExchanges,
		apiRequests: counts.api,
		ms,
		failedExecutions: failed,
		...(lastError ? { error: lastError } : {}),
	};
}

async function perItem(task: Extract<Task, { kind: 'perItem' }>): Promise<PerItemResult> {
	const { sandbox, ids, variant } = task;
	const engine = engineFor(sandbox);
	const items = ids.map((id) => ({ id }));
	// A whole untimed run first: n8n runs warm on a server, and 5 items leave most of the JIT's work in the timing.
	const warm = items;
	const run = async (input: IDataObject[], token: string, v: Variant): Promise<number> => {
		if (v === 'ours') return (await runOurs(engine, task.params, input)).length;
		if (v === 'http') {
			return (
				await runHttp(
					engine,
					httpParams(
						`={{ '${sandbox.baseUrl}/patient/' + $json.id }}`,
						token,
						false,
						task.httpOptions,
					),
					input,
				)
			).length;
		}
		for (const { id } of input) {
			await axios.get(`${sandbox.baseUrl}/patient/${encodeURIComponent(String(id))}`, {
				headers: { Authorization: `Bearer ${token}`, Accept: JSON_API_MEDIA_TYPE },
			});
		}
		return input.length;
	};
	const token = variant === 'ours' ? '' : await fetchToken(sandbox);
	// A variant that fails (e.g. against a rate-limited API) fails again in the timed run, which reports it.
	await run(warm, token, variant).catch(() => undefined);
	await resetLog(sandbox);
	const started = performance.now();
	try {
		const outputItems = await run(items, token, variant);
		const ms = performance.now() - started;
		return { items: items.length, ms, requests: await requestCounts(sandbox), outputItems };
	} catch (error) {
		const ms = performance.now() - started;
		const requests = await requestCounts(sandbox);
		return { items: items.length, ms, requests, outputItems: 0, error: errorText(error) };
	}
}

async function batchCreate(
	task: Extract<Task, { kind: 'batchCreate' }>,
): Promise<BatchCreateResult> {
	const { sandbox, params, items } = task;
	const engine = engineFor(sandbox);
	await runOurs(engine, params, items.slice(0, 2));
	await resetLog(sandbox);
	const started = performance.now();
	const out = await runOurs(engine, params, items);
	const ms = performance.now() - started;
	const batchSize =
		((params.options as IDataObject | undefined)?.batchSize as number | undefined) ?? 'default';
	return {
		items: items.length,
		batchSize,
		ms,
		requests: await requestCounts(sandbox),
		outputItems: out.length,
	};
}

async function trigger(task: Extract<Task, { kind: 'trigger' }>): Promise<TriggerResult> {
	const { sandbox, params } = task;
	const engine = engineFor(sandbox);
	const steps: TriggerStep[] = [];
	let staticData: IDataObject = {};
	const poll = async (step: string, records: number, insertedAt?: number) => {
		await resetLog(sandbox);
		const started = performance.now();
		const result = await engine.poll(params, staticData, 'trigger', 'activate');
		const ms = performance.now() - started;
		// Through JSON, as n8n stores static data between polls.
		staticData = JSON.parse(JSON.stringify(result.staticData)) as IDataObject;
		steps.push({
			step,
			records,
			requests: await requestCounts(sandbox),
			emitted: result.items?.length ?? 0,
			ms,
			insertedAt,
		});
	};
	const { data: stats } = await axios.get<{ counts: Record<string, number> }>(
		`${sandbox.url}/__admin/stats`,
	);
	await poll('activation', stats.counts[task.insertType] ?? 0);
	await poll('idle', 0);
	for (const k of task.ks) {
		const insertedAt = Date.now();
		await insertRecords(sandbox, task.insertType, k);
		await poll(`new ${k}`, k, insertedAt);
	}
	return { steps };
}

async function runTask(task: Task): Promise<TaskResult> {
	switch (task.kind) {
		case 'getMany':
			return await getMany(task);
		case 'tokens':
			return await tokens(task);
		case 'perItem':
			return await perItem(task);
		case 'batchCreate':
			return await batchCreate(task);
		case 'trigger':
			return await trigger(task);
	}
}

// Anything that escapes the task (an unhandled rejection inside the engine) still answers, with its message.
const fail = (error: unknown) => {
	if (process.connected)
		process.send!({ error: `worker crashed: ${errorText(error)}` }, undefined, {}, () =>
			process.exit(1),
		);
	else process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

process.once('message', (task: Task) => {
	runTask(task)
		.catch((error: unknown) => ({ error: errorText(error) }) as TaskResult)
		.then((result) => process.send!(result, undefined, {}, () => process.exit(0)));
});
