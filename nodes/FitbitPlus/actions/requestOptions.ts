/**
 * The action node's "Request Options": declared and read here, on the node's floor, once per run, and handed to
 * the run's API session as its settings (transport reads no node parameters).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ofTheRun } from '../../shared/transport/errors';

import type { SessionSettings } from '../../shared/transport';
import { DEFAULT_CONCURRENCY, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../shared/transport';

const REQUEST_OPTIONS_PARAMETER = 'requestOptions';
const MAX_CONCURRENCY = 500;

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
				'The longest wait before one retry, whatever a rate limit (429) Retry-After asks for; the backoff after 5xx answers and timeouts (doubling from half a second) stops growing here too',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description:
				'How often a request is repeated after a rate limit (429), a 500, 502, 503 or 504 answer, or a timeout. Gets, updates and deletes are repeated; creates only after a 429, so nothing is created twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'Milliseconds to wait for an answer before the request counts as timed out',
		},
	],
};

/** A number the user set under Request Options, checked; undefined when not set. */
function optionNumber(
	this: IExecuteFunctions,
	options: IDataObject,
	name: string,
	label: string,
	range: { min: number; max?: number; whole: boolean },
): number | undefined {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = Number(raw);
	const { min, max, whole } = range;
	if (
		!Number.isFinite(value) ||
		value < min ||
		(max !== undefined && value > max) ||
		(whole && !Number.isInteger(value))
	) {
		// Request Options hold for the whole run: the error names no item.
		throw ofTheRun(
			new NodeOperationError(
				this.getNode(),
				`'${label}' under 'Request Options' must be a ${whole ? 'whole ' : ''}number of ${min} or more${max !== undefined ? ` and ${max} or less` : ''}`,
				{
					itemIndex: 0,
					description: `Set '${label}' under 'Request Options' to such a number, or remove it to use the default.`,
				},
			),
		);
	}
	return value;
}

/**
 * The run's session settings from Request Options (read once, for the first item: they hold for the whole run),
 * checked before any request. Without the option, a request still has the 30 s deadline.
 */
export function requestSettings(this: IExecuteFunctions): SessionSettings {
	const raw = this.getNodeParameter(REQUEST_OPTIONS_PARAMETER, 0, {});
	const options = raw !== null && typeof raw === 'object' ? (raw as IDataObject) : {};
	const maxRetries =
		optionNumber.call(this, options, 'retries', 'Retries', { min: 0, whole: true }) ??
		DEFAULT_RETRY.maxRetries;
	const maxWaitSeconds =
		optionNumber.call(this, options, 'maxRetryWait', 'Max Retry Wait (Seconds)', {
			min: 0,
			whole: false,
		}) ?? DEFAULT_RETRY.maxWaitSeconds;
	const timeoutMs =
		optionNumber.call(this, options, 'timeout', 'Timeout', { min: 1, whole: true }) ??
		DEFAULT_TIMEOUT_MS;
	const concurrency =
		optionNumber.call(this, options, 'concurrency', 'Concurrency', {
			min: 1,
			max: MAX_CONCURRENCY,
			whole: true,
		}) ?? DEFAULT_CONCURRENCY;
	return { retry: { ...DEFAULT_RETRY, maxRetries, maxWaitSeconds }, timeoutMs, concurrency };
}
