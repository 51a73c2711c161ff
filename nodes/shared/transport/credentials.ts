import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
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
	/**
	 * Handed to n8n's request helper with every request, so that n8n does not read the credential again each time
	 * (on a server: a database read and a decryption per request). n8n writes a renewed token into its data.
	 */
	credential: ICredentialsDecrypted;
	/** Set when this request renews the token: call it once the request is over, to let the others go on. */
	renewed?: () => void;
}

interface ContextCredential {
	baseUrl: string;
	credential: ICredentialsDecrypted;
	/** While one request renews the token, the others of the context wait for it rather than renew too. */
	renewing?: Promise<void>;
}

/** What one execution context has read of its credential: read once per context, not once per request. */
const credentialCache = new WeakMap<object, Promise<ContextCredential>>();

async function readCredential(this: FitbitPlusContext): Promise<ContextCredential> {
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const checked = checkBaseUrl(data.baseUrl, data.allowHttp);
	if (checked.problem !== undefined) throw new NodeOperationError(this.getNode(), checked.problem);
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: checked.url,
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			// A copy: the token is cleared in it to make n8n renew it.
			data: { ...data },
		},
	};
}

/** No token yet, or one that runs out within the margin. */
function needsToken(data: ICredentialDataDecryptedObject): boolean {
	if (data.accessToken === '' || data.accessToken === undefined) return true;
	const expiresAt = Date.parse(String(data.accessTokenExpiresAt ?? ''));
	return Number.isFinite(expiresAt) && expiresAt - TOKEN_EXPIRY_MARGIN_MS <= Date.now();
}

export async function resolveCredentials(this: FitbitPlusContext): Promise<ResolvedCredentials> {
	let reading = credentialCache.get(this);
	if (!reading) {
		// Kept as a promise: the lanes of a concurrent run ask at once, and one read serves them all.
		reading = readCredential.call(this);
		credentialCache.set(this, reading);
		reading.catch(() => credentialCache.delete(this));
	}
	const cached = await reading;
	while (cached.renewing) await cached.renewing;
	const { baseUrl, credential } = cached;
	const data = credential.data!;
	if (!needsToken(data)) return { baseUrl, credential };
	// n8n's preAuthentication exchanges a token when the stored one is empty, and writes the new one into `data`.
	data.accessToken = '';
	let renewed!: () => void;
	cached.renewing = new Promise<void>((resolve) => {
		renewed = () => {
			cached.renewing = undefined;
			resolve();
		};
	});
	return { baseUrl, credential, renewed };
}
