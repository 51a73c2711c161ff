import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import type { Expectation } from './documents';
import type { RetryOptions } from './retry';
import { DEFAULT_RETRY } from './retry';
import { runParameter } from './parameters';

/** The Fitbit Plus node's "Request Options" collection (see FitbitPlus.node.ts). */
export const REQUEST_OPTIONS_PARAMETER = 'requestOptions';

/**
 * Input items in flight at once by default. Measured (Get Patient, 300 items, the API answering in 25 ms, bench/
 * cpuProbe.ts): 16, 32, 64, 100 give 338, 515, 686, 778 items/s at the same or less CPU per item; without latency
 * all levels are alike. The lanes narrow when the API refuses (LaneLimit), so a high default costs a rate-limited
 * API one refused burst, not a failed run.
 */
export const DEFAULT_CONCURRENCY = 100;
const MAX_CONCURRENCY = 500;

/**
 * The action node's "Request Options": how long to wait for Fitbit Plus and how often to try again. Read by
 * `apiRequest` for the item each request serves.
 */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: REQUEST_OPTIONS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How long to wait for Fitbit Plus and how often to try again',
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description:
				'The most input items sent to Fitbit Plus at once (Get, Update, Delete, and creates that are not batched). 1 sends one item after the other. The output keeps the input order. A rate limit (429) pauses them all, and each request refused as one too many sends one fewer at once for the rest of the run.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 60,
			description:
				'The longest wait before one retry, whatever a rate limit (429) Retry-After asks for; the backoff after server errors and timeouts (doubling from half a second) stops growing here too',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description:
				'How often a request is repeated after a rate limit (429), a server error (500, 502, 503, 504) or a timeout. Gets, updates and deletes are repeated; creates only after a 429, so nothing is created twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'Milliseconds to wait for an answer before the request counts as timed out',
		},
	],
};

export interface ApiRequestOptions {
	/** The input item this request serves, for error messages. */
	itemIndex?: number;
	/** What a success answer must hold (documents.ts): refused, never passed on as fewer records, otherwise. */
	expect?: Expectation;
	retry?: Partial<RetryOptions>;
	/** Milliseconds before a request counts as timed out. */
	timeout?: number;
}

/** The node's Request Options per context and item: a Return All reads them once, not once per page. */
const requestOptionsCache = new WeakMap<object, Map<number, IDataObject>>();

/** What `nodeRequestOptions` made of each item's options (only valid ones are kept). */
const checkedOptions = new WeakMap<IDataObject, { retry: RetryOptions; timeout?: number }>();

/** Contexts without the node's Request Options (trigger, dropdowns): one shared empty set. */
const NO_NODE_OPTIONS: IDataObject = {};

function nodeRequestOptionsOf(this: FitbitPlusContext, itemIndex: number): IDataObject {
	if (!('getInputData' in this)) return NO_NODE_OPTIONS;
	let perItem = requestOptionsCache.get(this);
	if (!perItem) requestOptionsCache.set(this, (perItem = new Map()));
	let value = perItem.get(itemIndex);
	if (value === undefined) {
		const raw = runParameter.call(
			this as IExecuteFunctions,
			REQUEST_OPTIONS_PARAMETER,
			itemIndex,
			{},
		);
		value = raw !== null && typeof raw === 'object' ? (raw as IDataObject) : {};
		perItem.set(itemIndex, value);
	}
	return value;
}

/** A number the user set under Request Options, checked; undefined when not set. */
function optionNumber(
	this: FitbitPlusContext,
	fromNode: IDataObject,
	name: string,
	label: string,
	range: { min: number; max?: number; whole: boolean },
	itemIndex?: number,
): number | undefined {
	const raw = fromNode[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = Number(raw);
	const { min, max, whole } = range;
	if (
		!Number.isFinite(value) ||
		value < min ||
		(max !== undefined && value > max) ||
		(whole && !Number.isInteger(value))
	) {
		throw new NodeOperationError(
			this.getNode(),
			`Request Options: ${label} must be a ${whole ? 'whole ' : ''}number of ${min} or more${max !== undefined ? ` and ${max} or less` : ''}`,
			{
				itemIndex,
				description: `Fix ${label} under Request Options, or remove it to use the default.`,
			},
		);
	}
	return value;
}

/**
 * Retries, Max Retry Wait and Timeout as the user set them under the action node's Request Options (read for the
 * item the request serves); explicit `options` of the caller win. Other contexts (trigger, dropdowns) pass theirs.
 */
export function nodeRequestOptions(
	this: FitbitPlusContext,
	options: ApiRequestOptions,
): { retry: RetryOptions; timeout?: number } {
	const { itemIndex } = options;
	const fromNode = nodeRequestOptionsOf.call(this, itemIndex ?? 0);
	// The same options for every page of a Return All: checked once.
	const plain = options.retry === undefined && options.timeout === undefined;
	const known = plain ? checkedOptions.get(fromNode) : undefined;
	if (known) return known;
	const retry: RetryOptions = { ...DEFAULT_RETRY };
	const maxRetries = optionNumber.call(
		this,
		fromNode,
		'retries',
		'Retries',
		{ min: 0, whole: true },
		itemIndex,
	);
	if (maxRetries !== undefined) retry.maxRetries = maxRetries;
	const maxWaitSeconds = optionNumber.call(
		this,
		fromNode,
		'maxRetryWait',
		'Max Retry Wait (Seconds)',
		{ min: 0, whole: false },
		itemIndex,
	);
	if (maxWaitSeconds !== undefined) retry.maxWaitSeconds = maxWaitSeconds;
	const checked = {
		retry: { ...retry, ...options.retry },
		timeout:
			options.timeout ??
			optionNumber.call(this, fromNode, 'timeout', 'Timeout', { min: 1, whole: true }, itemIndex),
	};
	if (plain) checkedOptions.set(fromNode, checked);
	return checked;
}

/** Concurrency under Request Options (one value for the whole run, read from the first item), checked. */
export function requestConcurrency(this: IExecuteFunctions): number {
	return (
		optionNumber.call(
			this,
			nodeRequestOptionsOf.call(this, 0),
			'concurrency',
			'Concurrency',
			{ min: 1, max: MAX_CONCURRENCY, whole: true },
			0,
		) ?? DEFAULT_CONCURRENCY
	);
}
