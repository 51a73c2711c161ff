/**
 * The API session (transport/session.ts) in milliseconds, with a fake n8n request helper that behaves as n8n's
 * does: it replaces the request's abort signal with the context's execution signal, and exchanges a token
 * (preAuthentication) when the credential's is empty. Shown: each request's whole-request deadline, one token
 * renewal per session and then the refused state, the per-session retry budget, and the Request Options the
 * node hands the session.
 */
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ApiSession, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../nodes/shared/transport';
import { LaneLimit, mapConcurrent } from '../../nodes/shared/transport/concurrency';
import { requestSettings } from '../../nodes/FitbitPlus/actions/requestOptions';

type Answer = (
	request: IHttpRequestOptions,
	token: string,
	signal?: AbortSignal,
) => Promise<unknown>;

const FUTURE = new Date(Date.now() + 3600_000).toISOString();

/** An error as n8n's helper throws for an HTTP status. */
function httpError(status: number): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		response: {
			status,
			headers: {},
			data: { errors: [{ status: String(status), code: 'Refused' }] },
		},
	});
}

/** Never answers; rejects as axios does (ERR_CANCELED) once the signal aborts. */
const hung: Answer = async (_request, _token, signal) =>
	await new Promise((_resolve, reject) => {
		const canceled = () => reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }));
		if (signal?.aborted) canceled();
		signal?.addEventListener('abort', canceled);
	});

function fakeContext(answer: Answer, token: { fails?: boolean; accessToken?: string } = {}) {
	const counts = { api: 0, tokens: 0, credentialReads: 0 };
	const stored: IDataObject = {
		baseUrl: 'https://api.example.test/pub',
		clientId: 'client',
		clientSecret: 'secret',
		accessToken: token.accessToken ?? 'stored-token',
		accessTokenExpiresAt: FUTURE,
	};
	const context = {
		getNode: () => ({
			name: 'Fitbit Plus',
			type: 'n8n-nodes-fitbit-plus.fitbitPlus',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { fitbitPlusApi: { id: '1', name: 'Fitbit Plus' } },
		}),
		getCredentials: async () => {
			counts.credentialReads++;
			return { ...stored };
		},
		getExecutionCancelSignal: () => undefined as AbortSignal | undefined,
		helpers: {
			httpRequest: async () => ({}),
			async httpRequestWithAuthentication(
				this: { getExecutionCancelSignal?: () => AbortSignal | undefined },
				_type: string,
				request: IHttpRequestOptions,
				extra: { credentialsDecrypted: { data: IDataObject } },
			) {
				// As n8n-core does: the context's execution signal replaces the request's.
				const signal = this.getExecutionCancelSignal?.();
				const data = extra.credentialsDecrypted.data;
				if (data.accessToken === '') {
					counts.tokens++;
					if (token.fails)
						throw new Error('Fitbit Plus refused the token request: invalid client credentials');
					data.accessToken = `renewed-${counts.tokens}`;
					data.accessTokenExpiresAt = FUTURE;
				}
				counts.api++;
				const body = await answer(request, String(data.accessToken), signal);
				// As n8n's helper does with returnFullResponse (the session asks for the status and content type).
				return request.returnFullResponse
					? { body, headers: { 'content-type': 'application/vnd.api+json' }, statusCode: 200 }
					: body;
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, counts };
}

/** V8's full garbage collection, callable from a test. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

const quickRetry = { ...DEFAULT_RETRY, baseDelayMs: 1, maxWaitSeconds: 0.01 };

describe('ApiSession: a deadline for the whole request', () => {
	it('a request that is never answered fails after Timeout, says what timed out, and a GET is retried', async () => {
		const { context, counts } = fakeContext(hung);
		const session = new ApiSession(context, {
			retry: { ...quickRetry, maxRetries: 2 },
			timeoutMs: 40,
		});
		const started = Date.now();
		const failure = await session.request('GET', '/patient/abc').catch((error: Error) => error);
		expect(Date.now() - started).toBeLessThan(1000);
		expect((failure as Error).message).toBe(
			'GET /patient/abc got no answer from Fitbit Plus within 40 ms (timed out, ETIMEDOUT)',
		);
		expect((failure as { description?: string }).description).toMatch(
			/^If Fitbit Plus is slow, raise 'Timeout' under 'Request Options'; else check the status of the Fitbit Plus API\./,
		);
		// The response the error keeps (n8n stores and shows it beside the message) says the same.
		expect((failure as { errorResponse?: { message?: string } }).errorResponse?.message).toBe(
			(failure as Error).message,
		);
		// Retries 2: sent three times.
		expect(counts.api).toBe(3);
	});

	it('the deadline reaches n8n through the execution signal, which the user can still cancel', async () => {
		const cancel = new AbortController();
		const { context } = fakeContext(hung);
		(
			context as unknown as { getExecutionCancelSignal: () => AbortSignal }
		).getExecutionCancelSignal = () => cancel.signal;
		const session = new ApiSession(context, {
			retry: { ...quickRetry, maxRetries: 0 },
			timeoutMs: 60_000,
		});
		const sending = session.request('GET', '/patient/abc').catch((error: Error) => error);
		cancel.abort();
		const failure = (await sending) as Error;
		// Cancelled, not timed out: no retry, no timeout message.
		expect(failure.message).not.toMatch(/timeout/);
	});

	it('nothing of an answered request outlives it: 200 answers are garbage once the run has dropped them', async () => {
		const cancel = new AbortController();
		const answers: Array<WeakRef<object>> = [];
		const { context } = fakeContext(async (_request, _token, signal) => {
			const body = {
				data: {
					type: 'patient',
					id: `p${answers.length}`,
					attributes: { blob: 'x'.repeat(10_000) },
				},
			};
			answers.push(new WeakRef(body));
			// An HTTP client may leave its abort listener on the signal it was given: the listener holds the
			// answer for as long as the signal lives.
			signal?.addEventListener('abort', () => JSON.stringify(body));
			return body;
		});
		(
			context as unknown as { getExecutionCancelSignal: () => AbortSignal }
		).getExecutionCancelSignal = () => cancel.signal;
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 60_000 });
		for (let i = 0; i < 200; i++) await session.request('GET', `/patient/p${i}`);
		// The execution's signal keeps no listener of a finished request, and no deadline holds its answer.
		expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
		await new Promise((resolve) => setImmediate(resolve));
		collectGarbage();
		expect(answers.filter((answer) => answer.deref() !== undefined)).toHaveLength(0);
	});

	it('without settings a session waits 30 s at most, and the node without Request Options gives it the same', () => {
		const { context } = fakeContext(hung);
		expect(new ApiSession(context).settings.timeoutMs).toBe(30_000);
		expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
		const node = Object.assign(Object.create(context), {
			getNodeParameter: (_name: string, _item: number, fallback: unknown) => fallback,
		}) as IExecuteFunctions;
		expect(requestSettings.call(node)).toEqual({
			retry: DEFAULT_RETRY,
			timeoutMs: 30_000,
			concurrency: 100,
		});
	});
});

describe('ApiSession: a refused credential', () => {
	it('every call 401, 20 requests at once: one renewal, then all fail at once with one message', async () => {
		const { context, counts } = fakeContext(async () => {
			throw httpError(401);
		});
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 1000 });
		const lanes = new LaneLimit(20);
		const results = await session.concurrently({ lanes }, async () =>
			mapConcurrent(
				Array.from({ length: 20 }, (_, index) => index),
				lanes,
				async (index) =>
					await session.request('GET', `/patient/${index}`, { itemIndex: index }).then(
						() => 'ok',
						(error: Error) => error.message,
					),
			),
		);
		expect(counts.tokens).toBe(1);
		// 20 with the stored token, 1 with the renewed one.
		expect(counts.api).toBe(21);
		expect(counts.credentialReads).toBe(1);
		expect(new Set(results)).toEqual(
			new Set([
				"Fitbit Plus refused the credential's token, also after renewing it: 401 Refused: no detail given",
			]),
		);
		// And later requests of the run fail at once, without a request or a token request.
		await expect(session.request('GET', '/patient/late')).rejects.toThrow(/also after renewing/);
		expect(counts).toEqual({ api: 21, tokens: 1, credentialReads: 1 });
	});

	it('a token revoked mid-run is renewed once and the run goes on', async () => {
		const { context, counts } = fakeContext(async (_request, token) => {
			if (token === 'stored-token') throw httpError(401);
			return { data: [] };
		});
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 1000 });
		for (let index = 0; index < 5; index++) await session.request('GET', '/patient');
		expect(counts).toEqual({ api: 6, tokens: 1, credentialReads: 1 });
	});

	it('a token exchange that fails is not tried again by the other requests of the run', async () => {
		const { context, counts } = fakeContext(async () => ({ data: [] }), {
			accessToken: '',
			fails: true,
		});
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 1000 });
		const messages = await Promise.all(
			Array.from({ length: 10 }, async () =>
				session.request('GET', '/patient').then(
					() => 'ok',
					(error: Error) => error.message,
				),
			),
		);
		expect(counts.tokens).toBe(1);
		expect(counts.api).toBe(0);
		expect(new Set(messages)).toEqual(
			new Set(['Fitbit Plus refused the token request: invalid client credentials']),
		);
	});
});

describe('ApiSession: retries bounded per execution', () => {
	it('503 on every request: 20 requests with Retries 3 cost 20 + 15 sends, then fail saying why', async () => {
		const { context, counts } = fakeContext(async () => {
			throw httpError(503);
		});
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 1000 });
		const failures: string[] = [];
		for (let index = 0; index < 20; index++) {
			await session.request('GET', `/patient/${index}`).catch((error: { description?: string }) => {
				failures.push(String(error.description));
			});
		}
		expect(counts.api).toBe(35);
		expect(failures).toHaveLength(20);
		expect(failures[19]).toMatch(/used up its retries \('Retries' × 5 per execution\)/);
	});

	it('a budget of its own: Retries 3 per request, 4 in all', async () => {
		let answered = 0;
		const { context, counts } = fakeContext(async () => {
			if (answered++ % 2 === 0) throw httpError(502);
			return { data: [] };
		});
		const session = new ApiSession(context, { retry: quickRetry, timeoutMs: 1000, retryBudget: 4 });
		for (let index = 0; index < 4; index++) await session.request('GET', '/patient');
		// Every first send failed and was retried: the budget is spent, the fifth request's 502 fails at once.
		await expect(session.request('GET', '/patient')).rejects.toThrow(/502/);
		expect(counts.api).toBe(9);
	});
});
