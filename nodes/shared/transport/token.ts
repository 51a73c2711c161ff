import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import {
	JSON_API_MEDIA_TYPE,
	TIMEOUT_CODES,
	errorSummary,
	isRedirect,
	redirectProblem,
	responseOf,
} from './errors';

/** What a token request carries that must never reach another host. */
const TOKEN_REQUEST_SECRET = 'the client secret (or refresh token)';

/**
 * The credential test's rules for a redirect of its own token request: n8n's rules see the status only, so
 * each redirect status gets its message (without the target).
 */
export const TOKEN_REDIRECT_RULES = [301, 302, 303, 307, 308].map((status) => {
	const { message, description } = redirectProblem(status, TOKEN_REQUEST_SECRET);
	return {
		type: 'responseCode' as const,
		properties: { value: status, message: `${message}. ${description}` },
	};
});

/** What preAuthentication stores in the credential: n8n keeps it until the token runs out or is refused. */
export interface StoredToken extends IDataObject {
	accessToken: string;
	accessTokenExpiresAt: string;
	accessTokenId: string;
	/** The organization the token belongs to, as the token answer names it ('' when it does not). */
	accessTokenOrganizationId: string;
	/** The refresh token of the last exchange ('' when the API gave none): renews without the client secret. */
	refreshToken: string;
	/** The Base URL and Client ID the refresh token was issued for: it is never sent anywhere else. */
	refreshTokenFor: string;
}

type TokenGrant =
	| { grant_type: 'client_credentials'; client_id: unknown; client_secret: unknown }
	| { grant_type: 'refresh_token'; client_id: unknown; refresh_token: string };

/** The token request waits this long for its whole answer (it has no Timeout of its own to set). */
const TOKEN_TIMEOUT_MS = 30_000;

/** Where the token is requested, under the Base URL. */
export const TOKEN_PATH = '/oauth/token';

/**
 * The token request, written once: the exchange (`exchangeToken`) and the credential's test send exactly this.
 * A JSON:API document (the API answers 403 to any content type but JSON:API and plain JSON); redirects are not
 * followed, as n8n would follow a 307 or 308 with the body (the secret), even to another host.
 */
export function tokenRequest(grant: TokenGrant) {
	return {
		method: 'POST' as const,
		headers: { 'Content-Type': JSON_API_MEDIA_TYPE, Accept: JSON_API_MEDIA_TYPE },
		body: { data: { type: 'token', attributes: grant } },
		json: true,
		disableFollowRedirect: true,
		timeout: TOKEN_TIMEOUT_MS,
	};
}

/** Who a refresh token belongs to: the API (Base URL) and the client it was issued to. */
function refreshTokenOwner(baseUrl: string, clientId: unknown): string {
	return `${baseUrl} ${String(clientId ?? '')}`;
}

/**
 * A new access token for the credential (n8n's preAuthentication). With a refresh token from an earlier exchange
 * with the same Base URL and Client ID, the `refresh_token` grant, which does not send the client secret; when
 * there is none, or the API refuses it (run out, revoked), the `client_credentials` grant. Both are sent as
 * JSON:API documents (the API answers 403 to any content type but JSON:API and plain JSON). Errors never carry
 * the request: it holds the secret or the refresh token.
 */
export async function exchangeToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<StoredToken> {
	const checked = checkBaseUrl(credentials.baseUrl, credentials.allowHttp);
	if (checked.problem !== undefined) throw credentialError(checked.problem);
	const baseUrl = checked.url;
	const owner = refreshTokenOwner(baseUrl, credentials.clientId);
	// One deadline for the exchange (the refresh grant, then the client credentials if it is refused).
	const deadline = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
	const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
	if (refreshToken !== '' && credentials.refreshTokenFor === owner) {
		try {
			const response = await requestToken.call(this, baseUrl, deadline, {
				grant_type: 'refresh_token',
				client_id: credentials.clientId,
				refresh_token: refreshToken,
			});
			return storedToken(response, owner, refreshToken);
		} catch (error) {
			// Refused (4xx): the refresh token is spent; the client credentials decide. Anything else (an outage, a
			// redirect) the client credentials would meet too.
			const { status } = errorSummary(responseOf(error));
			if (status === undefined || status < 400 || status >= 500)
				throw tokenRequestError(error, baseUrl, deadline);
		}
	}
	let response: unknown;
	try {
		response = await requestToken.call(this, baseUrl, deadline, {
			grant_type: 'client_credentials',
			client_id: credentials.clientId,
			client_secret: credentials.clientSecret,
		});
	} catch (error) {
		throw tokenRequestError(error, baseUrl, deadline);
	}
	return storedToken(response, owner, '');
}

async function requestToken(
	this: IHttpRequestHelper,
	baseUrl: string,
	deadline: AbortSignal,
	grant: TokenGrant,
): Promise<unknown> {
	return await this.helpers.httpRequest({
		...tokenRequest(grant),
		url: `${baseUrl}${TOKEN_PATH}`,
		// The whole answer within the deadline: axios' `timeout` alone only spots silence.
		abortSignal: deadline,
	});
}

function tokenRequestError(error: unknown, baseUrl: string, deadline: AbortSignal): Error {
	const response = responseOf(error);
	if (
		deadline.aborted ||
		response.networkCode === 'ERR_CANCELED' ||
		TIMEOUT_CODES.has(response.networkCode ?? '')
	) {
		// The Base URL was checked before the request: it parses.
		const origin = new URL(baseUrl).origin;
		const limit = deadline.aborted
			? `no complete answer within ${TOKEN_TIMEOUT_MS / 1000} s`
			: "the request's Timeout ran out";
		return credentialError(
			`Fitbit Plus did not answer the token request to ${origin} in time (${limit}). Check the credential's 'Base URL' and that Fitbit Plus is reachable, then try again.`,
		);
	}
	const { status, summary } = errorSummary(response);
	if (isRedirect(status)) {
		const { message, description } = redirectProblem(
			status,
			TOKEN_REQUEST_SECRET,
			response.headers.location ?? '',
		);
		return credentialError(`${message}. ${description}`);
	}
	if (status === 401 || status === 403) {
		return credentialError(
			`Fitbit Plus refused the token request: invalid client credentials (${summary}). Check the 'Client ID' and 'Client Secret' of the "Fitbit Plus API" credential.`,
		);
	}
	return credentialError(
		`Fitbit Plus gave no token: ${summary}. Check the credential's 'Base URL'.`,
	);
}

/** The token answer as the credential stores it; a refresh answer without a new refresh token keeps the old one. */
function storedToken(response: unknown, owner: string, previousRefreshToken: string): StoredToken {
	const document = (typeof response === 'string' ? safeParse(response) : response) as IDataObject;
	const data = document?.data as IDataObject | undefined;
	const attributes = data?.attributes as IDataObject | undefined;
	const accessToken = attributes?.access_token;
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw credentialError(
			"Fitbit Plus answered the token request without an access token. Check that the 'Base URL' points at the Fitbit Plus API (ending in /pub).",
		);
	}
	const expiresIn = Number(attributes?.expires_in);
	const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3600 * 1000;
	const refreshToken =
		typeof attributes?.refresh_token === 'string' && attributes.refresh_token !== ''
			? attributes.refresh_token
			: previousRefreshToken;
	return {
		accessToken,
		accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
		accessTokenId: typeof data?.id === 'string' ? data.id : '',
		accessTokenOrganizationId: organizationOf(data),
		refreshToken,
		refreshTokenFor: refreshToken === '' ? '' : owner,
	};
}

/** The id in the token's `organization` relationship ('' when there is none). */
function organizationOf(token: IDataObject | undefined): string {
	const relationships = token?.relationships as IDataObject | undefined;
	const organization = (relationships?.organization as IDataObject | undefined)?.data as
		IDataObject | undefined;
	return typeof organization?.id === 'string' ? organization.id : '';
}

/**
 * preAuthentication runs without a node, so it cannot build a NodeApiError; n8n wraps what it throws into one
 * for the node that made the request. The message is ours alone: the request (with the secret) stays out.
 */
function credentialError(message: string): Error {
	return new UserError(message);
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
