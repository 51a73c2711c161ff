/**
 * A local, stateful, in-memory Fitbit Plus API (all operations of the spec) for tests, `npm start`,
 * benchmarks and end-to-end runs. Every /pub request is validated against the spec (400 SpecViolation).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleAdmin } from './admin';
import {
	describeFault,
	Faults,
	type FaultSpec,
	type InFlightLimit,
	requestMatches,
} from './faults';
import { COUNTER_PARAMETER, rewriteAnswer } from './answerFaults';
import { filterTables } from './filters';
import { handlers, schemaFacts, type State, type TokenInfo } from './handlers';
import { ApiError, ApiErrors, errorDocument, toResource } from './jsonapi';
import { applyChange, isResourceType, TYPES } from './model';
import { createRecord, mulberry32, seedStore, type SeedSizes } from './seed';
import { loadSpec, matchOperation } from './spec';
import { type IdMinting, Store, type JsonApiResource } from './store';
import { SpecValidator, type Query } from './validator';

export type { FaultSpec, InFlightLimit } from './faults';
export type { SeedSizes } from './seed';
export type { IdMinting, JsonApiResource } from './store';
export { loadSpec, locateSpec } from './spec';
export { SpecValidator } from './validator';

export interface SandboxOptions {
	port?: number;
	host?: string;
	seed?: number;
	sizes?: Partial<SeedSizes>;
	clients?: Array<{ clientId: string; clientSecret: string }>;
	tokenLifetimeSeconds?: number;
	/** Put in front of every access and refresh token issued (e.g. a canary the leak tests look for). */
	tokenPrefix?: string;
	maxPageSize?: number;
	linkStyle?: 'absolute' | 'relative';
	validate?: boolean;
	/** Also check every response against the spec's response schema (violations are recorded, answers unchanged). */
	validateResponses?: boolean;
	specPath?: string;
}

export interface RecordedRequest {
	seq: number;
	method: string;
	path: string;
	pathname: string;
	query: Record<string, string | string[]>;
	contentType?: string;
	hasAuthorization: boolean;
	body?: unknown;
	status: number;
	fault?: string;
	operationId?: string;
	violations: string[];
	durationMs: number;
	/** When the request arrived (Date.now()), to measure waits between retries. */
	at: number;
}

export interface Violation {
	method: string;
	path: string;
	operationId?: string;
	messages: string[];
}

export type SandboxIds = { organization: string } & {
	[K in Exclude<(typeof TYPES)[keyof typeof TYPES], 'organization'>]: string[];
};

export interface Sandbox {
	url: string;
	baseUrl: string;
	port: number;
	clientId: string;
	clientSecret: string;
	requests: RecordedRequest[];
	violations: Violation[];
	tokenExchanges(): number;
	/** The grant type of each successful token exchange since the last reset ('client_credentials', 'refresh_token'). */
	tokenGrants(): string[];
	resetLog(): void;
	injectFault(f: FaultSpec): void;
	/** Serves at most `limit.maxInFlight` matching requests at once, 429 beyond; cleared by clearFaults(). */
	limitInFlight(limit: InFlightLimit): void;
	clearFaults(): void;
	revokeTokens(): void;
	/** Refuses every refresh token issued so far (as a server does once they run out); access tokens stay valid. */
	revokeRefreshTokens(): void;
	expireTokens(): void;
	/**
	 * Serves the next `requests` API requests (token exchanges not counted) with the tokens as they are, then
	 * revokes (or, with 'expire', expires) every token just before the one after: a token dying in the middle
	 * of a run.
	 */
	revokeTokensAfter(requests: number, how?: 'revoke' | 'expire'): void;
	insert(
		type: string,
		attributes?: Record<string, unknown>,
		relationships?: Record<string, unknown>,
	): JsonApiResource;
	/** A change made outside the API (see `applyChange`): attributes merged, `updated_at` stamped. */
	update(type: string, id: string, attributes: Record<string, unknown>): JsonApiResource;
	get(type: string, id: string): JsonApiResource | undefined;
	list(type: string): JsonApiResource[];
	/** Record count per type. */
	counts(): Record<string, number>;
	/**
	 * From now on, mint ids as an API on several servers does (ordered only to the second, some committed late)
	 * and, with `shufflePages`, list cursor pages out of id order; undefined: back to one server, ids ascending.
	 */
	mintIdsOutOfOrder(minting?: IdMinting): void;
	/** Moves the sandbox's clock on (the time in new ids and stamps), as if `seconds` had passed. */
	advanceClock(seconds: number): void;
	ids: SandboxIds;
	/** The spec validator (the tests use it to check responses). */
	validator: SpecValidator;
	close(): Promise<void>;
}

const MEDIA = 'application/vnd.api+json';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const spec = loadSpec(options.specPath);
	const validator = new SpecValidator(spec);
	const store = new Store();
	const gen = seedStore(store, options.seed ?? 1, options.sizes);
	const clients = options.clients?.length
		? options.clients
		: [{ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' }];
	const state: State = {
		spec,
		store,
		gen,
		organization: gen.organization,
		clients,
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		tokenPrefix: options.tokenPrefix ?? '',
		maxPageSize: options.maxPageSize ?? 50,
		accessTokens: new Map(),
		refreshTokens: new Map(),
		tokensById: new Map(),
		tokenGrants: [],
		filters: filterTables(store),
		...schemaFacts(spec),
	};
	const validate = options.validate !== false;
	const requests: RecordedRequest[] = [];
	const violations: Violation[] = [];
	const faults = new Faults();
	let inFlightLimit: { limit: InFlightLimit; inFlight: number } | undefined;
	const timers = new Set<NodeJS.Timeout>();
	let seq = 0;
	/** API requests still to serve before revokeTokensAfter() revokes every token. */
	let revokeCountdown: number | undefined;
	let revokeHow: 'revoke' | 'expire' = 'revoke';

	const ids = { organization: gen.organization } as SandboxIds;
	for (const [type, key] of Object.entries(TYPES))
		if (key !== 'organization') (ids as any)[key] = store.collection(type).records.map((r) => r.id);

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void serve(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: Error) => {
				// A sandbox bug: say so (the message only, never request contents).
				if (!res.headersSent)
					send(
						res,
						500,
						errorDocument([
							{ status: 500, code: 'InternalError', title: 'Sandbox Error', detail: e.message },
						]),
					);
			});
		});
	});
	server.keepAliveTimeout = 30_000;

	function send(
		res: http.ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
	): void {
		if (res.destroyed) return;
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': MEDIA,
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	}

	function linkBaseOf(req: http.IncomingMessage): string {
		if (options.linkStyle === 'relative') return '';
		return req.headers.host ? `http://${req.headers.host}` : sandbox.url;
	}

	function authorized(req: http.IncomingMessage): TokenInfo | undefined {
		const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const info = m ? state.accessTokens.get(m[1]) : undefined;
		return info && info.expiresAt > Date.now() ? info : undefined;
	}

	async function serve(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		raw: string,
	): Promise<void> {
		const started = performance.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const target = req.url ?? '/';
		const qIndex = target.indexOf('?');
		const pathname = qIndex < 0 ? target : target.slice(0, qIndex);
		if (pathname === '/__admin' || pathname.startsWith('/__admin/'))
			return handleAdmin(sandbox, req, res, pathname, raw);

		const rawQuery: Array<[string, string]> = [
			...new URLSearchParams(qIndex < 0 ? '' : target.slice(qIndex + 1)),
		];
		const query: Query = {};
		for (const [k, v] of rawQuery) {
			const prev = query[k];
			query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
		}
		const contentType = req.headers['content-type'];
		let body: unknown;
		let bodyError: string | undefined;
		if (raw.length) {
			try {
				body = JSON.parse(raw);
			} catch (e) {
				bodyError = (e as Error).message;
			}
		}
		const entry: RecordedRequest = {
			seq: ++seq,
			method,
			path: target,
			pathname,
			query,
			...(contentType ? { contentType } : {}),
			hasAuthorization: !!req.headers.authorization,
			status: 0,
			violations: [],
			durationMs: 0,
			// Fractional ms on the Date.now() clock: whole ms would make back-to-back requests look overlapping.
			at: performance.timeOrigin + started,
		};
		const isTokenCall = pathname === `${spec.basePath}/oauth/token`;
		if (revokeCountdown !== undefined && !isTokenCall) {
			if (revokeCountdown === 0) {
				revokeCountdown = undefined;
				if (revokeHow === 'expire') sandbox.expireTokens();
				else sandbox.revokeTokens();
			} else revokeCountdown--;
		}
		if (raw.length && !isTokenCall) entry.body = bodyError ? raw : body; // token bodies hold secrets
		requests.push(entry);
		const finish = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			entry.status = status;
			entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
			send(res, status, payload, headers);
		};

		// Limits and faults come first: before auth and validation.
		const limited = inFlightLimit;
		if (limited && requestMatches(limited.limit, method, pathname, spec.basePath)) {
			if (limited.inFlight >= limited.limit.maxInFlight) {
				entry.fault = 'in-flight-limit';
				const detail = 'more requests at once than the API allows';
				return finish(
					429,
					errorDocument([
						{ status: 429, code: 'TooManyRequests', title: 'Too Many Requests', detail },
					]),
					{ 'Retry-After': String(limited.limit.retryAfter) },
				);
			}
			limited.inFlight++;
			res.once('close', () => limited.inFlight--);
		}
		const fault = faults.take(method, pathname, spec.basePath);
		// An answer fault serves the request, then changes its body; a counter link's counter is not the API's.
		const answerFault = fault?.answer;
		const counter = Number(query[COUNTER_PARAMETER] ?? 0);
		if (answerFault === 'counter-link' || query[COUNTER_PARAMETER] !== undefined) {
			delete query[COUNTER_PARAMETER];
			for (let i = rawQuery.length - 1; i >= 0; i--)
				if (rawQuery[i][0] === COUNTER_PARAMETER) rawQuery.splice(i, 1);
		}
		if (fault) entry.fault = describeFault(fault);
		if (fault && !answerFault) {
			if (fault.delayMs) {
				await new Promise<void>((resolve) => {
					const t = setTimeout(() => {
						timers.delete(t);
						resolve();
					}, fault.delayMs);
					timers.add(t);
				});
				if (res.destroyed || req.socket.destroyed) return;
			}
			if (fault.hang) {
				entry.status = fault.hang === 'body' ? (fault.status ?? 200) : 0;
				if (fault.hang === 'body') {
					res.writeHead(fault.status ?? 200, { 'Content-Type': fault.contentType ?? MEDIA });
					res.flushHeaders();
				}
				// Never answered: the client's deadline (or close()) ends the connection.
				return;
			}
			if (fault.trickleMs !== undefined) {
				const status = fault.status ?? 200;
				const text = fault.rawBody ?? '{}';
				entry.status = status;
				res.writeHead(status, {
					'Content-Type': fault.contentType ?? MEDIA,
					'Content-Length': Buffer.byteLength(text),
				});
				let sent = 0;
				const next = () => {
					if (res.destroyed) return;
					if (sent >= text.length) return void res.end();
					res.write(text[sent++]);
					const t = setTimeout(() => {
						timers.delete(t);
						next();
					}, fault.trickleMs);
					timers.add(t);
				};
				next();
				return;
			}
			if (fault.drop) {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			if (fault.status !== undefined || fault.rawBody !== undefined) {
				const status = fault.status ?? 200;
				const headers: Record<string, string> = { ...fault.headers };
				if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
				entry.status = status;
				entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
				if (res.destroyed) return;
				const text =
					fault.rawBody ??
					JSON.stringify(
						errorDocument([
							{
								status,
								code:
									status === 429
										? 'TooManyRequests'
										: status === 401
											? 'Unauthorized'
											: 'ServiceUnavailable',
								title: http.STATUS_CODES[status] ?? 'Error',
								detail: 'injected fault',
							},
						]),
					);
				res.writeHead(status, {
					'Content-Type': fault.contentType ?? MEDIA,
					'Content-Length': Buffer.byteLength(text),
					...headers,
				});
				res.end(text);
				return;
			}
		}

		const violation = (messages: string[], operationId?: string) => {
			entry.violations = messages;
			if (operationId) entry.operationId = operationId;
			violations.push({ method, path: target, ...(operationId ? { operationId } : {}), messages });
			finish(
				400,
				errorDocument([
					{
						status: 400,
						code: 'SpecViolation',
						title: 'Request violates the Fitbit Plus API spec',
						detail: messages.join('; '),
					},
				]),
			);
		};

		if (!pathname.startsWith(spec.basePath + '/'))
			return violation([`${method} ${pathname}: not under the base path ${spec.basePath}`]);
		const subPath = pathname.slice(spec.basePath.length);
		const { op, params, pathMatched } = matchOperation(spec, method, subPath);
		if (!op)
			return violation([
				pathMatched
					? `${method} is not declared for ${subPath}`
					: `no operation in the spec for ${method} ${subPath}`,
			]);
		entry.operationId = op.operationId;

		try {
			if (op.operationId === 'createToken') {
				// The description: any content type but these two is 403 Forbidden (declared, so not a violation).
				const media = contentType?.split(';')[0].trim().toLowerCase();
				if (!media || !op.consumes.includes(media))
					throw new ApiError(
						403,
						'Forbidden',
						'Forbidden',
						`Content-Type must be ${op.consumes.join(' or ')}`,
					);
			}
			if (validate) {
				const messages = validator.validateRequest(op, query, contentType, body, bodyError);
				if (messages.length) return violation(messages, op.operationId);
			} else if (bodyError) {
				throw new ApiError(
					409,
					'InvalidBodyParameter',
					'Invalid Request',
					'body is not valid JSON',
					{ pointer: '' },
				);
			}
			if (op.operationId !== 'createToken' && !authorized(req))
				throw new ApiError(401, 'Unauthorized', 'Unauthorized', 'A valid bearer token is required');
			const result = handlers[op.operationId]({
				state,
				op,
				params,
				query,
				rawQuery,
				body,
				contentType,
				linkBase: linkBaseOf(req),
				subPath,
				fault,
			});
			if (answerFault) {
				const search = new URLSearchParams(rawQuery).toString();
				const self = `${linkBaseOf(req)}${pathname}${search ? `?${search}` : ''}`;
				return finish(result.status, rewriteAnswer(answerFault, result.body, self, counter));
			}
			if (options.validateResponses) {
				const messages = validator.validateResponse(op, result.status, result.body);
				if (messages.length)
					violations.push({ method, path: target, operationId: op.operationId, messages });
			}
			return finish(result.status, result.body);
		} catch (e) {
			if (!(e instanceof ApiError)) {
				// With validation off a malformed body can reach a handler: answer as the API would (409), not 500.
				if (!validate)
					return finish(
						409,
						errorDocument([
							{
								status: 409,
								code: 'InvalidBodyParameter',
								title: 'Invalid Request',
								detail: 'malformed request body',
								source: { pointer: '/data' },
							},
						]),
					);
				throw e;
			}
			return finish(
				e.status,
				errorDocument(
					(e instanceof ApiErrors ? e.errors : [e]).map((one) => ({
						status: one.status,
						code: one.code,
						title: one.title,
						detail: one.message,
						...(one.source ? { source: one.source } : {}),
					})),
				),
				e.headers,
			);
		}
	}

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	const url = `http://${publicHost}:${port}`;

	const resource = (rec: Parameters<typeof toResource>[0]) =>
		structuredClone(toResource(rec, url)) as unknown as JsonApiResource;

	const sandbox: Sandbox = {
		url,
		baseUrl: url + spec.basePath,
		port,
		clientId: clients[0].clientId,
		clientSecret: clients[0].clientSecret,
		requests,
		violations,
		validator,
		ids,
		tokenExchanges: () => state.tokenGrants.length,
		tokenGrants: () => [...state.tokenGrants],
		resetLog() {
			// In place: callers hold these arrays.
			requests.length = 0;
			violations.length = 0;
			state.tokenGrants.length = 0;
		},
		injectFault: (f) => faults.add(f),
		limitInFlight(limit) {
			inFlightLimit = { limit, inFlight: 0 };
		},
		clearFaults() {
			faults.clear();
			inFlightLimit = undefined;
		},
		revokeTokens() {
			state.accessTokens.clear();
			state.refreshTokens.clear();
		},
		revokeRefreshTokens() {
			state.refreshTokens.clear();
		},
		expireTokens() {
			for (const info of state.accessTokens.values()) info.expiresAt = 0;
		},
		revokeTokensAfter(count, how = 'revoke') {
			revokeCountdown = count;
			revokeHow = how;
		},
		insert(type, attributes = {}, relationships = {}) {
			if (!isResourceType(type) || type === 'organization')
				throw new Error(`cannot insert records of type "${type}"`);
			const rec = createRecord(gen, type, { attributes, relationships: relationships as any });
			return resource(rec);
		},
		update(type, id, attributes) {
			const rec = store.get(type, id);
			if (!rec) throw new Error(`no ${type} ${id}`);
			applyChange(store, rec, attributes, store.ids.now());
			return resource(rec);
		},
		get(type, id) {
			const rec = store.get(type, id);
			return rec ? resource(rec) : undefined;
		},
		list: (type) => store.collection(type).records.map(resource),
		counts: () => store.counts(),
		mintIdsOutOfOrder: (minting) => store.ids.mint(minting, mulberry32),
		advanceClock: (seconds) => store.ids.advance(seconds),
		close: () =>
			new Promise<void>((resolve) => {
				for (const t of timers) clearTimeout(t);
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	return sandbox;
}
