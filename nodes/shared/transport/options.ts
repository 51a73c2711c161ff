import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import type { RetryOptions } from './retry';
import { DEFAULT_RETRY } from './retry';

/** The Fitbit Plus node's "Request Options" collection (see FitbitPlus.node.ts). */
export const REQUEST_OPTIONS_PARAMETER = 'requestOptions';

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
	retry?: Partial<RetryOptions>;
	/** Milliseconds before a request counts as timed out. */
	timeout?: number;
}

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

/**
 * Retries, Max Retry Wait and Timeout as the user set them under the action node's Request Options (read for the
 * item the request serves); explicit `options` of the caller win. Other contexts (trigger, dropdowns) pass theirs.
 */
export function nodeRequestOptions(
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
