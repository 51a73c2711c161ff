import type { IHttpRequestMethods } from 'n8n-workflow';

export interface RetryOptions {
	/** Retries after a 429, a 5xx or a timeout (only for idempotent methods but 429). */
	maxRetries: number;
	/** The longest wait, in seconds, for one retry, whatever Retry-After asks for. */
	maxWaitSeconds: number;
	/** First backoff for 5xx and timeouts, doubled each retry. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, maxWaitSeconds: 60, baseDelayMs: 500 };

export const IDEMPOTENT_METHODS = new Set<IHttpRequestMethods>([
	'GET',
	'HEAD',
	'PUT',
	'PATCH',
	'DELETE',
]);
const RETRIABLE_STATUSES = new Set([500, 502, 503, 504]);
const RETRIABLE_NETWORK_CODES = new Set([
	'ETIMEDOUT',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
]);

/** The wait a Retry-After header asks for (seconds, or an HTTP date), in ms; undefined if none or unreadable. */
function retryAfterMs(retryAfter: string | undefined): number | undefined {
	if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const at = Date.parse(retryAfter);
	return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** How long to wait before trying a failed request again, or undefined when it must not be repeated. */
export function retryDelayMs(
	method: IHttpRequestMethods,
	status: number | undefined,
	networkCode: string | undefined,
	retryAfter: string | undefined,
	attempt: number,
	retry: RetryOptions,
): number | undefined {
	if (attempt >= retry.maxRetries) return undefined;
	const cap = retry.maxWaitSeconds * 1000;
	const asked = retryAfterMs(retryAfter);
	const wait = Math.min(asked ?? retry.baseDelayMs * 2 ** attempt, cap);
	if (status === 429) return wait;
	// A POST that may have reached the server is never repeated: it could create a second patient or reward.
	if (!IDEMPOTENT_METHODS.has(method)) return undefined;
	if (
		(status !== undefined && RETRIABLE_STATUSES.has(status)) ||
		(networkCode && RETRIABLE_NETWORK_CODES.has(networkCode))
	) {
		return wait;
	}
	return undefined;
}
