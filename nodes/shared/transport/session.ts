/**
 * One run's session with the Fitbit Plus API: made once per execution (the node's router, one trigger poll, one
 * dropdown or search) with explicit settings, and handed to everything that sends a request. It owns what the
 * requests of a run share: the credential (read once), the token and its renewal, each request's deadline, the
 * retry budget, the rate-limit pause, the lanes and the input items' order. Transport reads no node parameters:
 * the caller passes the settings.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ContextCredential, FitbitPlusContext } from './credentials';
import { CREDENTIAL_TYPE, needsToken, readCredential } from './credentials';
import {
	JSON_API_MEDIA_TYPE,
	TIMEOUT_CODES,
	asNodeError,
	errorSummary,
	ofTheRun,
	responseOf,
	setMessage,
	toNodeApiError,
} from './errors';
import type { FailedResponse } from './errors';
import type { Expectation } from './documents';
import type { JsonApiDocument } from './jsonApi';
import type { AllItems, PageOptions } from './paging';
import { allItems, allMapped, pages } from './paging';
import { resolveEndpoint } from './paths';
import { parseDocument } from './request';
import type { ItemOrder } from './concurrency';
import { LaneLimit, mapConcurrent } from './concurrency';
import type { RetryOptions } from './retry';
import { DEFAULT_RETRY, IDEMPOTENT_METHODS, retryDelayMs } from './retry';

/** A request with no complete answer after this long (headers and body) fails: the default of every session. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Input items in flight at once by default. Measured (Get Patient, 300 items, the API answering in 25 ms, bench/
 * cpuProbe.ts): 16, 32, 64, 100 give 338, 515, 686, 778 items/s at the same or less CPU per item; without latency
 * all levels are alike. The lanes narrow when the API refuses (LaneLimit), so a high default costs a rate-limited
 * API one refused burst, not a failed run.
 */
export const DEFAULT_CONCURRENCY = 100;

/** Retries one execution may spend in all, per retry a single request may make (Retries × 5: 15 by default). */
const RETRY_BUDGET_PER_RETRY = 5;

export interface SessionSettings {
	/** Retries of one request, and the longest wait before one. */
	retry: RetryOptions;
	/** Milliseconds a request may take from sending to its last byte (the token exchange included). */
	timeoutMs: number;
	/** Input items (or walks) in flight at once, where the caller runs them concurrently. */
	concurrency?: number;
	/** Retries the whole session may spend; `retry.maxRetries × RETRY_BUDGET_PER_RETRY` when not given. */
	retryBudget?: number;
	/** Where the user sets the timeout, as messages name it; `'Timeout' under 'Request Options'` when not given. */
	timeoutSetting?: string;
}

const DEFAULT_SESSION: SessionSettings = {
	retry: DEFAULT_RETRY,
	timeoutMs: DEFAULT_TIMEOUT_MS,
};

export interface RequestOptions {
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/** The input item this request serves: for error messages, and its turn in a concurrent run. */
	itemIndex?: number;
	/** What a 2xx answer must hold (documents.ts): one resource, a list, or nothing; any document when not given. */
	expect?: Expectation;
}

/** What a concurrent run of the session shares with its requests. */
export interface ConcurrentRun {
	/** When each input item may send its first request (runs over input items only). */
	order?: ItemOrder;
	/** How many requests may be on their way; narrowed by the API's refusals. */
	lanes: LaneLimit;
}

/** The API refused the renewed token too, or the token exchange failed: the rest of the run fails at once. */
interface Refusal {
	message: string;
	description: string;
}

/** A duration as a person reads it: `250 ms`, `30 s`. */
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

export class ApiSession {
	readonly settings: Readonly<Required<Omit<SessionSettings, 'retryBudget' | 'timeoutSetting'>>>;

	/** Where the user sets the timeout, for messages. */
	private readonly timeoutSetting: string;

	/** Retries still allowed to this session. */
	private retriesLeft: number;

	private credential?: Promise<ContextCredential>;

	/** Bumped each time the token is renewed: a 401 to a request sent with an older token is simply resent. */
	private generation = 0;

	/** Set by a 401: the next request renews the token. */
	private renewDue = false;

	/** While one request renews the token, the others wait for it rather than renew too. */
	private renewing?: Promise<void>;

	private refusal?: Refusal;

	/** No request is sent before this (Date.now()): a rate limit met by one lane holds them all. */
	private pausedUntil = 0;

	private run?: ConcurrentRun;

	/** Values that are the same for every item of the run, read once (see `remember`). */
	private readonly memo = new Map<string, unknown>();

	constructor(
		readonly context: FitbitPlusContext,
		settings: SessionSettings = DEFAULT_SESSION,
	) {
		this.settings = {
			retry: settings.retry,
			timeoutMs: settings.timeoutMs,
			concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY,
		};
		this.retriesLeft = settings.retryBudget ?? settings.retry.maxRetries * RETRY_BUDGET_PER_RETRY;
		this.timeoutSetting = settings.timeoutSetting ?? "'Timeout' under 'Request Options'";
	}

	/** The node (read only on failure: getNode() copies the whole node). */
	private node(): INode {
		return this.context.getNode();
	}

	/**
	 * A value the run computes once for all its items (a parameter without an expression, the credential's
	 * organization). Callers must not change what they get. A promise that fails is not kept: the next caller asks
	 * again.
	 */
	remember<T>(key: string, compute: () => T): T {
		if (!this.memo.has(key)) {
			const value = compute();
			this.memo.set(key, value);
			if (value instanceof Promise)
				value.catch(() => {
					if (this.memo.get(key) === value) this.memo.delete(key);
				});
		}
		return this.memo.get(key) as T;
	}

	private readCredential(): Promise<ContextCredential> {
		if (!this.credential) {
			// Kept as a promise: the lanes of a concurrent run ask at once, and one read serves them all.
			const reading = readCredential.call(this.context);
			reading.catch(() => {
				if (this.credential === reading) this.credential = undefined;
			});
			this.credential = reading;
		}
		return this.credential;
	}

	/** The credential's data as this run holds it (n8n writes a renewed token into it). */
	async credentialData(): Promise<ICredentialDataDecryptedObject> {
		return (await this.readCredential()).credential.data!;
	}

	/**
	 * Whether the token needs renewing before the next request. A refused token is renewed once per session; a token
	 * that runs out (its `expires_in`) whenever it does.
	 */
	private async tokenFor(
		credential: ContextCredential,
		itemIndex: number | undefined,
	): Promise<{ generation: number; renewed?: () => void }> {
		while (this.renewing) await this.renewing;
		if (this.refusal) throw this.refusedError(itemIndex);
		const data = credential.credential.data!;
		if (!this.renewDue && !needsToken(data)) return { generation: this.generation };
		this.renewDue = false;
		// n8n's preAuthentication exchanges a token when the stored one is empty, and writes the new one into `data`.
		data.accessToken = '';
		this.generation++;
		let renewed!: () => void;
		this.renewing = new Promise<void>((resolve) => {
			renewed = () => {
				this.renewing = undefined;
				resolve();
			};
		});
		return { generation: this.generation, renewed };
	}

	private refusedError(itemIndex: number | undefined): NodeApiError {
		const { message, description } = this.refusal!;
		const error = new NodeApiError(
			this.node(),
			{ message, description },
			{ message, description, itemIndex },
		);
		setMessage(error, message);
		// The credential is refused for the whole run: the message names no item.
		return ofTheRun(error);
	}

	/** Sends a request with the credential, within the session's deadline. */
	private async send(
		credential: ContextCredential,
		request: IHttpRequestOptions,
	): Promise<{ response?: unknown; timedOut?: true; error?: unknown }> {
		const context = this.context;
		const cancel =
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		const deadline = requestDeadline(this.settings.timeoutMs, cancel);
		const signal = deadline.signal;
		// n8n's request helper replaces the request's abort signal with the execution's cancel signal: this view of
		// the context gives it the deadline as well, and the token exchange (its own httpRequest) gets it too.
		const helpers = Object.create(context.helpers) as typeof context.helpers;
		/** The token exchange failed: its own message says why (also when the deadline ran out during it). */
		let tokenFailed = false;
		helpers.httpRequest = async (options: IHttpRequestOptions) => {
			tokenFailed = true;
			const response: unknown = await context.helpers.httpRequest({
				...options,
				abortSignal: options.abortSignal
					? AbortSignal.any([options.abortSignal as AbortSignal, signal])
					: signal,
			});
			tokenFailed = false;
			return response;
		};
		const view = Object.create(context) as FitbitPlusContext & {
			getExecutionCancelSignal: () => AbortSignal;
		};
		view.getExecutionCancelSignal = () => signal;
		(view as { helpers: unknown }).helpers = helpers;
		try {
			const response: unknown = await context.helpers.httpRequestWithAuthentication.call(
				view,
				CREDENTIAL_TYPE,
				{ ...request, abortSignal: signal },
				{
					credentialsDecrypted: credential.credential,
					// The session renews a refused token itself, once per run (n8n would renew once per request).
					preAuthenticationRetryStatusCode: [],
				},
			);
			return { response };
		} catch (error) {
			if (deadline.timedOut() && !cancel?.aborted && !tokenFailed) return { timedOut: true, error };
			return { error };
		} finally {
			deadline.clear();
		}
	}

	/**
	 * One call to the Fitbit Plus API through the credential. `endpoint` is a path under the Base URL (`/patient/…`)
	 * or a link the API gave (absolute or root-relative). Rate limits, 5xx answers and timeouts are retried as the
	 * session's retry settings and budget allow; any other failure becomes a NodeApiError that says what to fix.
	 */
	async request(
		method: IHttpRequestMethods,
		endpoint: string,
		options: RequestOptions = {},
	): Promise<JsonApiDocument> {
		const { itemIndex, body, qs } = options;
		const credential = await this.readCredential();
		const url = resolveEndpoint.call(this.context, credential.baseUrl, endpoint, itemIndex);
		const request: IHttpRequestOptions = {
			method,
			url,
			headers: { Accept: JSON_API_MEDIA_TYPE },
			json: true,
			// n8n follows redirects and sends the Authorization header along, even to another host.
			disableFollowRedirect: true,
			// The status and content type too: an answer that is not what was asked for names them.
			returnFullResponse: true,
		};
		if (qs && Object.keys(qs).length > 0) request.qs = qs;
		if (body !== undefined) {
			request.body = body as IDataObject;
			request.headers = { ...request.headers, 'Content-Type': JSON_API_MEDIA_TYPE };
		}

		// In a concurrent run, the first request of each item waits for the earlier items' (see forEachItem).
		const turn = itemIndex === undefined ? undefined : this.run?.order?.turn(itemIndex);
		if (turn) await turn;
		const lanes = this.run?.lanes;
		for (let attempt = 0; ;) {
			// A lane first, then the pause: after a rate limit, as many requests go as the lanes allow, no more.
			const lane = lanes?.enter();
			if (lane) await lane;
			let sent: Awaited<ReturnType<ApiSession['send']>>;
			let generation: number;
			let renewed: (() => void) | undefined;
			let sentAt: number;
			try {
				const pause = this.pause();
				if (pause) await pause;
				({ generation, renewed } = await this.tokenFor(credential, itemIndex));
				sentAt = Date.now();
				sent = await this.send(credential, request);
			} catch (error) {
				lanes?.leave();
				throw asNodeError(this.node(), error, itemIndex);
			}
			lanes?.leave();
			if (!('error' in sent)) {
				renewed?.();
				return parseDocument(
					this.context,
					method,
					sent.response as IN8nHttpFullResponse,
					options.expect,
					itemIndex,
				);
			}
			const { error } = sent;
			const failed: FailedResponse = sent.timedOut
				? { headers: {}, networkCode: 'ETIMEDOUT' }
				: responseOf(error);
			if (failed.status === undefined && !failed.networkCode) {
				// Not an HTTP failure: the token exchange failed (its message says why). The rest of the run would meet
				// it too: it fails at once, without another token request.
				const message = ((error as { cause?: Error }).cause ?? (error as Error)).message;
				if (renewed) {
					this.refusal = {
						message,
						description:
							'Fitbit Plus gave no token, so no further request of this run was sent. Check the "Fitbit Plus API" credential.',
					};
					renewed();
				}
				throw ofTheRun(new NodeApiError(this.node(), { message }, { message, itemIndex }));
			}
			renewed?.();
			if (failed.status === 401) {
				if (this.refusal) throw this.refusedError(itemIndex);
				// Renewed meanwhile, or about to be: send again with the new token.
				if (generation < this.generation || this.renewDue) continue;
				// The token the run began with may have been revoked: renewed once. A token this run obtained and the API
				// refused means the credential itself is refused: renewing again would only send the secret again.
				if (generation === 0) {
					this.renewDue = true;
					continue;
				}
				this.refusal = {
					message: `Fitbit Plus refused the credential's token, also after renewing it: ${errorSummary(failed).summary}`,
					description:
						"The token was renewed and refused again, so no further request of this run was sent and no further token requested. Check that the 'Client ID' and 'Client Secret' of the \"Fitbit Plus API\" credential are still valid for the API.",
				};
				throw this.refusedError(itemIndex);
			}
			const rateLimited = failed.status === 429 || failed.headers['retry-after'] !== undefined;
			// A refusal as one too many while the run had lanes to give up is how the lanes find the API's limit: it
			// costs no retry of the budget. Each takes a lane away, so there are at most Concurrency − 1 of them.
			const narrowing = rateLimited && lanes !== undefined && lanes.current > 1;
			// The API limits the rate or is overloaded: fewer requests at once from now on. A refusal within a burst
			// the run already slowed down for is not this item's failure: it does not use up one of its retries.
			const sameBurst = (rateLimited || failed.status === 503) && lanes?.refused(sentAt) === false;
			const wait = retryDelayMs(
				method,
				failed.status,
				failed.networkCode,
				failed.headers['retry-after'],
				attempt,
				this.settings.retry,
			);
			const budgetSpent = wait !== undefined && !narrowing && this.retriesLeft <= 0;
			if (wait === undefined || budgetSpent)
				throw this.failure(method, endpoint, failed, sent, itemIndex, budgetSpent);
			if (!narrowing) this.retriesLeft--;
			// A rate limit holds every lane of this session, not only the one that met it.
			if (rateLimited) this.pauseFor(wait);
			else await sleep(wait);
			if (!sameBurst) attempt++;
		}
	}

	/** The error of a request that is not tried again: what happened, and what to do. */
	private failure(
		method: IHttpRequestMethods,
		endpoint: string,
		failed: FailedResponse,
		sent: { timedOut?: true },
		itemIndex: number | undefined,
		budgetSpent: boolean,
	): NodeApiError {
		const failure = toNodeApiError(this.node(), failed, itemIndex);
		const path = endpoint.split('?')[0];
		const timedOut = TIMEOUT_CODES.has(failed.networkCode ?? '');
		if (sent.timedOut) {
			// Which request, and how long it was given: the words a user searches for (timed out, ETIMEDOUT) too.
			setMessage(
				failure,
				`${method} ${path} got no answer from Fitbit Plus within ${duration(this.settings.timeoutMs)} (timed out, ETIMEDOUT)`,
			);
		}
		const slow = timedOut
			? `If Fitbit Plus is slow, raise ${this.timeoutSetting}; else check the status of the Fitbit Plus API.`
			: undefined;
		if (!IDEMPOTENT_METHODS.has(method) && failed.status === undefined) {
			// No answer to a create: it may or may not have been made, and it is not sent again.
			failure.description = `${timedOut ? 'Fitbit Plus did not answer in time' : 'The connection was lost'} and a ${method} is never sent twice: it may have reached Fitbit Plus. Check whether the record was created before running again.`;
		} else if (timedOut) failure.description = undefined;
		const notes = [
			failure.description,
			slow,
			budgetSpent
				? `Not tried again: this run has used up its retries ('Retries' × ${RETRY_BUDGET_PER_RETRY} per execution), as Fitbit Plus kept refusing or not answering. Try again later.`
				: undefined,
		];
		failure.description = notes.filter(Boolean).join(' ');
		return failure;
	}

	/** Holds every request of the session for `ms` from now (a longer pause already set stays). */
	private pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/** Waits out the pause, if any; undefined (nothing to await) when there is none. */
	private pause(): Promise<void> | undefined {
		if (this.pausedUntil <= Date.now()) return undefined;
		return (async () => {
			// Another lane may lengthen the pause meanwhile.
			for (let left = this.pausedUntil - Date.now(); left > 0; left = this.pausedUntil - Date.now())
				await sleep(left);
		})();
	}

	/**
	 * Walks a collection with cursor paging: the first request asks for `page[limit]`, then each `links.next` is
	 * followed exactly as the server gave it, until there is none.
	 */
	paginate(
		endpoint: string,
		qs: IDataObject = {},
		options: PageOptions = {},
	): AsyncGenerator<JsonApiDocument> {
		return pages(this, endpoint, qs, options);
	}

	/** Walks a collection and keeps what `mapPage` makes of each page, up to `options.limit` entries. */
	async requestAllMapped<T>(
		endpoint: string,
		qs: IDataObject,
		options: PageOptions,
		mapPage: (document: JsonApiDocument) => T[],
	): Promise<T[]> {
		return await allMapped(this, endpoint, qs, options, mapPage);
	}

	/** Every resource of a collection (or the first `limit`), with the related resources the pages included. */
	async requestAllItems(
		endpoint: string,
		qs: IDataObject = {},
		options: PageOptions = {},
	): Promise<AllItems> {
		return await allItems(this, endpoint, qs, options);
	}

	/** Runs `work` as the session's concurrent run: its requests take their turn and share its lanes. */
	async concurrently<R>(run: ConcurrentRun, work: () => Promise<R>): Promise<R> {
		const outer = this.run;
		this.run = run;
		try {
			return await work();
		} finally {
			this.run = outer;
		}
	}

	/**
	 * `mapConcurrent` for tasks that send requests (a trigger's or an item's walk over patients): their requests
	 * share lanes that narrow when the API asks to slow down; inside a run that has lanes already, those.
	 */
	async mapConcurrent<T, R>(
		inputs: readonly T[],
		limit: number,
		task: (input: T, index: number) => Promise<R>,
	): Promise<R[]> {
		if (this.run) return await mapConcurrent(inputs, limit, task);
		const lanes = new LaneLimit(limit);
		return await this.concurrently({ lanes }, async () => await mapConcurrent(inputs, lanes, task));
	}
}

/**
 * One request's deadline, aborted also when the execution is cancelled. Once the request is answered, `clear()`
 * takes the listeners off and drops the controller, so nothing of the request outlives it: an HTTP client may
 * leave its listener on the signal it was given, and `AbortSignal.any([cancel, timeout])` kept such a signal (and
 * the answer its listener reached) for as long as the execution's signal lived.
 */
function requestDeadline(
	timeoutMs: number,
	cancel: AbortSignal | undefined,
): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
	// All the listeners reach: emptied by clear(), so a timeout signal kept alive holds nothing of the request.
	const state: { controller?: AbortController; timedOut: boolean } = {
		controller: new AbortController(),
		timedOut: false,
	};
	const signal = state.controller!.signal;
	const timeout = AbortSignal.timeout(timeoutMs);
	const onTimeout = () => {
		if (!state.controller) return;
		state.timedOut = true;
		state.controller.abort(new DOMException('The request did not finish in time', 'TimeoutError'));
	};
	const onCancel = () => state.controller?.abort(cancel?.reason);
	timeout.addEventListener('abort', onTimeout, { once: true });
	if (cancel?.aborted) onCancel();
	else cancel?.addEventListener('abort', onCancel, { once: true });
	return {
		signal,
		timedOut: () => state.timedOut,
		clear: () => {
			timeout.removeEventListener('abort', onTimeout);
			cancel?.removeEventListener('abort', onCancel);
			state.controller = undefined;
		},
	};
}
