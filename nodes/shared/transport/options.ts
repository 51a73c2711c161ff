import type { INodeProperties } from 'n8n-workflow';

import { REQUEST_OPTIONS_PARAMETER } from './index';

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
