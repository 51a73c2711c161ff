/**
 * The HTTP transport of both nodes and the credential's helpers: one entry, so importers need not know the
 * files behind it (credentials, paths, request and retry, paging, concurrency).
 */
export { JSON_API_MEDIA_TYPE } from './errors';
export type { FitbitPlusContext } from './credentials';
export { CREDENTIAL_TYPE } from './credentials';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY } from './retry';
export type { ApiRequestOptions } from './options';
export { REQUEST_OPTIONS_PARAMETER } from './options';
export { resourcePath } from './paths';
export { apiRequest } from './request';
export type { AllItems, PageOptions } from './paging';
export { MAX_PAGE_SIZE, apiRequestAllItems, apiRequestAllMapped, paginate } from './paging';
