import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';

export const CREDENTIAL_TYPE = 'fitbitPlusApi';

export type FitbitPlusContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** Renew the token this long before the API would refuse it, so a request in flight does not meet a dead one. */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;

export interface ResolvedCredentials {
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

export async function resolveCredentials(this: FitbitPlusContext): Promise<ResolvedCredentials> {
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
