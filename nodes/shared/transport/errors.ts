import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { nonJsonApiErrorHint } from './excerpt';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** Network codes that mean "no answer in time" rather than "no connection". */
export const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** The parts of a failed HTTP exchange we read; never the request (it carries the token or the secret). */
export interface FailedResponse {
	status?: number;
	headers: Record<string, string | undefined>;
	body?: unknown;
	/** A network-level failure with no response, e.g. ECONNREFUSED or ETIMEDOUT. */
	networkCode?: string;
}

export interface JsonApiErrorObject {
	status?: string;
	code?: string;
	title?: string;
	detail?: string;
	source?: { parameter?: string; pointer?: string };
}

/** Finds the HTTP response inside whatever n8n's request helpers threw (an AxiosError, possibly wrapped). */
export function responseOf(error: unknown): FailedResponse {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (candidate as { response?: IDataObject })?.response;
		if (response && typeof response === 'object' && 'status' in response) {
			const rawHeaders = (response.headers ?? {}) as Record<string, unknown>;
			const headers: Record<string, string | undefined> = {};
			for (const [name, value] of Object.entries(rawHeaders)) {
				headers[name.toLowerCase()] = value === undefined ? undefined : String(value);
			}
			return { status: Number(response.status), headers, body: response.data };
		}
	}
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z]+/.test(code))
			return { headers: {}, networkCode: code };
	}
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	return { status: Number.isFinite(httpCode) && httpCode > 0 ? httpCode : undefined, headers: {} };
}

/** JSON:API `errors`: the spec declares one object, the examples send an array; read both. */
export function jsonApiErrors(body: unknown): JsonApiErrorObject[] {
	let document = body;
	if (typeof document === 'string') {
		try {
			document = JSON.parse(document);
		} catch {
			return [];
		}
	}
	const errors = (document as { errors?: unknown })?.errors;
	if (Array.isArray(errors))
		return errors.filter((e) => e && typeof e === 'object') as JsonApiErrorObject[];
	if (errors && typeof errors === 'object') return [errors as JsonApiErrorObject];
	return [];
}

export function describeError(error: JsonApiErrorObject): string {
	const where = error.source?.parameter
		? ` (parameter ${error.source.parameter})`
		: error.source?.pointer
			? ` (field ${error.source.pointer})`
			: '';
	const code = error.code ? `${error.code}: ` : '';
	return `${code}${error.detail ?? error.title ?? 'no detail given'}${where}`;
}

/** A one-line account of a failed exchange: status, JSON:API code, detail and where, never the body itself. */
export function errorSummary(response: FailedResponse): { status?: number; summary: string } {
	if (response.status === undefined) {
		if (response.networkCode && TIMEOUT_CODES.has(response.networkCode)) {
			return { summary: `no answer in time (timed out, ${response.networkCode})` };
		}
		return { summary: `no connection (${response.networkCode ?? 'no response'})` };
	}
	const errors = jsonApiErrors(response.body);
	if (errors.length > 0) {
		return {
			status: response.status,
			summary: `${response.status} ${errors.map(describeError).join('; ')}`,
		};
	}
	const contentType = response.headers['content-type'] ?? 'no content type';
	return {
		status: response.status,
		summary: `${response.status} with a body that is not JSON:API (${contentType.split(';')[0]})`,
	};
}

/** A 3xx answer: our requests never follow one (the token or the secret would go with it). */
export function isRedirect(status: number | undefined): boolean {
	return status !== undefined && status >= 300 && status < 400;
}

/**
 * Where a redirect points, as scheme://host:port only: its path and query may carry data. A relative Location
 * stays on the same host.
 */
function redirectTarget(location: string): string {
	if (location.trim() === '') return 'without a target';
	let target: URL;
	try {
		target = new URL(location);
	} catch {
		return 'to another address on the same host';
	}
	return target.host === ''
		? `to a ${target.protocol} address`
		: `to ${target.protocol}//${target.host}`;
}

/**
 * What a redirect answer tells the user: the status, the target's origin (when `location` is known: '' for an
 * answer without one) and what to fix. `kept` names what stays with the Base URL's host (the access token, the
 * client secret).
 */
export function redirectProblem(
	status: number | undefined,
	kept: string,
	location?: string,
): { message: string; description: string } {
	const target = location === undefined ? '' : ` ${redirectTarget(location)}`;
	return {
		message: `Fitbit Plus answered with a redirect (${status}${target})`,
		description: `Redirects are not followed, so ${kept} never leaves the host of the 'Base URL'. If the Fitbit Plus API now answers at the address it redirects to (for example https:// instead of http://), set the credential's 'Base URL' to it.`,
	};
}

const HINTS: Record<number, string> = {
	400: 'Fitbit Plus could not read the request. Check the node parameters the message names.',
	401: "The access token was refused. Check the 'Client ID' and 'Client Secret' of the credential.",
	403: 'The credential is not allowed to reach this resource. Check which organization and groups it can access.',
	404: 'Nothing exists with that ID. Check the ID, or pick the record from the list.',
	409: 'Fitbit Plus refused the request. Check the field or filter named in the message.',
	429: 'Fitbit Plus is rate limiting this credential. Try again later or lower the request rate.',
};

/** Turns a failed exchange into the error the user sees: what happened and what to fix, no secrets. */
export function toNodeApiError(
	node: INode,
	response: FailedResponse,
	itemIndex?: number,
): NodeApiError {
	const { status, summary } = errorSummary(response);
	const errors = jsonApiErrors(response.body);
	const redirect = isRedirect(status)
		? redirectProblem(status, 'the access token', response.headers.location ?? '')
		: undefined;
	// The API's own words (a JSON:API error's code and detail) as it sent them, nothing around them.
	const message =
		redirect?.message ??
		(status === undefined
			? TIMEOUT_CODES.has(response.networkCode ?? '')
				? `Fitbit Plus gave ${summary}`
				: `Could not connect to Fitbit Plus (${response.networkCode ?? 'no response'})`
			: `Fitbit Plus answered ${summary}`);
	// An answer with a body that is not a JSON:API error document (a gateway's page, a validator's text).
	const foreign =
		status !== undefined &&
		errors.length === 0 &&
		response.body !== undefined &&
		response.body !== '';
	const description =
		redirect?.description ??
		(foreign ? nonJsonApiErrorHint(status, response.body) : undefined) ??
		((status !== undefined && HINTS[status]) ||
			(status !== undefined && status >= 500
				? 'Fitbit Plus could not answer the request just now. Try again later, or check the status of the Fitbit Plus API.'
				: "Check the credential's 'Base URL' and that Fitbit Plus is reachable."));
	const error = new NodeApiError(
		node,
		{ message, description, errors: errors as unknown as JsonObject[] } as JsonObject,
		{
			message,
			description,
			httpCode: status === undefined ? undefined : String(status),
			itemIndex,
		},
	);
	// NodeApiError swaps a message that merely contains a network code for a generic text ("ResourceNotFound"
	// contains ENOTFOUND); ours already says what happened.
	setMessage(error, message);
	return error;
}

/** ` [item 2]` at the end of a message: how n8n-core itself names the item an error concerns. */
const ITEM_SUFFIX = / \[item \d+\]$/;

/** The mark of an error of the whole run (a refused credential, a bad Request Option): it concerns no item. */
const OF_THE_RUN = Symbol('ofTheRun');

/** Marks an error as the whole run's: its message gets no ` [item N]`, whatever item met it first. */
export function ofTheRun<T extends object>(error: T): T {
	(error as { [OF_THE_RUN]?: true })[OF_THE_RUN] = true;
	return error;
}

/**
 * Gives an n8n error its final message. NodeApiError keeps the response it was made from (`errorResponse`),
 * whose message n8n shows and stores beside the error's own: both say the same, so no reader of the execution
 * (the editor's details, `n8n execute`'s output, a log) finds the text the error had before.
 */
export function setMessage(error: NodeApiError | NodeOperationError, message: string): void {
	const response = (error as { errorResponse?: unknown }).errorResponse;
	if (response && typeof response === 'object' && 'message' in response)
		(response as { message: unknown }).message = message;
	error.message = message;
}

/** `message` ending in ` [item N]` (once): the text of an error item under Continue On Fail, too. */
export function itemMessage(message: string, itemIndex: number): string {
	return ITEM_SUFFIX.test(message) ? message : `${message} [item ${itemIndex}]`;
}

/** A message without its ` [item N]` (to quote an error inside another's message, or for a model). */
export function withoutItem(message: string): string {
	return message.replace(ITEM_SUFFIX, '');
}

/**
 * Gives an error its item, the one place that does: `context.itemIndex` (when not set yet) and ` [item N]` at the
 * end of the message (once; never for an error of the whole run).
 */
function forItem<T extends NodeApiError | NodeOperationError>(
	error: T,
	itemIndex: number | undefined,
): T {
	if (itemIndex !== undefined && error.context.itemIndex === undefined)
		error.context.itemIndex = itemIndex;
	const index = error.context.itemIndex;
	if (typeof index === 'number' && !(error as { [OF_THE_RUN]?: true })[OF_THE_RUN])
		setMessage(error, itemMessage(error.message, index));
	return error;
}

/**
 * What a catch block rethrows: n8n's node errors as they are (with the item index added), anything else
 * wrapped in a NodeOperationError, so the editor shows it against the node and item.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError)
		return forItem(error, itemIndex);
	return forItem(new NodeOperationError(node, error as Error, { itemIndex }), itemIndex);
}

/**
 * What a model should do after each status. The editor's hints speak of fields and lists a model cannot see;
 * these say what to send instead, or that retrying will not help.
 */
const AGENT_HINTS: Record<number, string> = {
	400: 'Check the arguments against the tool description and call again.',
	401: 'The Fitbit Plus credential in n8n was refused: do not retry; tell the user to check it.',
	403: 'This credential may not read that record: do not retry; use records from the groups it can reach.',
	404: 'No record has that ID: use the id of a record another tool returned (e.g. a list or search); do not guess IDs.',
	409: 'Fix the argument the message names (a filter or a field) and call again.',
	429: 'Fitbit Plus is rate limiting this credential: wait a minute before calling again.',
};

/**
 * Codes n8n's error table looks for anywhere in a message (case-insensitive), to swap the message for its own
 * network-error text (n8n-workflow's NodeError, 2.41).
 */
const N8N_NETWORK_CODES = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'ETIMEDOUT',
	'ERRADDRINUSE',
	'EADDRNOTAVAIL',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'ENOENT',
	'EISDIR',
	'ENOTDIR',
	'EACCES',
	'EEXIST',
	'EPERM',
	'GETADDRINFO',
];

/**
 * A word that merely contains such a code (the API's "ResourceNotFound" contains ENOTFOUND) is written as
 * separate words ("Resource Not Found"), so no re-wrap can take it for a network failure. A real network code
 * stays as it is.
 */
function withoutNetworkCodeLookalikes(text: string): string {
	return text.replace(/[A-Za-z_]{5,}/g, (word) => {
		const upper = word.toUpperCase();
		if (N8N_NETWORK_CODES.includes(upper)) return word;
		if (!N8N_NETWORK_CODES.some((code) => upper.includes(code))) return word;
		return word.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
	});
}

/**
 * The one text a model gets for a failed tool call: what was wrong (status, code, detail, the argument) and
 * what to send instead. One text, because the AI Agent passes only an error's message to the model.
 */
export function toolErrorMessage(error: unknown): string {
	// A tool call is one item: its number tells the model nothing.
	const message = withoutItem(((error as Error)?.message ?? String(error)).trim());
	const status = Number((error as { httpCode?: unknown })?.httpCode);
	const hint =
		error instanceof NodeApiError && Number.isInteger(status) && status > 0
			? (AGENT_HINTS[status] ??
				(status >= 500
					? 'Fitbit Plus could not answer just now: try again later.'
					: isRedirect(status)
						? "Do not retry: tell the user to check the 'Base URL' of the Fitbit Plus credential."
						: ''))
			: ((error as { description?: unknown })?.description ?? '');
	const text =
		typeof hint !== 'string' || hint === '' || message.includes(hint)
			? message
			: `${message.replace(/[.:]$/, '')}. ${hint}`;
	return withoutNetworkCodeLookalikes(text);
}

/**
 * The error a tool call throws: a NodeOperationError holding `toolErrorMessage()`. n8n's tool wrapper re-wraps
 * what a tool throws in a new NodeOperationError (unless it is one from the same n8n-workflow copy), and that
 * swaps a message containing a network code for n8n's wording ("ResourceNotFound" contains ENOTFOUND: "The
 * connection cannot be established…"); the message has none. No description: it would only be appended again
 * as "Details".
 */
export function toToolError(node: INode, error: unknown): NodeOperationError {
	const message = toolErrorMessage(error);
	const itemIndex = (error as NodeApiError)?.context?.itemIndex as number | undefined;
	const toolError = new NodeOperationError(node, message, { itemIndex });
	// The constructor applies the same swap to a message given as text; ours says what happened.
	setMessage(toolError, message);
	toolError.description = undefined;
	return toolError;
}
