/**
 * Security: ids can never reach another route; the client secret, the tokens and health data never leak into
 * output, errors or logs; the Base URL must be http(s), plain http only for this machine or when allowed; and
 * the node code neither logs nor touches the console.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject, IHttpRequestOptions, INode, INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { ApiSession, resourcePath } from '../../nodes/shared/transport';
import type { FitbitPlusContext } from '../../nodes/shared/transport';
import { byId } from '../coverage/cases';
import type { OperationCase } from '../coverage/cases';
import { coreCases } from '../coverage/cases.core';
import { patientCareCases } from '../coverage/cases.patientCare';
import { plansRewardsCases } from '../coverage/cases.plansRewards';
import { TestEngine } from '../helpers/engine';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { badRun, rows as badInputRows } from './badInputRows';

const ROOT = path.resolve(__dirname, '..', '..');
const ODD_IDS = ['../group', 'a/b?x=1', '..', '%2e%2e', 'abc'];

describe('ids stay in their path segment', () => {
	const fixture = useSandbox();

	it.each([
		['Get group', { resource: 'group', operation: 'get' }, 'groupId'],
		[
			'Update patient',
			{ resource: 'patient', operation: 'update', updateFields: { note: 'x' } },
			'patientId',
		],
		[
			'Get patient groups',
			{ resource: 'patient', operation: 'getGroups', returnAll: true },
			'patientId',
		],
		[
			'Delete calendar event',
			{ resource: 'calendarEvent', operation: 'delete' },
			'calendarEventId',
		],
	] as const)('%s: every odd id is refused before any request', async (_name, base, parameter) => {
		for (const odd of ODD_IDS) {
			fixture.sandbox.resetLog();
			const { error } = await fixture.engine.execute(
				{ ...base, [parameter]: byId('={{ $json.id }}') },
				[{ id: odd }],
			);
			expect(error?.message).toBe(
				`'${parameter === 'groupId' ? 'Group' : parameter === 'patientId' ? 'Patient' : 'Calendar Event'}' "${odd}" is not a Fitbit Plus ID [item 0]`,
			);
			expect(fixture.sandbox.requests).toEqual([]);
		}
	});

	it('resourcePath encodes each value into one segment, and refuses empty, "." and ".." outright', () => {
		expect(resourcePath('/group/{id}', { id: '58c4554710123c5c40dbab81' })).toBe(
			'/group/58c4554710123c5c40dbab81',
		);
		expect(resourcePath('/group/{id}', { id: '../group' })).toBe('/group/..%2Fgroup');
		expect(resourcePath('/patient/{id}/coaches', { id: 'a/b?x=1' })).toBe(
			'/patient/a%2Fb%3Fx%3D1/coaches',
		);
		expect(resourcePath('/group/{id}', { id: '%2e%2e' })).toBe('/group/%252e%252e');
		expect(resourcePath('/group/{id}', { id: 'a#b c' })).toBe('/group/a%23b%20c');
		for (const value of ['', '.', '..']) {
			expect(() => resourcePath('/group/{id}', { id: value })).toThrow(
				/Refusing to build the path/,
			);
		}
		expect(() => resourcePath('/group/{id}', {})).toThrow(/Refusing to build the path/);
	});

	it('the sandbox receives exactly the encoded path, on the by-id route, through the transport', async () => {
		const { sandbox } = fixture;
		const context = transportContext(sandbox, await issueToken(sandbox));
		const valid = sandbox.ids.groups[0];
		sandbox.resetLog();
		const document = await new ApiSession(context).request(
			'GET',
			resourcePath('/group/{id}', { id: valid }),
		);
		expect((document.data as unknown as IDataObject).id).toBe(valid);
		for (const odd of ['../group', 'a/b?x=1']) {
			await expect(
				new ApiSession(context).request('GET', resourcePath('/group/{id}', { id: odd })),
			).rejects.toThrow(/Fitbit Plus answered 4\d\d/);
		}
		expect(sandbox.requests.map((r) => [r.path, r.operationId])).toEqual([
			[`/pub/group/${valid}`, 'fetchGroup'],
			['/pub/group/..%2Fgroup', 'fetchGroup'],
			['/pub/group/a%2Fb%3Fx%3D1', 'fetchGroup'],
		]);
		// The odd ids break the spec's id pattern (answered 400 SpecViolation): expected here, nowhere else.
		const violations = sandbox.violations.splice(0);
		expect(violations.map((v) => v.operationId)).toEqual(violations.map(() => 'fetchGroup'));
	});
});

// ── leak scan ──────────────────────────────────────────────────────────────────────────────────────────────

const SECRET = 'S3cr3t-LEAK-CANARY-9b1f';
const WRONG_SECRET = 'Wr0ng-LEAK-CANARY-77aa';
const TOKEN_PREFIX = 'TOKEN-LEAK-CANARY-';
const LAST_NAME = 'Quillfeatherstone-PHI-CANARY';

/** Every string reachable from a value: own properties (enumerable or not) of errors and objects, cycle-safe. */
function strings(
	value: unknown,
	out: string[] = [],
	seen = new Set<unknown>(),
	depth = 0,
): string[] {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
	else if (value && typeof value === 'object' && !seen.has(value) && depth < 12) {
		seen.add(value);
		for (const key of Object.getOwnPropertyNames(value)) {
			out.push(key);
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			strings(child, out, seen, depth + 1);
		}
	}
	return out;
}

interface Capture {
	logs: string[];
	restore(): void;
}

/** Everything written to stdout/stderr, through console.* or through n8n's logger (as a server logs to console). */
function captureOutput(): Capture {
	const logs: string[] = [];
	const spies: jest.SpyInstance[] = [];
	for (const stream of [process.stdout, process.stderr]) {
		spies.push(
			jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
				logs.push(
					typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
				);
				return true;
			}) as never),
		);
	}
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		spies.push(
			jest
				.spyOn(console, method)
				.mockImplementation((...args: unknown[]) => logs.push(strings(args).join(' '))),
		);
	}
	// n8n's server logs through winston to the console, metadata included: the same, at debug level.
	const toConsole = (level: string) => (message: string, metadata?: unknown) =>
		console.log(`[${level}] ${message} ${strings(metadata).join(' ')}`);
	LoggerProxy.init({
		error: toConsole('error'),
		warn: toConsole('warn'),
		info: toConsole('info'),
		debug: toConsole('debug'),
	});
	return {
		logs,
		restore() {
			const noop = () => {};
			LoggerProxy.init({ error: noop, warn: noop, info: noop, debug: noop });
			for (const spy of spies) spy.mockRestore();
		},
	};
}

describe('leak scan: secret, tokens and record contents', () => {
	let sandbox: Sandbox;
	let engine: TestEngine;
	/** Every token the sandbox issued during the scan. */
	const issuedTokens = new Set<string>();
	/** What a user or an operator could see: output, errors (thrown and stored), the run, logs. */
	const visible: Array<{ scenario: string; channel: string; text: string }> = [];
	const logs: string[] = [];
	const scenarios: string[] = [];
	const thrown: unknown[] = [];
	const durations: Array<[string, number]> = [];

	beforeAll(async () => {
		sandbox = await startSandbox({
			clients: [{ clientId: 'leak-scan-client', clientSecret: SECRET }],
			tokenPrefix: TOKEN_PREFIX,
			sizes: { patients: 120 },
		});
		sandbox.insert(
			'patient',
			{ first_name: 'Ada', last_name: LAST_NAME },
			{ groups: { data: [{ type: 'group', id: sandbox.ids.groups[0] }] } },
		);
		engine = new TestEngine({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: SECRET,
		});
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	/** Runs one scenario through the engine, keeping everything visible, and the raw errors the node threw. */
	async function scan(
		scenario: string,
		parameters: INodeParameters,
		input: IDataObject[] = [{}],
		options: { continueOnFail?: boolean } = {},
	) {
		scenarios.push(scenario);
		const original = FitbitPlus.prototype.execute;
		const execute = jest.spyOn(FitbitPlus.prototype, 'execute');
		execute.mockImplementation(async function (this: ThisParameterType<typeof original>) {
			try {
				return await original.call(this);
			} catch (error) {
				thrown.push(error);
				throw error;
			}
		});
		const capture = captureOutput();
		const started = Date.now();
		try {
			const result = await engine.execute(parameters, input, options);
			visible.push({ scenario, channel: 'output items', text: strings(result.items).join('\n') });
			if (result.error)
				visible.push({ scenario, channel: 'error', text: strings(result.error).join('\n') });
			visible.push({ scenario, channel: 'run data', text: strings(result.run).join('\n') });
			return result;
		} finally {
			capture.restore();
			execute.mockRestore();
			sandbox.clearFaults();
			durations.push([scenario, Date.now() - started]);
			logs.push(...capture.logs.map((text) => `${scenario}: ${text}`));
			collectTokens();
		}
	}

	function collectTokens() {
		const stored = engine.storedCredential();
		if (typeof stored.accessToken === 'string' && stored.accessToken !== '')
			issuedTokens.add(stored.accessToken);
	}

	it('runs every coverage case with the canary secret', async () => {
		const cases: OperationCase[] = [...coreCases, ...patientCareCases, ...plansRewardsCases];
		for (const c of cases) {
			await scan(
				`case ${c.operationId}`,
				{ resource: c.resource, operation: c.operation, ...c.parameters(sandbox) },
				c.input ? c.input(sandbox) : [{}],
			);
		}
		expect(scenarios.length).toBe(cases.length);
	});

	it('runs fault scenarios: 401 mid-run, 429, 5xx, timeout, bad bodies, a foreign link, a wrong secret', async () => {
		const organization = sandbox.ids.organization;
		const patients = {
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { organization },
		};
		const quick = { requestOptions: { retries: 1, maxRetryWait: 0.05, timeout: 200 } };

		sandbox.revokeTokensAfter(1);
		expect((await scan('token revoked mid-run', patients)).error).toBeUndefined();
		sandbox.revokeTokensAfter(1, 'expire');
		expect((await scan('token expired mid-run', patients)).error).toBeUndefined();

		sandbox.injectFault({ path: '/pub/patient', status: 429, retryAfter: 9, times: 1 });
		await scan('429', { ...patients, ...quick });
		sandbox.injectFault({ path: '/pub/patient', status: 503, times: 5 });
		expect((await scan('503 exhausted', { ...patients, ...quick })).error).toBeDefined();
		sandbox.injectFault({ method: 'POST', path: '/pub/group', delayMs: 400, times: 1 });
		expect(
			(
				await scan('POST timeout', {
					resource: 'group',
					operation: 'create',
					name: 'Slow',
					...quick,
				})
			).error,
		).toBeDefined();
		sandbox.injectFault({
			path: '/pub/patient',
			status: 502,
			contentType: 'text/html',
			rawBody: '<html>Bad Gateway</html>',
			times: 5,
		});
		expect((await scan('HTML 502', { ...patients, ...quick })).error).toBeDefined();
		sandbox.injectFault({ path: '/pub/patient', status: 200, rawBody: '{"data": [', times: 1 });
		expect((await scan('malformed JSON', patients)).error).toBeDefined();
		sandbox.injectFault({ path: '/pub/patient', status: 200, rawBody: '', times: 1 });
		expect((await scan('empty body', patients)).error).toBeDefined();
		sandbox.injectFault({
			path: '/pub/patient',
			status: 200,
			rawBody: JSON.stringify({
				data: [],
				links: { next: 'https://elsewhere.example.net/pub/patient' },
			}),
			times: 1,
		});
		expect((await scan('foreign link', patients)).error).toBeDefined();
		sandbox.injectFault({ path: '/pub/patient', status: 401, times: 2 });
		expect((await scan('401 twice', patients)).error).toBeDefined();
		await scan('404 by id', {
			resource: 'patient',
			operation: 'get',
			patientId: byId('ffffffffffffffffffffffff'),
		});
		await scan(
			'Continue On Fail with a failing item',
			{ resource: 'patient', operation: 'get', patientId: byId('={{ $json.id }}') },
			[{ id: sandbox.ids.patients[0] }, { id: 'ffffffffffffffffffffffff' }],
			{ continueOnFail: true },
		);

		const stored = engine.storedCredential();
		engine.setCredential({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: WRONG_SECRET,
		});
		expect((await scan('wrong secret', patients)).error?.message).toMatch(
			/invalid client credentials/,
		);
		engine.setCredential({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: SECRET,
		});
		engine.credentialsHelper.store.set('cred-1', stored);
	});

	it('runs every bad-input row', async () => {
		for (const row of badInputRows) {
			const { parameters, input } = badRun(sandbox, row);
			expect((await scan(`bad input: ${row.name}`, parameters, input)).error).toBeDefined();
		}
	});

	it('reads health data into the output (so the scan below means something)', async () => {
		const result = await scan('patients with the canary name', {
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: sandbox.ids.organization },
		});
		expect(result.items.some((item) => item.json.last_name === LAST_NAME)).toBe(true);
		expect(issuedTokens.size).toBeGreaterThanOrEqual(2);
		for (const token of issuedTokens) expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
	});

	it('the scanner sees a planted canary in each channel (it can fail)', () => {
		const capture = captureOutput();
		try {
			console.warn(`planted ${SECRET}`);
			process.stderr.write(`planted ${TOKEN_PREFIX}x\n`);
			LoggerProxy.debug('planted', { body: { last_name: LAST_NAME } });
		} finally {
			capture.restore();
		}
		const text = capture.logs.join('\n');
		expect(text).toContain(SECRET);
		expect(text).toContain(TOKEN_PREFIX);
		expect(text).toContain(LAST_NAME);
		const error = new Error('outer', {
			cause: Object.assign(new Error('inner'), {
				config: { headers: { Authorization: `Bearer ${TOKEN_PREFIX}abc` } },
			}),
		});
		expect(strings(error).join('\n')).toContain(`${TOKEN_PREFIX}abc`);
	});

	it('finds no secret and no token anywhere, and no record contents in the logs', () => {
		expect(scenarios.length).toBeGreaterThan(100);
		const canaries = [
			SECRET,
			WRONG_SECRET,
			TOKEN_PREFIX,
			...issuedTokens,
			...[...issuedTokens].map((t) => t.slice(TOKEN_PREFIX.length)),
		];
		const leaks: string[] = [];
		for (const { scenario, channel, text } of visible) {
			for (const canary of canaries)
				if (text.includes(canary)) leaks.push(`${scenario} / ${channel}: ${canary.slice(0, 30)}`);
		}
		for (const [index, error] of thrown.entries()) {
			const text = strings(error).join('\n');
			for (const canary of canaries)
				if (text.includes(canary)) leaks.push(`thrown error ${index}: ${canary.slice(0, 30)}`);
		}
		for (const line of logs) {
			for (const canary of [...canaries, LAST_NAME])
				if (line.includes(canary)) leaks.push(`log: ${line.slice(0, 120)}`);
		}
		expect(leaks).toEqual([]);
		expect(thrown.length).toBeGreaterThan(40);
		console.log(
			durations
				.filter(([, ms]) => ms > 300)
				.map(([name, ms]) => `${name} ${ms}ms`)
				.join('; ') +
				`\nleak scan: ${scenarios.length} scenarios, ${visible.length} outputs/errors/runs, ${thrown.length} thrown errors, ${logs.length} log writes, ${issuedTokens.size} tokens: clean`,
		);
	});
});

// ── Base URL ───────────────────────────────────────────────────────────────────────────────────────────────

/** This machine's address on a non-loopback interface, if it has one. */
function externalAddress(): string | undefined {
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? [])
			if (address.family === 'IPv4' && !address.internal) return address.address;
	}
	return undefined;
}

describe('Base URL', () => {
	let sandbox: Sandbox;
	const address = externalAddress();

	beforeAll(async () => {
		sandbox = await startSandbox({ host: '0.0.0.0' });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => sandbox.resetLog());

	const listGroups = () => ({
		resource: 'group',
		operation: 'getAll',
		limit: 1,
		filters: { organization: sandbox.ids.organization },
	});

	it.each([
		['ftp://api.example.org/pub', /must start with https:\/\/ \(it starts with ftp:\/\/\)/],
		['api.twinehealth.com/pub', /is not a valid URL/],
		[
			'https://user:pw@api.example.org/pub',
			/must not contain a query string, fragment or user name/,
		],
		['http://fitbit-plus.example.org/pub', /plain http for a host that is not this machine/],
	])('refuses %s before any request', async (baseUrl, message) => {
		const engine = new TestEngine({
			baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		const { error } = await engine.execute(listGroups());
		expect(error?.message).toMatch(message);
		expect(sandbox.requests).toEqual([]);
	});

	(address ? it : it.skip)(
		'plain http to a host that is not this machine works once "Allow Plain HTTP" is ticked',
		async () => {
			const baseUrl = `http://${address}:${sandbox.port}/pub`;
			const refused = await new TestEngine({
				baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
			}).execute(listGroups());
			expect(refused.error?.message).toMatch(/plain http/);
			expect(sandbox.requests).toEqual([]);

			const engine = new TestEngine({
				baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
				allowHttp: true,
			});
			const { items, error } = await engine.execute(listGroups());
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(sandbox.tokenExchanges()).toBe(1);
			expect(apiRequests(sandbox)).toHaveLength(1);
		},
	);

	it('plain http to this machine (the local sandbox) needs no tick', async () => {
		const engine = new TestEngine({
			baseUrl: `http://localhost:${sandbox.port}/pub`,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		expect((await engine.execute(listGroups())).error).toBeUndefined();
	});
});

// ── the node code itself ───────────────────────────────────────────────────────────────────────────────────

function sourceFiles(directory: string): string[] {
	return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

describe('node code', () => {
	const files = [
		...sourceFiles(path.join(ROOT, 'nodes')),
		...sourceFiles(path.join(ROOT, 'credentials')),
	];
	/** Code without comments, so a comment may mention what the code must not do. */
	const code = (file: string) =>
		fs
			.readFileSync(file, 'utf8')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

	it('has source files to check', () => {
		expect(files.length).toBeGreaterThan(40);
	});

	it.each([
		['console.*', /\bconsole\s*\./],
		['process.*', /\bprocess\s*\./],
		['timers', /\b(setTimeout|setInterval|setImmediate)\s*\(/],
		[
			"n8n's logger (no request or response is ever logged)",
			/\b(LoggerProxy|logger)\s*\.\s*(debug|info|warn|error|verbose)\b/,
		],
	])('never calls %s', (_what, pattern) => {
		const offenders = files
			.filter((file) => pattern.test(code(file)))
			.map((file) => path.relative(ROOT, file));
		expect(offenders).toEqual([]);
	});

	it('imports only n8n-workflow and relative files', () => {
		const offenders: string[] = [];
		for (const file of files) {
			for (const match of code(file).matchAll(
				/\bfrom\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
			)) {
				const target = match[1] ?? match[2];
				if (target !== 'n8n-workflow' && !target.startsWith('.'))
					offenders.push(`${path.relative(ROOT, file)}: ${target}`);
			}
		}
		expect(offenders).toEqual([]);
	});
});

// ── helpers for calling the transport directly ─────────────────────────────────────────────────────────────

async function issueToken(sandbox: Sandbox): Promise<string> {
	const response = await fetch(`${sandbox.baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/vnd.api+json' },
		body: JSON.stringify({
			data: {
				type: 'token',
				attributes: {
					grant_type: 'client_credentials',
					client_id: sandbox.clientId,
					client_secret: sandbox.clientSecret,
				},
			},
		}),
	});
	const document = (await response.json()) as { data: { attributes: { access_token: string } } };
	return document.data.attributes.access_token;
}

/** A minimal node context whose authenticated request is a plain fetch with the bearer token. */
function transportContext(sandbox: Sandbox, token: string): FitbitPlusContext {
	const node: INode = {
		id: 'n',
		name: 'Fitbit Plus',
		type: 'n8n-nodes-fitbit-plus.fitbitPlus',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		getNode: () => node,
		getCredentials: async () => ({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			accessToken: token,
			accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
		}),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				const url = new URL(request.url);
				for (const [key, value] of Object.entries(request.qs ?? {}))
					url.searchParams.set(key, String(value));
				const response = await fetch(url.toString(), {
					method: request.method,
					headers: {
						...(request.headers as Record<string, string>),
						Authorization: `Bearer ${token}`,
					},
					body: request.body === undefined ? undefined : JSON.stringify(request.body),
				});
				const text = await response.text();
				const data = text === '' ? '' : JSON.parse(text);
				if (!response.ok) {
					throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
						response: {
							status: response.status,
							headers: Object.fromEntries(response.headers),
							data,
						},
					});
				}
				// As n8n's helper does with returnFullResponse (what the transport asks for).
				return request.returnFullResponse
					? {
							body: data,
							headers: Object.fromEntries(response.headers),
							statusCode: response.status,
						}
					: data;
			},
		},
	} as unknown as FitbitPlusContext;
}
