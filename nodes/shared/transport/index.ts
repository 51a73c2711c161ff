/**
 * The HTTP transport of both nodes and the credential's helpers: one entry, so importers need not know the
 * files behind it (the session, credentials, paths, retry, paging, concurrency).
 */
export { JSON_API_MEDIA_TYPE } from './errors';
export type { FitbitPlusContext } from './credentials';
export { CREDENTIAL_TYPE } from './credentials';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY } from './retry';
export { resourcePath } from './paths';
export type { RequestOptions, SessionSettings } from './session';
export { ApiSession, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS } from './session';
export type { AllItems, PageOptions } from './paging';
export { MAX_PAGE_SIZE } from './paging';
