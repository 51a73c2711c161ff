import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { JsonApiDocument, JsonApiResource } from './jsonApi';
import { primaryResources } from './jsonApi';
import { checkBaseUrl } from './baseUrl';
import {
	JSON_API_MEDIA_TYPE,
	TIMEOUT_CODES,
	asNodeError,
	responseOf,
	toNodeApiError,
} from './errors';

export { JSON_API_MEDIA_TYPE } from './errors';

export const CREDENTIAL_TYPE = 'fitbitPlusApi';

/** The API's largest page, for both paging strategies. */
export const MAX_PAGE_SIZE = 50;

/** Renew the token this long before the API would refuse it, so a request in flight does not meet a dead one. */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;

export type FitbitPlusContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface RetryOptions {
	/** Retries after a 429, a 5xx or a timeout (only for idempotent methods but 429). */
	maxRetries: number;
	/** The longest wait, in seconds, for one retry, whatever Retry-After asks for. */
	maxWaitSeconds: number;
	/** First backoff for 5xx and timeouts, doubled each retry. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, maxWaitSeconds: 60, baseDelayMs: 500 };

/** The Fitbit Plus node's "Request Options" collection (see FitbitPlus.node.ts). */
export const REQUEST_OPTIONS_PARAMETER = 'requestOptions';

export interface ApiRequestOptions {
	/** The input item this request serves, for error messages. */
	itemIndex?: number;
	retry?: Partial<RetryOptions>;
	/** Milliseconds before a request counts as timed out. */
	timeout?: number;
}

const IDEMPOTENT_METHODS = new Set<IHttpRequestMethods>(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
const RETRIABLE_STATUSES = new Set([500, 502, 503, 504]);
const RETRIABLE_NETWORK_CODES = new Set([
	'ETIMEDOUT',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
]);

/**
 * Encodes each value into its path segment, so an id such as `../group` or `a/b?x=1` stays one segment of the
 * route it was meant for.
 */
export function resourcePath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = String(values[name] ?? '');
		// An empty, `.` or `..` segment would change the route itself once the URL is normalized (`/group/..` is
		// `/`, `/group/` is the collection): refuse it, whatever validation came before.
		if (value === '' || value === '.' || value === '..') {
			throw new Error(
				`Refusing to build the path ${template} with ${value === '' ? 'an empty' : `the value "${value}" as`} {${name}}`,
			);
		}
		return encodeURIComponent(value);
	});
}

interface ResolvedCredentials {
	baseUrl: string;
	/** Set when the stored token has run out: the credential n8n should use, with the token cleared. */
	renewal?: ICredentialDataDecryptedObject;
}

/**
 * What one execution context has read of its credential: the checked Base URL and when the token runs out.
 * Read once per context rather than once per request (a Return All makes hundreds); read again once the
 * token's expiry comes near, since n8n then stores a new token and expiry.
 */
const credentialCache = new WeakMap<object, { baseUrl: string; expiresAt: number }>();

async function resolveCredentials(this: FitbitPlusContext): Promise<ResolvedCredentials> {
	const cached = credentialCache.get(this);
	if (cached && !(cached.expiresAt - TOKEN_EXPIRY_MARGIN_MS <= Date.now()))
		return { baseUrl: cached.baseUrl };
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const checked = checkBaseUrl(credentials.baseUrl, credentials.allowHttp);
	if (checked.problem !== undefined) throw new NodeOperationError(this.getNode(), checked.problem);
	const baseUrl = checked.url;
	const expiresAt = Date.parse(String(credentials.accessTokenExpiresAt ?? ''));
	const hasToken = credentials.accessToken !== '' && credentials.accessToken !== undefined;
	const expired =
		hasToken && Number.isFinite(expiresAt) && expiresAt - TOKEN_EXPIRY_MARGIN_MS <= Date.now();
	if (hasToken && !expired && Number.isFinite(expiresAt))
		credentialCache.set(this, { baseUrl, expiresAt });
	else credentialCache.delete(this);
	return { baseUrl, renewal: expired ? { ...credentials, accessToken: '' } : undefined };
}

/**
 * Retries, Max Retry Wait and Timeout as the user set them under the action node's Request Options (read for the
 * item the request serves); explicit `options` of the caller win. Other contexts (trigger, dropdowns) pass theirs.
 */
/** The node's Request Options per context and item: a Return All reads them once, not once per page. */
const requestOptionsCache = new WeakMap<object, Map<number, IDataObject>>();

function nodeRequestOptionsOf(this: FitbitPlusContext, itemIndex: number): IDataObject {
	if (!('getInputData' in this)) return {};
	let perItem = requestOptionsCache.get(this);
	if (!perItem) requestOptionsCache.set(this, (perItem = new Map()));
	let value = perItem.get(itemIndex);
	if (value === undefined) {
		const raw = (this as IExecuteFunctions).getNodeParameter(
			REQUEST_OPTIONS_PARAMETER,
			itemIndex,
			{},
		);
		value = raw !== null && typeof raw === 'object' ? (raw as IDataObject) : {};
		perItem.set(itemIndex, value);
	}
	return value;
}

function nodeRequestOptions(
	this: FitbitPlusContext,
	options: ApiRequestOptions,
): { retry: RetryOptions; timeout?: number } {
	const fromNode = nodeRequestOptionsOf.call(this, options.itemIndex ?? 0);
	const number = (name: string, label: string, min: number, whole: boolean): number | undefined => {
		const raw = fromNode[name];
		if (raw === undefined || raw === null || raw === '') return undefined;
		const value = Number(raw);
		if (!Number.isFinite(value) || value < min || (whole && !Number.isInteger(value))) {
			throw new NodeOperationError(
				this.getNode(),
				`Request Options: ${label} must be a ${whole ? 'whole ' : ''}number of ${min} or more`,
				{
					itemIndex: options.itemIndex,
					description: `Fix ${label} under Request Options, or remove it to use the default.`,
				},
			);
		}
		return value;
	};
	const retry: RetryOptions = { ...DEFAULT_RETRY };
	const maxRetries = number('retries', 'Retries', 0, true);
	if (maxRetries !== undefined) retry.maxRetries = maxRetries;
	const maxWaitSeconds = number('maxRetryWait', 'Max Retry Wait (Seconds)', 0, false);
	if (maxWaitSeconds !== undefined) retry.maxWaitSeconds = maxWaitSeconds;
	return {
		retry: { ...retry, ...options.retry },
		timeout: options.timeout ?? number('timeout', 'Timeout', 1, true),
	};
}

function isSameOrigin(url: URL, baseUrl: string): boolean {
	return url.origin === new URL(baseUrl).origin;
}

function parseBody(
	this: FitbitPlusContext,
	method: IHttpRequestMethods,
	body: unknown,
	itemIndex: number | undefined,
): JsonApiDocument {
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
		// Only a delete may answer with nothing; anywhere else an empty answer must not pass as "no records".
		if (method === 'DELETE') return {};
		throw new NodeApiError(
			this.getNode(),
			{ message: 'Fitbit Plus answered with an empty body' },
			{
				message: 'Fitbit Plus answered with an empty body where a JSON:API document was expected',
				description:
					'No result is returned, not even a partial one. A proxy or gateway in between may have answered instead of the API: check the Base URL and try again.',
				itemIndex,
			},
		);
	}
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as JsonApiDocument;
		} catch {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Fitbit Plus answered with a body that is not JSON' },
				{
					message: 'Fitbit Plus answered with a body that is not JSON',
					description:
						'A proxy or gateway in between may have answered instead of the API. Check the Base URL and try again.',
					itemIndex,
				},
			);
		}
	}
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'Fitbit Plus answered with an unexpected body' },
			{
				message: 'Fitbit Plus answered with an unexpected body (not a JSON:API document)',
				itemIndex,
			},
		);
	}
	return body as JsonApiDocument;
}

function retryDelayMs(
	method: IHttpRequestMethods,
	status: number | undefined,
	networkCode: string | undefined,
	retryAfter: string | undefined,
	attempt: number,
	retry: RetryOptions,
): number | undefined {
	if (attempt >= retry.maxRetries) return undefined;
	const cap = retry.maxWaitSeconds * 1000;
	if (status === 429) {
		const seconds = Number(retryAfter);
		const asked =
			Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : retry.baseDelayMs * 2 ** attempt;
		return Math.min(asked, cap);
	}
	// A POST that may have reached the server is never repeated: it could create a second patient or reward.
	if (!IDEMPOTENT_METHODS.has(method)) return undefined;
	if (
		(status !== undefined && RETRIABLE_STATUSES.has(status)) ||
		(networkCode && RETRIABLE_NETWORK_CODES.has(networkCode))
	) {
		return Math.min(retry.baseDelayMs * 2 ** attempt, cap);
	}
	return undefined;
}

/**
 * One call to the Fitbit Plus API through the credential (token fetched, cached and renewed by n8n).
 * `endpoint` is a path under the Base URL (`/patient/…`) or a link the API gave (absolute or root-relative).
 * Rate limits, 5xx answers and timeouts are retried as `retry` allows; any other failure becomes a
 * NodeApiError that says what to fix.
 */
export async function apiRequest(
	this: FitbitPlusContext,
	method: IHttpRequestMethods,
	endpoint: string,
	body?: IDataObject | IDataObject[],
	qs?: IDataObject,
	options: ApiRequestOptions = {},
): Promise<JsonApiDocument> {
	const { retry, timeout } = nodeRequestOptions.call(this, options);
	let credentials = await resolveCredentials.call(this);
	const url = resolveEndpoint.call(this, credentials.baseUrl, endpoint, options.itemIndex);

	const request: IHttpRequestOptions = {
		method,
		url,
		headers: { Accept: JSON_API_MEDIA_TYPE },
		json: true,
		timeout,
	};
	if (qs && Object.keys(qs).length > 0) request.qs = qs;
	if (body !== undefined) {
		request.body = body as IDataObject;
		request.headers = { ...request.headers, 'Content-Type': JSON_API_MEDIA_TYPE };
	}

	for (let attempt = 0; ; attempt++) {
		const node = this.getNode();
		const renewal = credentials.renewal;
		const credentialRef = node.credentials?.[CREDENTIAL_TYPE];
		try {
			const response: unknown = await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...request },
				renewal
					? {
							credentialsDecrypted: {
								id: credentialRef?.id ?? '',
								name: credentialRef?.name ?? '',
								type: CREDENTIAL_TYPE,
								data: renewal,
							},
						}
					: undefined,
			);
			return parseBody.call(this, method, response, options.itemIndex);
		} catch (error) {
			if (
				error instanceof NodeApiError &&
				!(error as { cause?: unknown }).cause &&
				!responseOf(error).status
			) {
				// Our own parse errors carry their message already.
				throw asNodeError(node, error, options.itemIndex);
			}
			const failed = responseOf(error);
			if (failed.status === undefined && !failed.networkCode) {
				// Not an HTTP failure: e.g. the token exchange refused the credential (its message says why).
				const message = ((error as { cause?: Error }).cause ?? (error as Error)).message;
				throw new NodeApiError(node, { message }, { message, itemIndex: options.itemIndex });
			}
			const wait = retryDelayMs(
				method,
				failed.status,
				failed.networkCode,
				failed.headers['retry-after'],
				attempt,
				retry,
			);
			if (wait === undefined) {
				const failure = toNodeApiError(node, failed, options.itemIndex);
				if (!IDEMPOTENT_METHODS.has(method) && failed.status === undefined) {
					// No answer to a create: it may or may not have been made, and it is not sent again.
					failure.description = `${TIMEOUT_CODES.has(failed.networkCode ?? '') ? 'Fitbit Plus did not answer in time' : 'The connection failed'} and a ${method} is never sent twice: it may have reached Fitbit Plus. Check whether the record was created before running again; raise Timeout under Request Options if Fitbit Plus is slow.`;
				}
				throw failure;
			}
			await sleep(wait);
			credentials = await resolveCredentials.call(this);
		}
	}
}

function resolveEndpoint(
	this: FitbitPlusContext,
	baseUrl: string,
	endpoint: string,
	itemIndex?: number,
): string {
	if (!/^https?:\/\//i.test(endpoint) && !endpoint.startsWith(new URL(baseUrl).pathname + '/')) {
		return `${baseUrl}${endpoint.startsWith('/') ? '' : '/'}${endpoint}`;
	}
	// A link from the API: absolute, or relative to the server's root. It must stay on the API's origin, or
	// the bearer token would go to whatever host the link names.
	const url = new URL(endpoint, baseUrl);
	if (!isSameOrigin(url, baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			`Fitbit Plus sent a paging link to another host (${url.origin})`,
			{
				description: "The node follows paging links only on the credential's Base URL host.",
				itemIndex,
			},
		);
	}
	return url.toString();
}

export interface PageOptions extends ApiRequestOptions {
	/** Resources per page (the API caps it at MAX_PAGE_SIZE). */
	pageSize?: number;
	/** Stop once this many resources are in hand. */
	limit?: number;
}

/**
 * Walks a collection with cursor paging: the first request asks for `page[limit]`, then each `links.next` is
 * followed exactly as the server gave it, until there is none. A `next` seen before means the server is
 * looping: that is an error, never a silently short result.
 */
export async function* paginate(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): AsyncGenerator<JsonApiDocument> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const firstLimit = options.limit !== undefined ? Math.min(options.limit, pageSize) : pageSize;
	let document = await apiRequest.call(
		this,
		'GET',
		endpoint,
		undefined,
		{ ...qs, 'page[limit]': firstLimit },
		options,
	);
	const seen = new Set<string>();
	for (;;) {
		yield document;
		const next = document.links?.next;
		if (typeof next !== 'string' || next === '') return;
		if (seen.has(next)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Fitbit Plus paging links loop' },
				{
					message: 'Fitbit Plus sent a paging link it had sent before: the results would never end',
					description:
						'No partial result is returned. Try again later; if it persists, report it to Fitbit Plus.',
					itemIndex: options.itemIndex,
				},
			);
		}
		seen.add(next);
		document = await apiRequest.call(this, 'GET', next, undefined, undefined, options);
	}
}

/**
 * Walks a collection and keeps what `mapPage` makes of each page, up to `limit` entries, fetching no more
 * pages than that needs. Mapping page by page lets a caller drop each raw page once it has what it needs.
 */
export async function apiRequestAllMapped<T>(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject,
	options: PageOptions,
	mapPage: (document: JsonApiDocument) => T[],
): Promise<T[]> {
	const results: T[] = [];
	for await (const document of paginate.call(this, endpoint, qs, options)) {
		for (const entry of mapPage(document)) {
			results.push(entry);
			if (options.limit !== undefined && results.length >= options.limit) return results;
		}
	}
	return results;
}

export interface AllItems {
	data: JsonApiResource[];
	included: JsonApiResource[];
}

/** Every resource of a collection (or the first `limit`), with the related resources the pages included. */
export async function apiRequestAllItems(
	this: FitbitPlusContext,
	endpoint: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): Promise<AllItems> {
	const included = new Map<string, JsonApiResource>();
	const data = await (apiRequestAllMapped<JsonApiResource>).call(
		this,
		endpoint,
		qs,
		options,
		(document) => {
			for (const resource of document.included ?? [])
				included.set(`${resource.type}:${resource.id}`, resource);
			return primaryResources(document);
		},
	);
	return { data, included: [...included.values()] };
}
