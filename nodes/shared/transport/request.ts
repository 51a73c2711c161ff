import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import { CREDENTIAL_TYPE, resolveCredentials } from './credentials';
import {
	JSON_API_MEDIA_TYPE,
	TIMEOUT_CODES,
	asNodeError,
	responseOf,
	toNodeApiError,
} from './errors';
import { answerError, checkDocument } from './documents';
import type { JsonApiDocument } from './jsonApi';
import type { ApiRequestOptions } from './options';
import { nodeRequestOptions } from './options';
import { resolveEndpoint } from './paths';
import { itemTurn, pauseRequests, requestPause, runLanes } from './concurrency';
import { IDEMPOTENT_METHODS, retryDelayMs } from './retry';

/** The answer checked for what the request expects (see documents.ts): the document, or its error. */
function parseBody(
	this: FitbitPlusContext,
	method: IHttpRequestMethods,
	response: IN8nHttpFullResponse,
	options: ApiRequestOptions,
): JsonApiDocument {
	const contentType: unknown = response.headers?.['content-type'];
	const checked = checkDocument(
		{
			status: response.statusCode,
			contentType: typeof contentType === 'string' ? contentType : undefined,
			body: response.body,
		},
		options.expect,
		method,
	);
	if (checked.problem) throw answerError(this.getNode(), checked.problem, options.itemIndex);
	return checked.document;
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
	const turn = itemTurn(this, options.itemIndex);
	if (turn) await turn;
	const lanes = runLanes(this);
	for (let attempt = 0; ;) {
		// A lane first, then the pause: after a rate limit, as many requests go as the lanes allow, no more.
		const lane = lanes?.enter();
		if (lane) await lane;
		const pause = requestPause(this);
		if (pause) await pause;
		const sentAt = Date.now();
		try {
			const sending = this.helpers.httpRequestWithAuthentication
				.call(
					this,
					CREDENTIAL_TYPE,
					{ ...request },
					{ credentialsDecrypted: credentials.credential },
				)
				.finally(credentials.renewed);
			const response = (await (lanes
				? sending.finally(lanes.leave)
				: sending)) as IN8nHttpFullResponse;
			return parseBody.call(this, method, response, options);
		} catch (error) {
			// Read only on failure: getNode() copies the whole node, once per request would cost a Return All.
			const node = this.getNode();
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
			const rateLimited = failed.status === 429 || failed.headers['retry-after'] !== undefined;
			// The API limits the rate or is overloaded: fewer requests at once from now on. A refusal within a burst
			// the run already slowed down for is not this item's failure: it does not use up one of its retries.
			const sameBurst = (rateLimited || failed.status === 503) && lanes?.refused(sentAt) === false;
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
			// A rate limit holds every lane of this context, not only the one that met it.
			if (rateLimited) pauseRequests(this, wait);
			else await sleep(wait);
			if (!sameBurst) attempt++;
			credentials = await resolveCredentials.call(this);
		}
	}
}
